import { EXPORT_TABLES, type ExportManifest } from '../../shared/contract/hq';
import type { DB } from '../../db/connection';
import { attachedFileQueries } from '../../db/queries/hq/file';
import { AUDIT_SECTION, auditTravelQueries, fillAuditSection, mergeAuditSection } from '../../db/queries/hq/audit-travel';
import { CONSENT_SECTION, NOTICE_SECTION } from '../../db/queries/hq/consent-travel';

// The branch's audit rows travel to HQ in its export file (docs/hq.md "The audit trail"), in a
// section of their own: the file's `audit_log` table and the manifest's `audit`. The branch sends
// its trail by row number, after what its last export of the epoch sent (everything in a full
// export); HQ keeps each row once per branch and audit id, so a file merged again, or files that
// overlap (a full export after incremental ones, a restored branch's), add nothing twice.

export type AuditRange = NonNullable<ExportManifest['audit']>;

/** What an export sends of the trail: after the base export's (none: from the start), up to the newest row now. */
export function auditRangeFor(db: DB, base: { seq: number } | null): Omit<AuditRange, 'rows'> {
  const q = auditTravelQueries(db);
  return { afterRowid: base ? q.sentTo() : 0, toRowid: q.lastRowid() };
}

/** Writes the section into the attached export file; answers the range with its row count. */
export function writeAuditSection(db: DB, range: Omit<AuditRange, 'rows'>): AuditRange {
  fillAuditSection(db, range.afterRowid, range.toRowid);
  return { ...range, rows: attachedFileQueries(db).rowCount(AUDIT_SECTION) };
}

/** Remembers how far the export numbered `seq` sent the trail. */
export function recordAuditSent(db: DB, seq: number, range: AuditRange): void {
  auditTravelQueries(db).recordSent(seq, range.toRowid);
}

/**
 * The file's tables the checksum covers, in order: the audit section after the others, then the
 * consent sections (services/hq/consent-travel.ts), each when the manifest declares it.
 */
export function hashedTables(manifest: Pick<ExportManifest, 'audit' | 'consents'>): readonly string[] {
  return [...EXPORT_TABLES, ...(manifest.audit ? [AUDIT_SECTION] : []), ...(manifest.consents ? [CONSENT_SECTION, NOTICE_SECTION] : [])];
}

/** At HQ, inside the file's merge: the audit rows HQ lacks, kept as the branch's. */
export function mergeAuditRows(db: DB, manifest: ExportManifest): number {
  return manifest.audit ? mergeAuditSection(db, manifest.branch.id) : 0;
}
