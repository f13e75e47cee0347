import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../shared/errors';
import type { DB } from './database';
import { copyBeforeMigrating, registerUncheckedCopy } from './backup-files';
import { applyKey, fileState, isNotADatabase, keyOpens, type StoreKey } from './cipher';
import { applyHqLayout, applyHqPageSize } from './hq-layout';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations/index';

// Re-exported: services, queries and tests take the handle's type from where it is opened.
export type { DB };

export interface OpenOptions {
  /** The HQ database syncs fully on every commit: it is the chain's record. */
  hq?: boolean;
  /** Electron in development loads a better-sqlite3 build made for Electron's ABI. */
  nativeBinding?: string;
  /** Stop at this version (migration tests). */
  targetVersion?: number;
  /**
   * false: no copy before migrating (the bench's seed, which is made again from nothing and whose
   * copy would be as large as the store). Every other open copies a store with data first.
   */
  copyBeforeMigrating?: boolean;
  /**
   * The passphrase of an encrypted store (db/cipher.ts). Without it an encrypted file is refused
   * (STORE_LOCKED); a wrong one is refused (WRONG_PASSPHRASE) and the file is not changed. A new
   * (missing or empty) file is created encrypted with it; a plain store ignores it (encryption is
   * turned on by rewriting the file: encryption.enable).
   */
  key?: StoreKey | null;
}

/** How each open connection was opened, so a second one to the same file is opened alike. */
const openedWith = new WeakMap<DB, OpenOptions>();

