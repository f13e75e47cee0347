import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime, optionalText } from './common';
import { PointsBalance, YuanInput } from './points';
import { TierStatus } from './tiers';

/** A sale; a refund of part or all of one; a void (作废) that cancels a mistaken sale as if it never happened. */
export const PURCHASE_KINDS = ['sale', 'refund', 'void'] as const;

/** How far back the counter looks for the same sale typed twice (a member, an amount, no receipt number). */
export const DUPLICATE_WINDOW_MINUTES = 10;

export const Purchase = z.object({
  id: Id,
  memberId: Id,
  kind: z.enum(PURCHASE_KINDS),
  originalId: Id.nullable(),
  receiptNo: z.string().nullable(),
  amountFen: z.number().int(),
  redeemedPoints: z.number().int(),
  redeemedFen: z.number().int(),
  paidFen: z.number().int(),
  category: z.string().nullable(),
  note: z.string().nullable(),
  /** when the sale was made; a refund: when it was made; a void: its sale's time, so every period counts the two together */
  occurredAt: IsoTime,
  /** when the row was written (a void: when it was voided) */
  createdAt: IsoTime,
  createdByName: z.string().nullable(),
  /** points this row added (earn) or took back (refund, void: negative) */
  points: z.number().int(),
  /** on a sale: how much of its bill has been refunded so far */
  refundedFen: z.number().int(),
  /** on a sale: the money its refunds paid back so far (退款额, the dashboard's refunds figure) */
  refundedPaidFen: z.number().int(),
  /** on a sale: it was voided (a void row names it) */
  voided: z.boolean(),
});
export type Purchase = z.infer<typeof Purchase>;

export const purchasesContract = {
  /**
   * A sale at the counter: the bill in yuan, optionally paid in part with points. Points are
   * earned on what was actually paid. A receipt number is unique in the branch, so a retried
   * or re-imported sale can never earn twice. Without one, the same member and bill within
   * DUPLICATE_WINDOW_MINUTES of a sale not voided is refused as POSSIBLE_DUPLICATE (details: the
   * earlier sale) until the caller says `confirmDuplicate: true`.
   */
  'purchases.record': method({
    input: z.strictObject({
      memberId: Id,
      amount: YuanInput,
      receiptNo: optionalText(40),
      category: optionalText(40),
      note: optionalText(200),
      redeemPoints: z.number().int().min(0).max(100_000_000).default(0),
      confirmDuplicate: z.boolean().default(false),
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
    output: z.object({
      refund: Purchase,
      reversed: z.number().int(),
      restored: z.number().int(),
      shortfall: z.number().int(),
      balance: PointsBalance,
    }),
    access: 'clerk',
    write: true,
  }),
  /**
   * Voids a mistaken sale the same local day (managers): a row of its own (kind `void`) that
   * takes back the points the sale earned (what was already spent is a shortfall, as for a
   * refund) and gives back the points it used. The reports count the sale out of orders and
   * sales, as if it never happened. An upgrade the sale made is undone (`tier`: the tier names
   * and the review date now; null when the tier stays). Refused for a sale already voided or
   * (even partly) refunded.
   */
  'purchases.void': method({
    input: z.strictObject({ purchaseId: Id, reason: z.string().trim().min(1).max(200) }),
    output: z.object({
      void: Purchase,
      reversed: z.number().int(),
      restored: z.number().int(),
      shortfall: z.number().int(),
      balance: PointsBalance,
      tier: z.object({ from: z.string(), to: z.string(), reviewAt: z.string().nullable() }).nullable(),
    }),
    access: 'manager',
    write: true,
  }),
  /** A member's purchases, newest first; totals as the dashboard counts them (money paid, cash refunded). */
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
