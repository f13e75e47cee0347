import { statSync } from 'node:fs';
import type { DB } from '../../db/connection';
import { copyCheckQueries, openCopyForCheck } from '../../db/queries/backup/verify';
import type { BackupCheck, BackupError } from '../../shared/contract/backup';

/** Mismatched members listed in a backup's check; the rest are counted. */
const LISTED = 10;

/**
 * Up to this size a copy gets integrity_check, which looks every row up in every index of its
 * table: SQLite maps up to 2 GiB of the file into memory, and the lookups cost little. Above it
 * they cost a read each: a million members' copy (15.55 GiB) took 500 s, 32 s/GiB against the 10
 * the check may take. Larger copies get quick_check: every b-tree walked, every record read, and
 * each index's entries counted against its table's rows, without the lookups (docs/backup.md "The
 * check"). A restore checks a backup whole whatever its size.
 */
export const FULL_CHECK_MAX_BYTES = 2 * 1024 ** 3;

/**
 * Checks a backup's copy on a read-only connection of its own: SQLite's integrity_check (every
 * page, every index against its table; above FULL_CHECK_MAX_BYTES quick_check), then each member's balance against their ledger's sum
 * and their open lots', and what the copy holds. A copy that cannot be opened or read is
 * `corrupt` as well, with what SQLite said. Never throws.
 */
export function verifyCopy(
  path: string,
  like: DB,
  copyMs: number | null,
  fullCheckMaxBytes = FULL_CHECK_MAX_BYTES,
): { check: BackupCheck; error: BackupError | null } {
  const started = performance.now();
  const check: BackupCheck = {
    integrity: false,
    problems: [],
    schemaVersion: null,
    members: 0,
    purchases: 0,
    ledgerEntries: 0,
    balanceMismatches: 0,
    mismatched: [],
    copyMs: copyMs === null ? null : Math.round(copyMs),
    verifyMs: 0,
  };
  let error: BackupError | null = null;
  let copy: DB | null = null;
  try {
    copy = openCopyForCheck(path, like);
    const q = copyCheckQueries(copy);
    check.sqliteCheck = statSync(path).size <= fullCheckMaxBytes ? 'integrity_check' : 'quick_check';
    const integrity = check.sqliteCheck === 'integrity_check' ? q.integrity() : q.quick();
    check.integrity = integrity.length === 1 && integrity[0] === 'ok';
    if (!check.integrity) {
      check.problems = integrity;
      error = 'corrupt';
    } else {
      const counts = q.counts();
      Object.assign(check, {
        schemaVersion: counts.schema_version,
        members: counts.members,
        purchases: counts.purchases,
        ledgerEntries: counts.ledger_entries,
      });
      for (const m of q.mismatches()) {
        if (check.balanceMismatches++ < LISTED)
          check.mismatched.push({ memberId: m.member_id, balance: m.balance, ledger: m.ledger, lots: m.lots });
      }
      if (check.balanceMismatches > 0) error = 'balances';
    }
  } catch (err) {
    check.integrity = false;
    check.problems = [err instanceof Error ? err.message : String(err)];
    error = 'corrupt';
  } finally {
    copy?.close();
  }
  check.verifyMs = Math.round(performance.now() - started);
  return { check, error };
}
