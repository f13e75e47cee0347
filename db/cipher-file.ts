import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

// What a database file is, read from its first bytes without SQLite: Electron's main process
// (electron/backend/lockable.ts) asks it to know whether a store starts locked, and must not load
// SQLite itself. The keying is db/cipher.ts.

/** A passphrase, as the store's owner typed it. Never logged, never written anywhere in clear. */
export interface StoreKey {
  readonly passphrase: string;
}

export type FileState = 'missing' | 'empty' | 'plain' | 'encrypted';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * What a database file is, from its first 16 bytes: a plain SQLite file starts with "SQLite
 * format 3"; a SQLCipher file with its random salt. (A file that is neither, a photo renamed,
 * reads as 'encrypted' here: opening it with any key then fails as NOTADB.)
 */
export function fileState(path: string): FileState {
  if (!existsSync(path)) return 'missing';
  if (statSync(path).size === 0) return 'empty';
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
}
