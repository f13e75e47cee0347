import { describe, expect, it } from 'vitest';
import type { ExpiryRule } from '../../../shared/points';
import { issuesOf, snapshot } from '../fixtures';
import { DAY, DEFAULT_RULES, counter, ledgerProblems, lotsOf, refused } from '../points-fixtures';

// The clock starts on Monday 2026-06-15 at 10:00 in Shanghai (02:00 UTC); the branch is in Asia/Shanghai.

const earnDetail = (c: ReturnType<typeof counter>, m: string) =>
  c.t.call('points.ledger', { memberId: m, limit: 1 }, c.clerk).items[0].detail;

describe('earning', () => {
  it('rounds down, once, on what was paid', () => {
    const c = counter();
    const m = c.member();
    expect(c.buy(m, '9.99').earned).toBe(9);
    c.setRules({ earn: { points: 1, perYuan: 10 } });
    expect([c.buy(m, '99.99').earned, c.buy(m, 100).earned]).toEqual([9, 10]);
    c.advance(1);
    c.setRules({ earn: { points: 3, perYuan: 2 } });
    expect([c.buy(m, '0.99').earned, c.buy(m, '0.66').earned]).toEqual([1, 0]);
  });

  it('multiplies by the tier and the bonus before rounding', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 2000); // 银卡会员, ×1.2
    c.setRules({ memberDay: { multiplierPct: 150, weekdays: [1], dateRanges: [] } });
    // ⌊10.99 × 1.2 × 1.5⌋ = ⌊19.782⌋, not ⌊⌊10.99⌋ × 1.2⌋ × 1.5 = 18
    expect(c.buy(m, '10.99').earned).toBe(19);
    expect(earnDetail(c, m)).toMatchObject({
      points: 19,
      basePoints: 10,
      tierMultiplierPct: 120,
      bonusMultiplierPct: 150,
      bonus: 'memberDay',
      tier: '银卡会员',
    });
  });

  it('gives the member-day bonus on the local weekday', () => {
    const c = counter();
    const m = c.member();
    c.setRules({ memberDay: { multiplierPct: 200, weekdays: [2], dateRanges: [] } });
    expect(c.buy(m, 100).earned).toBe(100); // Monday
    c.clockTo('2026-06-15T16:00:00.000Z'); // Tuesday 00:00 in Shanghai, still Monday in UTC
    expect(c.buy(m, 100).earned).toBe(200);
    c.clockTo('2026-06-16T15:59:59.999Z');
    expect(c.buy(m, 100).earned).toBe(200);
    c.advance(1);
    expect(c.buy(m, 100).earned).toBe(100);
  });

  it('gives the member-day bonus on local dates within a range, both ends included', () => {
    const c = counter();
    const m = c.member();
    c.setRules({ memberDay: { multiplierPct: 300, weekdays: [], dateRanges: [{ from: '2026-06-18', to: '2026-06-19' }] } });
    const at = (iso: string) => (c.clockTo(iso), c.buy(m, 10).earned);
    expect(
      ['2026-06-17T15:59:59.999Z', '2026-06-17T16:00:00.000Z', '2026-06-19T15:59:59.999Z', '2026-06-19T16:00:00.000Z'].map(at),
    ).toEqual([10, 30, 30, 10]);
  });

  it('gives the birthday-month bonus in the local month; with a member day the larger applies, never both', () => {
    const c = counter();
    const june = c.member('六月', { birthday: '1990-06-20' });
    const july = c.member('七月', { birthday: '1985-07-01' });
    c.setRules({ birthdayMonthMultiplierPct: 200, memberDay: { multiplierPct: 150, weekdays: [1], dateRanges: [] } });
    expect(c.buy(june, 100).earned).toBe(200);
    expect(earnDetail(c, june)).toMatchObject({ bonus: 'birthdayMonth', bonusMultiplierPct: 200 });
    expect(c.buy(july, 100).earned).toBe(150);
    expect(earnDetail(c, july)).toMatchObject({ bonus: 'memberDay', bonusMultiplierPct: 150 });
    c.advance(1);
    c.setRules({ birthdayMonthMultiplierPct: 200, memberDay: { multiplierPct: 250, weekdays: [1], dateRanges: [] } });
    expect(c.buy(june, 100).earned).toBe(250);
    c.clockTo('2026-06-30T16:00:00.000Z'); // Wednesday 1 July in Shanghai
    expect([c.buy(june, 100).earned, c.buy(july, 100).earned]).toEqual([100, 200]);
  });

  it('earns nothing on a bill that paid less than the minimum', () => {
    const c = counter();
    const m = c.member();
    c.setRules({ minPurchaseFen: 1000 });
    expect([c.buy(m, '9.99').earned, c.buy(m, 10).earned]).toEqual([0, 10]);
    c.buy(m, 500);
    // ¥12 of which ¥3 in points: ¥9 paid, under the minimum.
    expect(c.t.call('purchases.record', { memberId: m, amount: 12, redeemPoints: 300 }, c.clerk)).toMatchObject({
      earned: 0,
      purchase: { paidFen: 900 },
    });
    expect(c.t.call('points.ledger', { memberId: m }, c.clerk).items.map((e) => [e.kind, e.points])).toEqual([
      ['redeem', -300],
      ['earn', 500],
      ['earn', 10],
    ]);
  });
});

