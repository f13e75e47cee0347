import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { reportQueries } from '../../db/queries/reports';
import { createApp } from '../../services/context';
import { call } from '../../services/dispatch';
import { rangeOf } from '../../services/reports';
import { timeZone } from '../../services/points';
import { addDaysTo, startOfLocalDate } from '../../shared/local-date';
import { localDay } from '../../shared/points';
import { parsePeriod, previousPeriod, type Period } from '../../shared/report-periods';
import { percentile, timeEach } from './common';

// The manager's reports through the service layer, against the same SQL run raw on a second
// connection (for RFM and lifecycle: the aggregate queries alone, without the scoring). Read
// only, so on the seeded file itself, with the clock at its newest sale.

const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`.padStart(10);

export function benchReports(seeded: string, samples: number): void {
  const db = openDatabase(seeded);
  const newest = (db.prepare("SELECT MAX(occurred_at) AS at FROM purchases WHERE kind = 'sale'").get() as { at: string }).at;
  const app = createApp(db, { checkOutputs: false, clock: { now: () => new Date(newest) } });
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  const tz = timeZone(db);
  const today = localDay(newest, tz).date;
  const raw = new Database(seeded, { readonly: true });
  const rq = reportQueries(raw);
  console.log(`\nReports on ${(db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n.toLocaleString('en')} members; today = ${today}`);
  console.log('report                      service p50  service p95     raw p50     raw p95  ratio p50  goal');
  const line = (name: string, s: number[], r: number[], goalMs: number) => {
    const ratio = percentile(r, 50) / percentile(s, 50);
    const met = percentile(s, 95) <= goalMs * 1000 && ratio >= 0.5;
    console.log(`${name.padEnd(26)} ${ms(percentile(s, 50))}   ${ms(percentile(s, 95))}  ${ms(percentile(r, 50))}  ${ms(percentile(r, 95))}      ${ratio.toFixed(2)}  ${met ? 'met' : 'MISSED'} (≤ ${goalMs >= 1000 ? `${goalMs / 1000} s` : `${goalMs} ms`}, ratio ≥ 0.5)`);
  };

  // The dashboard's raw side: the same statements for the period and the one before.
  const rawKpis = (p: Period) => {
    for (const period of [p, previousPeriod(p)]) {
      const r = rangeOf(period.from, period.to, tz);
      const prev = previousPeriod(period);
      const pr = rangeOf(prev.from, prev.to, tz);
      rq.sales(r);
      rq.sales(pr);
      rq.retained(pr, r);
      rq.newMembers(r);
      rq.points(r);
      rq.outstandingNow();
      rq.followups(r, period.from, period.to);
      rq.scores(r);
      rq.complaints(r);
      rq.resolveTimes(r);
    }
  };
  for (const key of [today.slice(0, 7), today.slice(0, 4)]) {
    const p = parsePeriod(key)!;
    const n = Math.max(3, Math.min(samples, 10));
    const s = timeEach(Array.from({ length: n }), () => call(app, { session: admin }, 'reports.summary', { period: key }));
    const r = timeEach(Array.from({ length: n }), () => rawKpis(p));
    line(`dashboard, ${p.kind} ${key}`, s, r, 300);
  }

  // RFM and lifecycle: a different "as of" day each sample, so nothing comes from the cache.
  const n = Math.max(3, Math.min(samples, 5));
  const days = Array.from({ length: n }, (_, i) => addDaysTo(today, -i));
  const rfmRange = (asOf: string) => {
    const from = new Date(`${asOf}T00:00:00Z`);
    from.setUTCMonth(from.getUTCMonth() - 12);
    return { from: startOfLocalDate(addDaysTo(from.toISOString().slice(0, 10), 1), tz), to: startOfLocalDate(addDaysTo(asOf, 1), tz) };
  };
  let scored = 0;
  const rfm = timeEach(days, (asOf) => (scored = call(app, { session: admin }, 'reports.rfm', { asOf, windowMonths: 12 }).scored));
  const rfmRaw = timeEach(days, (asOf) => {
    const r = rfmRange(asOf);
    rq.rfm(r);
    rq.rfmRefunds(r);
  });
  line(`RFM, 12 months (${scored.toLocaleString('en')})`, rfm, rfmRaw, 3000);
  const life = timeEach(days, (asOf) => call(app, { session: admin }, 'reports.lifecycle', { asOf, compareDays: 30 }));
  const lifeRaw = timeEach(days, (asOf) => {
    const back = (date: string, k: number) => startOfLocalDate(addDaysTo(date, -(k - 1)), tz);
    const prev = addDaysTo(asOf, -30);
    rq.lifecycle({ end: startOfLocalDate(addDaysTo(asOf, 1), tz), d180: back(asOf, 180), d360: back(asOf, 360), pend: startOfLocalDate(addDaysTo(prev, 1), tz), p180: back(prev, 180), p360: back(prev, 360) });
    rq.memberCreated();
  });
  line('lifecycle, all members', life, lifeRaw, 3000);
  raw.close();
  db.close();
}
