import type { DB } from '../../connection';
import { perDatabase, preparedText } from '../prepared';

// The audit rows in a branch's export (services/hq/audit-travel.ts): the file's `audit_log`
// section, written by the branch from its own trail by row number, and merged at HQ into
// branch_audit_log once per (branch, audit id).

/** The section's table in the file: the audit row's own columns, as the branch has them. */
export const AUDIT_SECTION = 'audit_log';

const COLUMNS = 'id, at, staff_id, action, entity, entity_id, before_json, after_json';

export const auditTravelQueries = perDatabase((db: DB) => {
  const lastRowid = db.prepare<[], number | null>('SELECT MAX(rowid) FROM audit_log').pluck();
  const sentTo = db.prepare<[], number | null>('SELECT audit_to_rowid FROM hq_exports ORDER BY seq DESC LIMIT 1').pluck();
  const recordSent = db.prepare<[number, number]>('UPDATE hq_exports SET audit_to_rowid = ? WHERE seq = ?');
  return {
    /** The newest audit row's row number (0: none). */
    lastRowid: () => lastRowid.get() ?? 0,
    /** How far the newest export sent the trail (0: none yet). */
    sentTo: () => sentTo.get() ?? 0,
    recordSent: (seq: number, toRowid: number) => recordSent.run(toRowid, seq),
  };
});

/** Writes the section into the attached file `x`: the audit rows after `afterRowid`, up to `toRowid`. */
export function fillAuditSection(db: DB, afterRowid: number, toRowid: number): void {
  preparedText(db)(`CREATE TABLE x.${AUDIT_SECTION} AS SELECT ${COLUMNS} FROM audit_log WHERE rowid > ? AND rowid <= ? ORDER BY rowid`).run(
    afterRowid,
    toRowid,
  );
}

/** At HQ: the file's audit rows HQ does not hold yet, as the branch's; answers how many were added. */
export function mergeAuditSection(db: DB, branchId: string): number {
  return preparedText(db)(
    `INSERT OR IGNORE INTO branch_audit_log (branch_id, ${COLUMNS}) SELECT ?, ${COLUMNS} FROM x.${AUDIT_SECTION} ORDER BY rowid`,
  ).run(branchId).changes;
}
