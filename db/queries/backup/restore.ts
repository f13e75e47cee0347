import type { DB } from '../../connection';
import { perDatabase, preparedText } from '../prepared';

// Restore (services/backup/restore.ts, inspect.ts): what a backup file holds, read on a
// connection of its own, and the few rows a restore writes into the copy that takes the store's
// place. A backup may be of an older schema than this app's, or no BranchDesk file at all, so
// nothing here is prepared before the tables it reads are known to exist (tablesOf first).

/** The tables a database has (none: not a BranchDesk store, or not a database SQLite can read). */
export function tablesOf(db: DB): Set<string> {
  return new Set(preparedText(db)("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
}

/**
 * SQLite's own check of every page: `quick_check` (each b-tree whole, each record well formed)
 * or `integrity_check` (that, and every index against its table, and the UNIQUE and NOT NULL
 * constraints). Answers the first problems it names, or [] for a sound file; a file too damaged
 * to be walked throws SQLITE_CORRUPT or SQLITE_NOTADB.
 */
export function sqliteCheck(db: DB, check: 'quick_check' | 'integrity_check'): string[] {
  const rows = db.pragma(`${check}(10)`, { simple: false }) as Array<Record<string, string>>;
  const found = rows.map((row) => Object.values(row)[0]);
  return found.length === 1 && found[0] === 'ok' ? [] : found;
}

/** A store's own name for itself, as far as a backup says (null: none set up). */
export interface StoreIdentity {
  id: string;
  code: string;
  name: string;
  kind: 'branch' | 'hq';
}

/** The schema version a BranchDesk database is at; only once tablesOf showed `schema_migrations`. */
export function recordedSchemaVersion(db: DB): number {
  return Number(preparedText(db)('SELECT MAX(version) FROM schema_migrations').pluck().get() ?? 0);
}

/**
 * What a BranchDesk database holds, read for `backup.inspect`; only once tablesOf showed the
 * store's own tables are there (a store from before sales existed, schema 1, has none to read).
 */
export function storeFacts(db: DB, tables: Set<string>) {
  const one = (sql: string) => preparedText(db)(sql).pluck().get() as string | number | null | undefined;
  const newest = (table: string, sql: string) => (tables.has(table) ? ((one(sql) as string | null | undefined) ?? null) : null);
  const self = preparedText(db)(
    "SELECT id, code, name, kind FROM branches WHERE id = (SELECT value FROM settings WHERE key = 'self_branch_id')",
  ).get() as StoreIdentity | undefined;
  return {
    self: self ?? null,
    // Members merged into another are tombstones (since schema 10).
    members: Number(
      one("SELECT COUNT(*) FROM pragma_table_info('members') WHERE name = 'merged_into'")
        ? one('SELECT COUNT(*) FROM members WHERE merged_into IS NULL')
        : one('SELECT COUNT(*) FROM members'),
    ),
    // The newest row of each: every write leaves an audit row, but a job's slices only one at each end.
    newestAudit: newest('audit_log', 'SELECT MAX(at) FROM audit_log'),
    newestSaleWritten: newest('purchases', 'SELECT created_at FROM purchases ORDER BY rowid DESC LIMIT 1'),
    newestPointsWritten: newest('points_ledger', 'SELECT created_at FROM points_ledger ORDER BY rowid DESC LIMIT 1'),
    lastSaleAt: newest('purchases', "SELECT MAX(occurred_at) FROM purchases WHERE kind = 'sale'"),
  };
}

/** The current store's side of a restore: whether it is in use yet, and how far its card numbers went. */
export const currentStoreQueries = perDatabase((db: DB) => {
  const inUse = db
    .prepare<[], number>(
      `SELECT EXISTS (SELECT 1 FROM members) OR EXISTS (SELECT 1 FROM purchases) OR EXISTS (SELECT 1 FROM hq_exports)
           OR EXISTS (SELECT 1 FROM hq_merges)`,
    )
    .pluck();
  const cardCounter = db.prepare<[], number>("SELECT value FROM counters WHERE name = 'card_no'").pluck();
  return {
    /** Members, sales or HQ files: a store just set up has none, and may take any branch's backup. */
    inUse: () => inUse.get() === 1,
    /** The highest card number handed out (0: none yet). */
    cardCounter: () => cardCounter.get() ?? 0,
  };
});

/**
 * Writes one consistent copy of the database `db` has open at `path` (a new file), from a
 * single read snapshot, compacted: what is committed when it starts, whatever writes meanwhile.
 */
export function vacuumInto(db: DB, path: string): void {
  preparedText(db)('VACUUM INTO ?').run(path);
}

/** Another connection's hold on the write lock, so nothing is written while the store is copied aside. */
export function holdWriteLock(lock: DB): () => void {
  lock.exec('BEGIN IMMEDIATE');
  return () => {
    if (lock.inTransaction) lock.exec('ROLLBACK');
  };
}

/** The copy that takes the store's place, before it does (services/backup/restore.ts prepareRestoredCopy). */
export const restoredCopyQueries = perDatabase((db: DB) => {
  const setting = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const setSetting = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const cardCounter = db.prepare<[], number>("SELECT value FROM counters WHERE name = 'card_no'").pluck();
  const setCardCounter = db.prepare<[number]>(
    "INSERT INTO counters (name, value) VALUES ('card_no', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
  );
  return {
    setting: (key: string) => setting.get(key) ?? null,
    setSetting: (key: string, value: string) => setSetting.run(key, value),
    cardCounter: () => cardCounter.get() ?? 0,
    setCardCounter: (value: number) => setCardCounter.run(value),
  };
});

/** The file holds everything itself, with no journal beside it, before it is moved into place (db/restore-swap.ts). */
export function settleIntoOneFile(db: DB): void {
  db.pragma('journal_mode = DELETE');
}

const backupColumns = (db: DB) => preparedText(db)("SELECT name FROM pragma_table_info('backups')").pluck().all() as string[];

/**
 * The backups list of the store being replaced, carried into the copy that takes its place (a
 * backup of this very store only): the copies taken since that backup (last night's, the one
 * before an import) stay listed, restorable and rotated. The current store's row of a backup
 * wins over the copy's own (a backup file holds its own row as `copying`). A copy of a version
 * before the backups table carries nothing. Answers the rows carried.
 */
export function carryBackupList(copy: DB, current: DB): number {
  if (!tablesOf(copy).has('backups')) return 0;
  const here = new Set(backupColumns(current));
  const columns = backupColumns(copy).filter((c) => here.has(c));
  const values = columns.map((c) => (c === 'requested_by' ? '(SELECT id FROM staff WHERE id = @requested_by)' : `@${c}`));
  const insert = copy.prepare(`INSERT OR REPLACE INTO backups (${columns.join(', ')}) VALUES (${values.join(', ')})`);
  const rows = current.prepare(`SELECT ${columns.join(', ')} FROM backups`).all() as Array<Record<string, unknown>>;
  for (const row of rows) insert.run(row);
  return rows.length;
}

/** The page size of a file a key opened: an encrypted file's header is not readable without it. */
export function pageSizeOf(db: DB): number {
  return Number(db.pragma('page_size', { simple: true }));
}
