import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { localDay } from '../../../shared/local-date';
import { catchUpSummary, computeSummary, invalidateSummary, storedSummary, summaryIsCurrent } from '../../../services/reports/summaries';
import { dateOfDay, dayCounter } from '../../../services/reports/days';
import type { DB } from '../../../db/connection';
import { counter } from '../points-fixtures';
import { failure } from '../fixtures';
import { plainSummary } from '../report-fixtures';
import { CATCH_UP_ROWS, idleCatchUp } from '../../../services/core/maintenance';

// The summaries the reports read are kept by catching up on new rows; these tests prove that
// whatever order rows arrive in, and however the catching up is sliced, the stored rows are
// exactly what a computation from all the data gives.

function expectCaughtUp(db: DB) {
  db.transaction(() => catchUpSummary(db)).immediate();
  const fresh = computeSummary(db);
  expect(plainSummary(storedSummary(db))).toEqual(plainSummary(fresh));
}

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('report summaries', () => {
  it('a local day is the one the store zone shows, every quarter hour across offset changes', () => {
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const dayOf = dayCounter(tz);
      for (let ms = Date.parse('2026-03-01T00:00:00Z'); ms < Date.parse('2026-11-15T00:00:00Z'); ms += 9 * 60_000 + 7_001) {
        const iso = new Date(ms).toISOString();
        if (dateOfDay(dayOf(iso)) !== localDay(iso, tz).date)
          expect(`${tz} ${iso} → ${dateOfDay(dayOf(iso))}`).toBe(localDay(iso, tz).date);
      }
    }
  });

  it('catching up in any slices, with late and out-of-order sales and voids, equals a fresh computation', () => {
    const c = counter('2025-12-20T02:00:00.000Z');
    const { db } = c.t;
    const rand = random(20261125);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const members = Array.from({ length: 8 }, (_, i) => c.member(`会员${i}`));
    const sales: string[] = [];
    const counted: string[] = []; // sales made at the counter, which a manager may void that day
    let voids = 0;
    let redeemed = 0;
    const branch = (db.prepare('SELECT id FROM branches LIMIT 1').get() as { id: string }).id;
    // A sale recorded elsewhere, for any time in the last 14 months (a merged branch file brings these).
    const late = db.prepare(
      "INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, category, occurred_at, created_at) VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?)",
    );
    for (let step = 0; step < 400; step++) {
      const r = rand();
      if (r < 0.35) {
        // Some bills are part paid by points, which a void gives back (refused on a short balance).
        const redeem = rand() < 0.3 ? { redeemPoints: 100 } : {};
        const done = c.t.raw(
          'purchases.record',
          {
            memberId: pick(members),
            amount: 2 + Math.floor(rand() * 500),
            category: pick(['食品', '日用', undefined]),
            confirmDuplicate: true,
            ...redeem,
          },
          c.clerk,
        );
        if (done.ok) {
          if ('redeemPoints' in redeem) redeemed++;
          const id = (done.result as { purchase: { id: string } }).purchase.id;
          sales.push(id);
          counted.push(id);
        }
      } else if (r < 0.55) {
        const now = c.t.clock.now().getTime();
        const at = new Date(now - Math.floor(rand() * 420 * 86_400_000)).toISOString();
        const fen = 100 + Math.floor(rand() * 50_000);
        const id = uuidv7();
        late.run(id, branch, pick(members), fen, fen, pick(['食品', null]), at, c.t.clock.now().toISOString());
        sales.push(id);
      } else if (r < 0.62 && sales.length > 0) {
        const sale = pick(sales);
        const row = db
          .prepare(
            'SELECT amount_fen - COALESCE((SELECT SUM(amount_fen) FROM purchases r WHERE r.original_id = p.id), 0) AS left FROM purchases p WHERE id = ?',
          )
          .get(sale) as { left: number };
        const refundable = row.left;
        if (refundable > 0)
          c.t.call('purchases.refund', { purchaseId: sale, amount: Math.max(1, Math.floor(refundable / 2)) / 100 }, c.clerk);
      } else if (r < 0.68 && counted.length > 0) {
        // A void of one of the last sales (refused for those of another day, refunded or voided).
        const done = c.t.raw('purchases.void', { purchaseId: pick(counted.slice(-3)), reason: '重复录入' }, c.manager);
        if (done.ok) voids++;
        else expect(done.error.code).toBe('CONFLICT');
      } else if (r < 0.7) members.push(c.member(`新会员${step}`));
      else if (r < 0.72) c.t.call('points.adjust', { memberId: pick(members), points: 50, reason: '补录' }, c.manager);
      else if (r < 0.86) db.transaction(() => catchUpSummary(db, 1 + Math.floor(rand() * 5))).immediate();
      else c.advance(Math.floor(rand() * 9 * 86_400_000));
      if (step % 100 === 99) expectCaughtUp(db);
    }
    expectCaughtUp(db);
    expect(voids).toBeGreaterThan(5);
    expect(redeemed).toBeGreaterThan(5);
    // Some void gave points back, so the catch-up's and the rebuild's points were both tested on one.
    expect(
      db
        .prepare("SELECT COUNT(*) FROM points_ledger l JOIN purchases v ON v.id = l.purchase_id AND v.kind = 'void' WHERE l.points > 0")
        .pluck()
        .get(),
    ).toBeGreaterThan(0);
    // Something was counted in every grain, and retention across periods happened.
    const stored = plainSummary(storedSummary(db));
    expect(stored.periods.length).toBeGreaterThan(50);
    expect(db.prepare("SELECT SUM(retained) AS n FROM report_periods WHERE grain = 'month'").get()).toMatchObject({
      n: expect.any(Number),
    });
    expect((db.prepare("SELECT SUM(retained) AS n FROM report_periods WHERE grain = 'week'").get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('leaves them to be built again when the time zone changes or a watermark row is no longer there', () => {
    const c = counter('2026-01-31T17:30:00.000Z');
    const { db } = c.t;
    const m = c.member('甲');
    c.buy(m, 100); // 01:30 on 1 February in Shanghai, still 31 January in New York
    // A new store's summaries start current and are caught up from nothing.
    expect(db.transaction(() => catchUpSummary(db)).immediate()).toMatchObject({ needsBuild: false, members: 1, purchases: 1 });
    expect(db.transaction(() => catchUpSummary(db)).immediate()).toMatchObject({ needsBuild: false, purchases: 0 });
    const month = () => db.prepare("SELECT period FROM report_periods WHERE grain = 'month' AND orders > 0").all();
    expect(month()).toEqual([{ period: '2026-02' }]);
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('timezone', 'America/New_York')").run();
    expect(db.transaction(() => catchUpSummary(db)).immediate()).toMatchObject({ needsBuild: true, purchases: 0 });
    expect(month()).toEqual([{ period: '2026-02' }]); // nothing was touched: the build job counts them again
    expect(failure(c.t, 'reports.summary', { period: '2026-01' }, c.manager).code).toBe('REPORTS_BUILDING'); // and queues the build
    c.t.runJobs();
    expect(month()).toEqual([{ period: '2026-01' }]);
    db.prepare("UPDATE report_state SET last_id = 'gone' WHERE source = 'purchases'").run();
    expect(db.transaction(() => catchUpSummary(db)).immediate().needsBuild).toBe(true);
    c.t.runJobs(); // none was queued by the catch-up itself: the next report or idle moment queues it
    expect(summaryIsCurrent(db)).toBe(false);
    expect(failure(c.t, 'reports.trend', { grain: 'month', from: '2026-01-01', to: '2026-02-28' }, c.manager).code).toBe(
      'REPORTS_BUILDING',
    );
    c.t.runJobs();
    expectCaughtUp(db);
  });

  it('between customers the app catches up a slice at a time until the summaries are current', () => {
    const c = counter('2026-03-01T02:00:00.000Z');
    const { db, app } = c.t;
    const m = c.member('甲');
    idleCatchUp(app); // a new store's first rows, from nothing
    expect(summaryIsCurrent(db)).toBe(true);
    for (let i = 0; i < CATCH_UP_ROWS + 5; i++)
      db.prepare(
        "INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, occurred_at, created_at) SELECT ?, id, ?, 'sale', 100, 100, ?, ? FROM branches",
      ).run(`late-${i}`, m, '2026-02-01T02:00:00.000Z', '2026-03-01T02:00:00.000Z');
    expect(summaryIsCurrent(db)).toBe(false);
    idleCatchUp(app);
    expect(summaryIsCurrent(db)).toBe(false); // one slice
    idleCatchUp(app);
    expect(summaryIsCurrent(db)).toBe(true);
    expect(db.prepare("SELECT orders, active, repeat FROM report_periods WHERE grain = 'month' AND period = '2026-02'").get()).toEqual({
      orders: CATCH_UP_ROWS + 5,
      active: 1,
      repeat: 1,
    });
    expectCaughtUp(db);
  });

  it('a void takes its sale out of the counts it made, caught up or rebuilt', () => {
    const c = counter('2026-05-20T02:00:00.000Z');
    const { db } = c.t;
    const m = c.member('甲');
    const counts = (period: string) =>
      db.prepare("SELECT orders, sales_fen, active, repeat, retained FROM report_periods WHERE grain = 'month' AND period = ?").get(period);
    c.buy(m, 30);
    c.clockTo('2026-06-10T02:00:00.000Z');
    c.buy(m, 50);
    const again = c.buy(m, 50); // the same sale typed twice
    expectCaughtUp(db);
    expect(counts('2026-06')).toEqual({ orders: 2, sales_fen: 10000, active: 1, repeat: 1, retained: 1 });
    c.t.call('purchases.void', { purchaseId: again.id, reason: '重复录入' }, c.manager);
    expectCaughtUp(db);
    expect(counts('2026-06')).toEqual({ orders: 1, sales_fen: 5000, active: 1, repeat: 0, retained: 1 });
    const first = db
      .prepare("SELECT id FROM purchases WHERE member_id = ? AND kind = 'sale' AND occurred_at >= '2026-06' AND id <> ?")
      .pluck()
      .get(m, again.id) as string;
    c.t.call('purchases.void', { purchaseId: first, reason: '记错会员' }, c.manager);
    expectCaughtUp(db);
    expect(counts('2026-06')).toEqual({ orders: 0, sales_fen: 0, active: 0, repeat: 0, retained: 0 });
    expect(storedSummary(db).members.get(m)!.events).toEqual([computeSummary(db).members.get(m)!.events[0], 3000]);
  });

  it('a build from nothing equals the rows kept one by one', () => {
    const c = counter('2026-03-01T02:00:00.000Z');
    const { db } = c.t;
    const [a, b] = [c.member('甲'), c.member('乙')];
    db.transaction(() => catchUpSummary(db)).immediate();
    for (let d = 0; d < 40; d++) {
      c.buy(d % 3 ? a : b, 10 + d);
      db.transaction(() => catchUpSummary(db)).immediate();
      c.advance(86_400_000 * (d % 4));
    }
    const kept = plainSummary(storedSummary(db));
    db.transaction(() => invalidateSummary(db)).immediate();
    idleCatchUp(c.t.app); // queues the build job
    c.t.runJobs();
    expect(plainSummary(storedSummary(db))).toEqual(kept);
  });
});
