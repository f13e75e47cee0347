import { describe, expect, it } from 'vitest';
import type { Kpis } from '../../../shared/contract/reports';
import { issuesOf } from '../fixtures';
import { DEFAULT_RULES } from '../points-fixtures';
import { complaint, done, refund, reportStore, resolve, task } from '../report-fixtures';

// Every answer below is worked out by hand from docs/reports.md; nothing is computed by the code
// under test. Times are Shanghai wall-clock (UTC+8). Earning is 1 point per ¥1 paid, rounded down,
// and every member stays in the lowest tier (×1), so points earned = whole yuan paid.

/**
 * 甲 and 乙 join in March; 丙 in April; 丁 at 00:10 on 1 May; 戊 on 10 May.
 * April sales: 甲 ¥300, 乙 ¥300, 丙 ¥40 at 23:59 on 30 April.
 * May sales: 丁 ¥70 at 00:30 on 1 May; 甲 ¥200 paying 200 points (¥2) on 5 May; 丙 ¥100, ¥50.03.
 * May refunds: ¥60 of 乙's April sale; half (¥100) of 甲's May sale. 戊 buys ¥90 at 00:00 on 1 June.
 * Points expire 30 days on; the expiry run on 23 May takes 甲's and 乙's April leftovers.
 */
function store() {
  const c = reportStore('2026-03-20T10:00');
  c.setRules({ expiry: { kind: 'days', days: 30 } });
  const [jia, yi] = [c.member('甲'), c.member('乙')];
  c.at('2026-04-05T10:00');
  const k0 = complaint(c, jia);
  c.at('2026-04-10T10:00');
  c.buy(jia, 300);
  c.at('2026-04-15T10:00');
  const bing = c.member('丙');
  c.at('2026-04-20T10:00');
  const yiApril = c.buy(yi, 300).id;
  c.at('2026-04-24T10:00');
  const t8 = task(c, yi, '2026-04-25');
  c.at('2026-04-25T10:00');
  done(c, t8, 1, 0);
  c.at('2026-04-28T10:00');
  const k1 = complaint(c, null);
  c.at('2026-04-30T23:59');
  c.buy(bing, 40);
  c.at('2026-05-01T00:10');
  const ding = c.member('丁');
  c.at('2026-05-01T00:30');
  c.buy(ding, 70);
  c.at('2026-05-02T10:00');
  resolve(c, k1.id); // 4 days: 96 h
  c.at('2026-05-03T10:00');
  const k2 = complaint(c, yi);
  c.at('2026-05-03T16:00');
  resolve(c, k2.id); // 6 h
  c.at('2026-05-04T10:00');
  resolve(c, k0.id); // 5 April → 4 May, 29 days: 696 h
  c.at('2026-05-05T10:00');
  const jiaMay = c.buy(jia, 200, { redeemPoints: 200 }).id; // pays ¥198, earns 198
  const t1 = task(c, jia, '2026-05-06');
  c.at('2026-05-06T10:00');
  done(c, t1, 5, 10);
  c.at('2026-05-08T10:00');
  refund(c, yiApril, 60); // ¥60 back, 60 points taken back
  // Day close: the till took ¥1,000 on 5 May and ¥300 on 8 May (members and walk-ins alike).
  c.t.call('takings.set', { date: '2026-05-05', amount: 1000 }, c.clerk);
  c.t.call('takings.set', { date: '2026-05-08', amount: 300 }, c.clerk);
  c.at('2026-05-10T10:00');
  const wu = c.member('戊');
  c.t.call('points.adjust', { memberId: wu, points: 50, reason: '开业礼' }, c.manager);
  const k3 = complaint(c, bing);
  const [t2, t3, t4, _t5, t6, t7] = [
    [bing, '12'],
    [ding, '15'],
    [wu, '15'],
    [yi, '20'],
    [jia, '25'],
    [bing, '28'],
  ].map(([m, d]) => task(c, m, `2026-05-${d}`));
  c.at('2026-05-11T22:00');
  resolve(c, k3.id); // 36 h
  c.at('2026-05-12T10:00');
  c.buy(bing, 100);
  c.at('2026-05-13T10:00');
  done(c, t2, 3, 6);
  c.at('2026-05-15T10:00');
  done(c, t3, 4, 9);
  done(c, t4);
  c.at('2026-05-20T10:00');
  c.buy(bing, '50.03'); // earns 50
  complaint(c, ding); // k4: never resolved
  complaint(c, ding, 'suggestion'); // not a complaint
  c.at('2026-05-23T10:00');
  // 甲's April lot (300 − 200 redeemed = 100, due end of 10 May) and 乙's (300 − 60 = 240, due end of 20 May)
  expect(c.t.call('points.expire', {}, c.manager)).toMatchObject({ points: 340 });
  c.at('2026-05-24T10:00');
  refund(c, jiaMay, 100); // half the bill: ¥99 of the ¥198 paid back, 100 of 200 redeemed points given back, 99 of 198 earned taken back
  c.at('2026-05-25T10:00');
  c.t.call('followups.miss', { id: t6 }, c.clerk);
  c.at('2026-05-30T10:00');
  const k5 = complaint(c, jia);
  c.at('2026-06-01T00:00');
  c.buy(wu, 90);
  c.at('2026-06-02T10:00');
  resolve(c, k5.id); // 30 May → 2 June: 72 h
  done(c, t7, 5, 10); // due 28 May, done in June
  task(c, yi, '2026-06-05');
  task(c, ding, '2026-06-20');
  c.at('2026-06-10T10:00');
  // Today 100 points pay ¥2 (they paid ¥1 until now): the liability is at today's value.
  c.setRules({ expiry: { kind: 'days', days: 30 }, redeem: { ...DEFAULT_RULES.redeem, pointsPerYuan: 50 } });
  return c;
}

