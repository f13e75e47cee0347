import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/**
 * The demo members 删除演示数据 may remove: those the demo load marked (migration 0025), less any
 * a merge joined to a member of the store's own (merged into one, or one merged into them): their
 * ledgers and lots are tied together, and the store's own member must keep theirs whole.
 */
const REMOVABLE = `SELECT d.member_id FROM demo_members d JOIN members m ON m.id = d.member_id
  WHERE (m.merged_into IS NULL OR m.merged_into IN (SELECT member_id FROM demo_members))
    AND NOT EXISTS (SELECT 1 FROM members r WHERE r.merged_into = d.member_id
                     AND r.id NOT IN (SELECT member_id FROM demo_members))`;

/** The members of a slice, as a JSON array bound to @ids. */
const IDS = '(SELECT value FROM json_each(@ids))';
const SALES = `(SELECT id FROM purchases WHERE member_id IN ${IDS})`;
const LEDGER = `(SELECT id FROM points_ledger WHERE member_id IN ${IDS})`;

export interface DemoCounts {
  /** demo members still in the store, removable or not */
  marked: number;
  members: number;
  sales: number;
  /** sales recorded at the counter on a demo member after the demo load (they go too) */
  counterSales: number;
  pointsEntries: number;
  followups: number;
  feedback: number;
  consents: number;
}

/**
 * 删除演示数据 (services/demo/removal.ts): counting what goes, and deleting a slice of demo
 * members with everything recorded on them, children before parents (foreign keys are on).
 * Audit rows are never deleted (their triggers refuse it): they stay, as the trail of what was.
 */
export const demoRemovalQueries = perDatabase((db: DB) => {
  const mark = db.prepare<[string]>('INSERT OR IGNORE INTO demo_members (member_id) VALUES (?)');
  const counts = db.prepare<[], DemoCounts>(
    `WITH removable AS (${REMOVABLE}),
          loaded AS (SELECT coalesce(max(at), '') AS at FROM audit_log WHERE action = 'demo.load')
     SELECT (SELECT count(*) FROM demo_members) AS marked,
            (SELECT count(*) FROM removable) AS members,
            (SELECT count(*) FROM purchases WHERE kind = 'sale' AND member_id IN removable) AS sales,
            (SELECT count(*) FROM purchases WHERE kind = 'sale' AND member_id IN removable
                AND created_at > (SELECT at FROM loaded)) AS counterSales,
            (SELECT count(*) FROM points_ledger WHERE member_id IN removable) AS pointsEntries,
            (SELECT count(*) FROM followups WHERE member_id IN removable) AS followups,
            (SELECT count(*) FROM feedback WHERE member_id IN removable) AS feedback,
            (SELECT count(*) FROM member_consents WHERE member_id IN removable) AS consents`,
  );
  const removable = db.prepare<[], number>(`SELECT count(*) FROM (${REMOVABLE})`).pluck();
  const next = db.prepare<[number], string>(`${REMOVABLE} ORDER BY d.member_id LIMIT ?`).pluck();
  const removeSlice = [
    `DELETE FROM lot_consumptions WHERE lot_id IN (SELECT id FROM points_lots WHERE member_id IN ${IDS}) OR ledger_id IN ${LEDGER}`,
    // A lot another demo member holds of these points (a merge between two demo members) goes with them.
    `DELETE FROM lot_consumptions WHERE lot_id IN (SELECT id FROM points_lots WHERE ledger_id IN ${LEDGER} OR expired_by IN ${LEDGER})`,
    `DELETE FROM points_lots WHERE member_id IN ${IDS} OR ledger_id IN ${LEDGER} OR expired_by IN ${LEDGER}`,
    `DELETE FROM followups WHERE member_id IN ${IDS} OR purchase_id IN ${SALES}
        OR feedback_id IN (SELECT id FROM feedback WHERE member_id IN ${IDS})`,
    `DELETE FROM points_ledger WHERE member_id IN ${IDS}`,
    `DELETE FROM import_sale_keys WHERE purchase_id IN ${SALES}`,
    // Refunds and voids first: they name the sale they take back.
    `DELETE FROM purchases WHERE member_id IN ${IDS} AND original_id IS NOT NULL`,
    `DELETE FROM purchases WHERE member_id IN ${IDS}`,
    `DELETE FROM feedback WHERE member_id IN ${IDS}`,
    `DELETE FROM member_consents WHERE member_id IN ${IDS}`,
    `DELETE FROM member_duplicate_dismissals WHERE member_id IN ${IDS} OR other_id IN ${IDS}`,
    `DELETE FROM member_tags WHERE member_id IN ${IDS}`,
    `DELETE FROM member_keys WHERE member_id IN ${IDS}`,
    `DELETE FROM followup_recheck WHERE member_id IN ${IDS}`,
    `DELETE FROM report_members WHERE member_id IN ${IDS}`,
    `DELETE FROM hq_conflicts WHERE member_id IN ${IDS}`,
    `DELETE FROM export_dirty WHERE tbl = 'members' AND id IN ${IDS}`,
    `DELETE FROM demo_members WHERE member_id IN ${IDS}`,
    // A demo card merged into one of these, left for a later slice.
    `UPDATE members SET merged_into = NULL WHERE merged_into IN ${IDS}`,
    `DELETE FROM members WHERE id IN ${IDS}`,
  ].map((sql) => db.prepare<{ ids: string }>(sql));
  return {
    /** Marks a member the demo load made (in the load's transaction). */
    mark: (memberId: string) => void mark.run(memberId),
    counts: () => counts.get()!,
    removable: () => removable.get() ?? 0,
    /** The next `limit` removable demo members, in id order. */
    next: (limit: number) => next.all(limit),
    /** Deletes these demo members and every row recorded on them. */
    remove(memberIds: string[]) {
      const ids = JSON.stringify(memberIds);
      for (const statement of removeSlice) statement.run({ ids });
    },
  };
});