export function openDatabase(path: string, options: OpenOptions = {}): DB {
  const key = storeKeyFor(path, options);
  const db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  openedWith.set(db, { ...options, key });
  try {
    applyKey(db, key);
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    // Before anything that writes: switching to WAL rewrites the header of a rollback-journal file.
    // The first read of the file: a missing or wrong key is found out here.
    refuseNewer(readVersionOrRefuse(db, path, key), LATEST_VERSION);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`synchronous = ${options.hq ? 'FULL' : 'NORMAL'}`);
    // 64 MB of page cache: whole-database passes (expiry, tier reviews) touch far more than the 2 MB default.
    db.pragma('cache_size = -65536');
    // The running app checkpoints between calls (services/core/maintenance.ts); SQLite's automatic
    // checkpoint stays as the backstop for code that never pauses (scripts, bulk imports), at
    // 40 MB so it rarely lands on a customer's sale.
    db.pragma('wal_autocheckpoint = 10000');
    const target = options.targetVersion ?? LATEST_VERSION;
    const version = recordedVersion(db);
    // A store with data (any schema at all) is copied before its first pending migration runs.
    const copy =
      options.copyBeforeMigrating !== false && version > 0 && pendingMigrations(db, MIGRATIONS, target).length > 0
        ? copyBeforeMigrating(db, version)
        : null;
    migrate(db, MIGRATIONS, target);
    if (copy) registerUncheckedCopy(db, copy, 'migration');
    // A database set up as an HQ is the chain's record wherever it is opened from, and keeps
    // HQ's indexes (db/hq-layout.ts).
    if (isHq(db)) {
      db.pragma('synchronous = FULL');
      applyHqLayout(db);
      applyHqPageSize(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The key an open uses: the one given, unless the file is plain (a store not encrypted, or one
 * whose encryption stopped half-way and rolled back: its journal put the plain pages back at the
 * first open without a key). A file in memory has no key.
 */
function storeKeyFor(path: string, options: OpenOptions): StoreKey | null {
  const key = options.key ?? null;
  if (!key || path === ':memory:' || path === '') return null;
  const state = fileState(path);
  if (state === 'plain') return null;
  // Turning encryption on rewrites page 1 first; stopped there, the journal still holds the plain
  // pages, and an open without a key rolls them back: the store is plain again.
  if (state === 'encrypted' && existsSync(`${path}-journal`) && !keyOpens(path, key, options.nativeBinding)) {
    if (keyOpens(path, null, options.nativeBinding)) return null;
  }
  return key;
}

/** The schema version, read as the first thing from the file: an encrypted store with no key, or a wrong one, is refused here. */
function readVersionOrRefuse(db: DB, path: string, key: StoreKey | null): number {
  try {
    return recordedVersion(db);
  } catch (err) {
    if (!isNotADatabase(err) || fileState(path) !== 'encrypted') throw err;
    if (!key) throw new AppError('STORE_LOCKED', 'This store is encrypted: unlock it with its passphrase', {});
    const interruptedChange = existsSync(`${path}-journal`);
    throw new AppError('WRONG_PASSPHRASE', 'The passphrase does not open this store; nothing was changed', { interruptedChange });
  }
}

/** The key the connection was opened with (null: a plain store). */
export function keyOf(db: DB): StoreKey | null {
  return openedWith.get(db)?.key ?? null;
}

/**
 * A second connection to the file `db` has open, opened the same way (Electron's build of
 * better-sqlite3, HQ's sync): the background jobs write on their own connection, in their own
 * short transactions. A database in memory has no file to share: it answers `db` itself.
 */
/**
 * How long a write waits for another connection's (another thread's, another process's) write to
 * commit before it answers BUSY. Every write here commits in milliseconds; this covers a slow disk.
 */
export const LOCK_WAIT_MS = 5000;

/**
 * Sets how long this connection's writes wait for the lock: 0 while a long write on another
 * thread holds it, so a call finds it taken at once (and is answered after) instead of freezing
 * its thread for the whole wait (electron/backend/host.ts).
 */
export function setLockWait(db: DB, ms: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(ms))}`);
}

export function openSecondConnection(db: DB): DB {
  if (db.memory) return db;
  return openDatabase(db.name, openedWith.get(db) ?? {});
}

/**
 * Opens a file that is there as `like` was opened (Electron's build of better-sqlite3), with no
 * pragma and no migration: a backup's copy, finished or checked as it is.
 */
export function openCopy(path: string, like: DB, options: { readonly: boolean }): DB {
  const nativeBinding = openedWith.get(like)?.nativeBinding;
  const copy = new Database(path, { readonly: options.readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  // A copy of an encrypted store is encrypted with its key (VACUUM INTO keeps it).
  if (fileState(path) === 'encrypted') applyKey(copy, keyOf(like));
  return copy;
}

function isHq(db: DB): boolean {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
  if (!table) return false;
  const row = db.prepare("SELECT kind FROM branches WHERE id = (SELECT value FROM settings WHERE key = 'self_branch_id')").get() as
    { kind: string } | undefined;
  return row?.kind === 'hq';
}

/** Copies committed pages from the WAL into the file without waiting for any reader or writer. */
export function passiveCheckpoint(db: DB): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

export function schemaVersion(db: DB): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** The schema version without creating anything (0 for a file that has none). */
function recordedVersion(db: DB): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** The migrations up to `target` a database has not recorded, without creating anything. */
function pendingMigrations(db: DB, migrations: readonly Migration[], target: number): Migration[] {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const recorded = new Set(
    table ? (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version) : [],
  );
  return migrations.filter((m) => m.version <= target && !recorded.has(m.version));
}

function refuseNewer(current: number, newest: number): void {
  if (current > newest) {
    throw new AppError(
      'DB_TOO_NEW',
      `This database was written by a newer BranchDesk (schema ${current}; this app knows up to ${newest}). Update the app to open it.`,
      { dbVersion: current, appVersion: newest },
    );
  }
}

/**
 * Applies each pending migration in its own transaction, in number order; refuses a database
 * from a newer app. Pending means not recorded, not merely above the highest recorded: a file
 * that missed one (a development build that had a later migration before an earlier one landed)
 * gets it now instead of running for ever without its tables and triggers. A missed migration
 * that no longer applies rolls back whole and the open fails, naming it.
 */
export function migrate(db: DB, migrations: readonly Migration[], target: number): void {
  const current = schemaVersion(db);
  refuseNewer(current, migrations[migrations.length - 1]?.version ?? 0);
  const recorded = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (recorded.has(m.version) || m.version > target) continue;
    if (m.version < current) console.warn(`[migrate] ${m.name} was missed by this database (it is at ${current}): applying it now`);
    // SQLite ignores this pragma inside a transaction: it is set around it, and every
    // reference is checked before the rebuild commits.
    const fkWasOn = m.foreignKeysOff ? db.pragma('foreign_keys', { simple: true }) === 1 : false;
    if (fkWasOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as { table: string }[];
          if (broken.length > 0)
            throw new Error(`Migration ${m.name} left ${broken.length} broken references (first in ${broken[0].table})`);
        }
        record.run(m.version, m.name, new Date().toISOString());
      }).immediate();
    } catch (err) {
      throw new Error(`Migration ${m.name} failed and was rolled back: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    } finally {
      if (fkWasOn) db.pragma('foreign_keys = ON');
    }
  }
}
