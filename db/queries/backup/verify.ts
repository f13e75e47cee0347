import { openCopy, type DB } from '../../connection';
import { perDatabase } from '../prepared';

// The check of a backup's copy (services/backup/verify.ts), run on a read-only connection to the
// copy, never on the store: the store's own pages and locks are not touched.

export interface CopyCounts {
  schema_version: number | null;
  members: number;
  purchases: number;
  ledger_entries: number;
}

export interface BalanceMismatch {
  member_id: string;
  balance: number;
  ledger: number;
  /** null at HQ, which holds no lots */
  lots: number | null;
}

/**
 * Each member's balance against their ledger's sum and their open lots' (a lot closed by an expiry
 * gives nothing: `expired_by IS NULL`, as test/services/points-fixtures.ts ledgerProblems has it).
 * The sums are taken in one pass over each table (NOT INDEXED: a full scan and a sort, instead of
 * one index seek and a table lookup per ledger row, which at a million members reads the ledger's
 * pages at random: one member at a time it did not finish in a minute on 20,000 members).
 */
const MISMATCHES = `
  WITH ledger AS (SELECT member_id, SUM(points) AS points FROM points_ledger NOT INDEXED GROUP BY member_id),
       lots AS (SELECT member_id, SUM(remaining) AS points FROM points_lots NOT INDEXED WHERE expired_by IS NULL GROUP BY member_id)
  SELECT m.id AS member_id, m.points_balance AS balance, COALESCE(l.points, 0) AS ledger, COALESCE(o.points, 0) AS lots
    FROM members m LEFT JOIN ledger l ON l.member_id = m.id LEFT JOIN lots o ON o.member_id = m.id
   WHERE m.points_balance != COALESCE(l.points, 0) OR m.points_balance != COALESCE(o.points, 0)`;

/** At HQ: lots stay at their branch (an export carries the ledger, not its lots), so the ledger alone. */
const HQ_MISMATCHES = `
  WITH ledger AS (SELECT member_id, SUM(points) AS points FROM points_ledger NOT INDEXED GROUP BY member_id)
  SELECT m.id AS member_id, m.points_balance AS balance, COALESCE(l.points, 0) AS ledger, NULL AS lots
    FROM members m LEFT JOIN ledger l ON l.member_id = m.id
   WHERE m.points_balance != COALESCE(l.points, 0)`;

/**
 * Opens a copy to check it, read-only. integrity_check looks every index entry up in its table:
 * with SQLite's 16 MB cache that is a read() of a page per lookup. Mapped into memory (as far as
 * SQLite maps, 2 GB) and with a 256 MB cache it took about half the time: 2.7–3.2 s against
 * 5.0–7.1 s on the 20,000-member bench store's copy (the machine busy). Nothing writes the copy
 * meanwhile.
 */
export function openCopyForCheck(path: string, like: DB): DB {
  const copy = openCopy(path, like, { readonly: true });
  copy.pragma('mmap_size = 2147418112');
  copy.pragma('cache_size = -262144');
  return copy;
}

export const copyCheckQueries = perDatabase((db: DB) => {
  const integrity = db.prepare<[], string>('PRAGMA integrity_check(10)').pluck();
  const quick = db.prepare<[], string>('PRAGMA quick_check(10)').pluck();
  const counts = db.prepare<[], CopyCounts>(
    `SELECT (SELECT MAX(version) FROM schema_migrations) AS schema_version, (SELECT COUNT(*) FROM members) AS members,
            (SELECT COUNT(*) FROM purchases) AS purchases, (SELECT COUNT(*) FROM points_ledger) AS ledger_entries`,
  );
  const kind = db
    .prepare<[], string>("SELECT kind FROM branches WHERE id = (SELECT value FROM settings WHERE key = 'self_branch_id')")
    .pluck();
  const mismatches = db.prepare<[], BalanceMismatch>(MISMATCHES);
  const hqMismatches = db.prepare<[], BalanceMismatch>(HQ_MISMATCHES);
  return {
    /** ['ok'] for a sound file, else its first complaints. */
    integrity: () => integrity.all(),
    /** The same without the lookup of each row in each index (quick_check: each index's entries are still counted against its table's rows). */
    quick: () => quick.all(),
    counts: () => counts.get()!,
    /** Every member whose balance disagrees, one at a time. */
    mismatches: () => (kind.get() === 'hq' ? hqMismatches : mismatches).iterate(),
  };
});
