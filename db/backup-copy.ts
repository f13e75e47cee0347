import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { copyDatabase, PARTIAL_SUFFIX, refuseWithoutRoom } from './backup-files';
import { keyOf, openCopy, type DB } from './connection';
import { canCopySnapshot, copySnapshot } from './snapshot-copy';

// The side host's copy (docs/backup.md "The copy"): of a store in WAL mode, its bytes under one
// read snapshot, paced (db/snapshot-copy.ts); of any other, SQLite's backup API, told to copy every
// page in one step. Measured against VACUUM INTO (db/backup-files.ts copyDatabase, which the callers
// that cannot wait still use) it was a quarter to three quarters faster on the 20,000-member
// store, and it reads the file in page order where VACUUM INTO walks every table and index in key
// order: at 17 GB, on a PC's disk, the difference between reading a file and seeking all over it.

/** As many pages as a step may copy: all of them, from one read snapshot. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the database `db` has open into `path` with the backup API in one step: better-sqlite3
 * counts the pages in a first step and copies them all in the second, holding one read snapshot
 * throughout (WAL: other connections go on writing; one that wrote between the two steps only
 * makes the second start from its first page, which it copies whole anyway). Between the steps
 * the thread is free for a moment; the second holds it for the whole copy. The copy is then made
 * a file of its own in rollback-journal mode (the API copies the store's WAL mode with its pages),
 * and renamed from `<path>.partial` when whole. Not begun without room to spare on its disk.
 * Answers the bytes; throws as SQLite or the disk did, leaving nothing behind.
 */
export async function copyInOneStep(db: DB, path: string, how: 'snapshot' | 'backupApi' = 'snapshot'): Promise<number> {
  // The backup API cannot write a keyed copy (SQLite refuses a source and target of different
  // ciphers); VACUUM INTO from a keyed connection writes the copy encrypted with the store's key.
  if (keyOf(db)) return copyDatabase(db, path);
  const partial = path + PARTIAL_SUFFIX;
  mkdirSync(dirname(path), { recursive: true });
  refuseWithoutRoom(db, dirname(path));
  try {
    rmSync(partial, { force: true }); // a copy a crash cut off
    if (how === 'snapshot' && canCopySnapshot(db)) await copySnapshot(db, partial);
    else await db.backup(partial, { progress: () => ALL_PAGES });
    const copy = openCopy(partial, db, { readonly: false });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, path);
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
    throw err;
  }
  return statSync(path).size;
}
