import { openSecondConnection, passiveCheckpoint, setLockWait, type DB } from '../../../db/connection';
import { jobQueries, type JobListRow } from '../../../db/queries/core/jobs';
import { staffQueries } from '../../../db/queries/staff/staff';
import type { JobKindName } from '../../../shared/contract/jobs';
import { auditableChanges, writeAudit } from '../audit';
import type { App, Ctx } from '../context';
import { kindOf } from './kinds';
import { queueJob } from './queue';

/**
 * Test-only: milliseconds to wait between two slices, read once when a runner is made, so an
 * end-to-end test can watch a job on a small database run for a while. Never set in use.
 */
export const TEST_SLICE_DELAY_ENV = 'BRANCHDESK_TEST_SLICE_DELAY_MS';

export interface RunnerOptions {
  /** Units of work per slice for every kind instead of its own (tests: a few, for many slices of a small store). */
  sliceRows?: number;
  /** Awaited after each slice when the runner runs on its own (start()): tests hold a job half-way with it. */
  betweenSlices?: (job: JobListRow) => Promise<void> | void;
}

/**
 * Runs the background jobs (docs/jobs.md) on a connection of its own, one slice at a time, each
 * slice one IMMEDIATE transaction that commits the slice's work together with the job's new
 * cursor and progress. A job killed half-way therefore resumes from its last committed slice,
 * and the counter's calls, on the app's own connection, run between slices: started, the runner
 * yields to the event loop after every slice. Tests and scripts drive it instead with step() and
 * runToEnd(), with no timers at all.
 *
 * The audit rule holds for jobs as the dispatcher holds it for calls: the first slice that
 * changes data writes the job's `jobs.started` row in its own transaction, so nothing a job
 * writes is ever committed without one, and the last slice writes `jobs.finished` with the result.
 */
export class JobRunner {
  private connection: DB | null = null;
  private closed = false;
  private started = false;
  private looping = false;
  private wakeTimer: NodeJS.Immediate | null = null;
  private endPause: (() => void) | null = null;
  private idleWaiters: Array<() => void> = [];
  /** The job this runner last ran: another one (or the same after a restart) starts a new run, timed afresh. */
  private currentJob: string | null = null;
  private readonly delayMs: number;
  /** The started runner's pace for the job it runs: its kind's slice size times `scale`, kept near SLICE_TARGET_MS. */
  private pace: { job: string; scale: number } | null = null;

  /** Test settings (jobRunner() sets them). */
  options: RunnerOptions = {};

  constructor(private readonly app: App) {
    const delay = Number(process.env[TEST_SLICE_DELAY_ENV] ?? 0);
    this.delayMs = Number.isFinite(delay) && delay > 0 ? delay : 0;
    app.onJobQueued = () => this.wake();
  }

  /**
   * Runs one slice of the job first in line (one a restart interrupted, else the oldest queued);
   * false when none is open, when the slice found the database held by another writer, or when
   * the job waits for something (an import for its backup: tests run the backups, then the jobs).
   */
  step(): boolean {
    const ran = this.runNext();
    return ran !== null && ran !== BUSY && ran !== WAIT;
  }

  /** Runs every open job to its end, synchronously (tests, scripts). Answers the slices run. */
  runToEnd(): number {
    let slices = 0;
    while (this.step()) slices++;
    return slices;
  }

  /** Runs the jobs on its own from now on, yielding to the event loop between slices; picks up what a restart left open. */
  start(): void {
    this.started = true;
    this.wake();
  }

  /** Stops running on its own (between slices: a slice is synchronous); open jobs stay open for the next start. */
  stop(): void {
    this.started = false;
    if (this.wakeTimer) clearImmediate(this.wakeTimer);
    this.wakeTimer = null;
    this.endPause?.();
  }

  /** Stops and closes the runner's connection (shutdown, and tests' cleanup). */
  close(): void {
    this.stop();
    if (this.connection && this.connection !== this.app.db) this.connection.close();
    this.connection = null;
    this.closed = true;
    if (this.app.onJobQueued) this.app.onJobQueued = undefined;
  }

