import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../services/core/dispatch';
import { auditRows, issuesOf, snapshot } from '../fixtures';
import { counter, ledgerProblems, refused, tierInput } from '../points-fixtures';
import { saveTiers, tierStore } from '../job-fixtures';
import { jobRunner } from '../../../services/core/jobs/runner';
import { tierQueries } from '../../../db/queries/loyalty/tiers';

// The default table: 普通会员 from 0, 银卡会员 from ¥2,000 (×1.2), 金卡会员 from ¥10,000 (×1.5),
// 钻石会员 from ¥30,000 (×2); spend over the last 12 months, reviewed 12 months after reaching a tier.

const REVIEW = '2027-06-15T02:00:00.000Z';

describe('upgrades at once', () => {
  it('upgrades exactly at the threshold, earning at the old rate on that sale and the new one after', () => {
    const c = counter();
    const m = c.member();
    const r = c.t.call('purchases.record', { memberId: m, amount: '2000.00' }, c.clerk);
    expect(r).toMatchObject({ earned: 2000, upgraded: true });
    expect(r.tier).toMatchObject({
      tier: { name: '银卡会员', pointsMultiplierPct: 120 },
      qualifying: 200000,
      reviewAt: REVIEW,
      next: { tier: { name: '金卡会员' }, missing: 800000 },
    });
    // ⌊10.99 × 1.2⌋ = 13
    expect(c.buy(m, '10.99').earned).toBe(13);
    expect(auditRows(c.t.db, 'tiers.upgrade').map((a) => [a.entity_id, JSON.parse(a.before_json!), JSON.parse(a.after_json!)])).toEqual([
      [m, { tier: '普通会员' }, { tier: '银卡会员', reviewAt: REVIEW }],
    ]);
  });

  it('does not upgrade one fen below, and does on that fen', () => {
    const c = counter();
    const m = c.member();
    const r = c.t.call('purchases.record', { memberId: m, amount: '1999.99' }, c.clerk);
    expect(r).toMatchObject({
      upgraded: false,
      tier: { tier: { name: '普通会员' }, qualifiesFor: { name: '普通会员' }, reviewAt: null, next: { missing: 1 } },
    });
    expect(c.t.call('purchases.record', { memberId: m, amount: '0.01' }, c.clerk)).toMatchObject({
      upgraded: true,
      tier: { tier: { name: '银卡会员' }, next: { missing: 800000 } },
    });
  });

  it('does not count the part of a bill paid with points as spend', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 1000);
    // The same bill again at once: the counter would ask whether it is the same sale twice.
    const r = c.t.call('purchases.record', { memberId: m, amount: 1000, redeemPoints: 100, confirmDuplicate: true }, c.clerk);
    expect(r).toMatchObject({ upgraded: false, tier: { tier: { name: '普通会员' }, qualifying: 199900, next: { missing: 100 } } });
  });

  it('jumps straight to the tier a large sale reaches', () => {
    const c = counter();
    const m = c.member();
    expect(c.t.call('purchases.record', { memberId: m, amount: 30000 }, c.clerk)).toMatchObject({
      upgraded: true,
      earned: 30000,
      tier: { tier: { name: '钻石会员' }, next: null },
    });
    expect(c.buy(m, 100).earned).toBe(200);
  });
});

