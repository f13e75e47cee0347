import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { AppError } from '../../shared/errors';
import { localDay } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { followupQueries } from '../../db/queries/followups/followups';
import { pointsQueries } from '../../db/queries/loyalty/points';
import { purchaseQueries, type PurchaseRow } from '../../db/queries/loyalty/purchases';
import type { Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { pointsBalance } from './points';
import { timeZone } from '../core/branch';
import { purchaseView } from './purchase-view';
import { giveBackRedeemed, takeBackEarned } from './sale-reversal';
import { tierAfterVoid } from './tier-void';

// Voiding a mistaken sale (作废, docs/rpc.md `purchases.void`): the same sale typed twice, or a
// sale put on the wrong member. Rows are only ever added, so a void is a row of its own naming
// the sale, like a refund; unlike a refund, the reports count the sale out as if it never
// happened (not an order, not sales, not activity), so it is only for the day the sale was made.
//
// A sale already refunded, even in part, cannot be voided: money went back over the counter
// against it, and a void would give the points back a second time over the refund's. What is
// left of it is refunded instead.

function refuseUnlessVoidable(db: DB, ctx: Ctx, purchaseId: string): PurchaseRow {
  const q = purchaseQueries(db);
  const sale = q.byId(purchaseId);
  if (!sale || sale.kind !== 'sale') throw new AppError('NOT_FOUND', 'No such sale', { entity: 'purchase', id: purchaseId });
  if (q.voidOf(sale.id)) throw new AppError('CONFLICT', 'This sale is already voided', { reason: 'already_voided' });
  if (q.refundedOf(sale.id).amount > 0) {
    throw new AppError('CONFLICT', 'This sale was refunded (at least in part): refund the rest instead', { reason: 'sale_refunded' });
  }
  // The store's day, as the clerk sees it: a sale at 23:50 can be voided until midnight, not after.
  const tz = timeZone(db);
  const [saleDate, today] = [localDay(sale.occurred_at, tz).date, localDay(ctx.now, tz).date];
  if (saleDate !== today)
    throw new AppError('CONFLICT', 'A sale can only be voided on the day it was made', { reason: 'void_not_today', saleDate, today });
  return sale;
}

/** The call after a purchase is about a sale that did not happen: cancelled, with the audit row saying why. */
function cancelSaleFollowups(db: DB, ctx: Ctx, sale: PurchaseRow, voidId: string): void {
  const q = followupQueries(db);
  for (const task of q.openOfKind(sale.member_id, 'post_purchase')) {
    if (task.purchase_id !== sale.id) continue;
    q.update({ ...task, status: 'cancelled', updated_at: ctx.now });
    writeAudit(ctx, {
      action: 'followups.cancel',
      entity: 'followup',
      entityId: task.id,
      before: { status: task.status },
      after: { status: 'cancelled', reason: 'sale_voided', voidId },
    });
  }
}

export function voidSale(db: DB, ctx: Ctx, input: ParsedInputOf<'purchases.void'>): OutputOf<'purchases.void'> {
  const sale = refuseUnlessVoidable(db, ctx, input.purchaseId);
  const q = purchaseQueries(db);
  // The sale's figures, at the sale's time: every period counts the two together and they cancel.
  const row: PurchaseRow = {
    ...sale,
    id: ctx.newId(),
    kind: 'void',
    original_id: sale.id,
    note: input.reason,
    created_at: ctx.now,
    created_by: ctx.caller?.id ?? null,
  };
  q.insert(row);
  const undoing = { purchaseId: row.id, reason: input.reason, detail: { void: true } };
  giveBackRedeemed(db, ctx, sale, sale.redeemed_points, undoing);
  const earned = pointsQueries(db).earnEntryOf(sale.id)?.points ?? 0;
  const { taken, shortfall } = takeBackEarned(db, ctx, sale, earned, undoing);
  cancelSaleFollowups(db, ctx, sale, row.id);
  const tier = tierAfterVoid(db, ctx, sale, row.id);
  writeAudit(ctx, {
    action: 'purchases.void',
    entity: 'purchase',
    entityId: row.id,
    before: {
      saleId: sale.id,
      memberId: sale.member_id,
      amountFen: sale.amount_fen,
      paidFen: sale.paid_fen,
      redeemedPoints: sale.redeemed_points,
      earned,
    },
    after: { reason: input.reason, reversed: taken, restored: sale.redeemed_points, shortfall },
  });
  return {
    void: purchaseView(q.view(row.id)),
    reversed: taken,
    restored: sale.redeemed_points,
    shortfall,
    balance: pointsBalance(db, ctx, sale.member_id),
    tier,
  };
}
