import type { ExportTable } from '../../../shared/contract/hq';
import type { DB } from '../../connection';
import { perDatabase, preparedText } from '../prepared';

// A branch's export (services/hq/export.ts): the change tracking, the branch's record of its
// exports, and the statements that fill the file attached as `x` (db/queries/hq/file.ts).

/** Columns that stay at the branch: nobody at HQ logs in with a branch's PIN. */
const KEPT_HOME: Partial<Record<ExportTable, readonly string[]>> = {
  staff: ['pin_hash', 'failed_logins', 'locked_until', 'locale'],
};

/** Tables whose rows change in place, and the key the triggers note. */
export const TRACKED: ReadonlyArray<{ table: string; noted: ExportTable; key: string }> = [
  { table: 'members', noted: 'members', key: 'id' },
  { table: 'staff', noted: 'staff', key: 'id' },
  { table: 'followups', noted: 'followups', key: 'id' },
  { table: 'feedback', noted: 'feedback', key: 'id' },
  { table: 'store_takings', noted: 'store_takings', key: 'date' },
];

/** A row of hq_exports: one export the branch wrote. */
export interface ExportRow {
  seq: number;
  export_id: string;
  mode: 'full' | 'incremental';
  base_seq: number | null;
  file_name: string;
  created_at: string;
  created_by: string | null;
  purchases_to_rowid: number;
  ledger_to_rowid: number;
  rows_json: string;
  sha256: string;
  /** the branch's restore epoch when it was made (0: before any restore) */
  epoch: number;
}

export interface ExportHistoryRow extends ExportRow {
  created_by_name: string | null;
}

/** What one export holds: its noted changes up to `mark`, its sales and ledger rows by row number. */
export interface Selection {
  mode: 'full' | 'incremental';
  mark: number;
  purchasesAfter: number;
  purchasesTo: number;
  ledgerAfter: number;
  ledgerTo: number;
}