describe('redeeming', () => {
  it('asks for at least the minimum points and pays at most the bill', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 2000);
    c.setRules({ redeem: { pointsPerYuan: 100, minPoints: 500 } });
    expect(issuesOf(refused(c.t, 'points.redeem', { memberId: m, points: 499 }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'points', rule: 'below_min_redeem', params: { min: 500 } },
    ]);
    expect(issuesOf(refused(c.t, 'points.redeem', { memberId: m, points: 500, bill: '4.99' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'points', rule: 'redeem_exceeds_bill', params: { billFen: 499 } },
    ]);
    const r = c.t.call('points.redeem', { memberId: m, points: 500, bill: 5 }, c.clerk);
    expect(r).toMatchObject({
      valueFen: 500,
      entry: { points: -500, detail: { valueFen: 500, billFen: 500 } },
      balance: { balance: 1500 },
    });
  });

  it('refuses points that are not worth a whole fen', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 1000);
    c.setRules({ redeem: { pointsPerYuan: 300, minPoints: 0 } });
    expect(c.t.call('points.balance', { memberId: m }, c.clerk).availableValueFen).toBe(333);
    const uneven = [{ field: 'points', rule: 'redeem_uneven', params: { pointsPerYuan: 300 } }];
    expect(issuesOf(refused(c.t, 'points.redeem', { memberId: m, points: 100 }, c.clerk, 'VALIDATION'))).toEqual(uneven);
    expect(issuesOf(refused(c.t, 'purchases.record', { memberId: m, amount: 10, redeemPoints: 100 }, c.clerk, 'VALIDATION'))).toEqual(
      uneven,
    );
    expect(c.t.call('points.redeem', { memberId: m, points: 150 }, c.clerk).valueFen).toBe(50);
    expect(c.t.call('points.redeem', { memberId: m, points: 3 }, c.clerk).valueFen).toBe(1);
    expect(c.t.call('purchases.record', { memberId: m, amount: 10, redeemPoints: 600 }, c.clerk).purchase).toMatchObject({
      redeemedFen: 200,
      paidFen: 800,
    });
  });

  it('keeps new points locked for lockDays: counted, shown as locked, not spendable', () => {
    const c = counter();
    const m = c.member();
    c.setRules({ lockDays: 7 });
    const sale = c.buy(m, 300);
    expect(lotsOf(c.t.db, m)[0].available_at).toBe('2026-06-22T02:00:00.000Z');
    expect(c.t.call('points.balance', { memberId: m }, c.clerk)).toMatchObject({
      balance: 300,
      available: 0,
      locked: 300,
      availableValueFen: 0,
    });
    expect(refused(c.t, 'points.redeem', { memberId: m, points: 100 }, c.clerk, 'INSUFFICIENT_POINTS').details).toEqual({
      available: 0,
      requested: 100,
    });
    refused(c.t, 'purchases.record', { memberId: m, amount: 50, redeemPoints: 100 }, c.clerk, 'INSUFFICIENT_POINTS');
    refused(c.t, 'points.adjust', { memberId: m, points: -100, reason: '更正' }, c.manager, 'INSUFFICIENT_POINTS');
    // A refund within the window takes locked points back.
    expect(c.t.call('purchases.refund', { purchaseId: sale.id, amount: 150 }, c.clerk)).toMatchObject({
      reversed: 150,
      shortfall: 0,
      balance: { locked: 150 },
    });
    c.clockTo('2026-06-22T01:59:59.999Z');
    expect(c.t.call('points.balance', { memberId: m }, c.clerk)).toMatchObject({ available: 0, locked: 150 });
    c.advance(1);
    expect(c.t.call('points.balance', { memberId: m }, c.clerk)).toMatchObject({
      balance: 150,
      available: 150,
      locked: 0,
      availableValueFen: 150,
    });
    expect(c.t.call('points.redeem', { memberId: m, points: 150 }, c.clerk).balance.balance).toBe(0);
  });
});

