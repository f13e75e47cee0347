import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { followupQueries, type QueueFilter } from '../../db/queries/followups/followups';
import { createApp } from '../../services/core/context';
import { call, dispatch } from '../../services/core/dispatch';
import { LOOKBACK_DAYS } from '../../services/followups/generator';
import { timeZone } from '../../services/core/branch';
import { addDaysTo, localDay, startOfLocalDate } from '../../shared/local-date';
import type { GenerateResult } from '../../shared/contract/followups';
import type { OutputOf } from '../../shared/contract/index';
import { percentile, secs, timePair, us } from './common';

// The follow-up generator's full run and an immediate second run (which must create nothing),
// then the Today queue through the service layer against its section queries run raw. On a copy
// of the seeded database (the generator writes), with the clock frozen at the newest seeded sale:
// the generator only looks a few days around "today", and the seed's sales end when it was made.

function ok(env: ReturnType<typeof dispatch>, what: string) {
  if (!env.ok) throw new Error(`${what}: ${env.error.code} ${env.error.message}`);
  return env.result;
}

export function benchFollowups(seeded: string, samples: number): void {
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
  const app = createApp(db, { checkOutputs: false, clock: { now: () => new Date(newest) } });
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
  const [firstMs, first] = timed(() => ok(dispatch(app, { system: true }, 'followups.generate', {}), 'generate'));
  const [againMs, again] = timed(() => ok(dispatch(app, { system: true }, 'followups.generate', {}), 'generate again'));
  const perRule = (r: GenerateResult) =>
    `post-purchase ${r.postPurchase}, birthday ${r.birthday}, reactivation ${r.reactivation}, complaint ${r.complaint}`;
  console.log(
    `generator, full run          ${secs(firstMs).padStart(9)}  created ${first.total} (${perRule(first)})  ${firstMs <= 20000 ? 'met' : 'MISSED'} (≤ 20 s)`,
  );
  console.log(
    `generator, second run        ${secs(againMs).padStart(9)}  created ${again.total}${again.total === 0 ? '' : ` (${perRule(again)}) — NOT IDEMPOTENT, must be 0`}  ${againMs <= 5000 ? 'met' : 'MISSED'} (≤ 5 s)`,
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
  db.close();
  if (again.total !== 0)
    throw new Error(`followups.generate is not idempotent: the second run created ${again.total} tasks (${perRule(again)})`);
}
