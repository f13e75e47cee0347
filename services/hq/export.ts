import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORT_TABLES, type ExportManifest, type ExportRecord, type ExportTable } from '../../shared/contract/hq';
import { AppError } from '../../shared/errors';
import { localDay } from '../../shared/local-date';
import { APP_VERSION } from '../../shared/version';
import { schemaVersion, type DB } from '../../db/connection';
import { chainCodeOf, requireKind } from './chain';
import { contentHash } from './file';
import { timeZone } from '../core/branch';

// A branch's export (docs/hq.md "Export"): the exportable tables written into a new SQLite file
// with ATTACH and INSERT … SELECT, then hashed, then the manifest. Purchases and ledger rows are
// only ever added, so an incremental export takes them by row number after the last export's;
// profile rows (members, staff, follow-ups, feedback, takings) change in place, so triggers note
// each one changed since the last export in `export_dirty`.

export interface ExportOptions {
  mode: 'full' | 'incremental';
  outPath: string;
  staffId: string | null;
  staffName: string;
  now: string;
  newId: () => string;
}

/** Columns that stay at the branch: nobody at HQ logs in with a branch's PIN. */
const KEPT_HOME: Partial<Record<ExportTable, readonly string[]>> = {
  staff: ['pin_hash', 'failed_logins', 'locked_until', 'locale'],
};

/** Tables whose rows change in place, and the key the triggers note. */
const TRACKED: Array<{ table: string; noted: ExportTable; key: string }> = [
  { table: 'members', noted: 'members', key: 'id' },
  { table: 'staff', noted: 'staff', key: 'id' },
  { table: 'followups', noted: 'followups', key: 'id' },
  { table: 'feedback', noted: 'feedback', key: 'id' },
  { table: 'store_takings', noted: 'store_takings', key: 'date' },
];

/**
 * Change tracking starts with the first export (which is always full): a store that never
 * exports pays nothing on its writes, and an HQ never notes its merges.
 */
function ensureTracking(db: DB): void {
  const note = (noted: string, key: string) => `INSERT OR REPLACE INTO export_dirty (tbl, id) VALUES ('${noted}', ${key});`;
  const statements: string[] = [];
  for (const { table, noted, key } of TRACKED) {
    statements.push(`CREATE TRIGGER IF NOT EXISTS export_note_${table}_insert AFTER INSERT ON ${table} BEGIN ${note(noted, `NEW.${key}`)} END;`);
    const kept = KEPT_HOME[noted];
    if (!kept) {
      statements.push(`CREATE TRIGGER IF NOT EXISTS export_note_${table}_update AFTER UPDATE ON ${table} BEGIN ${note(noted, `NEW.${key}`)} END;`);
      continue;
    }
    // Only a change HQ would see is a change: a login resetting its failed-PIN count is not.
    const sent = columnsOf(db, table).filter((c) => !kept.includes(c));
    const when = `(${sent.map((c) => `OLD.${c}`).join(', ')}) IS NOT (${sent.map((c) => `NEW.${c}`).join(', ')})`;
    statements.push(`DROP TRIGGER IF EXISTS export_note_${table}_update;`);
    statements.push(`CREATE TRIGGER IF NOT EXISTS export_note_${table}_sent_update AFTER UPDATE ON ${table} WHEN ${when} BEGIN ${note(noted, `NEW.${key}`)} END;`);
  }
  // A member's tags travel with the member.
  statements.push(`CREATE TRIGGER IF NOT EXISTS export_note_member_tags_insert AFTER INSERT ON member_tags BEGIN ${note('members', 'NEW.member_id')} END;`);
  statements.push(`CREATE TRIGGER IF NOT EXISTS export_note_member_tags_delete AFTER DELETE ON member_tags BEGIN ${note('members', 'OLD.member_id')} END;`);
  db.exec(statements.join('\n'));
}

interface ExportRow {
  seq: number;
  export_id: string;
  mode: 'full' | 'incremental';
  base_seq: number | null;
  file_name: string;
  created_at: string;
  created_by_name: string | null;
  purchases_to_rowid: number;
  ledger_to_rowid: number;
  rows_json: string;
  sha256: string;
}

function lastExport(db: DB): ExportRow | null {
  return (db.prepare('SELECT * FROM hq_exports ORDER BY seq DESC LIMIT 1').get() as ExportRow | undefined) ?? null;
}

