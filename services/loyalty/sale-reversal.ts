import type { DB } from '../../db/connection';
import { pointsQueries } from '../../db/queries/loyalty/points';
import type { PurchaseRow } from '../../db/queries/loyalty/purchases';
import type { Ctx } from '../core/context';
import { credit, debit } from './ledger';
import { grantLot, rulesAt } from './points';

// What a refund and a void do to a sale's points, written once: the points that paid part of the
// bill come back, the points the sale earned go back out. Both are `reverse` entries on the row
// that undoes the sale (the refund or the void), naming the sale.

export interface Undoing {
  /** the refund or void row the entries belong to */
  purchaseId: string;
  reason: string | null;
  /** added to each entry's detail (a void says so) */
  detail?: Record<string, unknown>;
}

/** Gives back points that paid part of the bill, as a fresh lot under today's rules. */
export function giveBackRedeemed(db: DB, ctx: Ctx, sale: PurchaseRow, points: number, u: Undoing): void {
  if (points <= 0) return;
  credit(db, ctx, {
    memberId: sale.member_id,
    kind: 'reverse',
    points,
    purchaseId: u.purchaseId,
    reason: u.reason,
    detail: { of: 'redeem', saleId: sale.id, ...u.detail },
    ...grantLot(db, ctx, rulesAt(db, ctx.now).rules),
  });
}

/**
 * Takes back `points` of what the sale earned: from the sale's own lot first, then the oldest
 * others. What the member already spent is recorded as a shortfall (the balance never goes
 * negative). Points of the sale that expired (or are past their date) are already lost to the
 * member: they are forgiven rather than taken a second time from other lots.
 */
export function takeBackEarned(db: DB, ctx: Ctx, sale: PurchaseRow, points: number, u: Undoing): { taken: number; shortfall: number } {
  if (points <= 0) return { taken: 0, shortfall: 0 };
  const pq = pointsQueries(db);
  const earnEntry = pq.earnEntryOf(sale.id);
  const ownLots = earnEntry ? pq.lotsOfLedger(earnEntry.id) : [];
  const expiredOwn = ownLots.reduce(
    (n, l) => n + (l.expired_by ? (l.expired_points ?? 0) : l.expires_at !== null && l.expires_at <= ctx.now ? l.remaining : 0),
    0,
  );
  const forgiven = Math.max(0, Math.min(points, expiredOwn - pq.forgivenForSale(sale.id)));
  const r = debit(db, ctx, {
    memberId: sale.member_id,
    kind: 'reverse',
    points: points - forgiven,
    mode: 'reverse',
    preferLots: ownLots.map((l) => l.seq),
    purchaseId: u.purchaseId,
    reason: u.reason,
    detail: { of: 'earn', saleId: sale.id, ...u.detail, ...(forgiven > 0 ? { forgiven } : {}) },
  });
  return { taken: r.taken, shortfall: r.shortfall };
}
