import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime, optionalText } from './common';
import { PointsBalance, YuanInput } from './points';
import { TierStatus } from './tiers';

export const Purchase = z.object({
  id: Id,
  memberId: Id,
  kind: z.enum(['sale', 'refund']),
  originalId: Id.nullable(),
  receiptNo: z.string().nullable(),
  amountFen: z.number().int(),
  redeemedPoints: z.number().int(),
  redeemedFen: z.number().int(),
  paidFen: z.number().int(),
  category: z.string().nullable(),
  note: z.string().nullable(),
  occurredAt: IsoTime,
  createdByName: z.string().nullable(),
  /** points this row added (earn) or took back (refund: negative) */
  points: z.number().int(),
  /** on a sale: how much of it has been refunded so far */
  refundedFen: z.number().int(),
});
export type Purchase = z.infer<typeof Purchase>;

export const purchasesContract = {
  /**
   * A sale at the counter: the bill in yuan, optionally paid in part with points. Points are
   * earned on what was actually paid. A receipt number is unique in the branch, so a retried
   * or re-imported sale can never earn twice.
   */
  'purchases.record': method({
    input: z.strictObject({
      memberId: Id,
      amount: YuanInput,
      receiptNo: optionalText(40),
      category: optionalText(40),
      note: optionalText(200),
      redeemPoints: z.number().int().min(0).max(100_000_000).default(0),
    }),
    output: z.object({ purchase: Purchase, earned: z.number().int(), balance: PointsBalance, tier: TierStatus, upgraded: z.boolean() }),
    access: 'clerk',
    write: true,
  }),
  /**
   * Refund part or all of a sale, as its own row. Earned points are taken back and redeemed
   * points given back in proportion; what was already spent is recorded as a shortfall.
   */
  'purchases.refund': method({
    input: z.strictObject({ purchaseId: Id, amount: YuanInput, reason: optionalText(200) }),
    output: z.object({ refund: Purchase, reversed: z.number().int(), restored: z.number().int(), shortfall: z.number().int(), balance: PointsBalance }),
    access: 'clerk',
    write: true,
  }),
  'purchases.list': method({
    input: z.strictObject({ memberId: Id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({
      items: z.array(Purchase),
      totals: z.object({ sales: z.number().int(), salesFen: z.number().int(), refundsFen: z.number().int(), netFen: z.number().int() }),
    }),
    access: 'clerk',
    write: false,
  }),
};