export const exportQueries = perDatabase((db: DB) => {
  const last = db.prepare<[], ExportRow>('SELECT * FROM hq_exports ORDER BY seq DESC LIMIT 1');
  const history = db.prepare<[number], ExportHistoryRow>(
    `SELECT e.*, s.name AS created_by_name FROM hq_exports e LEFT JOIN staff s ON s.id = e.created_by
       ORDER BY e.seq DESC LIMIT ?`,
  );
  const exportedCount = db.prepare<[], number>('SELECT COUNT(*) FROM hq_exports').pluck();
  const lastMark = db.prepare<[], number | null>('SELECT MAX(mark) FROM export_dirty').pluck();
  const lastSaleRowid = db.prepare<[], number | null>('SELECT MAX(rowid) FROM purchases').pluck();
  const unfinishedImport = db.prepare<[], string>("SELECT id FROM imports WHERE state = 'importing' LIMIT 1").pluck();
  const lastLedgerRowid = db.prepare<[], number | null>('SELECT MAX(rowid) FROM points_ledger').pluck();
  const salesAfter = db.prepare<[number], number>('SELECT COUNT(*) FROM purchases WHERE rowid > ?').pluck();
  const ledgerAfter = db.prepare<[number], number>('SELECT COUNT(*) FROM points_ledger WHERE rowid > ?').pluck();
  const notedChanges = db.prepare<[string], number>('SELECT COUNT(*) FROM export_dirty WHERE tbl = ?').pluck();
  const record = db.prepare<[number, string, string, number | null, string, string, string | null, number, number, string, string, number]>(
    `INSERT INTO hq_exports (seq, export_id, mode, base_seq, file_name, created_at, created_by, purchases_to_rowid, ledger_to_rowid, rows_json, sha256, epoch)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const forgetNoted = db.prepare<[number]>('DELETE FROM export_dirty WHERE mark <= ?');
  return {
    lastExport: () => last.get() ?? null,
    /** The branch's exports, newest first. */
    history: (limit: number) => history.all(limit),
    exportedFileCount: () => exportedCount.get() ?? 0,
    /** The newest noted change (0: none). */
    lastNoteMark: () => lastMark.get() ?? 0,
    /** The newest sale's row number (0: none). */
    lastSaleRowid: () => lastSaleRowid.get() ?? 0,
    /** an import writing rows, or failed half-way and not yet undone: its rows may still be taken back */
    unfinishedImport: () => unfinishedImport.get() ?? null,
    lastLedgerRowid: () => lastLedgerRowid.get() ?? 0,
    salesAfter: (rowid: number) => salesAfter.get(rowid) ?? 0,
    ledgerEntriesAfter: (rowid: number) => ledgerAfter.get(rowid) ?? 0,
    /** The rows of a table noted as changed since the last export. */
    notedChanges: (table: ExportTable) => notedChanges.get(table) ?? 0,
    /** Every row of a table, as the first export sends it. */
    rowCount: (table: ExportTable) => preparedText(db)(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    recordExport: (r: ExportRow) =>
      record.run(
        r.seq,
        r.export_id,
        r.mode,
        r.base_seq,
        r.file_name,
        r.created_at,
        r.created_by,
        r.purchases_to_rowid,
        r.ledger_to_rowid,
        r.rows_json,
        r.sha256,
        r.epoch,
      ),
    /** The noted changes an export has sent. */
    forgetNotedChanges: (mark: number) => forgetNoted.run(mark),
  };
});

/** The branch's columns of a table, in order. */
function columnsOf(db: DB, table: string): string[] {
  return preparedText(db)(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
}

/**
 * Notes each row of the tracked tables changed from now on (triggers, made once). Change
 * tracking starts with the first export (which is always full): a store that never exports pays
 * nothing on its writes, and an HQ never notes its merges.
 */
export function trackChanges(db: DB): void {
  const note = (noted: string, key: string) => `INSERT OR REPLACE INTO export_dirty (tbl, id) VALUES ('${noted}', ${key});`;
  const statements: string[] = [];
  for (const { table, noted, key } of TRACKED) {
    statements.push(
      `CREATE TRIGGER IF NOT EXISTS export_note_${table}_insert AFTER INSERT ON ${table} BEGIN ${note(noted, `NEW.${key}`)} END;`,
    );
    const kept = KEPT_HOME[noted];
    if (!kept) {
      statements.push(
        `CREATE TRIGGER IF NOT EXISTS export_note_${table}_update AFTER UPDATE ON ${table} BEGIN ${note(noted, `NEW.${key}`)} END;`,
      );
      continue;
    }
    // Only a change HQ would see is a change: a login resetting its failed-PIN count is not.
    const sent = columnsOf(db, table).filter((c) => !kept.includes(c));
    const when = `(${sent.map((c) => `OLD.${c}`).join(', ')}) IS NOT (${sent.map((c) => `NEW.${c}`).join(', ')})`;
    statements.push(`DROP TRIGGER IF EXISTS export_note_${table}_update;`);
    statements.push(
      `CREATE TRIGGER IF NOT EXISTS export_note_${table}_sent_update AFTER UPDATE ON ${table} WHEN ${when} BEGIN ${note(noted, `NEW.${key}`)} END;`,
    );
  }
  // A member's tags travel with the member.
  statements.push(
    `CREATE TRIGGER IF NOT EXISTS export_note_member_tags_insert AFTER INSERT ON member_tags BEGIN ${note('members', 'NEW.member_id')} END;`,
  );
  statements.push(
    `CREATE TRIGGER IF NOT EXISTS export_note_member_tags_delete AFTER DELETE ON member_tags BEGIN ${note('members', 'OLD.member_id')} END;`,
  );
  db.exec(statements.join('\n'));
}

/** The attached file is new, and thrown away if writing it fails: no journal, no syncs. */
export function turnOffFileJournal(db: DB): void {
  db.exec('PRAGMA x.journal_mode = OFF; PRAGMA x.synchronous = OFF;');
}

/** The SELECT that fills each table of the file. */
function selectFor(db: DB, table: ExportTable, selfId: string, s: Selection): { sql: string; params: unknown[] } {
  const kept = KEPT_HOME[table] ?? [];
  const source = table;
  const cols = columnsOf(db, source).filter((c) => !kept.includes(c));
  const list = (overrides: Record<string, string> = {}) => cols.map((c) => (c in overrides ? `${overrides[c]} AS ${c}` : c)).join(', ');
  const changed = (noted: ExportTable, key = 'id') =>
    s.mode === 'full'
      ? { where: '', params: [] as unknown[] }
      : { where: ` WHERE ${key} IN (SELECT id FROM export_dirty WHERE tbl = ? AND mark <= ?)`, params: [noted, s.mark] };
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
      return {
        sql: `SELECT ${list({ rules_id: 'NULL' })} FROM purchases WHERE rowid > ? AND rowid <= ? ORDER BY rowid`,
        params: [s.purchasesAfter, s.purchasesTo],
      };
    case 'points_ledger':
      return {
        sql: `SELECT ${list()} FROM points_ledger WHERE rowid > ? AND rowid <= ? ORDER BY rowid`,
        params: [s.ledgerAfter, s.ledgerTo],
      };
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

/** Writes a table of the attached file `x`: the branch's rows the selection holds, less the columns kept home. */
export function fillFileTable(db: DB, table: ExportTable, selfId: string, s: Selection): void {
  const { sql, params } = selectFor(db, table, selfId, s);
  preparedText(db)(`CREATE TABLE x.${table} AS ${sql}`).run(...params);
}
