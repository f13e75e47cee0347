import { existsSync, rmSync, statSync } from 'node:fs';
import { sqliteHeader } from '../../db/sqlite-header';
import Database from 'better-sqlite3';
import { applyKey, fileState, isNotADatabase, type StoreKey } from '../../db/cipher';
import type { BackupContents, ForeignKind, RestoreRefusal } from '../../shared/contract/restore';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { LATEST_VERSION } from '../../db/migrations/index';
import { branchQueries } from '../../db/queries/core/branch';
import {
  currentStoreQueries,
  recordedSchemaVersion,
  sqliteCheck,
  storeFacts,
  pageSizeOf,
  tablesOf,
  type StoreIdentity,
} from '../../db/queries/backup/restore';

// What a backup holds, or why it is no backup of this store (docs/rpc.md "restore"). Read on a
// connection of its own, read-only; nothing in the store changes, whatever the file is.

const REFUSAL_TEXT: Record<RestoreRefusal, string> = {
  not_sqlite: 'The file is not a database: not a BranchDesk backup',
  truncated: 'The file is incomplete (cut short in copying)',
  corrupt: 'The file is damaged: SQLite’s check of its pages failed',
  foreign: 'The file is not a backup of this store',
  newer: 'The backup was written by a newer BranchDesk; update the app first',
  other_passphrase: 'The backup is encrypted with another passphrase: give that backup’s passphrase',
  encrypted_backup: 'The backup is encrypted and this store is not: turn encryption on first',
};

export function refuseBackup(reason: RestoreRefusal, details: Record<string, unknown> = {}): never {
  throw new AppError('BAD_FILE', REFUSAL_TEXT[reason], { reason, backup: true, ...details });
}

function foreign(kind: ForeignKind, details: Record<string, unknown> = {}): never {
  return refuseBackup('foreign', { foreign: kind, ...details });
}

/** The first 100 bytes of a SQLite file, as far as a restore needs them. */
interface SqliteShape {
  pageSize: number;
  /** the page count the header promises, when SQLite itself would believe it (null: it counts the file) */
  pageCount: number | null;
  fileBytes: number;
}

function readHeader(path: string): SqliteShape | null {
  const header = sqliteHeader(path);
  return header && { pageSize: header.pageSize, pageCount: header.pageCountValid ? header.pageCount : null, fileBytes: header.fileBytes };
}

/** Refuses a file SQLite would not read whole: not a database, or shorter than its header promises. */
export function checkFileShape(path: string): SqliteShape {
  const header = readHeader(path);
  if (!header || (header.pageSize & (header.pageSize - 1)) !== 0 || header.pageSize < 512) refuseBackup('not_sqlite');
  const expected = header.pageCount === null ? null : header.pageSize * header.pageCount;
  if ((expected !== null && header.fileBytes < expected) || header.fileBytes % header.pageSize !== 0) {
    refuseBackup('truncated', {
      expectedBytes: expected ?? header.fileBytes + (header.pageSize - (header.fileBytes % header.pageSize)),
      actualBytes: header.fileBytes,
    });
  }
  return header;
}

/** The smallest page SQLite writes: every database file, encrypted or not, is a whole number of them. */
const MIN_PAGE = 512;

/**
 * The keys to try on a file with no SQLite header (docs/backup.md "Encrypted stores"). An
 * encrypted file has no plaintext header to say it is a database: it is taken for one (and the
 * keys tried) when it is a whole non-zero number of 512-byte units, the smallest page; anything
 * else (a photo, a file cut off mid-page) is `not_sqlite`. A file that passes and that no key
 * opens is `other_passphrase`: without its key, a SQLCipher file and noise of the same length
 * cannot be told apart. A store that is not encrypted takes no encrypted backup.
 */
function keysFor(path: string, keys: BackupKeys): (StoreKey | null)[] {
  const state = fileState(path);
  if (state === 'plain') return [null];
  const bytes = state === 'missing' ? 0 : statSync(path).size;
  if (bytes < MIN_PAGE || bytes % MIN_PAGE !== 0) refuseBackup('not_sqlite');
  if (!keys.store) refuseBackup('encrypted_backup');
  const given = keys.given && keys.given.passphrase !== keys.store.passphrase ? [keys.given] : [];
  return [keys.store, ...given];
}

/**
 * Opens `path` read-only for `read`, with the first of `keys` that opens it (null: a plain file);
 * answers what `read` did and that key. A file whose header says WAL (a raw copy of a running
 * store, or SQLite's backup API) makes SQLite create its -wal and -shm beside it even read-only;
 * those it made are removed again, so the folder is left as it was found. Each key tried costs
 * its derivation (a few tenths of a second): the store's own is tried first.
 */
export function readOnly<T>(
  path: string,
  read: (db: DB) => T,
  keys: readonly (StoreKey | null)[] = [null],
): { value: T; key: StoreKey | null } | null {
  const sides = ['-wal', '-shm'].filter((side) => !existsSync(path + side));
  try {
    for (const key of keys) {
      const db = openWith(path, key);
      if (!db) continue;
      try {
        return { value: read(db), key };
      } catch (err) {
        throw refusalFor(err);
      } finally {
        db.close();
      }
    }
    return null;
  } finally {
    for (const side of sides) rmSync(path + side, { force: true });
  }
}

