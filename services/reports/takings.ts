import { takingsContract, type StoreTakings } from '../../shared/contract/takings';
import { AppError, validationError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { takingsQueries, type TakingsView } from '../../db/queries/reports/takings';
import type { DomainHandlers } from '../core/handler-types';
import { callerOf } from '../core/context';
import { writeAudit } from '../core/audit';
import { requireSelfBranch, storeToday } from '../core/branch';

function takingsView(row: TakingsView): StoreTakings {
  return { date: row.date, totalFen: row.total_fen, note: row.note, updatedAt: row.updated_at, updatedByName: row.updated_by_name };
}

/**
 * The store's takings from `fromDate` to `toDate` (local dates, inclusive): the days that have a
 * figure, oldest first, and their sum in fen. A member share is members' net sales on exactly
 * these days over `totalFen`: days without a figure count on neither side.
 */
export function takingsBetween(db: DB, fromDate: string, toDate: string): { days: string[]; totalFen: number } {
  const rows = takingsQueries(db).figures(requireSelfBranch(db).id, fromDate, toDate);
  return { days: rows.map((r) => r.date), totalFen: rows.reduce((sum, r) => sum + r.total_fen, 0) };
}

export const takingsHandlers = {
  'takings.set': (db, ctx, input) => {
    const caller = callerOf(ctx);
    const branchId = requireSelfBranch(db).id;
    // Day close may run past midnight UTC but never past the store's own today.
    if (input.date > storeToday(db, ctx.now)) throw validationError([{ field: 'date', rule: 'in_the_future' }]);
    const q = takingsQueries(db);
    const before = q.get(branchId, input.date);
    const note = input.note ?? null;
    if (before && before.total_fen === input.amount && before.note === note) return takingsView(before);
    // A clerk enters the day once; correcting what is on record is the manager's call.
    if (before && caller.role === 'clerk') {
      throw new AppError('CONFLICT', 'This day already has its takings; a manager can change them', {
        reason: 'takings_exists',
        date: input.date,
      });
    }
    q.upsert({ branch_id: branchId, date: input.date, total_fen: input.amount, note, at: ctx.now, by: caller.id });
    writeAudit(ctx, {
      action: 'takings.set',
      entity: 'takings',
      entityId: input.date,
      before: before ? { totalFen: before.total_fen, note: before.note } : undefined,
      after: { totalFen: input.amount, note },
    });
    return takingsView(q.get(branchId, input.date)!);
  },
  'takings.get': (db, _ctx, input) => {
    const row = takingsQueries(db).get(requireSelfBranch(db).id, input.date);
    return { takings: row ? takingsView(row) : null };
  },
  'takings.list': (db, _ctx, input) => {
    const items = takingsQueries(db).between(requireSelfBranch(db).id, input.from, input.to).map(takingsView);
    return { items, totalFen: items.reduce((sum, t) => sum + t.totalFen, 0) };
  },
} satisfies DomainHandlers<typeof takingsContract>;
