import { existsSync, renameSync, rmSync } from 'node:fs';

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
