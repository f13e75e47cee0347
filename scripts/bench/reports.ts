import Database from 'better-sqlite3';
import { openDatabase, passiveCheckpoint } from '../../db/connection';
import { reportQueries } from '../../db/queries/reports/reports';
import { summaryQueries } from '../../db/queries/reports/summaries';
import { catchUpSummary, computeSummary, invalidateSummary, summaryIsCurrent } from '../../services/reports/summaries';
import { createApp, type App } from '../../services/core/context';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { call } from '../../services/core/dispatch';
import { activityBetween, rangeOf } from '../../services/reports/reports';
import { timeZone } from '../../services/core/branch';
import { addDaysTo, localDay } from '../../shared/local-date';
import { parsePeriod, previousPeriod, type Period } from '../../shared/report-periods';
import { percentile, timeEach } from './common';

// The manager's reports through the service layer, against the same SQL run raw on a second
// connection (for RFM and lifecycle: the scan of the summaries alone, without the scoring). On
// the seeded file itself, with the clock at its newest sale: reports only add their summaries.

const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`.padStart(10);

/**
 * The summaries built from nothing by their background job (reports.summaries), one slice after
 * another as the runner runs them, each slice and the checkpoint after it timed; beside it, the
 * single pass the job replaced, computed only (it also wrote every row, in one transaction).
 */
function timeSummaryBuild(app: App): void {
  const { db } = app;
  let t0 = performance.now();
  computeSummary(db);
  const single = performance.now() - t0;
  db.transaction(() => invalidateSummary(db)).immediate();
  const runner = jobRunner(app);
  runner.queueChore('reports.summaries', {});
  const [slices, checkpoints]: number[][] = [[], []];
  t0 = performance.now();
  for (;;) {
    const s0 = performance.now();
    if (!runner.step()) break;
    const s1 = performance.now();
    passiveCheckpoint(db);
    slices.push((s1 - s0) * 1000);
    checkpoints.push((performance.now() - s1) * 1000);
  }
  const whole = performance.now() - t0;
  closeJobRunner(app);
  for (const list of [slices, checkpoints]) list.sort((a, b) => a - b);
  const last = (list: number[]) => list[list.length - 1];
  console.log(
    `summaries built by their job: ${slices.length} slices, slice p50 ${ms(percentile(slices, 50)).trim()} / max ${ms(last(slices)).trim()}, ` +
      `checkpoint p50 ${ms(percentile(checkpoints, 50)).trim()} / max ${ms(last(checkpoints)).trim()}, whole job ${(whole / 1000).toFixed(1)} s ` +
      `(the single pass it replaced: ${(single / 1000).toFixed(1)} s computing alone, then its writes, holding the counter throughout)`,
  );
}

export function benchReports(seeded: string, samples: number): void {
  const db = openDatabase(seeded);
  const newest = (db.prepare("SELECT MAX(occurred_at) AS at FROM purchases WHERE kind = 'sale'").get() as { at: string }).at;
  const app = createApp(db, { checkOutputs: false, clock: { now: () => new Date(newest) } });
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  const tz = timeZone(db);
  const today = localDay(newest, tz).date;
  const raw = new Database(seeded, { readonly: true });
  const rq = reportQueries(raw);
  console.log(
    `\nReports on ${(db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n.toLocaleString('en')} members; today = ${today}`,
  );
  console.log('report                      service p50  service p95     raw p50     raw p95  ratio p50  goal');
  const line = (name: string, s: number[], r: number[], goalMs: number) => {
    const ratio = percentile(r, 50) / percentile(s, 50);
    const met = percentile(s, 95) <= goalMs * 1000 && ratio >= 0.5;
    console.log(
      `${name.padEnd(26)} ${ms(percentile(s, 50))}   ${ms(percentile(s, 95))}  ${ms(percentile(r, 50))}  ${ms(percentile(r, 95))}      ${ratio.toFixed(2)}  ${met ? 'met' : 'MISSED'} (≤ ${goalMs >= 1000 ? `${goalMs / 1000} s` : `${goalMs} ms`}, ratio ≥ 0.5)`,
    );
  };

  // The summaries: built by their job (the first report after the upgrade, or after a member
  // merge, queues it), then caught up between customers.
  timeSummaryBuild(app);
  let t0 = 0;
  {
    // A day's sales (10,000) recorded, then caught up in one go; rolled back, so the file is left as it was.
    const ids = db.prepare('SELECT id FROM members ORDER BY rowid LIMIT 10000 OFFSET 5000').pluck().all() as string[];
    const branch = db.prepare('SELECT id FROM branches LIMIT 1').pluck().get() as string;
    const sale = db.prepare(
      "INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, occurred_at, created_at) VALUES (?, ?, ?, 'sale', 5000, 5000, ?, ?)",
    );
    let caught = 0;
    try {
      db.transaction(() => {
        ids.forEach((id, i) => sale.run(`bench-${i}`, branch, id, newest, newest));
        t0 = performance.now();
        catchUpSummary(db);
        caught = performance.now() - t0;
        throw new Error('roll back');
      })();
    } catch {
      // rolled back on purpose
    }
    console.log(`catching up on a day's 10,000 sales: ${caught.toFixed(0)} ms (between customers it is a few sales at a time)`);
  }

  // The dashboard's raw side: the same statements for the period and the one before.
  const sq = summaryQueries(raw);
  const rawKpis = (p: Period) => {
    summaryIsCurrent(raw, tz);
    for (const period of [p, previousPeriod(p)]) {
      const r = rangeOf(period.from, period.to, tz);
      sq.period(period.kind, period.key);
      sq.period(period.kind, previousPeriod(period).key);
      sq.pointsUpTo(period.to);
      rq.followups(r, period.from, period.to);
      rq.scores(r);
      rq.complaints(r);
      rq.resolveTimes(r);
    }
  };
  for (const key of [today.slice(0, 7), today.slice(0, 4)]) {
    const p = parsePeriod(key)!;
    const n = Math.max(20, Math.min(samples, 200));
    const s = timeEach(Array.from({ length: n }), () => call(app, { session: admin }, 'reports.summary', { period: key }));
    const r = timeEach(Array.from({ length: n }), () => rawKpis(p));
    line(`dashboard, ${p.kind} ${key}`, s, r, 300);
  }

  // RFM and lifecycle: a different "as of" day each sample, so nothing comes from the cache.
  const n = Math.max(3, Math.min(samples, 5));
  const days = Array.from({ length: n }, (_, i) => addDaysTo(today, -i));
  // RFM's and lifecycle's raw side: the one scan of every member's packed sales, each blob touched.
  const scan = () => {
    let values = 0;
    sq.eachMember((_no, _v, start, end) => (values += end - start));
    return values;
  };
  let scored = 0;
  const rfm = timeEach(days, (asOf) => (scored = call(app, { session: admin }, 'reports.rfm', { asOf, windowMonths: 12 }).scored));
  const rfmRaw = timeEach(days, scan);
  line(`RFM, 12 months (${scored.toLocaleString('en')})`, rfm, rfmRaw, 3000);
  // A running period's comparison counts the first days of the period before in one pass over
  // every member (cached while nothing changes): what the first dashboard after a sale waits for.
  const firstDays = timeEach(days, (to) =>
    activityBetween(db, { from: addDaysTo(to, -10), to }, { from: addDaysTo(to, -41), to: addDaysTo(to, -11) }),
  );
  line('dashboard, the first days of the period before', firstDays, timeEach(days, scan), 3000);
  const life = timeEach(days, (asOf) => call(app, { session: admin }, 'reports.lifecycle', { asOf, compareDays: 30 }));
  const lifeRaw = timeEach(days, scan);
  line('lifecycle, all members', life, lifeRaw, 3000);
  raw.close();
  db.close();
}
