import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import { MERGEABLE, NAME_TWIN_KEY, UNUSUAL_NAME } from '../../migrations/0017-member-duplicates';

// 可能重复的会员 (docs/members.md "Possible duplicates"), read from migration 0017's indexes.

/** A member who may have a twin, as an index gives them. */
export interface TwinName {
  rid: number;
  name: string;
  birthday: string;
}

/** Who a twin is and when they registered. */
export interface TwinRegistration {
  id: string;
  branch_id: string;
  created_at: string;
}

export type TwinRow = TwinName & TwinRegistration;

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
  const registered = 'name, birthday, id, branch_id, created_at';
  // One pass over members_name_twins, grouped as the index is ordered; only the groups' members
  // are then read from the table.
  const twins = db.prepare(`WITH twin_groups AS (
      SELECT group_concat(rowid) AS rids FROM members WHERE ${MERGEABLE} GROUP BY birthday, ${NAME_TWIN_KEY} HAVING count(*) > 1
    )
    SELECT rowid AS rid, ${registered} FROM members WHERE rowid IN (SELECT j.value FROM twin_groups g, json_each('[' || g.rids || ']') j)`);
  const unusual = db.prepare(`SELECT rowid AS rid, name, birthday FROM members WHERE ${MERGEABLE} AND ${UNUSUAL_NAME}`);
  const keyedOn = db.prepare(
    `SELECT rowid AS rid, ${registered} FROM members WHERE birthday = ? AND ${NAME_TWIN_KEY} = ? AND ${MERGEABLE}`,
  );
  const registration = db.prepare('SELECT id, branch_id, created_at FROM members WHERE rowid = ?');
  const side = db.prepare(`SELECT id, card_no, name, phone, birthday, created_at, last_sale_at, points_balance, tier_id
    FROM members WHERE id = ?`);
  const dismissals = db.prepare('SELECT member_id, other_id FROM member_duplicate_dismissals');
  const dismiss = db.prepare(`INSERT OR IGNORE INTO member_duplicate_dismissals (member_id, other_id, dismissed_at, dismissed_by)
    VALUES (?, ?, ?, ?)`);

  return {
    /** The members of every group of two or more sharing a birthday and NAME_TWIN_KEY. */
    twins: () => twins.all() as TwinRow[],
    /** The members whose names NAME_TWIN_KEY is not exact for, from their own index alone. */
    unusual: () => unusual.all() as TwinName[],
    /** The members born on `birthday` whose NAME_TWIN_KEY is `key`: one seek in members_name_twins. */
    keyedOn: (birthday: string, key: string) => keyedOn.all(birthday, key) as TwinRow[],
    /** An unusual name's member, once they are in a group. */
    registration: (rid: number) => registration.get(rid) as TwinRegistration,
    side: (id: string) => side.get(id) as DuplicateSideRow | undefined,
    /** Every pair said not to be one person, the smaller id first. */
    dismissals: () => dismissals.raw().all() as Array<[string, string]>,
    /** Answers whether the pair was not dismissed before. */
    dismiss: (memberId: string, otherId: string, at: string, by: string) => dismiss.run(memberId, otherId, at, by).changes > 0,
  };
});