/** A share as a fraction, to within floating-point error. */
const about = (x: number) => expect.closeTo(x, 12);

const nothing: Kpis = {
  newMembers: 0,
  activeMembers: 0,
  orders: 0,
  salesFen: 0,
  refundsFen: 0,
  netSalesFen: 0,
  takingsFen: null,
  takingsDays: 0,
  memberShare: null,
  aovFen: null,
  repurchaseRate: null,
  retentionRate: null,
  pointsIssued: 0,
  pointsRedeemed: 0,
  pointsExpired: 0,
  pointsReversed: 0,
  pointsOutstanding: 0,
  liabilityFen: 0,
  followupsDone: 0,
  followupsOverdue: 0,
  complaintsOpened: 0,
  complaintsResolved: 0,
  complaintsOpen: 0,
  medianResolveHours: null,
  csat: null,
  csatResponses: 0,
  nps: null,
  npsResponses: 0,
};

describe('reports.summary', () => {
  it('May 2026 against April, every figure worked out by hand', () => {
    const c = store();
    const r = c.t.call('reports.summary', { period: '2026-05' }, c.manager);
    expect(r.period).toEqual({ key: '2026-05', from: '2026-05-01', to: '2026-05-31' });
    expect(r.previous).toEqual({ key: '2026-04', from: '2026-04-01', to: '2026-04-30' });
    expect(r.running).toBe(false);
    expect(r.current).toEqual({
      newMembers: 2, // 丁 (00:10 on 1 May, still 30 April in UTC), 戊
      activeMembers: 3, // 甲, 丙, 丁
      orders: 4, // 丁 ¥70, 甲 ¥200, 丙 ¥100 and ¥50.03
      salesFen: 41803, // 7000 + 19800 (¥200 less ¥2 in points) + 10000 + 5003
      refundsFen: 15900, // 6000 for 乙's April sale + 9900 (half of the ¥198 甲 paid)
      netSalesFen: 25903, // 41803 − 15900
      takingsFen: 130000, // ¥1,000 on 5 May + ¥300 on 8 May
      takingsDays: 2,
      memberShare: about(13800 / 130000), // members on those days: 19800 paid on 5 May − 6000 refunded on 8 May
      aovFen: 6476, // 25903 / 4 = 6475.75
      repurchaseRate: about(1 / 3), // 丙 of 甲, 丙, 丁
      retentionRate: about(2 / 3), // April: 甲, 乙, 丙; of them 甲 and 丙 came back
      pointsIssued: 568, // earned 70 + 198 + 100 + 50, adjusted +50 (戊), 100 given back by 甲's refund
      pointsRedeemed: 200,
      pointsExpired: 340, // 100 + 240
      pointsReversed: 159, // 60 (乙) + 99 (甲)
      pointsOutstanding: 509, // 甲 199 (300 − 200 + 198 − 100 − 99 + 100), 乙 0, 丙 190, 丁 70, 戊 50; = 640 + 568 − 200 − 340 − 159
      liabilityFen: 1018, // 509 points at today's 50 points per ¥1
      followupsDone: 4, // t1 … t4; t7 (due 28 May) was done in June
      followupsOverdue: 2, // t5 still planned, t6 missed
      complaintsOpened: 4, // k2, k3, k4, k5 (the suggestion is not a complaint)
      complaintsResolved: 4, // k0, k1 (April's) and k2, k3
      complaintsOpen: 2, // k4; k5 resolved only in June
      medianResolveHours: 66, // 6, 36, 96, 696 → (36 + 96) / 2
      csat: about(2 / 3), // 5, 3, 4 (t4 did not ask)
      csatResponses: 3,
      nps: about(100 / 3), // 10, 6, 9: (2 promoters − 1 detractor) / 3 × 100
      npsResponses: 3,
    });
    expect(r.prior).toEqual({
      ...nothing,
      newMembers: 1, // 丙
      activeMembers: 3,
      orders: 3,
      salesFen: 64000, // 30000 + 30000 + 4000 (23:59 on 30 April is still April)
      netSalesFen: 64000,
      aovFen: 21333, // 64000 / 3 = 21333.33
      repurchaseRate: 0,
      pointsIssued: 640,
      pointsOutstanding: 640,
      liabilityFen: 1280,
      followupsDone: 1,
      complaintsOpened: 2,
      complaintsOpen: 2, // k0 and k1, both resolved in May
      csat: 0, // one answer, 1
      csatResponses: 1,
      nps: -100, // one answer, 0
      npsResponses: 1,
    });
  });

  it('a month not over yet is counted up to now, against as many days of the month before', () => {
    const c = store();
    const r = c.t.call('reports.summary', { period: '2026-06' }, c.manager);
    // Today is 10 June: 1–10 June against 1–10 May, not against all of May.
    expect([r.period, r.previous, r.running]).toEqual([
      { key: '2026-06', from: '2026-06-01', to: '2026-06-30' },
      { key: '2026-05', from: '2026-05-01', to: '2026-05-10' },
      true,
    ]);
    expect(r.current).toEqual({
      ...nothing,
      activeMembers: 1, // 戊, at 00:00 on 1 June
      orders: 1,
      salesFen: 9000,
      netSalesFen: 9000,
      aovFen: 9000,
      repurchaseRate: 0,
      retentionRate: 0, // none of May's 甲, 丙, 丁 bought in June
      pointsIssued: 90,
      pointsOutstanding: 599, // now: 509 + 90
      liabilityFen: 1198,
      followupsDone: 1, // t7
      followupsOverdue: 1, // due 5 June; the one due 20 June is not due yet
      complaintsResolved: 1,
      complaintsOpen: 1, // k4
      medianResolveHours: 72,
      csat: 1,
      csatResponses: 1,
      nps: 100,
      npsResponses: 1,
    });
    expect(r.prior).toEqual({
      newMembers: 2, // 丁 (1 May), 戊 (10 May)
      activeMembers: 2, // 丁 (1 May), 甲 (5 May); 丙 bought only from 12 May
      orders: 2,
      salesFen: 26800, // 7000 + 19800
      refundsFen: 6000, // 8 May, of 乙's April sale
      netSalesFen: 20800,
      takingsFen: 130000, // 5 and 8 May
      takingsDays: 2,
      memberShare: about(13800 / 130000),
      aovFen: 10400,
      repurchaseRate: 0,
      retentionRate: about(1 / 3), // of April's 甲, 乙, 丙, 甲 came back by 10 May (the whole month before, as for June)
      pointsIssued: 318, // 70 + 198 earned, 50 added for 戊
      pointsRedeemed: 200,
      pointsExpired: 0, // the expiry ran on 23 May
      pointsReversed: 60,
      pointsOutstanding: 698, // at the end of 10 May: 640 + 318 − 200 − 60
      liabilityFen: 1396,
      followupsDone: 1, // t1
      followupsOverdue: 0, // t1 was the only one due by 10 May, and it is done
      complaintsOpened: 2, // k2, k3
      complaintsResolved: 3, // k1, k2, k0
      complaintsOpen: 1, // k3, resolved on 11 May
      medianResolveHours: 96, // 6, 96, 696
      csat: 1,
      csatResponses: 1,
      nps: 100,
      npsResponses: 1,
    });
  });

  it('a finished month is set against all of the month before, as many days or not', () => {
    const c = store();
    c.at('2026-07-02T10:00');
    const r = c.t.call('reports.summary', { period: '2026-06' }, c.manager);
    expect([r.previous, r.running]).toEqual([{ key: '2026-05', from: '2026-05-01', to: '2026-05-31' }, false]);
    expect(r.prior).toMatchObject({ orders: 4, salesFen: 41803, activeMembers: 3, retentionRate: about(2 / 3) });
  });

  it('quarters and years, and a period with no data at all', () => {
    const c = store();
    const q = c.t.call('reports.summary', { period: '2026-Q2' }, c.manager);
    expect([q.period, q.previous]).toEqual([
      { key: '2026-Q2', from: '2026-04-01', to: '2026-06-30' },
      { key: '2026-Q1', from: '2026-01-01', to: '2026-03-12' }, // 71 days of each: Q2 runs until 10 June
    ]);
    expect(q.current).toMatchObject({
      newMembers: 3, // 丙, 丁, 戊
      activeMembers: 5,
      orders: 8,
      salesFen: 114803, // 64000 + 41803 + 9000
      refundsFen: 15900,
      netSalesFen: 98903,
      aovFen: 12363, // 98903 / 8 = 12362.875
      repurchaseRate: about(2 / 5), // 甲 (2 sales) and 丙 (3)
      retentionRate: null, // nobody bought in Q1
      complaintsOpened: 6, // k0 … k5
      complaintsResolved: 5,
      complaintsOpen: 1,
      medianResolveHours: 72, // 6, 36, 72, 96, 696
    });
    expect(q.prior).toEqual(nothing); // 甲 and 乙 joined on 20 March, after Q1's first 71 days

    const year = c.t.call('reports.summary', { period: '2026' }, c.manager);
    expect([year.period, year.previous]).toEqual([
      { key: '2026', from: '2026-01-01', to: '2026-12-31' },
      { key: '2025', from: '2025-01-01', to: '2025-06-10' },
    ]);
    expect(year.current).toMatchObject({ newMembers: 5, activeMembers: 5, orders: 8, retentionRate: null, pointsOutstanding: 599 });
    expect(year.prior).toEqual(nothing);

    const january = c.t.call('reports.summary', { period: '2026-01' }, c.manager);
    expect(january.previous.key).toBe('2025-12');
    expect([january.current, january.prior]).toEqual([nothing, nothing]);
  });

  it('refuses a key that is not a period, and a clerk', () => {
    const c = reportStore('2026-06-15T10:00');
    for (const period of ['2026-13', '2026-00', '2026-Q5', '2026-Q0', '2026-5', '26-05', '2026-05-01', '']) {
      const e = c.t.raw('reports.summary', { period }, c.manager);
      expect(e.ok ? null : [e.error.code, issuesOf(e.error).map((i) => i.field)], period).toEqual(['VALIDATION', ['period']]);
    }
    const e = c.t.raw('reports.summary', { period: '2026-06' }, c.clerk);
    expect(e.ok ? null : e.error.code).toBe('FORBIDDEN');
  });
});
