import { AppError } from '../../shared/errors';
import { localDay } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { branchQueries, type BranchRow } from '../../db/queries/core/branch';

// Which branch a database belongs to is set once, at setup, and never changes: remember it.
const known = new WeakMap<DB, BranchRow>();

/** The branch this database belongs to; every counter method needs one. */
export function requireSelfBranch(db: DB): BranchRow {
  const cached = known.get(db);
  if (cached) return cached;
  const branch = branchQueries(db).self();
  if (!branch) throw new AppError('NOT_INITIALIZED', 'BranchDesk is not set up yet');
  known.set(db, branch);
  return branch;
}

/** The store's time zone: its days, months and "today" are counted in it. */
export function timeZone(db: DB): string {
  return branchQueries(db).setting('timezone') ?? 'Asia/Shanghai';
}

/** The store's calendar date at an instant (YYYY-MM-DD). */
export function storeToday(db: DB, now: string): string {
  return localDay(now, timeZone(db)).date;
}