function columnsOf(db: DB, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]);
}

interface Selection {
  mode: 'full' | 'incremental';
  mark: number;
  purchasesAfter: number;
  purchasesTo: number;
  ledgerAfter: number;
  ledgerTo: number;
}

/** The SELECT that fills each table of the file. */
function selectFor(db: DB, table: ExportTable, selfId: string, s: Selection): { sql: string; params: unknown[] } {
  const kept = KEPT_HOME[table] ?? [];
  const source = table;
  const cols = columnsOf(db, source).filter((c) => !kept.includes(c));
  const list = (overrides: Record<string, string> = {}) => cols.map((c) => (c in overrides ? `${overrides[c]} AS ${c}` : c)).join(', ');
  const changed = (noted: ExportTable, key = 'id') =>
    s.mode === 'full' ? { where: '', params: [] as unknown[] } : { where: ` WHERE ${key} IN (SELECT id FROM export_dirty WHERE tbl = ? AND mark <= ?)`, params: [noted, s.mark] };
  switch (table) {
    case 'branches':
      return { sql: `SELECT ${list({ kind: "'branch'" })} FROM branches WHERE id = ?`, params: [selfId] };
    case 'tiers':
      // Few rows, and HQ keeps each branch's tiers apart by this column: always all of them.
      return { sql: `SELECT ${list({ branch_id: '?' })} FROM tiers`, params: [selfId] };
    case 'member_tags': {
      const c = changed('members', 'member_id');
      return { sql: `SELECT ${list()} FROM member_tags${c.where}`, params: c.params };
    }
    case 'purchases':
      // HQ does not keep the branches' points rules: a sale's points are in the ledger.
      return { sql: `SELECT ${list({ rules_id: 'NULL' })} FROM purchases WHERE rowid > ? AND rowid <= ? ORDER BY rowid`, params: [s.purchasesAfter, s.purchasesTo] };
    case 'points_ledger':
      return { sql: `SELECT ${list()} FROM points_ledger WHERE rowid > ? AND rowid <= ? ORDER BY rowid`, params: [s.ledgerAfter, s.ledgerTo] };
    case 'store_takings': {
      const c = changed('store_takings', 'date');
      return { sql: `SELECT ${list()} FROM store_takings${c.where}`, params: c.params };
    }
    default: {
      const c = changed(table);
      return { sql: `SELECT ${list()} FROM ${table}${c.where}`, params: c.params };
    }
  }
}

/** Named with the store's own date (the day the clerk sees on the page), not UTC's. */
export function exportFileName(code: string, seq: number, mode: 'full' | 'incremental', now: string, zone: string): string {
  return `BranchDesk-${code}-${String(seq).padStart(4, '0')}-${mode === 'full' ? 'full' : 'incr'}-${localDay(now, zone).date.replace(/-/g, '')}.bdx`;
}

/**
 * Writes the export at `outPath` (replacing any file there) and records it. The branch is held
 * for writing while the rows are copied, so the file is one consistent moment of the store.
 */