describe('expiry dates', () => {
  it('ends each kind at the end of a local day in Shanghai, stored as the UTC instant', () => {
    const c = counter();
    const cases: Array<[string, ExpiryRule, string | null]> = [
      ['2026-06-15T02:00:00.000Z', { kind: 'never' }, null],
      ['2026-06-15T02:00:00.001Z', { kind: 'days', days: 30 }, '2026-07-15T16:00:00.000Z'],
      ['2026-06-15T02:00:00.002Z', { kind: 'endOfMonth', months: 12 }, '2027-06-30T16:00:00.000Z'],
      ['2026-06-15T16:30:00.000Z', { kind: 'days', days: 1 }, '2026-06-17T16:00:00.000Z'], // 16 June 00:30 local
      ['2026-06-30T16:30:00.000Z', { kind: 'endOfMonth', months: 0 }, '2026-07-31T16:00:00.000Z'], // 1 July 00:30 local
      ['2026-12-31T15:59:59.999Z', { kind: 'endOfYear', years: 0 }, '2026-12-31T16:00:00.000Z'], // 31 Dec 23:59 local
      ['2026-12-31T16:00:00.000Z', { kind: 'endOfYear', years: 1 }, '2028-12-31T16:00:00.000Z'], // 1 Jan 2027 local
      ['2027-01-31T03:00:00.000Z', { kind: 'endOfMonth', months: 1 }, '2027-02-28T16:00:00.000Z'],
    ];
    for (const [at, expiry, expected] of cases) {
      c.clockTo(at);
      c.setRules({ expiry });
      const m = c.member();
      c.buy(m, 100);
      expect(lotsOf(c.t.db, m)[0].expires_at, JSON.stringify(expiry)).toBe(expected);
      expect(c.t.call('points.balance', { memberId: m }, c.clerk).expiring).toEqual(expected ? [{ points: 100, expiresAt: expected }] : []);
    }
  });

  it('gives adjusted and restored points the expiry of the rules in force when given', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 500);
    const sale = c.t.call('purchases.record', { memberId: m, amount: 10, redeemPoints: 500 }, c.clerk).purchase;
    c.setRules({ expiry: { kind: 'days', days: 2 } });
    c.t.call('points.adjust', { memberId: m, points: 20, reason: '补偿' }, c.manager);
    c.t.call('purchases.refund', { purchaseId: sale.id, amount: 10 }, c.clerk);
    expect(lotsOf(c.t.db, m).map((l) => [l.points, l.remaining, l.expires_at])).toEqual([
      [500, 0, '2027-06-30T16:00:00.000Z'],
      [5, 0, '2027-06-30T16:00:00.000Z'],
      [20, 20, '2026-06-17T16:00:00.000Z'],
      [500, 500, '2026-06-17T16:00:00.000Z'],
    ]);
  });
});

