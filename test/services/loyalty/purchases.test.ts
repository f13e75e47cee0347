import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditRows, issuesOf } from '../fixtures';
import { counter, DAY, ledgerProblems, refused } from '../points-fixtures';

const T0 = '2026-06-15T02:00:00.000Z';

describe('purchases.record', () => {
  it('records a sale with its receipt and earns on what was paid', () => {
    const c = counter();
    const m = c.member();
    const r = c.t.call(
      'purchases.record',
      { memberId: m, amount: '¥1,250.50', receiptNo: ' R-001 ', category: '茶叶', note: ' ' },
      c.clerk,
    );
    expect(r.purchase).toEqual({
      id: r.purchase.id,
      memberId: m,
      kind: 'sale',
      originalId: null,
      receiptNo: 'R-001',
      amountFen: 125050,
      redeemedPoints: 0,
      redeemedFen: 0,
      paidFen: 125050,
      category: '茶叶',
      note: null,
      occurredAt: T0,
      createdAt: T0,
      createdByName: '小李',
      points: 1250,
      refundedFen: 0,
      refundedPaidFen: 0,
      voided: false,
    });
    expect(r.earned).toBe(1250);
    expect(r.upgraded).toBe(false);
    expect(r.balance).toEqual({
      memberId: m,
      balance: 1250,
      available: 1250,
      locked: 0,
      availableValueFen: 1250,
      expiring: [{ points: 1250, expiresAt: '2027-06-30T16:00:00.000Z' }],
      shortfall: 0,
    });
    expect(r.tier).toMatchObject({ tier: { name: '普通会员' }, qualifying: 125050, next: { tier: { name: '银卡会员' }, missing: 74950 } });
    const rulesId = c.t.call('points.rules', {}, c.clerk).current.id;
    expect(c.t.call('points.ledger', { memberId: m }, c.clerk).items).toEqual([
      {
        id: expect.any(String),
        kind: 'earn',
        points: 1250,
        shortfall: 0,
        purchaseId: r.purchase.id,
        reason: null,
        createdAt: T0,
        createdByName: '小李',
        balanceAfter: 1250,
        detail: {
          points: 1250,
          basePoints: 1250,
          tierMultiplierPct: 100,
          bonusMultiplierPct: 100,
          bonus: 'none',
          paidFen: 125050,
          tier: '普通会员',
          rulesId,
        },
      },
    ]);
    expect(auditRows(c.t.db, 'purchases.record')).toHaveLength(1);
  });

  it('lets points pay part of the bill and earns only on the rest', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 1000);
    const r = c.t.call('purchases.record', { memberId: m, amount: 100, redeemPoints: 500 }, c.clerk);
    expect(r.purchase).toMatchObject({ amountFen: 10000, redeemedPoints: 500, redeemedFen: 500, paidFen: 9500, points: 95 });
    expect(r.earned).toBe(95);
    expect(r.balance.balance).toBe(595);
    const ledger = c.t.call('points.ledger', { memberId: m, limit: 2 }, c.clerk).items;
    expect(ledger.map((e) => [e.kind, e.points, e.purchaseId, e.balanceAfter])).toEqual([
      ['earn', 95, r.purchase.id, 595],
      ['redeem', -500, r.purchase.id, 500],
    ]);
    expect(ledger[1].detail).toEqual({ valueFen: 500, billFen: 10000 });
  });
});

describe('the same sale typed twice', () => {
  it('asks before recording the same bill for the same member within ten minutes, without a receipt number', () => {
    const c = counter();
    const [m, other] = [c.member(), c.member()];
    const first = c.t.call('purchases.record', { memberId: m, amount: 88 }, c.clerk).purchase;
    c.advance(9 * 60_000 + 59_000);
    const asked = refused(c.t, 'purchases.record', { memberId: m, amount: '88.00' }, c.clerk, 'POSSIBLE_DUPLICATE');
    expect(asked.details).toEqual({
      windowMinutes: 10,
      existing: { id: first.id, amountFen: 8800, paidFen: 8800, occurredAt: T0, createdByName: '小李', receiptNo: null },
    });
    // Not the same sale: another bill, another member, or a receipt number (which is unique anyway).
    c.t.call('purchases.record', { memberId: m, amount: 89 }, c.clerk);
    c.t.call('purchases.record', { memberId: other, amount: 88 }, c.clerk);
    c.t.call('purchases.record', { memberId: m, amount: 88, receiptNo: 'R-7' }, c.clerk);
    // The cashier says it is a second purchase.
    const again = c.t.call('purchases.record', { memberId: m, amount: 88, confirmDuplicate: true }, c.clerk);
    expect(again).toMatchObject({ earned: 88, purchase: { amountFen: 8800 } });
    // Ten minutes after the last one, nothing is asked.
    c.advance(10 * 60_000);
    c.t.call('purchases.record', { memberId: m, amount: 88 }, c.clerk);
    expect(c.t.call('purchases.list', { memberId: m }, c.clerk).totals.sales).toBe(5);
  });

  it('does not ask again once the earlier sale was voided: the new one is the correction', () => {
    const c = counter();
    const m = c.member();
    const wrong = c.t.call('purchases.record', { memberId: m, amount: 120 }, c.clerk).purchase;
    refused(c.t, 'purchases.record', { memberId: m, amount: 120 }, c.clerk, 'POSSIBLE_DUPLICATE');
    c.t.call('purchases.void', { purchaseId: wrong.id, reason: '金额录错后重录' }, c.manager);
    expect(c.t.call('purchases.record', { memberId: m, amount: 120 }, c.clerk).earned).toBe(120);
  });
});

