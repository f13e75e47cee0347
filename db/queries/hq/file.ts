import type { DB } from '../../connection';
import type { StoreKey } from '../../cipher';
import { perDatabase, preparedText } from '../prepared';

// The branch's export file (services/hq/file.ts): attached as `x` to the branch's connection to
// be filled and to HQ's to be merged, and opened on a connection of its own to be hashed and to
// have its manifest written or read.

export const attachedFileQueries = perDatabase((db: DB) => {
  const attach = db.prepare<[string, string]>('ATTACH DATABASE ? AS x KEY ?');
  return {
    /**
     * The file at `path` becomes schema `x` of this connection, encrypted with `key` (a SQLCipher
     * 4 file, as db/cipher.ts writes) or plain (null). Always said: with no KEY, SQLite3 Multiple
     * Ciphers would give the file the connection's own key, so an encrypted store would write its
     * exports with its database passphrase and read a plain file as "not a database". The key
     * is a bound value, never SQL text. A wrong key is SQLITE_NOTADB here.
     */
    attach: (path: string, key: StoreKey | null) => {
      if (key) {
        // The cipher of the next key given on this connection: SQLCipher 4's, as applyKey sets.
        db.pragma("cipher = 'sqlcipher'");
        db.pragma('legacy = 4');
      }
      attach.run(path, key ? key.passphrase : '');
    },
    detach: () => db.exec('DETACH DATABASE x'),
    /** How many rows the attached file holds in a table. */
    rowCount: (table: string) => preparedText(db)(`SELECT COUNT(*) FROM x.${table}`).pluck().get() as number,
  };
});

/** What the checksum reads, on the file's own read-only connection. */
export const fileHashQueries = perDatabase((file: DB) => {
  const tableSql = file.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
  const tablePages = file.prepare<[string], number>('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').pluck();
  return {
    pageSize: () => file.pragma('page_size', { simple: true }) as number,
    /** A table's CREATE statement, null when the file has no such table. */
    tableSql: (table: string): string | null => tableSql.get(table)?.sql ?? null,
    /** The pages of a table's b-tree, in order. */
    tablePages: (table: string) => tablePages.all(table),
  };
});

/**
 * The manifest's JSON, null when its table is empty; throws when the file has none. The file's
 * connection is opened for this one read, so the statement is prepared once for it here.
 */
export function manifestJson(file: DB): string | null {
  return file.prepare<[], string>('SELECT json FROM manifest').pluck().get() ?? null;
}

/** Writes the manifest's table and row, on a connection opened for this one write. */
export function writeManifest(file: DB, json: string): void {
  file.exec('CREATE TABLE manifest (json TEXT NOT NULL)');
  file.prepare<[string]>('INSERT INTO manifest (json) VALUES (?)').run(json);
}
