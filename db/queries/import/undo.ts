import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/**
 * What undoing an import deletes: the members it made (with the rows that are theirs alone: their
 * opening points, tags, search keys, the tasks the generator planned for them, the consents its
 * declaration gave them) and the sales it
 * wrote (with the points they earned). A member the counter has served or edited since the
 * import began (a sale, points, a saved profile, a task worked on, feedback, a merge), or a sale
 * refunded, whose points were spent, or whose points a merge carried to another member, is the store's now: `memberIsOnlyImported` and
 * `saleIsOnlyImported` say whether it is still the import's alone.
 */
export const importUndoQueries = perDatabase((db: DB) => {
  const onlyImported = db
    .prepare<{ id: string }, number>(
      `SELECT (SELECT version FROM members WHERE id = @id) = 1
        AND NOT EXISTS (SELECT 1 FROM purchases WHERE member_id = @id)
        AND NOT EXISTS (SELECT 1 FROM points_ledger WHERE member_id = @id AND NOT (kind = 'adjust' AND reason = 'import'))
        AND NOT EXISTS (SELECT 1 FROM followups WHERE member_id = @id AND (status <> 'planned' OR kind = 'manual' OR attempts > 0))
        AND NOT EXISTS (SELECT 1 FROM feedback WHERE member_id = @id)
        AND NOT EXISTS (SELECT 1 FROM member_consents WHERE member_id = @id AND channel <> 'import')
        AND NOT EXISTS (SELECT 1 FROM members WHERE merged_into = @id)
        AND NOT EXISTS (SELECT 1 FROM points_lots WHERE member_id = @id AND remaining < points)`,
    )
    .pluck();
  const deleteMember = [
    'DELETE FROM lot_consumptions WHERE lot_id IN (SELECT id FROM points_lots WHERE member_id = @id)',
    'DELETE FROM points_lots WHERE member_id = @id',
    'DELETE FROM points_ledger WHERE member_id = @id',
    'DELETE FROM member_tags WHERE member_id = @id',
    'DELETE FROM member_keys WHERE member_id = @id',
    'DELETE FROM followups WHERE member_id = @id',
    'DELETE FROM followup_recheck WHERE member_id = @id',
    // The consents the import's declaration gave them (the check above: no other).
    'DELETE FROM member_consents WHERE member_id = @id',
    // The report summaries may have counted them already; the undo has them built again.
    'DELETE FROM report_members WHERE member_id = @id',
    'DELETE FROM members WHERE id = @id',
  ].map((sql) => db.prepare<{ id: string }>(sql));
  const saleOnlyImported = db
    .prepare<{ id: string }, number>(
      `SELECT NOT EXISTS (SELECT 1 FROM purchases WHERE original_id = @id)
        AND NOT EXISTS (SELECT 1 FROM points_lots l JOIN points_ledger e ON e.id = l.ledger_id
                         WHERE e.purchase_id = @id AND l.remaining < l.points)
        AND NOT EXISTS (SELECT 1 FROM points_ledger e JOIN purchases p ON p.id = e.purchase_id
                         WHERE e.purchase_id = @id AND e.member_id <> p.member_id)`,
    )
    .pluck();
  const salePoints = db.prepare<[string], { member_id: string; points: number }>(
    'SELECT member_id, coalesce(sum(points), 0) AS points FROM points_ledger WHERE purchase_id = ? GROUP BY member_id',
  );
  const deleteSale = [
    'DELETE FROM lot_consumptions WHERE lot_id IN (SELECT l.id FROM points_lots l JOIN points_ledger e ON e.id = l.ledger_id WHERE e.purchase_id = @id)',
    'DELETE FROM points_lots WHERE ledger_id IN (SELECT id FROM points_ledger WHERE purchase_id = @id)',
    'DELETE FROM points_ledger WHERE purchase_id = @id',
    'DELETE FROM import_sale_keys WHERE purchase_id = @id',
    'DELETE FROM purchases WHERE id = @id',
  ].map((sql) => db.prepare<{ id: string }>(sql));
  const saleMember = db.prepare<[string], string>('SELECT member_id FROM purchases WHERE id = ?').pluck();
  const deleteConsent = db.prepare<[string]>("DELETE FROM member_consents WHERE id = ? AND channel = 'import'");
  const bumpBalance = db.prepare<[number, string]>('UPDATE members SET points_balance = points_balance + ? WHERE id = ?');
  const lastSale = db.prepare<[string]>(
    `UPDATE members SET last_sale_at = (
       SELECT max(s.occurred_at) FROM purchases s WHERE s.member_id = members.id AND s.kind = 'sale'
          AND NOT EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = s.id AND v.kind = 'void'))
     WHERE id = ?`,
  );
  return {
    memberIsOnlyImported: (id: string) => onlyImported.get({ id }) === 1,
    deleteMember(id: string) {
      for (const statement of deleteMember) statement.run({ id });
    },
    saleIsOnlyImported: (id: string) => saleOnlyImported.get({ id }) === 1,
    /** Deletes consent rows an import wrote for a member it updated, put back as they were. */
    deleteConsents(ids: readonly string[]) {
      for (const id of ids) deleteConsent.run(id);
    },
    /** Deletes a sale and the points it earned, taking them off the balance and the last sale of its member (now: a merge may have moved it). */
    deleteSale(id: string) {
      const memberId = saleMember.get(id);
      if (memberId === undefined) return;
      for (const p of salePoints.all(id)) bumpBalance.run(-p.points, p.member_id);
      for (const statement of deleteSale) statement.run({ id });
      lastSale.run(memberId);
    },
  };
});
