import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORT_TABLES, type ExportManifest, type ExportRecord } from '../../shared/contract/hq';
import { AppError } from '../../shared/errors';
import { localDay } from '../../shared/local-date';
import { APP_VERSION } from '../../shared/version';
import { schemaVersion, type DB } from '../../db/connection';
import { applyKey } from '../../db/cipher';
import { exportQueries, fillFileTable, trackChanges, TRACKED, turnOffFileJournal, type Selection } from '../../db/queries/hq/export';
import { attachedFileQueries, writeManifest } from '../../db/queries/hq/file';
import { branchQueries } from '../../db/queries/core/branch';
import { chainCodeOf, exportKey, requireKind } from './chain';
import { contentHash } from './file';
import { timeZone } from '../core/branch';
import { auditRangeFor, recordAuditSent, writeAuditSection, type AuditRange } from './audit-travel';
import { recordConsentsSent, writeConsentSections, type ConsentSection } from './consent-travel';

// A branch's export (docs/hq.md "Export"): the exportable tables written into a new SQLite file
// with ATTACH and INSERT … SELECT, then hashed, then the manifest. Purchases and ledger rows are
// only ever added, so an incremental export takes them by row number after the last export's;
// profile rows (members, staff, follow-ups, feedback, takings) change in place, so triggers note
// each one changed since the last export in `export_dirty`.
//
// A branch restored from a backup has lost the exports it made after the backup, and HQ may
// hold them: its exports carry the restore's epoch (docs/hq.md "After a restore"), and an
// incremental one builds only on an export of the same epoch, so the first after a restore is full.
//
// A branch with the chain's export passphrase set writes the file encrypted with it (docs/hq.md
// "Encrypted export files"): keyed as it is attached, before its first page is written, so no
// page of it, the manifest's included, is ever on disk in clear. Without one the file is plain.

export interface ExportOptions {
  mode: 'full' | 'incremental';
  outPath: string;
  staffId: string | null;
  staffName: string;
  now: string;
  newId: () => string;
}

/** Named with the store's own date (the day the clerk sees on the page), not UTC's. */
export function exportFileName(code: string, seq: number, mode: 'full' | 'incremental', now: string, zone: string): string {
  return `BranchDesk-${code}-${String(seq).padStart(4, '0')}-${mode === 'full' ? 'full' : 'incr'}-${localDay(now, zone).date.replace(/-/g, '')}.bdx`;
}

/**
 * Writes the export at `outPath` (replacing any file there) and records it. The rows are copied
 * in one read transaction, so the file is one consistent moment of the store (WAL keeps that
 * moment for it) while the counter goes on writing: only the attached file is written to, and the
 * sales recorded meanwhile, after the moment's newest row, go in the next export.
 */