describe('downgrades only at the review date', () => {
  it('keeps the tier after a refund until the review date, then moves down', () => {
    const c = counter();
    const m = c.member();
    const sale = c.buy(m, 2000);
    c.t.call('purchases.refund', { purchaseId: sale.id, amount: 1000 }, c.clerk);
    expect(c.t.call('tiers.status', { memberId: m }, c.clerk)).toMatchObject({
      tier: { name: '银卡会员' },
      qualifying: 100000,
      qualifiesFor: { name: '普通会员' },
      reviewAt: REVIEW,
      next: { tier: { name: '金卡会员' }, missing: 900000 },
    });
    expect(c.buy(m, 100).earned).toBe(120);
    expect(c.t.call('tiers.review', {}, c.manager)).toEqual({ reviewed: 0, downgraded: 0, upgraded: 0 });
    c.clockTo('2027-06-15T01:59:59.999Z');
    expect(c.t.call('tiers.review', {}, c.manager)).toEqual({ reviewed: 0, downgraded: 0, upgraded: 0 });
    c.advance(1);
    expect(dispatch(c.t.app, { system: true }, 'tiers.review', {})).toEqual({
      ok: true,
      result: { reviewed: 1, downgraded: 1, upgraded: 0 },
    });
    expect(c.t.call('tiers.status', { memberId: m }, c.clerk)).toMatchObject({
      tier: { name: '普通会员' },
      qualifying: 110000,
      reviewAt: null,
    });
    expect(c.t.call('tiers.review', {}, c.manager)).toEqual({ reviewed: 0, downgraded: 0, upgraded: 0 });
    expect(auditRows(c.t.db, 'tiers.downgrade')).toHaveLength(1);
    refused(c.t, 'tiers.review', {}, c.clerk, 'FORBIDDEN');
  });

  it('renews a tier the window still earns and moves a member down to the tier it does', () => {
    const c = counter();
    const [silver, gold] = [c.member(), c.member()];
    c.buy(silver, 2000);
    c.buy(gold, 10000);
    c.clockTo('2027-05-15T02:00:00.000Z');
    expect(c.t.call('purchases.record', { memberId: silver, amount: 2000 }, c.clerk).upgraded).toBe(false);
    c.buy(gold, 3000);
    c.clockTo('2027-06-16T02:00:00.000Z'); // the window now starts after the first sales
    expect(c.t.call('tiers.review', {}, c.manager)).toEqual({ reviewed: 2, downgraded: 1, upgraded: 0 });
    const next = '2028-06-16T02:00:00.000Z';
    expect(c.t.call('tiers.status', { memberId: silver }, c.clerk)).toMatchObject({
      tier: { name: '银卡会员' },
      qualifying: 200000,
      reviewAt: next,
    });
    expect(c.t.call('tiers.status', { memberId: gold }, c.clerk)).toMatchObject({
      tier: { name: '银卡会员' },
      qualifying: 300000,
      reviewAt: next,
    });
  });
});

