import { copyFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { TZDate } from '@date-fns/tz';
import { addMonths, startOfMonth } from 'date-fns';
import { openDatabase } from '../../db/connection';
import { createApp } from '../../services/core/context';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { call, dispatch } from '../../services/core/dispatch';
import { prng } from '../../services/demo/members';
import { idleCheckpoint } from '../../services/core/maintenance';
import { percentile, secs, timeEach, timePair, us } from './common';

// Purchases, redemptions, expiry and tier re-evaluation on a copy of the seeded database (so
// every run starts from the same state).

function ok(env: ReturnType<typeof dispatch>, what: string) {
  if (!env.ok) throw new Error(`${what}: ${env.error.code} ${env.error.message}`);
  return env.result;
}

export function benchLoyalty(seeded: string, samples: number): void {
  const path = seeded.replace(/\.sqlite$/, '.work.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  copyFileSync(seeded, path);
  const db = openDatabase(path);
  const app = createApp(db, { checkOutputs: false });
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  dispatch(app, { session: admin }, 'staff.create', { name: 'bench-clerk', role: 'clerk', pin: '0000' });
  const clerk = call(app, {}, 'auth.login', { name: 'bench-clerk', pin: '0000' }).session;
  const counts = db
    .prepare(
      'SELECT (SELECT COUNT(*) FROM members) AS members, (SELECT COUNT(*) FROM purchases) AS purchases, (SELECT COUNT(*) FROM points_lots) AS lots',
    )
    .get() as Record<string, number>;
  console.log(
    `\nLoyalty on ${counts.members.toLocaleString('en')} members, ${counts.purchases.toLocaleString('en')} purchases, ${counts.lots.toLocaleString('en')} lots`,
  );

  const rand = prng(3);
  const maxRow = (db.prepare('SELECT MAX(rowid) AS n FROM members').get() as { n: number }).n;
  const pick = db.prepare<[number], { id: string }>("SELECT id FROM members WHERE rowid >= ? AND status = 'active' LIMIT 1");
  const members = Array.from({ length: samples }, () => pick.get(1 + Math.floor(rand() * maxRow))!.id);
  const amounts = members.map(() => (5 + Math.floor(rand() * 500)).toFixed(2));

  // Record a sale with points: the service (rules, tier, earn, lot, upgrade check, audit, answer)
  // against the same four writes done raw.
  const raw = new Database(path);
  raw.pragma('busy_timeout = 5000');
  const branchId = (raw.prepare("SELECT value FROM settings WHERE key = 'self_branch_id'").get() as { value: string }).value;
  const rawSale = raw.prepare(
    "INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, occurred_at, created_at) VALUES (?, ?, ?, 'sale', ?, ?, ?, ?)",
  );
  const rawEntry = raw.prepare(
    "INSERT INTO points_ledger (id, branch_id, member_id, kind, points, purchase_id, created_at) VALUES (?, ?, ?, 'earn', ?, ?, ?)",
  );
  const rawLot = raw.prepare(
    'INSERT INTO points_lots (id, member_id, ledger_id, points, remaining, earned_at, available_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const rawBalance = raw.prepare('UPDATE members SET points_balance = points_balance + ? WHERE id = ?');
  const rawRecord = raw.transaction((memberId: string, fen: number) => {
    const now = new Date().toISOString();
    const saleId = uuidv7();
    const entryId = uuidv7();
    const points = Math.floor(fen / 100);
    rawSale.run(saleId, branchId, memberId, fen, fen, now, now);
    rawEntry.run(entryId, branchId, memberId, points, saleId, now);
    rawLot.run(uuidv7(), memberId, entryId, points, points, now, now, null);
    rawBalance.run(points, memberId);
  });
  const items = members.map((m, i) => ({ m, amount: amounts[i] }));
  // Between customers the app folds the WAL back into the file (services/core/maintenance.ts, every
  // 2 s); here customers come back to back, so it runs, untimed, after every 10th of them.
  const betweenCustomers = (i: number) => {
    if (i % 10 === 9) idleCheckpoint(app);
  };
  const [service, rawTimes] = timePair(
    items,
    (it) => ok(dispatch(app, { session: clerk }, 'purchases.record', { memberId: it.m, amount: it.amount }), 'record'),
    (it) => rawRecord.immediate(it.m, Math.round(Number(it.amount) * 100)),
    betweenCustomers,
  );
  const redeem = timeEach(
    members,
    (m) => {
      const env = dispatch(app, { session: clerk }, 'points.redeem', { memberId: m, points: 100 });
      if (!env.ok && env.error.code !== 'INSUFFICIENT_POINTS') throw new Error(env.error.message);
    },
    betweenCustomers,
  );
  raw.close();

  console.log('operation                  service p50  service p95  service p99   raw p50   raw p95  goal');
  const cell = (r: number[] | null, p: number) => (r ? us(percentile(r, p)) : '       —');
  const row = (name: string, s: number[], r: number[] | null, goalUs: number) =>
    console.log(
      `${name.padEnd(26)} ${us(percentile(s, 50))}     ${us(percentile(s, 95))}     ${us(percentile(s, 99))}  ${cell(r, 50)}  ${cell(r, 95)}  ${percentile(s, 95) <= goalUs ? 'met' : 'MISSED'} (p95 ≤ ${goalUs / 1000} ms)`,
    );
  row('record purchase + points', service, rawTimes, 2000);
  row('redeem 100 points', redeem, null, 2000);

  const timed = (fn: () => unknown): [number, unknown] => {
    const t0 = performance.now();
    const r = fn();
    return [performance.now() - t0, r];
  };
  // The heaviest daily run: the first of next month (local), when a whole month's lots expire.
  const monthStart = new TZDate(Date.now(), 'Asia/Shanghai');
  const nextMonth = new Date(startOfMonth(addMonths(monthStart, 1)).getTime() + 60000);
  const later = createApp(db, { checkOutputs: false, clock: { now: () => nextMonth } });
  const [expireMs, expired] = timed(() => ok(dispatch(later, { system: true }, 'points.expire', {}), 'expire'));
  const [expireAgainMs, expiredAgain] = timed(() => ok(dispatch(later, { system: true }, 'points.expire', {}), 'expire again'));
  const config = ok(dispatch(app, { session: admin }, 'tiers.list', {}), 'tiers') as {
    basis: string;
    windowMonths: number;
    reviewMonths: number;
    tiers: Array<Record<string, unknown>>;
  };
  const tiersInput = { ...config, tiers: config.tiers.map(({ rank: _rank, ...t }) => t) };
  // tiers.save queues the re-evaluation as a job: timed to the job's end, its slices run back to back.
  const [tiersMs, tiersResult] = timed(() => {
    const { jobId } = ok(dispatch(app, { session: admin }, 'tiers.save', tiersInput), 'tiers.save') as { jobId: string };
    jobRunner(app).runToEnd();
    return (ok(dispatch(app, { session: admin }, 'jobs.get', { id: jobId }), 'jobs.get') as { result: unknown }).result;
  });
  const [reviewMs, reviewResult] = timed(() => ok(dispatch(app, { system: true }, 'tiers.review', {}), 'tiers.review'));
  console.log(
    `expiry, 1st of next month    ${secs(expireMs).padStart(9)}  ${JSON.stringify(expired)}  ${expireMs <= 30000 ? 'met' : 'MISSED'} (≤ 30 s)`,
  );
  console.log(`expiry again (idempotent)    ${secs(expireAgainMs).padStart(9)}  ${JSON.stringify(expiredAgain)}`);
  const { reevaluated, changed } = tiersResult as { reevaluated: number; changed: number };
  console.log(
    `tier re-evaluation (save)    ${secs(tiersMs).padStart(9)}  ${JSON.stringify({ reevaluated, changed })}  ${tiersMs <= 30000 ? 'met' : 'MISSED'} (≤ 30 s)`,
  );
  console.log(`tier review (due members)    ${secs(reviewMs).padStart(9)}  ${JSON.stringify(reviewResult)}`);
  closeJobRunner(app);
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
