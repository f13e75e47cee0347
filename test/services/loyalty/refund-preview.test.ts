import { describe, expect, it } from 'vitest';
import { refundShares } from '../../../shared/points';
import { counter } from '../points-fixtures';

describe('refund preview', () => {
  it('shows the clerk exactly the cash and points the service then records', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 1000);
    const sale = c.t.call('purchases.record', { memberId: m, amount: 200, redeemPoints: 250 }, c.clerk).purchase;
    expect(sale).toMatchObject({ amountFen: 20000, paidFen: 19750, redeemedPoints: 250, redeemedFen: 250 });
    let refundedFen = 0;
    const pieces = [3333, 6667, 1, 9999];
    const cash: number[] = [];
    for (const piece of pieces) {
      const preview = refundShares({ ...sale, refundedFen }, piece);
      const r = c.t.call('purchases.refund', { purchaseId: sale.id, amount: (piece / 100).toFixed(2) }, c.clerk);
      expect({ cashFen: r.refund.paidFen, restoredPoints: r.restored, restoredFen: r.refund.redeemedFen }).toEqual(preview);
      cash.push(preview.cashFen);
      refundedFen += piece;
    }
    // Every refund of the sale adds up to exactly what it was paid with.
    expect(cash.reduce((a, b) => a + b, 0)).toBe(19750);
    expect(refundShares({ ...sale, refundedFen: 0 }, 10000)).toEqual({ cashFen: 9875, restoredPoints: 125, restoredFen: 125 });
  });
});
