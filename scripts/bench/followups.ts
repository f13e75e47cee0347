import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { followupQueries, type QueueFilter } from '../../db/queries/followups/followups';
import { createApp } from '../../services/core/context';
import { idleCheckpoint } from '../../services/core/maintenance';
import { call, dispatch } from '../../services/core/dispatch';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { jobQueries } from '../../db/queries/core/jobs';
import { LOOKBACK_DAYS } from '../../services/followups/generator';
import { COVERAGE_KEY } from '../../services/followups/coverage';
import { prng } from '../../services/demo/members';
import { timeZone } from '../../services/core/branch';
import { addDaysTo, localDay, startOfLocalDate } from '../../shared/local-date';
import { generatedByJob, type GenerateResult } from '../../shared/contract/followups';
import type { OutputOf } from '../../shared/contract/index';
import { percentile, secs, timePair, us } from './common';

// The follow-up generator's full run (the background job over the whole window, its slices run
// back to back) and an immediate second run (which must create nothing), then the Today queue
// through the service layer against its section queries run raw, then the hourly run after an
// hour at the counter and the next day's first run after the rest of a day (sales, a few voids,
// edits and registrations through the services), each checked against a run over the whole
// window, which must find nothing more. On a copy of the seeded database (the
// generator writes), with the clock starting at the newest seeded sale: the generator only looks
// a few days around "today", and the seed's sales end when it was made.

function ok(env: ReturnType<typeof dispatch>, what: string) {
  if (!env.ok) throw new Error(`${what}: ${env.error.code} ${env.error.message}`);
  return env.result;
}

/**
 * A generator run as the chores start it. One over the whole window is a background job: run
 * here to its end, its slices back to back, so its time compares with the single pass it replaced.
 */
function generateNow(app: ReturnType<typeof createApp>, what: string): GenerateResult {
  const r = ok(dispatch(app, { system: true }, 'followups.generate', {}), what) as OutputOf<'followups.generate'>;
  if (!r.jobId) return r;
  jobRunner(app).runToEnd();
  const job = jobQueries(app.db).byId(r.jobId)!;
  if (job.state !== 'done') throw new Error(`${what}: the job ended ${job.state} (${job.error})`);
  return generatedByJob(JSON.parse(job.result_json ?? '{}') as Record<string, number>);
}

export function benchFollowups(seeded: string, samples: number, scratch = false): void {
  // A copy of the 1M-member database is 16 GB: a scratch copy given on the command line is used as it is.
  if (scratch) return run(seeded, samples);
  // Fold the WAL into the main file first: a copy of the main file alone would miss it.
  const src = new Database(seeded);
  const [cp] = src.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
  src.close();
  if (cp.busy) throw new Error(`${seeded} is busy: cannot checkpoint it for a copy`);
  mkdirSync(resolve('.cache/bench'), { recursive: true });
  const path = resolve(`.cache/bench/followups-${process.pid}.work.sqlite`);
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  };
  remove();
  copyFileSync(seeded, path);
  try {
    run(path, samples);
  } finally {
    remove();
  }
}

