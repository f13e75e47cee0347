import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';

// The last step of a restore (services/backup/restore.ts): the copy made ready beside the
// database takes its place. Shared by the services' host (electron/backend/host.ts), which does it
// once the restore has answered and every connection is closed, and by `npm run restore`.
//
// The copy is written as `<db>.restoring.partial` and renamed to `<db>.restoring` only once it is
// whole, checked and settled into one file: a `.restoring` file is the mark of a restore the
// admin confirmed. If the app stops between that rename and the swap, the next start finishes
// the swap before it opens the database (the services' host calls this at every open).

/** Where a restore makes its copy ready, beside the database, until it is whole. */
export const restoringPartialPath = (dbPath: string) => `${dbPath}.restoring.partial`;
/** The copy, whole and checked, waiting to take the database's place. */
export const restoringPath = (dbPath: string) => `${dbPath}.restoring`;

/**
 * Puts a copy waiting at `<db>.restoring` in the database's place; answers whether there was
 * one. Every connection to the database must be closed. The old file's journal and WAL go first:
 * SQLite would otherwise apply their pages to the new file as if they were its own. (The store
 * as it was is already kept in the backups folder.) Stopped half-way, it is done again whole at
 * the next call: the copy is only moved by the last step.
 */
export function completePendingRestore(dbPath: string): boolean {
  const ready = restoringPath(dbPath);
  if (!existsSync(ready)) return false;
  for (const side of ['-wal', '-shm', '-journal']) rmSync(dbPath + side, { force: true });
  renameSync(ready, dbPath);
  return true;
}

/**
 * Whether another process has the database open (the app, another `npm run restore`): a
 * connection to a WAL database holds a shared lock on its file for as long as it is open, so an
 * exclusive lock asked without waiting is refused (SQLITE_BUSY). `npm run restore` asks this
 * before anything: files swapped under a running app would take its writes with the old store.
 */
export function openElsewhere(dbPath: string): boolean {
  if (!existsSync(dbPath)) return false;
  let probe: Database.Database;
  try {
    probe = new Database(dbPath, { fileMustExist: true, timeout: 0 });
  } catch {
    return false; // not a database SQLite can open: nobody holds it as one
  }
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('ROLLBACK');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
    return false; // damaged: the restore's own open says why
  } finally {
    probe.close();
  }
}