export function writeBranchExport(db: DB, opts: ExportOptions): { manifest: ExportManifest; fileName: string; path: string } {
  const self = requireKind(db, 'branch');
  const chainCode = chainCodeOf(db);
  if (!chainCode) throw new AppError('NOT_IN_CHAIN', 'Enter the chain code HQ gave this branch before the first export');
  db.transaction(() => ensureTracking(db)).immediate();
  const last = lastExport(db);
  const mode = opts.mode === 'incremental' && last ? 'incremental' : 'full';
  // An empty file would still be a link in the chain HQ must have before the next one (a missing
  // one refuses every later file), and a clerk who sees it empty would not send it.
  if (mode === 'incremental' && Object.values(pendingChanges(db)).every((n) => n === 0)) {
    throw new AppError('NOTHING_TO_EXPORT', 'Nothing has changed since the last export', { seq: last!.seq });
  }
  const seq = (last?.seq ?? 0) + 1;
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(opts.outPath + suffix, { force: true });

  let selection!: Selection;
  const rows: Record<string, number> = {};
  db.prepare('ATTACH DATABASE ? AS x').run(opts.outPath);
  try {
    db.exec('PRAGMA x.journal_mode = OFF; PRAGMA x.synchronous = OFF;');
    db.transaction(() => {
      const max = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
      selection = {
        mode,
        mark: max('SELECT MAX(mark) FROM export_dirty'),
        purchasesAfter: mode === 'incremental' ? last!.purchases_to_rowid : 0,
        purchasesTo: max('SELECT MAX(rowid) FROM purchases'),
        ledgerAfter: mode === 'incremental' ? last!.ledger_to_rowid : 0,
        ledgerTo: max('SELECT MAX(rowid) FROM points_ledger'),
      };
      for (const table of EXPORT_TABLES) {
        const { sql, params } = selectFor(db, table, self.id, selection);
        db.prepare(`CREATE TABLE x.${table} AS ${sql}`).run(...params);
        rows[table] = db.prepare(`SELECT COUNT(*) FROM x.${table}`).pluck().get() as number;
      }
    }).immediate();
  } finally {
    db.exec('DETACH DATABASE x');
  }

  const fileName = exportFileName(self.code, seq, mode, opts.now, timeZone(db));
  const unsigned: Omit<ExportManifest, 'sha256'> = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportId: opts.newId(),
    chainCode,
    branch: { id: self.id, code: self.code, name: self.name },
    appVersion: APP_VERSION,
    schemaVersion: schemaVersion(db),
    seq,
    mode,
    baseSeq: mode === 'incremental' ? last!.seq : null,
    createdAt: opts.now,
    createdByName: opts.staffName,
    range: {
      purchasesAfterRowid: selection.purchasesAfter,
      purchasesToRowid: selection.purchasesTo,
      ledgerAfterRowid: selection.ledgerAfter,
      ledgerToRowid: selection.ledgerTo,
      changedSince: mode === 'incremental' ? last!.created_at : null,
    },
    rows,
  };
  const manifest: ExportManifest = { ...unsigned, sha256: contentHash(opts.outPath, unsigned) };
  const file = new Database(opts.outPath);
  try {
    file.exec('CREATE TABLE manifest (json TEXT NOT NULL)');
    file.prepare('INSERT INTO manifest (json) VALUES (?)').run(JSON.stringify(manifest));
  } finally {
    file.close();
  }

  // Remembered only once the file is whole: a failed write leaves the next export to cover it.
  db.transaction(() => {
    db.prepare(
      `INSERT INTO hq_exports (seq, export_id, mode, base_seq, file_name, created_at, created_by, purchases_to_rowid, ledger_to_rowid, rows_json, sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(seq, manifest.exportId, mode, manifest.baseSeq, fileName, opts.now, opts.staffId, selection.purchasesTo, selection.ledgerTo, JSON.stringify(rows), manifest.sha256);
    db.prepare('DELETE FROM export_dirty WHERE mark <= ?').run(selection.mark);
  }).immediate();
  return { manifest, fileName, path: opts.outPath };
}

/** The branch's exports, newest first. */
export function exportHistory(db: DB, limit = 20): ExportRecord[] {
  const rows = db
    .prepare(
      `SELECT e.*, s.name AS created_by_name FROM hq_exports e LEFT JOIN staff s ON s.id = e.created_by
       ORDER BY e.seq DESC LIMIT ?`,
    )
    .all(limit) as ExportRow[];
  return rows.map((r) => ({
    seq: r.seq,
    mode: r.mode,
    fileName: r.file_name,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    rows: Object.values(JSON.parse(r.rows_json) as Record<string, number>).reduce((a, b) => a + b, 0),
    sha256: r.sha256,
  }));
}

/** What the next incremental export would hold now, per table (everything, before the first export). */
export function pendingChanges(db: DB): Record<string, number> {
  const last = lastExport(db);
  const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;
  if (!last) {
    return Object.fromEntries(
      (['members', 'purchases', 'points_ledger', 'followups', 'feedback', 'store_takings', 'staff'] as const).map((t) => [t, count(`SELECT COUNT(*) FROM ${t}`)]),
    );
  }
  const pending: Record<string, number> = {
    purchases: count('SELECT COUNT(*) FROM purchases WHERE rowid > ?', last.purchases_to_rowid),
    points_ledger: count('SELECT COUNT(*) FROM points_ledger WHERE rowid > ?', last.ledger_to_rowid),
  };
  for (const { noted } of TRACKED) pending[noted] = count('SELECT COUNT(*) FROM export_dirty WHERE tbl = ?', noted);
  return pending;
}
