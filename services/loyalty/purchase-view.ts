import type { Purchase } from '../../shared/contract/purchases';
import type { PurchaseView } from '../../db/queries/loyalty/purchases';

/** A purchases row as the contract shows it (a sale, a refund or a void). */
export function purchaseView(row: PurchaseView): Purchase {
  return {
    id: row.id,
    memberId: row.member_id,
    kind: row.kind,
    originalId: row.original_id,
    receiptNo: row.receipt_no,
    amountFen: row.amount_fen,
    redeemedPoints: row.redeemed_points,
    redeemedFen: row.redeemed_fen,
    paidFen: row.paid_fen,
    category: row.category,
    note: row.note,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    points: row.points,
    refundedFen: row.refunded_fen,
    refundedPaidFen: row.refunded_paid_fen,
    voided: row.voided === 1,
  };
}
