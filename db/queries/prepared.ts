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
