import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ExportManifest } from '../../shared/contract/hq';
import { fileHashQueries } from '../../db/queries/hq/file';
import { applyKey, type StoreKey } from '../../db/cipher';
import { hashedTables } from './audit-travel';

// What the branch's export file is, read the same way on both sides (docs/hq.md "The file").
// The file is a SQLite database: one table per exported table (columns as at the branch, no
// constraints) and a `manifest` table with one JSON row.

/** The manifest as hashed: every field but the hash itself, keys in a fixed order. */
export function manifestForHash(m: Omit<ExportManifest, 'sha256'> & { sha256?: string }): string {
  const { sha256: _s, ...rest } = m;
  return canonicalJson(rest);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 over the manifest (without its hash), then each exported table in EXPORT_TABLES order
 * (and the audit and consent sections after them, when the manifest declares them: hashedTables):
 * its name, its CREATE statement and the bytes of every page of its b-tree (from `dbstat`), read
 * straight from the file. A changed row changes a page; a renamed or reordered column changes
 * the statement; a missing table is hashed as absent. Reading pages instead of rows keeps a
 * 60 MB file's check to a fraction of a second; the manifest is written after the hash, into
 * pages of its own, so it does not change the pages hashed.
 *
 * An encrypted file (`key`: the chain's export passphrase) is hashed the same way: its pages as
 * they are on disk, encrypted. Each page is written once, encrypted once, so its bytes are as
 * fixed as a plain page's; a changed byte changes the hash (and fails the page's own HMAC), and
 * HQ reads the same bytes the branch hashed. The hash says the file is the one the branch wrote,
 * not what its rows are: the same rows exported plain hash otherwise.
 */
export function contentHash(path: string, manifest: Omit<ExportManifest, 'sha256'> & { sha256?: string }, key: StoreKey | null): string {
  const hash = createHash('sha256');
  hash.update(manifestForHash(manifest));
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const fd = openSync(path, 'r');
  try {
    applyKey(db, key);
    const q = fileHashQueries(db);
    const pageSize = q.pageSize();
    const buffer = Buffer.allocUnsafe(pageSize * 256);
    for (const table of hashedTables(manifest)) {
      const sql = q.tableSql(table);
      hash.update(`\u0000${table}\u0000${sql ?? '(absent)'}\u0000`);
      if (sql === null) continue;
      // Runs of consecutive pages are read in one call (a freshly written table is mostly one run).
      const numbers = q.tablePages(table);
      let i = 0;
      while (i < numbers.length) {
        let j = i + 1;
        while (j < numbers.length && numbers[j] === numbers[j - 1] + 1 && j - i < 256) j++;
        const bytes = (j - i) * pageSize;
        const read = readSync(fd, buffer, 0, bytes, (numbers[i] - 1) * pageSize);
        if (read !== bytes) throw new Error('short read');
        hash.update(buffer.subarray(0, bytes));
        i = j;
      }
    }
  } finally {
    closeSync(fd);
    db.close();
  }
  return hash.digest('hex');
}