describe('purchases.refund', () => {
  it('gives redeemed points back and takes earned points back in proportion, ending where it started', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 1000);
    const sale = c.t.call('purchases.record', { memberId: m, amount: 100, redeemPoints: 500, receiptNo: 'R9' }, c.clerk).purchase;
    const half = c.t.call('purchases.refund', { purchaseId: sale.id, amount: '50', reason: '退货一件' }, c.clerk);
    expect(half.refund).toMatchObject({
      kind: 'refund',
      originalId: sale.id,
      receiptNo: 'R9',
      amountFen: 5000,
      paidFen: 4750,
      redeemedPoints: 250,
      redeemedFen: 250,
      points: -47,
      note: '退货一件',
    });
    expect(half).toMatchObject({ reversed: 47, restored: 250, shortfall: 0, balance: { balance: 798 } });
    const rest = c.t.call('purchases.refund', { purchaseId: sale.id, amount: '50.00' }, c.clerk);
    expect(rest).toMatchObject({ reversed: 48, restored: 250, shortfall: 0, balance: { balance: 1000 } });
    const list = c.t.call('purchases.list', { memberId: m }, c.clerk);
    // As the dashboard counts them: sales are what was paid (¥1,000 + ¥95 after the ¥5 of points),
    // refunds the cash paid back (¥47.50 twice), not the bill (¥100).
    expect(list.totals).toEqual({ sales: 2, salesFen: 109500, refundsFen: 9500, netFen: 100000 });
    expect(list.items.find((p) => p.id === sale.id)).toMatchObject({ refundedFen: 10000, refundedPaidFen: 9500, points: 95 });
    expect(list.items.filter((p) => p.kind === 'refund').map((p) => p.paidFen)).toEqual([4750, 4750]);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it("shows a refund on the member's timeline as the money paid back, the figure the dashboard counts", () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 1000);
    const sale = c.t.call('purchases.record', { memberId: m, amount: 399, redeemPoints: 300 }, c.clerk).purchase;
    c.advance(60_000);
    c.t.call('purchases.refund', { purchaseId: sale.id, amount: 399 }, c.clerk);
    const lines = c.t.call('members.timeline', { memberId: m }, c.clerk).items.filter((i) => i.type === 'sale' || i.type === 'refund');
    expect(lines.map((i) => [i.type, i.amountFen, i.points])).toEqual([
      ['refund', 39600, -396],
      ['sale', 39900, 396],
      ['sale', 100000, 1000],
    ]);
    c.advance(60_000);
    const other = c.buy(m, 50);
    c.t.call('purchases.void', { purchaseId: other.id, reason: '重复录入' }, c.manager);
    // The voided sale says so (a sale standing has no status).
    expect(
      c.t.call('members.timeline', { memberId: m, limit: 3 }, c.clerk).items.map((i) => [i.type, i.amountFen, i.points, i.text, i.status]),
    ).toEqual([
      ['void', 5000, -50, '重复录入', null],
      ['sale', 5000, 50, null, 'voided'],
      ['refund', 39600, -396, null, null],
    ]);
  });

  it("takes spent points back from the member's other lots first, and only then records a shortfall", () => {
    const c = counter();
    const m = c.member();
    const first = c.buy(m, '250.50');
    const second = c.t.call('purchases.record', { memberId: m, amount: 100, redeemPoints: 200 }, c.clerk);
    expect(second).toMatchObject({ earned: 98, purchase: { paidFen: 9800 }, balance: { balance: 148 } });
    // The first sale's 250: 50 still in its own lot, 98 from the second sale's, 102 already spent.
    expect(c.t.call('purchases.refund', { purchaseId: first.id, amount: '250.50' }, c.clerk)).toMatchObject({
      reversed: 148,
      shortfall: 102,
      restored: 0,
      balance: { balance: 0 },
    });
    // The second gives its 200 back as a new lot and takes its 98 from it.
    expect(c.t.call('purchases.refund', { purchaseId: second.purchase.id, amount: 100 }, c.clerk)).toMatchObject({
      reversed: 98,
      shortfall: 0,
      restored: 200,
      balance: { balance: 102 },
    });
    expect(c.t.call('points.ledger', { memberId: m }, c.clerk).items.map((e) => [e.kind, e.points, e.shortfall, e.balanceAfter])).toEqual([
      ['reverse', -98, 0, 102],
      ['reverse', 200, 0, 200],
      ['reverse', -148, 102, 0],
      ['earn', 98, 0, 148],
      ['redeem', -200, 0, 50],
      ['earn', 250, 0, 250],
    ]);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('leaves the balance where it started however often the same amount is bought and refunded', () => {
    const c = counter();
    const loop = fc.record({
      amountFen: fc.integer({ min: 1, max: 300_000 }),
      /** share of the available points to pay with, in percent */
      redeemPct: fc.integer({ min: 0, max: 100 }),
      /** the refund cut into pieces of these relative sizes */
      pieces: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.array(loop, { minLength: 1, maxLength: 6 }), (startFen, loops) => {
        const m = c.member();
        if (startFen > 0) c.buy(m, (startFen / 100).toFixed(2));
        const start = c.balance(m);
        for (const { amountFen, redeemPct, pieces } of loops) {
          const available = c.t.call('points.balance', { memberId: m }, c.clerk).available;
          const redeem = Math.min(Math.floor((available * redeemPct) / 100 / 100) * 100, Math.floor(amountFen / 100) * 100);
          const sale = c.buy(m, (amountFen / 100).toFixed(2), { redeemPoints: redeem >= 100 ? redeem : 0 });
          const total = pieces.reduce((a, b) => a + b, 0);
          let done = 0;
          let weight = 0;
          for (const piece of pieces) {
            weight += piece;
            const upTo = Math.floor((amountFen * weight) / total);
            if (upTo > done) c.t.call('purchases.refund', { purchaseId: sale.id, amount: ((upTo - done) / 100).toFixed(2) }, c.clerk);
            done = upTo;
          }
          expect(c.balance(m)).toBe(start);
        }
      }),
      { numRuns: 40, seed: 20260615 },
    );
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});

describe('refunds after expiry', () => {
  it('does not take points that already expired a second time from other lots', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 10 } });
    const m = c.member();
    const first = c.buy(m, 100);
    c.advance(12 * DAY);
    expect(c.t.call('points.expire', {}, c.manager).points).toBe(100);
    c.buy(m, 50);
    const r = c.t.call('purchases.refund', { purchaseId: first.id, amount: 100 }, c.clerk);
    expect(r).toMatchObject({ reversed: 0, shortfall: 0, restored: 0 });
    expect(c.balance(m)).toBe(50);
    const entry = c.t.call('points.ledger', { memberId: m }, c.clerk).items[0];
    expect(entry).toMatchObject({ kind: 'reverse', points: 0, shortfall: 0, detail: { of: 'earn', forgiven: 100 } });
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('forgives points past their date before the expiry run, which then takes them once', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 10 } });
    const m = c.member();
    const first = c.buy(m, 100);
    c.advance(12 * DAY);
    c.buy(m, 50);
    // Half refunded: 50 of the sale's points are due back; its lot is past its date, so they are forgiven.
    const r = c.t.call('purchases.refund', { purchaseId: first.id, amount: 50 }, c.clerk);
    expect(r).toMatchObject({ reversed: 0, shortfall: 0 });
    expect(c.t.call('points.expire', {}, c.manager).points).toBe(100);
    expect(c.balance(m)).toBe(50);
    // The rest of the refund: the other 50 were expired too, still nothing taken from the new sale.
    expect(c.t.call('purchases.refund', { purchaseId: first.id, amount: 50 }, c.clerk)).toMatchObject({ reversed: 0, shortfall: 0 });
    expect(c.balance(m)).toBe(50);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('still takes back the part that was spent before the rest expired', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 10 } });
    const m = c.member();
    const first = c.buy(m, 300);
    c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk);
    c.advance(12 * DAY);
    expect(c.t.call('points.expire', {}, c.manager).points).toBe(200);
    c.buy(m, 150);
    // 300 due back: 200 expired (forgiven), 100 were spent, taken from the new sale's 150.
    expect(c.t.call('purchases.refund', { purchaseId: first.id, amount: 300 }, c.clerk)).toMatchObject({ reversed: 100, shortfall: 0 });
    expect(c.balance(m)).toBe(50);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});