export function writeBranchExport(db: DB, opts: ExportOptions): { manifest: ExportManifest; fileName: string; path: string } {
  const self = requireKind(db, 'branch');
  const chainCode = chainCodeOf(db);
  if (!chainCode) throw new AppError('NOT_IN_CHAIN', 'Enter the chain code HQ gave this branch before the first export');
  const q = exportQueries(db);
  // Sales and ledger entries travel by row number. An import's undo deletes the rows it wrote, and
  // SQLite gives the next sale the number of a deleted last row: a file sent while an import's rows
  // were there would mark numbers past which the later sales are never sent. So none is written
  // while an import may still be taken back.
  const importing = q.unfinishedImport();
  if (importing !== null) {
    throw new AppError('CONFLICT', 'An import is in progress or failed half-way: finish or cancel it before exporting', {
      reason: 'import_running',
      importId: importing,
    });
  }
  db.transaction(() => trackChanges(db)).immediate();
  const attached = attachedFileQueries(db);
  const last = q.lastExport();
  const epoch = restoreEpoch(db);
  // The export an incremental one builds on (none: this one is full).
  const base = opts.mode === 'incremental' ? lastOfEpoch(db) : null;
  const mode = base ? 'incremental' : 'full';
  // An empty file would still be a link in the chain HQ must have before the next one (a missing
  // one refuses every later file), and a clerk who sees it empty would not send it.
  if (base && Object.values(pendingChanges(db)).every((n) => n === 0)) {
    throw new AppError('NOTHING_TO_EXPORT', 'Nothing has changed since the last export', { seq: base.seq });
  }
  const seq = (last?.seq ?? 0) + 1;
  const key = exportKey(db);
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(opts.outPath + suffix, { force: true });

  let selection!: Selection;
  let audit!: AuditRange;
  let consents!: ConsentSection;
  const rows: Record<string, number> = {};
  attached.attach(opts.outPath, key);
  try {
    turnOffFileJournal(db);
    db.transaction(() => {
      selection = {
        mode,
        mark: q.lastNoteMark(),
        purchasesAfter: base ? base.purchases_to_rowid : 0,
        purchasesTo: q.lastSaleRowid(),
        ledgerAfter: base ? base.ledger_to_rowid : 0,
        ledgerTo: q.lastLedgerRowid(),
      };
      for (const table of EXPORT_TABLES) {
        fillFileTable(db, table, self.id, selection);
        rows[table] = attached.rowCount(table);
      }
      audit = writeAuditSection(db, auditRangeFor(db, base));
      consents = writeConsentSections(db, base, selection.mark);
    }).deferred();
  } finally {
    attached.detach();
  }

  const fileName = exportFileName(self.code, seq, mode, opts.now, timeZone(db));
  const unsigned: Omit<ExportManifest, 'sha256'> = {
    format: EXPORT_FORMAT,
    // 3: the file carries the branch's audit rows; 4: its consent history too (shared/contract/hq.ts).
    formatVersion: EXPORT_FORMAT_VERSION,
    exportId: opts.newId(),
    chainCode,
    branch: { id: self.id, code: self.code, name: self.name },
    appVersion: APP_VERSION,
    schemaVersion: schemaVersion(db),
    seq,
    ...(epoch > 0 ? { restoreEpoch: epoch } : {}),
    mode,
    baseSeq: base ? base.seq : null,
    createdAt: opts.now,
    createdByName: opts.staffName,
    range: {
      purchasesAfterRowid: selection.purchasesAfter,
      purchasesToRowid: selection.purchasesTo,
      ledgerAfterRowid: selection.ledgerAfter,
      ledgerToRowid: selection.ledgerTo,
      changedSince: base ? base.created_at : null,
    },
    rows,
    audit,
    consents,
  };
  const manifest: ExportManifest = { ...unsigned, sha256: contentHash(opts.outPath, unsigned, key) };
  const file = new Database(opts.outPath);
  try {
    applyKey(file, key);
    writeManifest(file, JSON.stringify(manifest));
  } finally {
    file.close();
  }

  // Remembered only once the file is whole: a failed write leaves the next export to cover it.
  db.transaction(() => {
    q.recordExport({
      seq,
      export_id: manifest.exportId,
      mode,
      base_seq: manifest.baseSeq,
      file_name: fileName,
      created_at: opts.now,
      created_by: opts.staffId,
      purchases_to_rowid: selection.purchasesTo,
      ledger_to_rowid: selection.ledgerTo,
      rows_json: JSON.stringify(rows),
      sha256: manifest.sha256,
      epoch,
    });
    recordAuditSent(db, seq, audit);
    recordConsentsSent(db, seq);
    q.forgetNotedChanges(selection.mark);
  }).immediate();
  return { manifest, fileName, path: opts.outPath };
}

/** The branch's exports, newest first. */
export function exportHistory(db: DB, limit = 20): ExportRecord[] {
  return exportQueries(db)
    .history(limit)
    .map((r) => ({
      seq: r.seq,
      mode: r.mode,
      fileName: r.file_name,
      createdAt: r.created_at,
      createdByName: r.created_by_name,
      rows: Object.values(JSON.parse(r.rows_json) as Record<string, number>).reduce((a, b) => a + b, 0),
      sha256: r.sha256,
    }));
}

/** The branch's restore epoch (docs/hq.md "After a restore"): 0 until it is first restored from a backup. */
export function restoreEpoch(db: DB): number {
  return Number(branchQueries(db).setting('restore_epoch') ?? 0);
}

/** The branch's newest export of its current epoch: what an incremental export builds on (null: the next is full). */
function lastOfEpoch(db: DB) {
  const last = exportQueries(db).lastExport();
  return last && last.epoch === restoreEpoch(db) ? last : null;
}

/** What the next incremental export would hold now, per table (everything, before the first export and after a restore). */
export function pendingChanges(db: DB): Record<string, number> {
  const q = exportQueries(db);
  const last = lastOfEpoch(db);
  if (!last) {
    return Object.fromEntries(
      (['members', 'purchases', 'points_ledger', 'followups', 'feedback', 'store_takings', 'staff'] as const).map((t) => [
        t,
        q.rowCount(t),
      ]),
    );
  }
  const pending: Record<string, number> = {
    purchases: q.salesAfter(last.purchases_to_rowid),
    points_ledger: q.ledgerEntriesAfter(last.ledger_to_rowid),
  };
  for (const { noted } of TRACKED) pending[noted] = q.notedChanges(noted);
  return pending;
}
