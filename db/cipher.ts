import { closeSync, openSync, readSync } from 'node:fs';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { DB } from './database';
import { fileState } from './cipher-file';

export { fileState, type FileState } from './cipher-file';

// Encryption at rest (docs/encryption.md). The driver is better-sqlite3-multiple-ciphers, installed
// under better-sqlite3's name (package.json), which reads and writes SQLCipher 4 files: every page
// encrypted with AES-256 and authenticated with HMAC-SHA512, the key derived from the passphrase by
// PBKDF2-HMAC-SHA512 with 256,000 iterations and a random salt kept in the file's first 16 bytes.
// A file written this way opens in the sqlcipher tool and DB Browser for SQLite (SQLCipher 4
// defaults) with the same passphrase: a store is never locked into BranchDesk to read its own data.
//
// A plain store is an ordinary SQLite file and opens with no key, as before.

export type { StoreKey } from './cipher-file';
import type { StoreKey } from './cipher-file';

/** The shortest passphrase the app accepts (shared/contract/encryption.ts says so to the user too). */
export const MIN_PASSPHRASE = 8;

/** SQLCipher 4's key derivation, which a passphrase typed into the sqlcipher tool goes through too. */
const KDF_ROUNDS = 256_000;
const SALT_BYTES = 16;

/**
 * The key is derived here, with the salt SQLCipher keeps in the file's first 16 bytes, and given
 * to SQLite raw with that salt (`x'<key><salt>'`): the same key SQLCipher would derive from the
 * passphrase, so the file still opens with the passphrase in any SQLCipher 4 tool. Deriving it here
 * is what makes a change of passphrase crash-safe: a rekey told the salt keeps it, so the old
 * passphrase still derives the old key from a file whose first page was already rewritten, and
 * rolls the journal back (SQLite3 Multiple Ciphers' own rekey draws a new salt, and a crash
 * half-way left neither passphrase working: test/reliability/rekey.test.ts found it). It is also
 * derived once per key and salt in each thread: a second connection opens without the 0.2 s.
 */
const derived = new WeakMap<StoreKey, Map<string, string>>();

function rawKey(key: StoreKey, salt: Buffer): string {
  const saltHex = salt.toString('hex');
  let bySalt = derived.get(key);
  if (!bySalt) derived.set(key, (bySalt = new Map()));
  let hex = bySalt.get(saltHex);
  if (!hex) {
    hex = pbkdf2Sync(Buffer.from(key.passphrase, 'utf8'), salt, KDF_ROUNDS, 32, 'sha512').toString('hex');
    bySalt.set(saltHex, hex);
  }
  return `"x'${hex}${saltHex}'"`;
}

/** An encrypted file's salt (its first 16 bytes); a new one for a file that is not encrypted yet. */
function saltFor(path: string): Buffer {
  if (path === '' || path === ':memory:' || fileState(path) !== 'encrypted') return randomBytes(SALT_BYTES);
  const salt = Buffer.alloc(SALT_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, salt, 0, SALT_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  return salt;
}

/** SQLCipher 4's own settings, set before the key so the file is written (or read) as SQLCipher writes it. */
function cipherSettings(db: DB): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/**
 * Keys a connection just opened, before anything reads the file: every page it reads is then
 * decrypted and every page it writes encrypted. The key goes raw, as hex: no character of the
 * passphrase is ever part of SQL. A wrong key is not found out here but at the first read
 * (SQLITE_NOTADB): openDatabase and keyOpens check it.
 */
export function applyKey(db: DB, key: StoreKey | null): void {
  if (!key) return;
  cipherSettings(db);
  db.pragma(`key = ${rawKey(key, saltFor(db.name))}`);
  // Sorts and temporary tables stay in memory: SQLite's temporary files are not encrypted.
  db.pragma('temp_store = MEMORY');
}

/** Whether a key (null: none) opens the file: the first page read decrypts to a database. Changes nothing but a hot journal's rollback. */
export function keyOpens(path: string, key: StoreKey | null, nativeBinding?: string): boolean {
  const db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    applyKey(db, key);
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return true;
  } catch (err) {
    if (isNotADatabase(err)) return false;
    throw err;
  } finally {
    db.close();
  }
}

/** SQLite's answer to a wrong key (or to a file that is no database at all). */
export function isNotADatabase(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'SQLITE_NOTADB';
}

/**
 * Encrypts a plain file, or changes the key of an encrypted one, in place: one transaction in
 * rollback-journal mode (SQLite3 Multiple Ciphers refuses to rekey in WAL mode), every page
 * rewritten, the salt kept. The journal keeps each page as it was until the commit, so a crash
 * half-way leaves the old key working, never neither: the next open with the old key rolls it
 * back (tested with SIGKILL in test/reliability/rekey.test.ts). No other connection may be open; the file goes back
 * to the journal mode it had. `to` null would decrypt, which the app never asks.
 */
export function rekeyFile(path: string, from: StoreKey | null, to: StoreKey, nativeBinding?: string): void {
  const db = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    applyKey(db, from);
    const journal = String(db.pragma('journal_mode', { simple: true }));
    db.pragma('journal_mode = DELETE');
    cipherSettings(db);
    // The file's own salt kept (a new one for a plain file): see rawKey.
    db.pragma(`rekey = ${rawKey(to, saltFor(path))}`);
    // The store goes back to WAL; a backup stays in the rollback-journal mode it is kept in.
    if (journal !== 'delete') db.pragma(`journal_mode = ${journal}`);
  } finally {
    db.close();
  }
}