describe('refusals write nothing', () => {
  it('refuses zero, negative, over-precise and unreadable amounts', () => {
    const c = counter();
    const m = c.member();
    const cases: Array<[unknown, string]> = [
      [0, 'not_positive'],
      ['0.00', 'not_positive'],
      [-5, 'not_positive'],
      ['-0.01', 'not_positive'],
      ['12.345', 'too_many_decimals'],
      [12.345, 'too_many_decimals'],
      ['12元', 'invalid_amount'],
      ['', 'invalid_amount'],
    ];
    for (const [amount, rule] of cases) {
      expect(issuesOf(refused(c.t, 'purchases.record', { memberId: m, amount }, c.clerk, 'VALIDATION'))).toEqual([
        { field: 'amount', rule },
      ]);
    }
    const sale = c.buy(m, 100);
    for (const [amount, rule] of cases) {
      expect(issuesOf(refused(c.t, 'purchases.refund', { purchaseId: sale.id, amount }, c.clerk, 'VALIDATION'))).toEqual([
        { field: 'amount', rule },
      ]);
    }
  });

  it('refuses a receipt number already used, in the same or another member', () => {
    const c = counter();
    const [a, b] = [c.member(), c.member()];
    const first = c.buy(a, 88, { receiptNo: 'R-100' });
    for (const [memberId, receiptNo] of [
      [a, 'R-100'],
      [b, ' R-100 '],
    ]) {
      const err = refused(c.t, 'purchases.record', { memberId, amount: 50, receiptNo }, c.clerk, 'CONFLICT');
      expect(err.details).toEqual({ field: 'receiptNo', existing: { id: first.id, memberId: a, amountFen: 8800 } });
    }
  });

  it('refuses refunding more than is left, twice, or what is not a sale', () => {
    const c = counter();
    const m = c.member();
    const sale = c.buy(m, '100.00');
    expect(refused(c.t, 'purchases.refund', { purchaseId: sale.id, amount: '100.01' }, c.clerk, 'CONFLICT').details).toEqual({
      reason: 'refund_exceeds',
      refundableFen: 10000,
    });
    const part = c.t.call('purchases.refund', { purchaseId: sale.id, amount: 60 }, c.clerk);
    expect(refused(c.t, 'purchases.refund', { purchaseId: sale.id, amount: 41 }, c.clerk, 'CONFLICT').details).toEqual({
      reason: 'refund_exceeds',
      refundableFen: 4000,
    });
    c.t.call('purchases.refund', { purchaseId: sale.id, amount: 40 }, c.clerk);
    expect(refused(c.t, 'purchases.refund', { purchaseId: sale.id, amount: 40 }, c.clerk, 'CONFLICT').details).toEqual({
      reason: 'already_refunded',
    });
    refused(c.t, 'purchases.refund', { purchaseId: part.refund.id, amount: 1 }, c.clerk, 'NOT_FOUND');
    refused(c.t, 'purchases.refund', { purchaseId: 'nothing', amount: 1 }, c.clerk, 'NOT_FOUND');
    refused(c.t, 'purchases.refund', { purchaseId: sale.id, amount: 1 }, null, 'UNAUTHENTICATED');
    expect(c.balance(m)).toBe(0);
  });

  it('refuses paying with more points than the balance or the bill, and sales to inactive or unknown members', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 300);
    expect(
      refused(c.t, 'purchases.record', { memberId: m, amount: 50, redeemPoints: 400 }, c.clerk, 'INSUFFICIENT_POINTS').details,
    ).toEqual({ available: 300, requested: 400 });
    const over = refused(c.t, 'purchases.record', { memberId: m, amount: '2.99', redeemPoints: 300 }, c.clerk, 'VALIDATION');
    expect(issuesOf(over)).toEqual([{ field: 'points', rule: 'redeem_exceeds_bill', params: { billFen: 299 } }]);
    refused(c.t, 'purchases.record', { memberId: 'nobody', amount: 50 }, c.clerk, 'NOT_FOUND');
    c.t.call('members.setStatus', { id: m, status: 'inactive', reason: '会员注销' }, c.manager);
    refused(c.t, 'purchases.record', { memberId: m, amount: 50 }, c.clerk, 'MEMBER_INACTIVE');
    refused(c.t, 'purchases.record', { memberId: m, amount: 50, redeemPoints: 100 }, c.clerk, 'MEMBER_INACTIVE');
    // Exactly the bill is allowed: nothing left to pay, nothing earned.
    c.t.call('members.setStatus', { id: m, status: 'active' }, c.manager);
    const all = c.t.call('purchases.record', { memberId: m, amount: 3, redeemPoints: 300 }, c.clerk);
    expect(all).toMatchObject({ earned: 0, purchase: { paidFen: 0, redeemedFen: 300 }, balance: { balance: 0 } });
  });
});