  /** Settles once a started runner has no job left to run (tests). */
  idle(): Promise<void> {
    if (!this.looping && !this.wakeTimer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Queues a job with no staff behind it (the app's own chores), unless one of its kind is open already. */
  queueChore(kind: JobKindName, params: Record<string, unknown>): string | null {
    const db = this.db();
    return db
      .transaction(() => (jobQueries(db).openOfKind(kind).length > 0 ? null : queueJob(db, this.contextFor(db, null), kind, params)))
      .immediate();
  }

  private db(): DB {
    if (this.closed) throw new Error('The job runner is closed');
    if (!this.connection) {
      this.connection = openSecondConnection(this.app.db);
      // The runner shares the counter's thread: it must not sit out another writer's lock there.
      if (this.connection !== this.app.db) setLockWait(this.connection, RUNNER_LOCK_WAIT_MS);
    }
    return this.connection;
  }

  private runNext(): string | null | typeof BUSY | typeof WAIT {
    const db = this.db();
    const job = jobQueries(db).next();
    if (!job) return null;
    try {
      const waiting = db.transaction(() => this.runSlice(db, job.id)).immediate();
      this.currentJob = job.id;
      if (waiting) return WAIT;
    } catch (err) {
      // Another writer (a merge on another thread, a script) held the database past the lock's
      // wait: the slice changed nothing and the job is sound; it runs again a little later.
      if ((err as { code?: unknown } | null)?.code === 'SQLITE_BUSY') return BUSY;
      this.fail(db, job.id, err);
    }
    return job.id;
  }

  /** One slice of the job; true when the slice said to wait (nothing done, nothing written). */
  private runSlice(db: DB, id: string): boolean {
    const q = jobQueries(db);
    // Read again inside the transaction: a call may have cancelled or superseded it since.
    const job = q.byId(id);
    if (!job || (job.state !== 'queued' && job.state !== 'running')) return false;
    const kind = kindOf(job.kind);
    const ctx = this.contextFor(db, job.started_by);
    if (this.currentJob !== job.id) q.begin(job.id, ctx.now);
    const params: unknown = JSON.parse(job.params_json);
    const total = job.total ?? kind.total(db, ctx, params);
    const before = auditableChanges(db);
    const slice = kind.slice(
      db,
      ctx,
      params,
      job.cursor_json === null ? null : JSON.parse(job.cursor_json),
      this.options.sliceRows ?? Math.max(1, Math.round(kind.sliceRows * (this.pace?.job === job.id ? this.pace.scale : 1))),
    );
    if (slice.wait) return true;
    let audited = job.audited;
    if (!audited && auditableChanges(db) !== before) {
      writeAudit(ctx, { action: 'jobs.started', entity: 'job', entityId: job.id, after: { kind: job.kind, params } });
      audited = 1;
    }
    const done = job.done + slice.done;
    const result: Record<string, number> = JSON.parse(job.result_json ?? '{}');
    for (const [key, n] of Object.entries(slice.tally)) result[key] = (result[key] ?? 0) + n;
    q.progress({
      id: job.id,
      cursor_json: slice.cursor === null ? null : JSON.stringify(slice.cursor),
      done,
      // A count made at the start is an estimate (members join meanwhile, points are spent): the end is exact.
      total: slice.finished ? done : nullOrAtLeast(slice.total ?? total, done),
      result_json: JSON.stringify(result),
      audited,
      // After the work, so the time left counts the slices' own time from the first one on.
      at: this.app.clock.now().toISOString(),
    });
    if (slice.finished) {
      if (audited)
        writeAudit(ctx, { action: 'jobs.finished', entity: 'job', entityId: job.id, after: { kind: job.kind, state: 'done', result } });
      q.finish(job.id, 'done', null, ctx.now);
    }
    return false;
  }

  /** A slice that threw changed nothing (its transaction rolled back): the job fails, and says why. */
  private fail(db: DB, id: string, err: unknown): void {
    console.error(`[jobs] job ${id} failed`, err);
    const error = err instanceof Error ? err.message : String(err);
    db.transaction(() => {
      const q = jobQueries(db);
      const job = q.byId(id);
      if (!job) return;
      const ctx = this.contextFor(db, job.started_by);
      if (!q.finish(id, 'failed', error, ctx.now) || !job.audited) return;
      const result: unknown = JSON.parse(job.result_json ?? '{}');
      writeAudit(ctx, { action: 'jobs.finished', entity: 'job', entityId: id, after: { kind: job.kind, state: 'failed', error, result } });
    }).immediate();
  }

  /** A job's calls are its starter's: the rows it writes name them, as the call that queued it would have. */
  private contextFor(db: DB, staffId: string | null): Ctx {
    const staff = staffId ? staffQueries(db).byId(staffId) : null;
    return {
      app: { ...this.app, db },
      caller: staff ? { id: staff.id, name: staff.name, role: staff.role, branchId: staff.branch_id } : null,
      session: null,
      now: this.app.clock.now().toISOString(),
      newId: this.app.newId,
      auditRows: 0,
    };
  }

  private wake(): void {
    if (!this.started || this.looping || this.wakeTimer) return;
    this.wakeTimer = setImmediate(() => {
      this.wakeTimer = null;
      void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.started) {
        const sliceStart = performance.now();
        const id = this.runNext();
        if (id === null) break;
        if (id === BUSY || id === WAIT) {
          await new Promise((resolve) => setTimeout(resolve, id === BUSY ? BUSY_RETRY_MS : WAIT_RETRY_MS));
          continue;
        }
        const sliceMs = performance.now() - sliceStart;
        await this.pause(id);
        if (!this.started) break;
        // The slice's pages go from the WAL into the file now, a slice's worth at a time, with
        // the counter's calls let in before and after. Left to SQLite, every sixth slice or so
        // would copy 40 MB at once (a quarter of a second at a million members).
        const checkpointStart = performance.now();
        this.checkpoint();
        // A counter call waits behind the longer of the two: the next slice is sized to keep it short.
        // Not under the test-only delay: a test slowed that way counts on the kind's own slices.
        const scale = this.pace?.job === id ? this.pace.scale : 1;
        if (this.delayMs === 0) this.pace = { job: id, scale: paced(scale, Math.max(sliceMs, performance.now() - checkpointStart)) };
        await this.pause(null);
      }
    } catch (err) {
      console.error('[jobs] the runner stopped', err);
    } finally {
      this.looping = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private checkpoint(): void {
    try {
      passiveCheckpoint(this.db());
    } catch (err) {
      console.error('[jobs] checkpoint failed', err);
    }
  }

  /** Between two slices (and after the checkpoint, `id` null): the counter's calls waiting in the event loop run now. */
  private async pause(id: string | null): Promise<void> {
    const hook = this.options.betweenSlices;
    if (hook && id !== null) await hook(jobQueries(this.db()).byId(id)!);
    if (!this.started) return;
    await new Promise<void>((resolve) => {
      const timer = this.delayMs > 0 && id !== null ? setTimeout(resolve, this.delayMs) : null;
      const immediate = timer ? null : setImmediate(resolve);
      this.endPause = () => {
        if (timer) clearTimeout(timer);
        if (immediate) clearImmediate(immediate);
        resolve();
      };
    });
    this.endPause = null;
  }
}

/** A slice that found the database held by another writer. */
const BUSY = Symbol('busy');
/** A slice that said its job must wait (SliceOutcome.wait). */
const WAIT = Symbol('wait');
/** How long the runner waits before it tries a waiting job again: an import's backup is taken on another thread. */
export const WAIT_RETRY_MS = 500;
/** How long the runner waits before it tries a slice the database was too busy for again. */
const BUSY_RETRY_MS = 1000;
/**
 * How long a slice waits for another writer's lock (a merge on the side host's thread, a script):
 * a slice runs on the counter's thread, which must not stand still for the connection's usual
 * five seconds. Past this it is tried again a second later.
 */
export const RUNNER_LOCK_WAIT_MS = 100;

/** What a started runner aims a slice (and the checkpoint after it) at: a counter call waits behind at most one. */
export const SLICE_TARGET_MS = 25;

/**
 * The next slice's size, as a multiple of its kind's own, after one that took `ms`: the kinds'
 * sizes were measured on a 100,000-member store and a slice costs more at a million (the expiry's
 * 800 lots took 40–230 ms there). At most half or one and a half times the last each step, and
 * from an eighth to one and a half times the kind's size, so one slow slice (a page fault, the
 * machine busy) does not shrink the job to nothing, nor a cheap phase (counting) grow it past
 * what its expensive phase can take.
 */
export function paced(scale: number, ms: number): number {
  const step = Math.min(1.5, Math.max(0.5, SLICE_TARGET_MS / Math.max(ms, 1)));
  return Math.min(1.5, Math.max(1 / 8, scale * step));
}

const nullOrAtLeast = (n: number | null, least: number) => (n === null ? null : Math.max(n, least));

const runners = new WeakMap<App, JobRunner>();

/**
 * The app's job runner, made on first use (its connection opens on its first slice). Options
 * (tests) apply from the next slice on, to a runner made before too.
 */
export function jobRunner(app: App, options?: RunnerOptions): JobRunner {
  let runner = runners.get(app);
  if (!runner) {
    runner = new JobRunner(app);
    runners.set(app, runner);
  }
  if (options) runner.options = options;
  return runner;
}

/** Stops the app's runner, if it has one, and closes its connection. */
export function closeJobRunner(app: App): void {
  runners.get(app)?.close();
  runners.delete(app);
}
