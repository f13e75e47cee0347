import { existsSync, rmSync } from 'node:fs';
import { sqliteHeader } from '../../db/sqlite-header';
import Database from 'better-sqlite3';
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

/**
 * Opens `path` read-only for `read`. A file whose header says WAL (a raw copy of a running
 * store, or SQLite's backup API) makes SQLite create its -wal and -shm beside it even read-only;
 * those it made are removed again, so the folder is left as it was found.
 */
export function readOnly<T>(path: string, read: (db: DB) => T): T {
  const sides = ['-wal', '-shm'].filter((side) => !existsSync(path + side));
  let db: DB;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw refusalFor(err);
  }
  try {
    return read(db);
  } catch (err) {
    throw refusalFor(err);
  } finally {
    db.close();
    for (const side of sides) rmSync(path + side, { force: true });
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

export interface InspectOptions {
  /** `quick_check` to show what a backup holds; `integrity_check` before it replaces the store */
  check: 'quick_check' | 'integrity_check';
  /** the store the backup would replace (null: none yet, a restore onto a new PC from the command line) */
  current: DB | null;
  fileName: string | null;
}

/** What the backup at `path` holds; BAD_FILE with its reason for a file that must not replace the store. */
export function inspectBackupFile(path: string, options: InspectOptions): BackupContents {
  const header = checkFileShape(path);
  return readOnly(path, (file) => {
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
      bytes: header.fileBytes,
      takenAt,
      branch: self,
      schemaVersion,
      members: facts.members,
      lastSaleAt: facts.lastSaleAt,
      sameStore,
      checked: options.check,
    };
  });
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