describe('rule changes', () => {
  it('apply from their date and never rewrite what was already earned', () => {
    const c = counter();
    const m = c.member();
    const first = c.buy(m, 100);
    const current = c.t.call('points.rules', {}, c.clerk).current;
    expect(current.rules).toEqual(DEFAULT_RULES);
    const oldId = current.id;
    const next = c.t.call(
      'points.setRules',
      {
        rules: { ...DEFAULT_RULES, earn: { points: 2, perYuan: 1 }, expiry: { kind: 'days', days: 10 } },
        effectiveFrom: '2026-06-20T16:00:00.000Z',
      },
      c.manager,
    );
    expect(c.t.call('points.rules', {}, c.clerk)).toMatchObject({
      current: { id: oldId },
      scheduled: [{ id: next.id, effectiveFrom: '2026-06-20T16:00:00.000Z' }],
    });
    c.advance(DAY);
    expect(c.buy(m, 100).earned).toBe(100);
    const ledgerBefore = snapshot(c.t.db).points_ledger;
    c.clockTo('2026-06-20T16:00:00.000Z');
    expect(c.buy(m, 100).earned).toBe(200);
    expect(earnDetail(c, m)).toMatchObject({ rulesId: next.id });
    expect(c.t.call('points.rules', {}, c.clerk)).toMatchObject({ current: { id: next.id }, scheduled: [] });
    expect(lotsOf(c.t.db, m).map((l) => l.expires_at)).toEqual([
      '2027-06-30T16:00:00.000Z',
      '2027-06-30T16:00:00.000Z',
      '2026-07-01T16:00:00.000Z',
    ]);
    // A refund of the old sale takes back what it earned then, not what it would earn now.
    expect(c.t.call('purchases.refund', { purchaseId: first.id, amount: 100 }, c.clerk).reversed).toBe(100);
    expect(snapshot(c.t.db).points_ledger.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);
    expect(c.balance(m)).toBe(300);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('refuses rules in the past, unreadable dates, invalid rules, and clerks', () => {
    const c = counter();
    const set = (input: Record<string, unknown>, session = c.manager, code = 'VALIDATION') =>
      refused(c.t, 'points.setRules', { rules: DEFAULT_RULES, ...input }, session, code);
    expect(issuesOf(set({ effectiveFrom: '2026-06-15T01:59:59.999Z' }))).toEqual([{ field: 'effectiveFrom', rule: 'in_the_past' }]);
    expect(issuesOf(set({ effectiveFrom: 'next Monday' }))).toEqual([{ field: 'effectiveFrom', rule: 'invalid_date' }]);
    expect(issuesOf(set({ rules: { ...DEFAULT_RULES, earn: { points: 1, perYuan: 0 } } }))).toEqual([
      { field: 'rules.earn.perYuan', rule: 'too_small', params: { min: 1 } },
    ]);
    expect(issuesOf(set({ rules: { ...DEFAULT_RULES, memberDay: { multiplierPct: 100, weekdays: [7], dateRanges: [] } } }))).toEqual([
      { field: 'rules.memberDay.weekdays.0', rule: 'too_big', params: { max: 6 } },
    ]);
    expect(issuesOf(set({ rules: { ...DEFAULT_RULES, expiry: { kind: 'days', days: 30, months: 1 } } }))[0]).toMatchObject({
      rule: 'unknown_field',
    });
    set({}, c.clerk, 'FORBIDDEN');
  });
});
