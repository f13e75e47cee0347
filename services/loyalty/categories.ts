import { categoriesContract, MAX_CATEGORIES } from '../../shared/contract/categories';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { categoryQueries } from '../../db/queries/loyalty/categories';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';

/**
 * A sale's category as the list spells it when the typed name differs only in letter case
 * ('shoes' for 'Shoes'), so the report does not split them; anything else as typed.
 */
export function listedCategory(db: DB, typed: string | undefined): string | null {
  if (typed === undefined) return null;
  return categoryQueries(db).spelling(typed) ?? typed;
}

export const categoriesHandlers = {
  'categories.list': (db) => ({ items: categoryQueries(db).names() }),

  'categories.save': (db, ctx, input) => {
    const q = categoryQueries(db);
    const before = q.all();
    // A name kept keeps when and by whom it was first listed.
    const first = new Map(before.map((r) => [r.name.toLowerCase(), r]));
    q.clear();
    input.items.forEach((name, position) => {
      const kept = first.get(name.toLowerCase());
      q.insert({ name, position, created_at: kept?.created_at ?? ctx.now, created_by: kept ? kept.created_by : callerOf(ctx).id });
    });
    writeAudit(ctx, { action: 'categories.save', entity: 'sale_categories', before: before.map((r) => r.name), after: input.items });
    return { items: q.names() };
  },

  'categories.add': (db, ctx, input) => {
    const q = categoryQueries(db);
    if (q.spelling(input.name) !== null) return { items: q.names(), added: false };
    const rows = q.all();
    if (rows.length >= MAX_CATEGORIES) {
      throw new AppError('CONFLICT', `The list holds at most ${MAX_CATEGORIES} categories`, {
        reason: 'category_list_full',
        max: MAX_CATEGORIES,
      });
    }
    const position = rows.reduce((max, r) => Math.max(max, r.position + 1), 0);
    q.insert({ name: input.name, position, created_at: ctx.now, created_by: callerOf(ctx).id });
    writeAudit(ctx, { action: 'categories.add', entity: 'sale_categories', after: { name: input.name } });
    return { items: q.names(), added: true };
  },
} satisfies DomainHandlers<typeof categoriesContract>;
