import { existsSync, mkdirSync, renameSync, rmSync, statSync, statfsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../shared/errors';
import type { DB } from './database';

// Where backups live, what they are called, and the copy itself (docs/backup.md). Here, below the
// services, because the copy taken before a migration is made by openDatabase, before any service
// can run. This file prepares its own few statements: each runs once per backup, and the
// per-connection cache (queries/prepared.ts) would import connection.ts back.

/** The backups folder beside the database, as the uploads folder is (`<db dir>/<db file name>.backups/`). */
export function backupsDirFor(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}.backups`);
}

/** A copy is written under this suffix and renamed once whole: a half-written file is never a backup. */
export const PARTIAL_SUFFIX = '.partial';

/** Why a copy could not be written, as a reason the app translates. */
export type CopyFailure = 'disk_full' | 'copy_failed';

export function copyFailureReason(err: unknown): CopyFailure {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' ? 'disk_full' : 'copy_failed';
}

/**
 * The file name of a backup: the store, the time in the store's zone and the kind, as
 * `branchdesk-SH01-20261205-0300-daily.sqlite`, so a file found on a USB stick says what it is.
 * `taken` says whether a name is in use already (two backups in one minute): `-2`, `-3` … then.
 */
export function backupFileName(
  branchCode: string | null,
  kind: string,
  at: string,
  timeZone: string,
  taken: (name: string) => boolean,
): string {
  const store = (branchCode ?? 'store').replace(/[^A-Za-z0-9]/g, '-');
  const stamp = format(new TZDate(Date.parse(at), timeZone), 'yyyyMMdd-HHmm');
  const base = `branchdesk-${store}-${stamp}-${kind}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.sqlite` : `${base}-${n}.sqlite`;
    if (!taken(name)) return name;
  }
}

/** What a copy must leave free on its disk: the store's own writes (its WAL, the day's sales) need room more than a backup does. */
export const MIN_FREE_AFTER_COPY = 1024 ** 3;

/**
 * Whether a copy of a store of `storeBytes` fits on a disk with `freeBytes` free and leaves
 * MIN_FREE_AFTER_COPY, or a tenth of the store if more: a copy that filled the disk would make the
 * counter's next sale fail (SQLITE_FULL) until the half-copy was removed.
 */
export function roomToCopy(freeBytes: number, storeBytes: number): boolean {
  return freeBytes - storeBytes >= Math.max(MIN_FREE_AFTER_COPY, storeBytes / 10);
}

/** Throws ENOSPC (the copy's `disk_full`) when a copy of the store would not leave room to spare. */
export function refuseWithoutRoom(db: DB, dir: string): void {
  const disk = statfsSync(dir);
  const storeBytes = statSync(db.name).size;
  if (!roomToCopy(disk.bavail * disk.bsize, storeBytes)) {
    throw Object.assign(new Error(`Not enough room in ${dir} for a copy of ${storeBytes} bytes`), { code: 'ENOSPC' });
  }
}

/**
 * Copies the database `db` has open into `path` with VACUUM INTO: one read snapshot of the
 * database as it was when the copy began (WAL: other connections go on writing meanwhile), written
 * as a compact file of its own in rollback-journal mode, with no -wal beside it. Synchronous: for
 * the copies whose caller cannot await (an open before migrating, an HQ merge batch's call on the
 * side host, tests and scripts); the side host's loop copies with the backup API instead
 * (db/backup-copy.ts). It runs only where nothing else waits on the thread. Not begun without room to spare on its disk (roomToCopy). Written to
 * `<path>.partial` and renamed; answers the bytes. Throws as SQLite or the disk did, leaving nothing
 * behind.
 */
export function copyDatabase(db: DB, path: string): number {
  const partial = path + PARTIAL_SUFFIX;
  mkdirSync(dirname(path), { recursive: true });
  refuseWithoutRoom(db, dirname(path));
  try {
    rmSync(partial, { force: true }); // a copy a crash cut off
    db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return statSync(path).size;
}

const tableExists = (db: DB, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

function setting(db: DB, key: string): string | null {
  if (!tableExists(db, 'settings')) return null;
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** The store's branch code, or null before setup. */
export function storeCode(db: DB): string | null {
  const self = setting(db, 'self_branch_id');
  if (self === null || !tableExists(db, 'branches')) return null;
  return (db.prepare('SELECT code FROM branches WHERE id = ?').get(self) as { code: string } | undefined)?.code ?? null;
}

/** The store's time zone, as services/core/branch.ts reads it. */
export function storeTimeZone(db: DB): string {
  return setting(db, 'timezone') ?? 'Asia/Shanghai';
}

/** A copy taken before migrating, to be registered once the backups table exists. */
export interface MigrationCopy {
  id: string;
  fileName: string;
  bytes: number;
  at: string;
}

/**
 * The copy openDatabase takes before it migrates a store that has data: a migration is one
 * transaction and rolls back whole if it fails, but one that succeeds and is wrong (or an app
 * update the store regrets) would otherwise leave no way back. The app is not serving yet, so
 * the copy runs here, synchronously. A copy that cannot be made stops the open: the store is
 * not migrated without one (BACKUP_FAILED, reason disk_full or copy_failed).
 */
export function copyBeforeMigrating(db: DB, fromVersion: number): MigrationCopy {
  const at = new Date().toISOString();
  const dir = backupsDirFor(db.name);
  const fileName = backupFileName(storeCode(db), 'migration', at, storeTimeZone(db), (name) => existsSync(join(dir, name)));
  try {
    return { id: uuidv7(), fileName, bytes: copyDatabase(db, join(dir, fileName)), at };
  } catch (err) {
    const reason = copyFailureReason(err);
    throw new AppError(
      'BACKUP_FAILED',
      `Could not copy the database before upgrading it from schema ${fromVersion} (${String(err)}): nothing was changed`,
      { reason, when: 'migration', fromVersion },
    );
  }
}

/**
 * Records a copy the app took outside the side host (before migrating; the store a restore
 * replaced, in the copy that takes its place) as a backup still to check: the side host verifies
 * it as it would any other. A store at a version before the backups table (tests open older
 * schemas; an old backup restored) keeps the file unlisted. `by` is kept only if that staff
 * member is in this store (a restored copy may predate them).
 */
export function registerUncheckedCopy(db: DB, copy: MigrationCopy, kind: 'migration' | 'restore', by: string | null = null): void {
  if (!tableExists(db, 'backups')) return;
  db.prepare(
    `INSERT INTO backups (id, kind, state, file_name, bytes, requested_at, snapshot_at, requested_by)
     VALUES (?, ?, 'verifying', ?, ?, ?, ?, (SELECT id FROM staff WHERE id = ?))`,
  ).run(copy.id, kind, copy.fileName, copy.bytes, copy.at, copy.at, by);
}
