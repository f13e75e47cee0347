import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import { generatorQueries } from '../../db/queries/followups/generator';
import { addDaysTo } from '../../shared/local-date';
import { refreshDerived } from '../core/audit';

/**
 * What the follow-up generator's last run covered, so the next one reads only what can have
 * changed since (at a million members the whole window is seconds of reading every hour for
 * nothing). A cause's task is made by the first run that sees it, and stays: so between two runs
 * under the same rules a cause appears only by
 * - a sale or a void recorded since (its row number is above the last run's newest),
 * - a change to the member (new, status, marketing consent, birthday, another's sales merged
 *   in), which migration 0015's triggers note in followup_recheck,
 * - the date moving on: the days between the last run's today and this run's.
 * Everything else the last run already made, or saw could not be made.
 */
export interface Coverage {
  /** the rules, time zone and look-back it ran under: a run under others reads the whole window */
  basis: string;
  /** its local today */
  today: string;
  /** the newest purchases row it saw */
  purchasesTo: number;
}

/** Where a run starts from when the last one covered the window up to the day before `firstNewDay`. */
export interface Since {
  /** the first local day the last run had not reached as its today */
  firstNewDay: string;
  /** sales and voids after this row are new */
  purchasesAfter: number;
}

/** The settings row it is kept in; without one (or with `null`) the next run reads the whole window. */
export const COVERAGE_KEY = 'followup_coverage';

/**
 * What changed since the last run under `basis`, or null when the whole window must be read: no
 * run yet, a rule or the time zone changed since, or the clock went back past it.
 */
export function sinceLastRun(db: DB, basis: string, today: string): Since | null {
  const last = JSON.parse(branchQueries(db).setting(COVERAGE_KEY) ?? 'null') as Coverage | null;
  if (!last || last.basis !== basis || last.today > today) return null;
  return { firstNewDay: addDaysTo(last.today, 1), purchasesAfter: last.purchasesTo };
}

/** The newest purchases row now: a run records it as seen once it has read the sales. */
export function newestPurchase(db: DB): number {
  return generatorQueries(db).lastPurchaseRowid.get() ?? 0;
}

// The coverage and the list of members to look at again are bookkeeping derived from the runs,
// not anyone's doing: no audit row of their own.

/** Records a run's reach and empties the list of members to look at again, which it has read. */
export function recordCoverage(db: DB, coverage: Coverage): void {
  refreshDerived(db, () => {
    generatorQueries(db).forgetRechecks.run();
    writeCoverage(db, coverage);
  });
}

function writeCoverage(db: DB, coverage: Coverage | null): void {
  const raw = JSON.stringify(coverage);
  if (branchQueries(db).setting(COVERAGE_KEY) !== raw) branchQueries(db).setSetting(COVERAGE_KEY, raw);
}

/**
 * The first slice of a run over the whole window in slices (./generator-job.ts). Its slices read
 * each member as they stand when their slice comes, so the members noted so far need no other
 * look: they are forgotten now, and those noted from now on (a change to a member whose slice
 * has passed) stay noted for the run after the job. The last run's coverage goes with them, as
 * it counted on them: until the job records its own, every run reads the whole window. Answers
 * the newest purchases row, which the job records as seen: a sale after it (one a passed slice
 * missed) is the next run's to read.
 */
export function startWholeWindow(db: DB): number {
  return refreshDerived(db, () => {
    generatorQueries(db).forgetRechecks.run();
    writeCoverage(db, null);
    return newestPurchase(db);
  });
}

/** The last slice of the whole-window job: its reach, with the members noted while it ran left for the next run. */
export function finishWholeWindow(db: DB, coverage: Coverage): void {
  refreshDerived(db, () => writeCoverage(db, coverage));
}