function run(path: string, samples: number): void {
  const db = openDatabase(path);
  const newest = (db.prepare("SELECT MAX(occurred_at) AS at FROM purchases WHERE kind = 'sale'").get() as { at: string | null }).at;
  if (!newest) throw new Error('the bench database has no sales: seed it with --purchases');
  const clock = { at: Date.parse(newest) };
  const app = createApp(db, { checkOutputs: false, clock: { now: () => new Date(clock.at) } });
  const tz = timeZone(db);
  const day = localDay(newest, tz).date;
  const counts = db
    .prepare(
      "SELECT (SELECT COUNT(*) FROM members) AS members, (SELECT COUNT(*) FROM purchases) AS purchases, (SELECT COUNT(*) FROM followups) AS tasks, (SELECT COUNT(*) FROM feedback WHERE kind = 'complaint') AS complaints",
    )
    .get() as Record<string, number>;
  console.log(
    `\nFollow-ups on ${counts.members.toLocaleString('en')} members, ${counts.purchases.toLocaleString('en')} purchases, ${counts.tasks.toLocaleString('en')} tasks and ${counts.complaints} complaints before; ` +
      `"today" = ${day} (${tz}), the newest seeded sale ${newest}; lookback ${LOOKBACK_DAYS} days`,
  );

  const timed = (fn: () => unknown): [number, GenerateResult] => {
    const t0 = performance.now();
    const r = fn() as GenerateResult;
    return [performance.now() - t0, r];
  };
  const [firstMs, first] = timed(() => generateNow(app, 'generate'));
  const [againMs, again] = timed(() => generateNow(app, 'generate again'));
  const perRule = (r: GenerateResult) =>
    `post-purchase ${r.postPurchase}, birthday ${r.birthday}, reactivation ${r.reactivation}, complaint ${r.complaint}`;
  console.log(
    `generator, full run          ${secs(firstMs).padStart(9)}  created ${first.total} (${perRule(first)})  ${firstMs <= 20000 ? 'met' : 'MISSED'} (≤ 20 s)`,
  );
  console.log(
    `generator, second run        ${secs(againMs).padStart(9)}  created ${again.total}${again.total === 0 ? '' : ` (${perRule(again)}) — NOT IDEMPOTENT, must be 0`}  ${againMs <= 1000 ? 'met' : 'MISSED'} (≤ 1 s)`,
  );

  // The Today queue as a clerk opens it: everybody's tasks, then one kind only.
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  dispatch(app, { session: admin }, 'staff.create', { name: 'bench-clerk', role: 'clerk', pin: '0000' }); // exists if search ran
  const clerk = call(app, {}, 'auth.login', { name: 'bench-clerk', pin: '0000' }).session;
  const today = (kind?: string) =>
    ok(dispatch(app, { session: clerk }, 'followups.today', kind ? { kind } : {}), 'today') as OutputOf<'followups.today'>;
  const shown = today();
  console.log(
    `Today queue: overdue ${shown.overdue.total}, due today ${shown.dueToday.total}, missed ${shown.missed.total}, upcoming ${shown.upcoming.total}`,
  );

  // The same section queries on a plain connection (same page cache size as openDatabase), with
  // the dates the handler works out already worked out.
  const raw = new Database(path, { readonly: true });
  raw.pragma('cache_size = -65536');
  const rq = followupQueries(raw);
  const since = startOfLocalDate(day, tz);
  const rawToday = (kind: string | null) => {
    const filter: QueueFilter = { anyone: 1, assignee: null, kind };
    return [
      rq.section('planned', '0000-00-00', addDaysTo(day, -1), filter, 200),
      rq.section('planned', day, day, filter, 200),
      rq.section('missed', '0000-00-00', '9999-99-99', filter, 200),
      rq.section('planned', addDaysTo(day, 1), addDaysTo(day, 7), filter, 200),
      rq.doneSince(since, filter),
    ];
  };

  const items = Array.from({ length: samples }, (_, i) => i);
  console.log(`Today queue, ${samples} samples each (µs)`);
  console.log('filter               service p50  service p95   raw p50   raw p95  ratio p50  ratio p95  goal');
  for (const kind of [null, 'reactivation']) {
    const [service, rawTimes] = timePair(
      items,
      () => today(kind ?? undefined),
      () => rawToday(kind),
    );
    const [sp50, sp95, rp50, rp95] = [percentile(service, 50), percentile(service, 95), percentile(rawTimes, 50), percentile(rawTimes, 95)];
    console.log(
      `${(kind ? `kind = ${kind}` : 'none').padEnd(19)} ${us(sp50)}     ${us(sp95)}  ${us(rp50)}  ${us(rp95)}   ${(rp50 / sp50).toFixed(2).padStart(6)}     ${(rp95 / sp95).toFixed(2).padStart(6)}  ${sp95 <= 50000 ? 'met' : 'MISSED'} (p95 ≤ 50 ms)`,
    );
  }
  raw.close();
  aDayLater(app, clock, admin, perRule);
  closeJobRunner(app);
  db.close();
  if (again.total !== 0)
    throw new Error(`followups.generate is not idempotent: the second run created ${again.total} tasks (${perRule(again)})`);
}

