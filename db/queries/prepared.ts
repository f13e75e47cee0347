import type { Statement } from 'better-sqlite3';
import type { DB } from '../connection';

/** Prepared statements belong to a connection: build them once per database, on first use. */
export function perDatabase<T>(build: (db: DB) => T): (db: DB) => T {
  const cache = new WeakMap<DB, T>();
  return (db) => {
    let q = cache.get(db);
    if (!q) {
      q = build(db);
      cache.set(db, q);
    }
    return q;
  };
}

/**
 * SQL written per variant (a table's name, the columns an attached file has) is prepared once per
 * connection and per text, on first use: a statement on the attached file `x` can only be
 * prepared while one is attached, and SQLite prepares it again by itself after the next ATTACH.
 * Callers of one text share its statement; each gets it unplucked and plucks it if it wants.
 */
export const preparedText = perDatabase((db: DB) => {
  const cache = new Map<string, Statement>();
  return (sql: string): Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt.reader ? stmt.pluck(false) : stmt;
  };
});