describe('tiers.save', () => {
  it('moves members up at once when a threshold falls, and nobody down when one rises', () => {
    const c = counter();
    const [a, b, none, silver] = [c.member(), c.member(), c.member(), c.member()];
    c.buy(a, 1500);
    c.buy(b, 500);
    c.buy(silver, 2500);
    const before = snapshot(c.t.db);
    const lower = c.t.call(
      'tiers.save',
      { basis: 'spend', windowMonths: 12, reviewMonths: 12, tiers: tierInput(c.t, c.manager, { 银卡会员: { threshold: 100000 } }) },
      c.manager,
    );
    // The members are re-evaluated by a background job; run to its end here, it tells what it did.
    expect(c.t.runJobs()).toBeGreaterThan(0);
    expect(c.t.call('jobs.get', { id: lower.jobId! }, c.manager)).toMatchObject({ state: 'done', result: { reevaluated: 4, changed: 1 } });
    const status = (m: string) => c.t.call('tiers.status', { memberId: m }, c.clerk);
    expect([a, b, none, silver].map((m) => status(m).tier.name)).toEqual(['银卡会员', '普通会员', '普通会员', '银卡会员']);
    expect(status(a).reviewAt).toBe(REVIEW);

    const higher = c.t.call(
      'tiers.save',
      { basis: 'spend', windowMonths: 12, reviewMonths: 6, tiers: tierInput(c.t, c.manager, { 银卡会员: { threshold: 300000 } }) },
      c.manager,
    );
    c.t.runJobs();
    expect(c.t.call('jobs.get', { id: higher.jobId! }, c.manager).result).toEqual({ reevaluated: 4, changed: 0 });
    expect(status(silver)).toMatchObject({ tier: { name: '银卡会员' }, qualifiesFor: { name: '普通会员' }, reviewAt: REVIEW });
    expect(higher.config).toMatchObject({ basis: 'spend', windowMonths: 12, reviewMonths: 6 });
    // The table changed; the ledger, its lots and the purchases did not.
    const after = snapshot(c.t.db);
    for (const table of ['points_ledger', 'points_lots', 'lot_consumptions', 'purchases']) expect(after[table]).toEqual(before[table]);
    c.clockTo('2027-06-15T02:00:00.000Z');
    expect(c.t.call('tiers.review', {}, c.manager)).toEqual({ reviewed: 2, downgraded: 2, upgraded: 0 });
  });

  it('moves the members of a removed tier to the best tier they qualify for', () => {
    const c = counter();
    const [e, f, g] = [c.member(), c.member(), c.member()];
    c.buy(e, 2500);
    c.t.call('purchases.refund', { purchaseId: c.buy(f, 2000).id, amount: 1500 }, c.clerk);
    c.buy(g, 12000);
    const [base, diamond] = tierInput(c.t, c.manager, { 银卡会员: { remove: true }, 金卡会员: { remove: true } });
    const tiers = [base, { name: '铜卡会员', threshold: 100000, pointsMultiplierPct: 110 }, diamond];
    const r = c.t.call('tiers.save', { basis: 'spend', windowMonths: 12, reviewMonths: 12, tiers }, c.manager);
    expect(r.config.tiers.map((t) => [t.rank, t.name, t.threshold])).toEqual([
      [0, '普通会员', 0],
      [1, '铜卡会员', 100000],
      [2, '钻石会员', 3000000],
    ]);
    c.t.runJobs();
    expect(c.t.call('jobs.get', { id: r.jobId! }, c.manager).result.changed).toBe(3);
    const status = (m: string) => c.t.call('tiers.status', { memberId: m }, c.clerk);
    expect([e, f, g].map((m) => [status(m).tier.name, status(m).reviewAt])).toEqual([
      ['铜卡会员', REVIEW],
      ['普通会员', null],
      ['铜卡会员', REVIEW],
    ]);
    const moves = auditRows(c.t.db)
      .filter((a) => a.action === 'tiers.upgrade' || a.action === 'tiers.downgrade')
      .slice(-3);
    expect(moves.map((a) => [a.action, JSON.parse(a.before_json!).tier, JSON.parse(a.after_json!).tier])).toEqual([
      ['tiers.downgrade', '银卡会员', '铜卡会员'],
      ['tiers.downgrade', '银卡会员', '普通会员'],
      ['tiers.downgrade', '金卡会员', '铜卡会员'],
    ]);
    expect(c.buy(e, 100).earned).toBe(110);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('can rank members on points earned, which redemptions do not lower', () => {
    const c = counter();
    const m = c.member();
    const tiers = [
      { name: '会员', threshold: 0 },
      { name: '银卡', threshold: 1000, pointsMultiplierPct: 150 },
    ];
    c.t.call('tiers.save', { basis: 'points', windowMonths: 6, reviewMonths: 6, tiers }, c.manager);
    c.buy(m, 999);
    c.t.call('points.redeem', { memberId: m, points: 900 }, c.clerk);
    expect(c.t.call('tiers.status', { memberId: m }, c.clerk)).toMatchObject({ basis: 'points', qualifying: 999, next: { missing: 1 } });
    expect(c.t.call('purchases.record', { memberId: m, amount: 1 }, c.clerk)).toMatchObject({
      upgraded: true,
      tier: {
        tier: { name: '银卡', pointsMultiplierPct: 150, discountPct: 0, benefits: null },
        qualifying: 1000,
        reviewAt: '2026-12-15T02:00:00.000Z',
      },
    });
  });

  it('refuses a table without a zero tier, with thresholds out of order, an unknown tier, or from a clerk', () => {
    const c = counter();
    const save = (tiers: unknown, session = c.manager, code = 'VALIDATION') =>
      refused(c.t, 'tiers.save', { basis: 'spend', windowMonths: 12, reviewMonths: 12, tiers }, session, code);
    expect(issuesOf(save([{ name: 'A', threshold: 100 }]))).toEqual([{ field: 'tiers', rule: 'lowest_tier_not_zero' }]);
    expect(
      issuesOf(
        save([
          { name: 'A', threshold: 0 },
          { name: 'B', threshold: 500 },
          { name: 'C', threshold: 500 },
        ]),
      ),
    ).toEqual([{ field: 'tiers', rule: 'thresholds_not_ascending' }]);
    expect(issuesOf(save([]))).toContainEqual({ field: 'tiers', rule: 'too_small', params: { min: 1 } });
    save([{ id: 'no-such-tier', name: 'A', threshold: 0 }], c.manager, 'NOT_FOUND');
    save(tierInput(c.t, c.manager), c.clerk, 'FORBIDDEN');
  });
});

describe('tiers.save re-evaluates in a background job', () => {
  it('supersedes the job of an earlier save still running: never two at once, and the later table wins', () => {
    const { c, members } = tierStore();
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    const first = saveTiers(c);
    runner.step();
    const second = saveTiers(c, { 银卡会员: { threshold: 150000 }, 金卡会员: { threshold: 500000 } });
    expect(c.t.call('jobs.get', { id: first }, c.manager)).toMatchObject({ state: 'cancelled', done: 2, supersededBy: second });
    expect(c.t.call('jobs.list', {}, c.manager).active.map((j) => j.id)).toEqual([second]);
    const save = auditRows(c.t.db, 'tiers.save').at(-1)!;
    expect(JSON.parse(save.after_json!)).toMatchObject({ jobId: second, superseded: [first] });
    expect(runner.runToEnd()).toBe(5);
    // The first job moved ¥1,200 up under ¥1,000 before it stopped; the second does the rest under ¥1,500.
    const tiers = members.map((m) => c.t.call('tiers.status', { memberId: m }, c.clerk).tier.name);
    expect(tiers).toEqual(['普通会员', '银卡会员', '银卡会员', '银卡会员', '银卡会员', '金卡会员', '金卡会员', '金卡会员', '普通会员']);
    expect(c.t.call('jobs.get', { id: second }, c.manager)).toMatchObject({ state: 'done', result: { reevaluated: 9, changed: 4 } });
  });

  it('applies the new table at a member’s next sale, before the job reaches them; the job then leaves them be', () => {
    const { c, members } = tierStore();
    const id = saveTiers(c);
    expect(c.t.call('tiers.status', { memberId: members[3] }, c.clerk).tier.name).toBe('普通会员'); // ¥1,800: not yet
    expect(c.t.call('purchases.record', { memberId: members[3], amount: 1, confirmDuplicate: true }, c.clerk)).toMatchObject({
      upgraded: true,
      tier: { tier: { name: '银卡会员' }, qualifying: 180100 },
    });
    c.t.runJobs();
    expect(c.t.call('jobs.get', { id }, c.manager).result).toEqual({ reevaluated: 9, changed: 4 });
    expect(auditRows(c.t.db, 'tiers.upgrade').filter((a) => a.entity_id === members[3])).toHaveLength(1);
  });

  it('figures each slice’s members as the single pass figured everyone, on spend and on points', () => {
    const { c, members } = tierStore();
    c.t.call('purchases.refund', { purchaseId: c.buy(members[1], 800).id, amount: 300 }, c.clerk);
    c.t.call('purchases.void', { purchaseId: c.buy(members[5], 400).id, reason: '重复录入' }, c.manager);
    c.t.call('purchases.refund', { purchaseId: c.buy(members[6], 99).id, amount: 99 }, c.clerk);
    const q = tierQueries(c.t.db);
    const ids = q.allMemberTiers().map((m) => m.id);
    for (const basis of ['spend', 'points'] as const) {
      const whole = q.valuesByMember(basis, '2026-01-01T00:00:00.000Z');
      const sliced = [0, 2, 4, 6, 8].flatMap((i) =>
        q.valuesInRange(basis, '2026-01-01T00:00:00.000Z', i === 0 ? '' : ids[i - 1], ids[Math.min(i + 1, ids.length - 1)]),
      );
      const byMember = (rows: typeof whole) => Object.fromEntries(rows.map((r) => [r.member_id, r.value]));
      expect(byMember(sliced), basis).toEqual(byMember(whole));
      expect(Object.keys(byMember(whole)).length, basis).toBe(8);
    }
  });
});
