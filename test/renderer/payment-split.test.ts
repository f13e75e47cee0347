import { describe, expect, it } from 'vitest';
import { paymentSplit } from '../../renderer/features/points/paymentSplit';
import { counter, DEFAULT_RULES } from '../services/points-fixtures';

// The counter's 应收 / 抵扣 / 实付, shown before Enter, is what the service then records.

describe('the part-payment split at the counter', () => {
  it('shows the bill, the points’ value and what is left to collect, as the sale records them', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 100_000);
    for (const rules of [DEFAULT_RULES, { ...DEFAULT_RULES, redeem: { pointsPerYuan: 50, minPoints: 50 } }]) {
      c.advance(60_000); // a rules version takes effect from now, one per instant
      c.setRules(rules);
      for (const [amount, points] of [
        ['399', '300'],
        ['12.34', '600'],
        ['¥1,250.50', '5050'],
        ['10', '500'],
      ] as const) {
        const split = paymentSplit(rules, amount, points)!;
        const sale = c.t.call(
          'purchases.record',
          { memberId: m, amount, redeemPoints: Number(points), confirmDuplicate: true },
          c.clerk,
        ).purchase;
        expect([split.billFen, split.valueFen, split.payFen], `${amount} ${points} at ${rules.redeem.pointsPerYuan}`).toEqual([
          sale.amountFen,
          sale.redeemedFen,
          sale.paidFen,
        ]);
      }
    }
  });

  it('shows nothing until both a bill and points are typed', () => {
    for (const [amount, points] of [
      ['', '300'],
      ['12.345', '300'],
      ['100', ''],
      ['100', '0'],
      ['100', 'abc'],
      ['100', '-5'],
    ]) {
      expect(paymentSplit(DEFAULT_RULES, amount, points), `${amount} ${points}`).toBeNull();
    }
    expect(paymentSplit(DEFAULT_RULES, '2.99', '300')).toEqual({ billFen: 299, points: 300, valueFen: 300, payFen: -1 });
  });
});
