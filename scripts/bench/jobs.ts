import { copyFileSync, rmSync } from 'node:fs';
import { TZDate } from '@date-fns/tz';
import { addMonths, startOfMonth } from 'date-fns';
import { openDatabase } from '../../db/connection';
import { createApp, type App } from '../../services/core/context';
import { call, dispatch } from '../../services/core/dispatch';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { COVERAGE_KEY } from '../../services/followups/coverage';
import { invalidateSummary } from '../../services/reports/summaries';
import { percentile, pickCounterMembers, secs } from './common';

// The counter while long work runs (issue 16): each job runs as the services' host runs it (its
// slices on the runner's own connection, yielding to the event loop between them), while a
// second client sends a counter call every 100 ms on the app's connection in the same thread, as
// the relay delivers them. A call's latency runs from when it was due to when it was answered,
// so time spent waiting behind a slice counts. On a copy of the seeded database.

const EVERY_MS = 100;
const GOAL_P99_MS = 50;
const GOAL_MAX_MS = 200;

interface Sample {
  ms: number[];
  failed: number;
}

/** Counter calls at 10 a second (a search by phone tail, then a sale) until `done` settles. */
async function counterLoad(
  app: App,
  session: string,
  members: Array<{ id: string; tail: string }>,
  done: Promise<unknown>,
): Promise<Sample> {
  const sample: Sample = { ms: [], failed: 0 };
  // When the work ended: a call that fell due before then is still sent (late, if the work held
  // the thread), and counted from when it was due.
  let finishedAt = Infinity;
  void done.then(() => (finishedAt = performance.now()));
  const start = performance.now();
  for (let i = 0; ; i++) {
    const due = start + i * EVERY_MS;
    if (due > finishedAt) break;
    await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    if (due > finishedAt) break;
    const m = members[i % members.length];
    const envelope =
      i % 2 === 0
        ? dispatch(app, { session }, 'members.search', { q: m.tail })
        : dispatch(app, { session }, 'purchases.record', { memberId: m.id, amount: '12.50', confirmDuplicate: true });
    sample.ms.push(performance.now() - due);
    if (!envelope.ok) sample.failed++;
  }
  return sample;
}

function line(what: string, jobMs: number | null, s: Sample, goalS: number | null): string {
  const sorted = [...s.ms].sort((a, b) => a - b);
  const [p50, p99, max] = [percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] ?? 0];
  const counterMet = p99 <= GOAL_P99_MS && max <= GOAL_MAX_MS;
  const job = jobMs === null ? ''.padStart(9) : secs(jobMs).padStart(9);
  const jobGoal =
    goalS === null || jobMs === null ? '' : jobMs <= goalS * 1000 ? `  job met (≤ ${goalS} s)` : `  job MISSED (≤ ${goalS} s)`;
  return (
    `${what.padEnd(38)} ${job}  counter n=${String(s.ms.length).padStart(4)} p50 ${p50.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(7)} ms  max ${max.toFixed(1).padStart(7)} ms` +
    `${s.failed ? `  ${s.failed} FAILED` : ''}  counter ${counterMet ? 'met' : 'MISSED'} (p99 ≤ ${GOAL_P99_MS}, max ≤ ${GOAL_MAX_MS} ms)${jobGoal}`
  );
}

/** The jobs this bench runs, each on the same copy in this order; `--jobs expiry,generator` picks some. */
export const BENCH_JOBS = ['tiers', 'summaries', 'expiry', 'generator'] as const;

export async function benchJobs(seeded: string, only: readonly string[] = BENCH_JOBS): Promise<void> {
  const want = (name: (typeof BENCH_JOBS)[number]) => only.includes(name);
  const path = seeded.replace(/\.sqlite$/, '.jobs.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  copyFileSync(seeded, path);
  const db = openDatabase(path);
  const app = createApp(db, { checkOutputs: false });
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  const maxRow = db.prepare<[], number>('SELECT MAX(rowid) FROM members').pluck().get() ?? 0;
  const members = pickCounterMembers(db, 16);
  // The seed's last sale, read before the counter's sales below add later ones.
  const newest = db.prepare<[], string>("SELECT MAX(occurred_at) FROM purchases WHERE kind = 'sale'").pluck().get()!;
  console.log(`\nThe counter while jobs run (${maxRow.toLocaleString('en')} members; a counter call every ${EVERY_MS} ms)`);

  const idle = await counterLoad(app, admin, members, new Promise((r) => setTimeout(r, 5000)));
  console.log(line('no job (5 s)', null, idle, null));

  let t0: number;
  let job: Promise<number>;
  let during: Sample;

  // A tier rule save: the re-evaluation of every member, in slices.
  if (want('tiers')) {
    const config = call(app, { session: admin }, 'tiers.list', {});
    const tiers = config.tiers.map(({ rank: _rank, ...t }, i) => (i === 1 ? { ...t, threshold: t.threshold + 100 } : t));
    const runner = jobRunner(app);
    runner.start();
    t0 = performance.now();
    call(app, { session: admin }, 'tiers.save', { ...config, tiers });
    job = runner.idle().then(() => performance.now() - t0);
    during = await counterLoad(app, admin, members, job);
    console.log(line('tier re-evaluation after a rule save', await job, during, 45));
    closeJobRunner(app);
  }

  // A member merge: the report summaries built again from nothing (reports.summaries), in slices.
  if (want('summaries')) {
    const build = jobRunner(app);
    db.transaction(() => invalidateSummary(db)).immediate();
    build.queueChore('reports.summaries', {});
    t0 = performance.now();
    build.start();
    job = build.idle().then(() => performance.now() - t0);
    during = await counterLoad(app, admin, members, job);
    console.log(line('report summaries built again (a merge)', await job, during, 144));
    closeJobRunner(app);
  }

  // The heaviest expiry: the first of next month (local), when a whole month's lots expire.
  if (want('expiry')) {
    const nextMonth = new Date(startOfMonth(addMonths(new TZDate(Date.now(), 'Asia/Shanghai'), 1)).getTime() + 60_000);
    const later = createApp(db, { checkOutputs: false, clock: { now: () => nextMonth } });
    const laterAdmin = call(later, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
    const expiry = jobRunner(later);
    expiry.queueChore('points.expire', { now: nextMonth.toISOString() });
    t0 = performance.now();
    expiry.start();
    job = expiry.idle().then(() => performance.now() - t0);
    during = await counterLoad(later, laterAdmin, members, job);
    console.log(line('points expiry, the 1st of the month', await job, during, 40));
    closeJobRunner(later);
  }

  if (want('generator')) {
    // The follow-up generator's run over the whole window (its first, and the first after a rule
    // change), in slices. On the day of the newest seeded sale, so the window holds the seed's last
    // week of sales, as a store's first run would.
    const day = createApp(db, { checkOutputs: false, clock: { now: () => new Date(newest) } });
    const dayAdmin = call(day, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('null', COVERAGE_KEY);
    const generator = jobRunner(day);
    generator.start();
    t0 = performance.now();
    const { jobId } = call(day, { session: dayAdmin }, 'followups.generate', {});
    if (!jobId) throw new Error('followups.generate over the whole window answered without a job');
    job = generator.idle().then(() => performance.now() - t0);
    during = await counterLoad(day, dayAdmin, members, job);
    const made = call(day, { session: dayAdmin }, 'jobs.get', { id: jobId });
    console.log(`${line('follow-up generator, the whole window', await job, during, 35)}  made ${made.result.total ?? 0} (${made.state})`);
    closeJobRunner(day);
  }

  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
