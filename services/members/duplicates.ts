import type { DuplicatePair, DuplicateSide, memberDuplicatesContract } from '../../shared/contract/member-duplicates';
import { AppError, validationError } from '../../shared/errors';
import { nameKey } from '../../shared/import/duplicates';
import { maskPhone } from '../../shared/phone';
import type { Role } from '../../shared/roles';
import type { DB } from '../../db/connection';
import { duplicateQueries, type TwinName, type TwinRow } from '../../db/queries/members/duplicates';
import { memberQueries } from '../../db/queries/members/members';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { requireKind } from '../hq/chain';
import { tierNames } from './list';

// 可能重复的会员 (docs/members.md "Possible duplicates"): the whole store's members who may be one
// person registered twice, by the import's rule (shared/import/duplicates.ts). Only the same name
// and birthday can happen here: a store's phones and card numbers are unique in the table.

/** A member of a group: who, and when they registered. */
interface Twin {
  id: string;
  createdAt: string;
}

const byRegistration = (a: Twin, b: Twin) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** This branch's mergeable members in groups of two or more sharing a birthday and a nameKey, each in registration order. */
function twinGroups(db: DB, branchId: string): Twin[][] {
  const q = duplicateQueries(db);
  const rows: Array<TwinName | TwinRow> = q.twins();
  // The index's key is nameKey only for the usual characters (db/migrations/0017). A name with
  // others is compared by its nameKey: with the usual names, which the index finds under it, and
  // with the other unusual names, here.
  for (const row of q.unusual()) rows.push(row, ...q.keyedOn(row.birthday, nameKey(row.name)));
  const groups = new Map<string, Map<number, TwinName | TwinRow>>();
  for (const row of rows) {
    const key = `${row.birthday}|${nameKey(row.name)}`;
    const group = groups.get(key) ?? new Map<number, TwinName | TwinRow>();
    groups.set(key, group.set(row.rid, row));
  }
  const registered = (group: Map<number, TwinName | TwinRow>): Twin[] =>
    [...group.values()]
      .flatMap((row) => {
        const who = 'id' in row ? row : q.registration(row.rid);
        // Only the branch's own members can be merged here (members.merge).
        return who.branch_id === branchId ? [{ id: who.id, createdAt: who.created_at }] : [];
      })
      .sort(byRegistration);
  return [...groups.values()]
    .filter((g) => g.size > 1)
    .map(registered)
    .filter((g) => g.length > 1);
}

/**
 * A group's pairs: each later member with the earliest one before it not dismissed beside it, so
 * a person registered three times shows twice (as the import pairs a file's rows), and a pair
 * said to be two people gives way to the next candidate.
 */
function pairsOf(group: Twin[], dismissed: Set<string>): Array<[Twin, Twin]> {
  const pairs: Array<[Twin, Twin]> = [];
  group.forEach((later, i) => {
    const earlier = group.slice(0, i).find((e) => !dismissed.has(pairKey(e.id, later.id)));
    if (earlier) pairs.push([earlier, later]);
  });
  return pairs;
}

/** Every pair to show, the groups with the newest registration first (an import's duplicates lead). */
function allPairs(db: DB, branchId: string): Array<[Twin, Twin]> {
  const dismissed = new Set(
    duplicateQueries(db)
      .dismissals()
      .map(([a, b]) => pairKey(a, b)),
  );
  const groups = twinGroups(db, branchId);
  const newest = (g: Twin[]) => g[g.length - 1];
  groups.sort((a, b) => -byRegistration(newest(a), newest(b)));
  return groups.flatMap((g) => pairsOf(g, dismissed));
}

export function possibleDuplicates(
  db: DB,
  role: Role,
  input: { offset: number; limit: number },
): { items: DuplicatePair[]; total: number } {
  const self = requireKind(db, 'branch');
  const pairs = allPairs(db, self.id);
  const tierName = tierNames(db);
  const side = (id: string): DuplicateSide => {
    const row = duplicateQueries(db).side(id);
    if (!row) throw new Error(`member ${id} of a duplicate pair is missing`);
    return {
      id: row.id,
      name: row.name,
      // as the member list shows phones (services/members/list.ts)
      phone: role === 'clerk' ? maskPhone(row.phone) : row.phone,
      cardNo: row.card_no,
      birthday: row.birthday,
      createdAt: row.created_at,
      lastSaleAt: row.last_sale_at,
      points: row.points_balance,
      tierName: tierName(row.tier_id),
    };
  };
  return {
    items: pairs
      .slice(input.offset, input.offset + input.limit)
      .map(([first, second]) => ({ basis: 'nameBirthday', first: side(first.id), second: side(second.id) })),
    total: pairs.length,
  };
}

export const memberDuplicatesHandlers = {
  'members.possibleDuplicates': (db, ctx, input) => possibleDuplicates(db, callerOf(ctx).role, input),

  'members.dismissDuplicate': (db, ctx, input) => {
    const self = requireKind(db, 'branch');
    if (input.memberId === input.otherId) throw validationError([{ field: 'otherId', rule: 'same_member' }]);
    for (const field of ['memberId', 'otherId'] as const) {
      const row = memberQueries(db).byId(input[field]);
      if (!row || row.branch_id !== self.id)
        throw new AppError('NOT_FOUND', 'No such member at this branch', { entity: 'member', id: input[field], field });
    }
    const [memberId, otherId] = [input.memberId, input.otherId].sort();
    const dismissed = duplicateQueries(db).dismiss(memberId, otherId, ctx.now, callerOf(ctx).id);
    if (dismissed)
      writeAudit(ctx, { action: 'members.dismissDuplicate', entity: 'member', entityId: memberId, after: { memberId, otherId } });
    return { dismissed };
  },
} satisfies DomainHandlers<typeof memberDuplicatesContract>;
