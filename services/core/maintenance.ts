import { passiveCheckpoint } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import type { App } from './context';
import { dispatch } from './dispatch';
import { catchUpSummary, summaryIsCurrent } from '../reports/summaries';
import { openSummaryBuild } from '../reports/summary-job';
import { expiryDue } from '../loyalty/expiry-job';
import { tierReviewDue } from '../loyalty/tier-review-job';
import { closeJobRunner, jobRunner } from './jobs/runner';
import { sweepUploads } from './uploads';
import { BACKUP_AFTER_START_MS, requestDailyBackup, requestStartupBackup } from '../backup/requests';

const HOUR = 60 * 60 * 1000;
/** How often the WAL is folded back into the database while the app waits for the next customer. */
export const CHECKPOINT_EVERY_MS = 2000;

/**
 * The daily chores, run at start-up and then every hour (all are idempotent, so running
 * often costs nothing): expire points past their date, review tiers past their review date, make the follow-ups
 * the rules call for. The expiry and the review are background jobs (docs/jobs.md), each queued
 * only when something is due and none of its kind is open yet: the start of the month's expiry
 * takes half a minute at a million members.
 */
export function runMaintenance(app: App): void {
  // HQ does none of them: its members, points and follow-ups are the branches', which do them.
  const self = branchQueries(app.db).self();
  if (!self || self.kind === 'hq') return;
  const now = app.clock.now().toISOString();
  if (expiryDue(app.db, now)) jobRunner(app).queueChore('points.expire', { now });
  if (tierReviewDue(app.db, now)) jobRunner(app).queueChore('tiers.review', { now });
  const result = dispatch(app, { system: true }, 'followups.generate', {});
  if (!result.ok && result.error.code !== 'NOT_INITIALIZED') console.error('[maintenance] followups.generate failed', result.error);
}

/**
 * Copies committed pages from the WAL into the database file. Done here, between calls, a few
 * sales' pages at a time, instead of by whichever sale happens to fill the WAL: SQLite's own
 * checkpoint would make that one customer wait for a thousand random page writes. PASSIVE never
 * waits for readers or writers (another process keeps working).
 */
export function idleCheckpoint(app: App): void {
  try {
    passiveCheckpoint(app.db);
  } catch (err) {
    console.error('[maintenance] checkpoint failed', err);
  }
}

/** How many new sales (and ledger entries) one idle catch-up of the report summaries takes at most. */
export const CATCH_UP_ROWS = 2000;

/**
 * Keeps the report summaries up to date between customers, a slice at a time, so a report
 * seldom has anything to catch up on. Summaries that must be built (the first time, after a zone
 * change or a member merge) are the build job's (reports.summaries): queued here if no report
 * has queued it yet, and left alone while it is open, as it owns their watermarks then. HQ
 * keeps none: its reports count from the rows (docs/hq.md), and nothing at HQ reads them.
 */
export function idleCatchUp(app: App): void {
  try {
    if (branchQueries(app.db).self()?.kind !== 'branch' || summaryIsCurrent(app.db) || openSummaryBuild(app.db)) return;
    const done = app.db.transaction(() => catchUpSummary(app.db, CATCH_UP_ROWS)).immediate();
    if (done.needsBuild) jobRunner(app).queueChore('reports.summaries', {});
  } catch (err) {
    console.error('[maintenance] report catch-up failed', err);
  }
}

/** Files uploaded a day ago or more and never used go, at HQ too (its merges come as uploads). */
export function sweepOldUploads(app: App): void {
  sweepUploads(app.db.name, app.clock.now().getTime());
}

/**
 * Asks for the backups the clock calls for (docs/backup.md "When"), at HQ too: its database is the
 * chain's record. Only the request is made here, a row: the side host's loop copies, never this
 * thread, which answers the counter.
 */
export function requestScheduledBackups(app: App, request: (app: App) => unknown): void {
  try {
    request(app);
  } catch (err) {
    // The database held by a merge on the side host: asked again at the next hour.
    console.error('[maintenance] a backup could not be requested', err);
  }
}

/**
 * Starts the schedule and the background jobs (resuming any a restart interrupted); returns a
 * function that stops both and closes the jobs' connection (on shutdown, before the app's).
 */
export function scheduleMaintenance(app: App): () => void {
  jobRunner(app).start();
  sweepOldUploads(app);
  runMaintenance(app);
  const idle = () => {
    idleCatchUp(app);
    idleCheckpoint(app);
  };
  const hourly = () => {
    sweepOldUploads(app);
    runMaintenance(app);
    requestScheduledBackups(app, requestDailyBackup);
  };
  const timers = [setInterval(hourly, HOUR), setInterval(idle, CHECKPOINT_EVERY_MS)];
  const startup = setTimeout(() => requestScheduledBackups(app, requestStartupBackup), BACKUP_AFTER_START_MS);
  for (const t of [...timers, startup]) t.unref();
  return () => {
    timers.forEach(clearInterval);
    clearTimeout(startup);
    closeJobRunner(app);
  };
}
