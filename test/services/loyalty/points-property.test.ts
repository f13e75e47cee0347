import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { failure } from '../fixtures';
import { counter, ledgerProblems, lotsOf, type Counter } from '../points-fixtures';

// Random sequences of purchases (some paid partly with points), refunds, redemptions,
// adjustments, time passing and expiry runs. After every step the ledger must agree with itself
// (cached balance = ledger sum = open lots, nothing negative, no lot consumed beyond what it held)
// and the step must have done exactly what its answer says.

const HOUR = 3_600_000;

const step = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      amountFen: fc.integer({ min: 1, max: 300_000 }),
      redeemPct: fc.integer({ min: 0, max: 100 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('refund' as const), sale: fc.nat(), pct: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('redeem' as const), points: fc.integer({ min: 100, max: 3000 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('adjust' as const), points: fc.integer({ min: -2000, max: 2000 }).filter((n) => n !== 0) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 240 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const) }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

interface Sale {
  id: string;
  amountFen: number;
  refundedFen: number;
}

function run(c: Counter, steps: Step[]): void {
  const { t } = c;
  const m = c.member();
  const sales: Sale[] = [];
  const balanceOf = () => t.call('points.balance', { memberId: m }, c.clerk);
  for (const s of steps) {
    const before = balanceOf();
    const label = JSON.stringify(s);
    let delta = 0;
    switch (s.kind) {
      case 'buy': {
        const redeem = Math.min(Math.floor((before.available * s.redeemPct) / 100), s.amountFen);
        const r = t.call(
          'purchases.record',
          { memberId: m, amount: (s.amountFen / 100).toFixed(2), redeemPoints: redeem >= 100 ? redeem : 0 },
          c.clerk,
        );
        sales.push({ id: r.purchase.id, amountFen: s.amountFen, refundedFen: 0 });
        expect(r.earned).toBeGreaterThanOrEqual(0);
        delta = r.earned - (redeem >= 100 ? redeem : 0);
        break;
      }
      case 'refund': {
        if (sales.length === 0) continue;
        const sale = sales[s.sale % sales.length];
        const left = sale.amountFen - sale.refundedFen;
        if (left === 0) {
          expect(failure(t, 'purchases.refund', { purchaseId: sale.id, amount: '0.01' }, c.clerk).code, label).toBe('CONFLICT');
          break;
        }
        const amountFen = Math.max(1, Math.floor((left * s.pct) / 100));
        const r = t.call('purchases.refund', { purchaseId: sale.id, amount: (amountFen / 100).toFixed(2) }, c.clerk);
        sale.refundedFen += amountFen;
        expect(Math.min(r.reversed, r.restored, r.shortfall), label).toBeGreaterThanOrEqual(0);
        // A shortfall means everything the member still held was taken.
        if (r.shortfall > 0) expect(r.balance.available + r.balance.locked, label).toBe(0);
        delta = r.restored - r.reversed;
        break;
      }
      case 'redeem':
      case 'adjust': {
        const spend = s.kind === 'redeem' ? s.points : -s.points;
        const input = s.kind === 'redeem' ? { memberId: m, points: s.points } : { memberId: m, points: s.points, reason: '随机' };
        const answer = t.raw(`points.${s.kind}`, input, s.kind === 'redeem' ? c.clerk : c.manager);
        if (spend > before.available) {
          expect(answer, label).toMatchObject({
            ok: false,
            error: { code: 'INSUFFICIENT_POINTS', details: { available: before.available } },
          });
        } else {
          expect(answer.ok, label).toBe(true);
          delta = -spend;
        }
        break;
      }
      case 'advance':
        c.advance(s.hours * HOUR);
        break;
      case 'expire': {
        const now = t.clock.now().toISOString();
        const due = lotsOf(t.db, m)
          .filter((l) => l.expires_at !== null && l.expires_at <= now)
          .reduce((sum, l) => sum + l.remaining, 0);
        const r = t.call('points.expire', {}, c.manager);
        expect(r.points, label).toBeGreaterThanOrEqual(due);
        expect(t.call('points.expire', {}, c.manager), label).toEqual({ lots: 0, points: 0, members: 0 });
        delta = -due;
        break;
      }
    }
    const after = balanceOf();
    expect(after.balance, label).toBe(before.balance + delta);
    expect(after.balance, label).toBeGreaterThanOrEqual(0);
    const now = t.clock.now().toISOString();
    const pastDate = lotsOf(t.db, m)
      .filter((l) => l.expires_at !== null && l.expires_at <= now)
      .reduce((sum, l) => sum + l.remaining, 0);
    expect(after.available + after.locked + pastDate, label).toBe(after.balance);
    expect(ledgerProblems(t.db, m), label).toEqual([]);
  }
  expect(ledgerProblems(t.db)).toEqual([]);
}

describe('the points ledger under random use', () => {
  it('stays consistent after every step of random purchases, refunds, redemptions, adjustments and expiries', () => {
    const c = counter();
    c.setRules({ lockDays: 2, expiry: { kind: 'days', days: 20 } });
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 30, size: 'max' }), (steps) => run(c, steps)),
      { numRuns: 100, seed: 31415926 },
    );
    // Not vacuous: the runs got as far as refunds taking back spent points and lots expiring.
    const kinds = c.t.db
      .prepare('SELECT kind, COUNT(*) AS n, SUM(shortfall) AS shortfall FROM points_ledger GROUP BY kind ORDER BY kind')
      .all() as Array<{ kind: string; n: number; shortfall: number }>;
    expect(kinds.map((k) => k.kind)).toEqual(['adjust', 'earn', 'expire', 'redeem', 'reverse']);
    expect(kinds.find((k) => k.kind === 'reverse')!.shortfall).toBeGreaterThan(0);
  });
});
