import type { DuplicatePair, DuplicateSide, memberDuplicatesContract } from '../../shared/contract/member-duplicates';
import { AppError, validationError } from '../../shared/errors';
import { nameKey } from '../../shared/import/duplicates';
import { maskPhone } from '../../shared/phone';
import type { Role } from '../../shared/roles';
import type { DB } from '../../db/connection';
import { duplicateQueries, type TwinRow } from '../../db/queries/members/duplicates';
import { memberQueries } from '../../db/queries/members/members';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { requireKind } from '../hq/chain';
import { tierNames } from './list';

// 可能重复的会员 (docs/members.md "Possible duplicates"): the whole store's members who may be one
// person registered twice, by the import's rule (shared/import/duplicates.ts). Only the same name
// and birthday can happen here: a store's phones and card numbers are unique in the table.

const byRegistration = (a: TwinRow, b: TwinRow) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id);

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** This branch's mergeable members in groups of two or more sharing a birthday and a nameKey, each in registration order. */
function twinGroups(db: DB, branchId: string): TwinRow[][] {
  const q = duplicateQueries(db);
  const rows = q.twins();
  // The index's key is nameKey only for the usual characters (db/migrations/0017): a name with
  // others is compared by nameKey itself, with everyone born the same day.
  for (const birthday of q.unusualBirthdays()) rows.push(...q.bornOn(birthday));
  const groups = new Map<string, Map<string, TwinRow>>();
  for (const row of rows) {
    // Only the branch's own members can be merged here (members.merge).
    if (row.branch_id !== branchId) continue;
    const key = `${row.birthday}|${nameKey(row.name)}`;
    const group = groups.get(key) ?? new Map<string, TwinRow>();
    groups.set(key, group.set(row.id, row));
  }
  return [...groups.values()].filter((g) => g.size > 1).map((g) => [...g.values()].sort(byRegistration));
}

/**
 * A group's pairs: each later member with the earliest one before it not dismissed beside it, so
 * a person registered three times shows twice (as the import pairs a file's rows), and a pair
 * said to be two people gives way to the next candidate.
 */
function pairsOf(group: TwinRow[], dismissed: Set<string>): Array<[TwinRow, TwinRow]> {
  const pairs: Array<[TwinRow, TwinRow]> = [];
  group.forEach((later, i) => {
    const earlier = group.slice(0, i).find((e) => !dismissed.has(pairKey(e.id, later.id)));
    if (earlier) pairs.push([earlier, later]);
  });
  return pairs;
}

/** Every pair to show, the groups with the newest registration first (an import's duplicates lead). */
function allPairs(db: DB, branchId: string): Array<[TwinRow, TwinRow]> {
  const dismissed = new Set(
    duplicateQueries(db)
      .dismissals()
      .map(([a, b]) => pairKey(a, b)),
  );
  const groups = twinGroups(db, branchId);
  const newest = (g: TwinRow[]) => g[g.length - 1];
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