/**
 * An hour at the counter, then the hourly run; the rest of the day, then the next morning's first
 * run (a new day: birthdays and lapses of one more day). A day's sales are the seed's average of
 * its last 30 days. After each, a run over the whole window (the coverage forgotten, as a rule
 * change does) must find nothing the run before missed.
 */
function aDayLater(app: ReturnType<typeof createApp>, clock: { at: number }, admin: string, perRule: (r: GenerateResult) => string): void {
  const db = app.db;
  const tz = timeZone(db);
  const HOUR = 3_600_000;
  const perDay = Math.round(
    (db
      .prepare("SELECT COUNT(*) FROM purchases WHERE kind = 'sale' AND occurred_at >= ?")
      .pluck()
      .get(new Date(clock.at - 30 * 24 * HOUR).toISOString()) as number) / 30,
  );
  const ids = db.prepare("SELECT id FROM members WHERE status = 'active' AND merged_into IS NULL").pluck().all() as string[];
  const rand = prng(16);
  const pick = () => ids[Math.floor(rand() * ids.length)];
  const meta = { session: admin };
  /** `sales` sales over `hours`, with a void, an edit and a registration every 500 sales. */
  const counter = (sales: number, hours: number) => {
    const t0 = performance.now();
    for (let i = 0; i < sales; i++) {
      clock.at += (hours * HOUR) / sales;
      const sale = call(app, meta, 'purchases.record', { memberId: pick(), amount: (5 + Math.floor(rand() * 600)).toFixed(2) });
      // Between customers the app folds the WAL back into the file (maintenance.ts, every 2 s):
      // the generator's commit must not pay for the day's sales' pages.
      if (i % 10 === 9) idleCheckpoint(app);
      if (i % 500 !== 250) continue;
      call(app, meta, 'purchases.void', { purchaseId: sale.purchase.id, reason: '收银错误' });
      // Marketing consent and a birthday within the week: birthday care from the member's own change.
      const birthday = `1990${addDaysTo(localDay(new Date(clock.at).toISOString(), tz).date, 3).slice(4)}`;
      call(app, meta, 'members.update', { id: pick(), consentMarketing: true, birthday });
      const phone = `139${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
      const created = dispatch(app, meta, 'members.create', { name: '新会员', phone, consentData: true, consentMarketing: true, birthday });
      if (!created.ok && created.error.code !== 'CONFLICT') throw new Error(`register: ${created.error.code} ${created.error.message}`);
    }
    return performance.now() - t0;
  };
  const generate = () => {
    const t0 = performance.now();
    const r = generateNow(app, 'generate');
    return [performance.now() - t0, r] as const;
  };
  const wholeWindow = (what: string) => {
    db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('null', COVERAGE_KEY);
    const [ms, r] = generate();
    console.log(
      `  then over the whole window  ${secs(ms).padStart(9)}  created ${r.total}${r.total === 0 ? '' : ` (${perRule(r)}) — MISSED by ${what}`}`,
    );
    if (r.total !== 0) throw new Error(`followups.generate ${what} missed ${r.total} tasks (${perRule(r)})`);
  };

  const hourly = Math.round(perDay / 24);
  const hourMs = counter(hourly, 1);
  const [hourRunMs, hour] = generate();
  console.log(
    `generator, an hour later     ${secs(hourRunMs).padStart(9)}  created ${hour.total} (${perRule(hour)}) after ${hourly} sales (${secs(hourMs)} at the counter)  ${hourRunMs <= 1000 ? 'met' : 'MISSED'} (≤ 1 s)`,
  );
  wholeWindow('the hourly run');
  const restMs = counter(perDay - hourly, 23);
  const [dayRunMs, day] = generate();
  console.log(
    `generator, the next day      ${secs(dayRunMs).padStart(9)}  created ${day.total} (${perRule(day)}) after ${perDay - hourly} more sales (${secs(restMs)} at the counter)  ${dayRunMs <= 1000 ? 'met' : 'MISSED'} (≤ 1 s)`,
  );
  wholeWindow("the next day's run");
}
