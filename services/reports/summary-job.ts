import { z } from 'zod';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { jobQueries, type JobRow } from '../../db/queries/core/jobs';
import { refreshDerived } from '../core/audit';
import { timeZone } from '../core/branch';
import type { Ctx } from '../core/context';
import { defineJobKind, type SliceOutcome } from '../core/jobs/kind';
import { queueInstead, queueJob } from '../core/jobs/queue';
import { buildSlice, BuildCursor, firstPass } from './summary-build';
import {
  builtUpTo,
  catchUpBuild,
  catchUpSummary,
  invalidateSummary,
  startSummaryBuild,
  summaryBuildHolds,
  summaryIsCurrent,
  summaryLag,
  type CatchUp,
} from './summaries';

const KIND = 'reports.summaries';

/**
 * How far behind a report catches the summaries up itself before it answers. Between customers
 * the app keeps them within a few thousand rows (maintenance.ts); more than this (a store just
 * upgraded, an import) is the build job's, in slices, not the report's in one transaction.
 */
const REPORT_CATCH_UP_ROWS = 20_000;

/**
 * `reports.summaries`: the report summaries built again in slices, when their watermarks cannot
 * be trusted (the first start after migration 0009, the time zone changed, a member merge moved
 * sales) or a report finds them too far behind. At a million members and ten million sales the
 * single transaction it replaces held every counter for about two minutes.
 *
 * The first slice takes the summaries over (startSummaryBuild): emptied, to be built from nothing
 * up to the rows there are, or, when their watermarks can be trusted, caught up from them. A build
 * from nothing counts in passes (summary-build.ts: a slice deletes 10,000 old members' rows, or
 * counts 2,000 sales, 8,000 ledger entries or 500 members), then catches up on the rows added
 * meanwhile, 2,000 a slice, as the app does between customers; the slice that finds nothing left
 * makes the summaries current. Each slice stays within a few tens of milliseconds. The cursor
 * is the pass and its last row (a slice run again from it counts the same rows into the same
 * sums, in the transaction that lost them); catching up, the watermarks are the cursor. A merge or
 * a zone change meanwhile makes the next slice start over (the zone mark no longer says
 * `building:` in this zone); a member merge also supersedes the job. Progress counts rows read.
 *
 * Not cancellable: half-built summaries are no use to anyone (no report reads them), and the next
 * report would queue the build again.
 */
export const summaryBuild = defineJobKind({
  cancellable: false,
  sliceRows: 2000,
  params: z.object({}),
  cursor: z.object({ read: z.number().int(), build: BuildCursor.nullable() }),
  total: () => null,
  slice(db, _ctx, _params, cursor, rows): SliceOutcome<{ read: number; build: BuildCursor | null }> {
    const tz = timeZone(db);
    if (cursor === null || !summaryBuildHolds(db, tz)) {
      // Rows a start-over makes it read again are counted again: the bar goes back, honestly.
      const read = cursor?.read ?? 0;
      const start = startSummaryBuild(db, tz);
      return {
        cursor: { read, build: start.upTo && firstPass(start.upTo) },
        done: 0,
        finished: false,
        tally: {},
        total: read + start.rows,
      };
    }
    if (cursor.build) {
      const { pass, upTo } = cursor.build;
      const r = buildSlice(db, cursor.build, rows, tz);
      const read = cursor.read + r.read;
      const tally = { [pass === 'sales' ? 'purchases' : pass]: r.read };
      if (r.next) return { cursor: { read, build: r.next }, done: r.read, finished: false, tally };
      // Counted up to where the table ended: the rows added since are caught up on next.
      return { cursor: { read, build: null }, done: r.read, finished: false, tally, total: read + builtUpTo(db, upTo) };
    }
    const r = catchUpBuild(db, rows, tz);
    const n = r.members + r.purchases + r.ledger;
    return {
      cursor: { ...cursor, read: cursor.read + n },
      done: n,
      finished: !r.more && !r.needsBuild,
      tally: { members: r.members, purchases: r.purchases, ledger: r.ledger },
    };
  },
});

/** The build job still to run or running, if any. */
export function openSummaryBuild(db: DB): JobRow | null {
  return jobQueries(db).openOfKind(KIND)[0] ?? null;
}

/**
 * The summaries cannot be caught up with a change that is not an added row (a member merge moves
 * sales): they are built again by the job, in the caller's transaction. A build already open
 * would have read some of the moved sales where they were: it is superseded by a new one.
 */
export function rebuildSummaryLater(db: DB, ctx: Ctx): string {
  invalidateSummary(db);
  return queueInstead(db, ctx, KIND).id;
}

/** What a report answers while the summaries are built: the job to follow, and how far it is. */
function summaryBuildingError(job: Pick<JobRow, 'id' | 'done' | 'total'>): AppError {
  return new AppError('REPORTS_BUILDING', 'The report figures are being prepared; ask again when the job is done', {
    jobId: job.id,
    done: job.done,
    total: job.total,
  });
}

/**
 * Catches the summaries up with every row there is before a report reads them, unless nothing
 * changed since the last time. Never builds them: while the build job is open, or when the
 * summaries need one (or are more than REPORT_CATCH_UP_ROWS behind), it queues the job if none
 * is open and refuses with REPORTS_BUILDING, so no report ever shows half-built figures. The
 * catch-up and the queued job are derived work: they ask no audit row of the call.
 */
export function summaryUpToDate(db: DB, ctx: Ctx): CatchUp | null {
  const tz = timeZone(db);
  if (summaryIsCurrent(db, tz)) return null;
  let job = openSummaryBuild(db);
  if (!job) {
    const lag = summaryLag(db, tz);
    if (lag !== null && lag <= REPORT_CATCH_UP_ROWS) {
      const done = refreshDerived(db, () => db.transaction(() => catchUpSummary(db, Number.MAX_SAFE_INTEGER, tz)).immediate());
      if (!done.needsBuild) return done;
    }
    job = refreshDerived(db, () => db.transaction(() => openSummaryBuild(db) ?? jobQueries(db).byId(queueJob(db, ctx, KIND))!).immediate());
  }
  throw summaryBuildingError(job);
}
