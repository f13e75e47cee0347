import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import { MERGEABLE, NAME_TWIN_KEY, UNUSUAL_NAME } from '../../migrations/0017-member-duplicates';

// 可能重复的会员 (docs/members.md "Possible duplicates"), read from migration 0017's indexes.

/** A member who may have a twin: what tells the pair apart and orders it. */
export interface TwinRow {
  id: string;
  branch_id: string;
  name: string;
  birthday: string;
  created_at: string;
}

/** One side of a pair as the page shows it. */
export interface DuplicateSideRow {
  id: string;
  card_no: string;
  name: string;
  phone: string;
  birthday: string | null;
  created_at: string;
  last_sale_at: string | null;
  points_balance: number;
  tier_id: string | null;
}

export const duplicateQueries = perDatabase((db: DB) => {
  const twinCols = 'id, branch_id, name, birthday, created_at';
  // One pass over members_name_twins, grouped as the index is ordered; only the groups' members
  // are then read from the table.
  const twins = db.prepare(`WITH twin_groups AS (
      SELECT group_concat(rowid) AS rids FROM members WHERE ${MERGEABLE} GROUP BY birthday, ${NAME_TWIN_KEY} HAVING count(*) > 1
    )
    SELECT ${twinCols} FROM members WHERE rowid IN (SELECT j.value FROM twin_groups g, json_each('[' || g.rids || ']') j)`);
  const unusualBirthdays = db.prepare(`SELECT DISTINCT birthday FROM members WHERE ${MERGEABLE} AND ${UNUSUAL_NAME}`).pluck();
  const bornOn = db.prepare(`SELECT ${twinCols} FROM members WHERE birthday = ? AND ${MERGEABLE}`);
  const side = db.prepare(`SELECT id, card_no, name, phone, birthday, created_at, last_sale_at, points_balance, tier_id
    FROM members WHERE id = ?`);
  const dismissals = db.prepare('SELECT member_id, other_id FROM member_duplicate_dismissals');
  const dismiss = db.prepare(`INSERT OR IGNORE INTO member_duplicate_dismissals (member_id, other_id, dismissed_at, dismissed_by)
    VALUES (?, ?, ?, ?)`);

  return {
    /** The members of every group of two or more sharing a birthday and NAME_TWIN_KEY. */
    twins: () => twins.all() as TwinRow[],
    /** The birthdays of the members whose names NAME_TWIN_KEY is not exact for. */
    unusualBirthdays: () => unusualBirthdays.all() as string[],
    /** The mergeable members born on `birthday`. */
    bornOn: (birthday: string) => bornOn.all(birthday) as TwinRow[],
    side: (id: string) => side.get(id) as DuplicateSideRow | undefined,
    /** Every pair said not to be one person, the smaller id first. */
    dismissals: () => dismissals.raw().all() as Array<[string, string]>,
    /** Answers whether the pair was not dismissed before. */
    dismiss: (memberId: string, otherId: string, at: string, by: string) => dismiss.run(memberId, otherId, at, by).changes > 0,
  };
});