/** A read-only connection `key` opens (its first read decrypts), or null when the key is not the file's. */
function openWith(path: string, key: StoreKey | null): DB | null {
  let db: DB;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw refusalFor(err);
  }
  try {
    applyKey(db, key);
    tablesOf(db);
    return db;
  } catch (err) {
    db.close();
    if (key && isNotADatabase(err)) return null;
    throw refusalFor(err);
  }
}

/** A refusal as it is; SQLite finding the file damaged half-way as `corrupt`; anything else as it came. */
function refusalFor(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_INDEX') {
    return new AppError('BAD_FILE', REFUSAL_TEXT.corrupt, { reason: 'corrupt', backup: true, problems: [String((err as Error).message)] });
  }
  return err;
}

/** What every BranchDesk store has had since its first schema. */
const BRANCHDESK_TABLES = ['schema_migrations', 'settings', 'branches', 'members', 'audit_log'];

/** The keys a backup may be encrypted with: never logged, never in an answer. */
export interface BackupKeys {
  /** the key of the store the backup would replace (null: a plain store) */
  store: StoreKey | null;
  /** the passphrase the admin gave for this backup (`other_passphrase`), if any */
  given: StoreKey | null;
}

export interface InspectOptions {
  /** `quick_check` to show what a backup holds; `integrity_check` before it replaces the store */
  check: 'quick_check' | 'integrity_check';
  /** the store the backup would replace (null: none yet, a restore onto a new PC from the command line) */
  current: DB | null;
  fileName: string | null;
  /** none: the file must be plain */
  keys?: BackupKeys;
}

/** What the backup at `path` holds; BAD_FILE with its reason for a file that must not replace the store. */
export function inspectBackupFile(path: string, options: InspectOptions): BackupContents {
  return inspectBackup(path, options).contents;
}

/** The same, and the key that opened the file (null: a plain file), which a restore re-keys from. */
export function inspectBackup(path: string, options: InspectOptions): { contents: BackupContents; key: StoreKey | null } {
  const keys = keysFor(path, options.keys ?? { store: null, given: null });
  const header = keys[0] === null ? checkFileShape(path) : null;
  const opened = readOnly(path, (file) => contentsOf(file, options, header?.fileBytes ?? encryptedBytes(path, file)), keys);
  // Which of the two was wrong is not said: the renderer asks for the backup's passphrase either way.
  if (!opened) return refuseBackup('other_passphrase', { passphraseGiven: Boolean(options.keys?.given) });
  return { contents: opened.value, key: opened.key };
}

/** An encrypted file's size, once a key opened it and its page size is known: a file cut off mid-page is `truncated`. */
function encryptedBytes(path: string, file: DB): number {
  const bytes = statSync(path).size;
  const pageSize = pageSizeOf(file);
  if (bytes % pageSize !== 0) refuseBackup('truncated', { expectedBytes: bytes + (pageSize - (bytes % pageSize)), actualBytes: bytes });
  return bytes;
}

function contentsOf(file: DB, options: InspectOptions, bytes: number): BackupContents {
  const problems = sqliteCheck(file, options.check);
  if (problems.length > 0) refuseBackup('corrupt', { problems: problems.slice(0, 3) });
  const tables = tablesOf(file);
  if (!tables.has('schema_migrations')) foreign('not_branchdesk');
  const schemaVersion = recordedSchemaVersion(file);
  if (schemaVersion > LATEST_VERSION) refuseBackup('newer', { schemaVersion, appVersion: LATEST_VERSION });
  if (BRANCHDESK_TABLES.some((t) => !tables.has(t))) foreign('not_branchdesk');
  const facts = storeFacts(file, tables);
  const self = facts.self;
  if (!self) return foreign('not_branchdesk');
  const sameStore = belongsHere(self, options.current);
  const takenAt = [facts.newestAudit, facts.newestSaleWritten, facts.newestPointsWritten].reduce<string | null>(
    (newest, at) => (at !== null && (newest === null || at > newest) ? at : newest),
    null,
  );
  return {
    fileName: options.fileName,
    bytes,
    takenAt,
    branch: self,
    schemaVersion,
    members: facts.members,
    lastSaleAt: facts.lastSaleAt,
    sameStore,
    checked: options.check,
  };
}

/**
 * Whether the backup is of the store it would replace: the same branch (or the same HQ). A store
 * just set up (no member, sale or HQ file yet) takes another branch's backup: a new PC is set up
 * under any name first, then restored. Refuses (foreign) anything else. Answers false for such a
 * fresh store, true for the same one.
 */
function belongsHere(backup: StoreIdentity, current: DB | null): boolean {
  const here = current ? branchQueries(current).self() : null;
  if (!here) return false;
  if (backup.kind !== here.kind) foreign(backup.kind === 'hq' ? 'hq' : 'branch', { code: backup.code, name: backup.name });
  if (backup.id === here.id) return true;
  if (currentStoreQueries(current!).inUse()) {
    foreign('other', { code: backup.code, name: backup.name, currentCode: here.code, currentName: here.name });
  }
  return false;
}
