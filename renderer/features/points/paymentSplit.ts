import { parseYuan } from '../../../shared/money';
import { pointsValueFen, type PointsRules } from '../../../shared/points';

/** What a bill part-paid with points comes to, as the service will record it (points are worth ⌊points ÷ rate⌋ fen). */
export function paymentSplit(
  rules: PointsRules,
  amount: string,
  redeemPoints: string,
): { billFen: number; points: number; valueFen: number; payFen: number } | null {
  const bill = parseYuan(amount);
  const points = /^\s*\d+\s*$/.test(redeemPoints) ? Number(redeemPoints) : 0;
  if (!bill.ok || points <= 0) return null;
  const valueFen = pointsValueFen(rules, points);
  return { billFen: bill.fen, points, valueFen, payFen: bill.fen - valueFen };
}
