import type { DB } from '../../connection';
import { perDatabase, preparedText } from '../prepared';

// HQ's side of an erasure (services/hq/erasure.ts): a branch's member that arrives with
// erased_at is erased at HQ too, and so are the rows of that card any later file brings.

export const hqErasureQueries = perDatabase((db: DB) => {
  const cut = (sql: string) => db.prepare<[string]>(sql);
  const statements = [
    cut('DELETE FROM member_tags WHERE member_id = ?'),
    cut('DELETE FROM member_keys WHERE member_id = ?'),
    cut('UPDATE purchases SET note = NULL WHERE member_id = ? AND note IS NOT NULL'),
    cut(
      `UPDATE points_ledger SET reason = NULL, detail_json = CASE WHEN kind = 'merge' THEN NULL ELSE detail_json END
       WHERE member_id = ? AND (reason IS NOT NULL OR (kind = 'merge' AND detail_json IS NOT NULL))`,
    ),
    cut(
      `UPDATE feedback SET contact = NULL, description = '[已删除]', resolution = CASE WHEN resolution IS NULL THEN NULL ELSE '[已删除]' END
       WHERE member_id = ? AND (contact IS NOT NULL OR description <> '[已删除]' OR resolution <> '[已删除]')`,
    ),
    cut('UPDATE followups SET note = NULL, outcome = NULL WHERE member_id = ? AND (note IS NOT NULL OR outcome IS NOT NULL)'),
    // A conflict's value came from the erased card: the person's other cards keep their own.
    cut('DELETE FROM hq_conflicts WHERE member_id = ?'),
  ];
  const aboutRow = db.prepare<[string, string, string], { id: string; before_json: string | null; after_json: string | null }>(
    'SELECT id, before_json, after_json FROM branch_audit_log WHERE branch_id = ? AND entity = ? AND entity_id = ?',
  );
  const keptIds = {
    purchase: db.prepare<[string], string>('SELECT id FROM purchases WHERE member_id = ?').pluck(),
    feedback: db.prepare<[string], string>('SELECT id FROM feedback WHERE member_id = ?').pluck(),
    followup: db.prepare<[string], string>('SELECT id FROM followups WHERE member_id = ?').pluck(),
  };
  const redact = db.prepare<[string | null, string | null, string, string]>(
    'UPDATE branch_audit_log SET before_json = ?, after_json = ? WHERE branch_id = ? AND id = ?',
  );
  return {
    /** The branch's audit rows HQ keeps about an erased card and the rows kept for its books (its sales, complaints, callbacks). */
    travelledAudit: (branchId: string, memberId: string) => [
      ...aboutRow.all(branchId, 'member', memberId),
      ...Object.entries(keptIds).flatMap(([entity, ids]) => ids.all(memberId).flatMap((id) => aboutRow.all(branchId, entity, id))),
    ],
    /** Only before/after change: the triggers keep who, when and what (migration 0022). */
    redactTravelled: (branchId: string, id: string, before: string | null, after: string | null) => redact.run(before, after, branchId, id),
    /** The branch's erased cards the attached file `x` brings anything of: each must be cleared again. */
    erasedInFile: (branchId: string) =>
      preparedText(db)(
        `SELECT id FROM main.members WHERE branch_id = ? AND erased_at IS NOT NULL AND (
             id IN (SELECT id FROM x.members) OR id IN (SELECT member_id FROM x.member_tags)
             OR id IN (SELECT member_id FROM x.purchases) OR id IN (SELECT member_id FROM x.points_ledger)
             OR id IN (SELECT member_id FROM x.feedback) OR id IN (SELECT member_id FROM x.followups))`,
      )
        .pluck()
        .all(branchId) as string[],
    /** Clears what HQ holds of an erased card beyond its anonymised row; how many rows changed. */
    clearCard: (memberId: string) => statements.reduce((n, s) => n + s.run(memberId).changes, 0),
  };
});
