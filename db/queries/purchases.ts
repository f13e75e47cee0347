import type { DB } from '../connection';
import { perDatabase } from './prepared';

export interface PurchaseRow {
  id: string;
  branch_id: string;
  member_id: string;
  kind: 'sale' | 'refund';
  original_id: string | null;
  receipt_no: string | null;
  amount_fen: number;
  redeemed_points: number;
  redeemed_fen: number;
  paid_fen: number;
  category: string | null;
  note: string | null;
  rules_id: string | null;
  occurred_at: string;
  created_at: string;
  created_by: string | null;
  /** the member's tier when they bought (a refund: the sale's); null on sales recorded before version 9 */
  tier_id: string | null;
}

export interface PurchaseView extends PurchaseRow {
  created_by_name: string | null;
  points: number;
  refunded_fen: number;
}

const VIEW = `SELECT p.*, s.name AS created_by_name,
    COALESCE((SELECT SUM(l.points) FROM points_ledger l
               WHERE l.purchase_id = p.id AND (l.kind = 'earn' OR json_extract(l.detail_json, '$.of') = 'earn')), 0) AS points,
    CASE WHEN p.kind = 'sale'
         THEN COALESCE((SELECT SUM(r.amount_fen) FROM purchases r WHERE r.original_id = p.id), 0) ELSE 0 END AS refunded_fen
  FROM purchases p LEFT JOIN staff s ON s.id = p.created_by`;

export const purchaseQueries = perDatabase((db: DB) => {
  const insert = db.prepare(
    `INSERT INTO purchases (id, branch_id, member_id, kind, original_id, receipt_no, amount_fen, redeemed_points, redeemed_fen,
       paid_fen, category, note, rules_id, occurred_at, created_at, created_by, tier_id)
     VALUES (@id, @branch_id, @member_id, @kind, @original_id, @receipt_no, @amount_fen, @redeemed_points, @redeemed_fen,
       @paid_fen, @category, @note, @rules_id, @occurred_at, @created_at, @created_by, @tier_id)`,
  );
  const byId = db.prepare<[string], PurchaseRow>('SELECT * FROM purchases WHERE id = ?');
  const view = db.prepare<[string], PurchaseView>(`${VIEW} WHERE p.id = ?`);
  const byReceipt = db.prepare<[string, string], PurchaseRow>(
    "SELECT * FROM purchases WHERE branch_id = ? AND receipt_no = ? AND kind = 'sale'",
  );
  const forMember = db.prepare<[string, number], PurchaseView>(`${VIEW} WHERE p.member_id = ? ORDER BY p.occurred_at DESC, p.id DESC LIMIT ?`);
  const totals = db.prepare<[string], { sales: number; sales_fen: number; refunds_fen: number }>(
    `SELECT COALESCE(SUM(kind = 'sale'), 0) AS sales,
            COALESCE(SUM(CASE WHEN kind = 'sale' THEN amount_fen END), 0) AS sales_fen,
            COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount_fen END), 0) AS refunds_fen
       FROM purchases WHERE member_id = ?`,
  );
  /** How much of a sale its refunds have covered so far (the shares follow from it). */
  const refundedOf = db.prepare<[string], { amount: number }>(
    'SELECT COALESCE(SUM(amount_fen), 0) AS amount FROM purchases WHERE original_id = ?',
  );
  /** Spend in a window: each sale in it, less whatever of it was refunded (whenever). */
  // Both halves are read from the member index (kind and paid amount are in it); only the rare
  // refund rows are visited, and a refund always comes after its sale, so it is in the range too.
  const spendSince = db.prepare<{ member: string; from: string }, { spend: number }>(
    `SELECT (SELECT COALESCE(SUM(paid_fen), 0) FROM purchases WHERE member_id = @member AND occurred_at >= @from AND kind = 'sale')
          - (SELECT COALESCE(SUM(r.paid_fen), 0) FROM purchases r JOIN purchases s ON s.id = r.original_id
              WHERE r.member_id = @member AND r.occurred_at >= @from AND r.kind = 'refund' AND s.occurred_at >= @from) AS spend`,
  );
  return {
    insert: (row: PurchaseRow) => insert.run(row),
    byId: (id: string) => byId.get(id) ?? null,
    view: (id: string) => view.get(id)!,
    byReceipt: (branchId: string, receiptNo: string) => byReceipt.get(branchId, receiptNo) ?? null,
    forMember: (memberId: string, limit: number) => forMember.all(memberId, limit),
    totals: (memberId: string) => totals.get(memberId)!,
    refundedOf: (saleId: string) => refundedOf.get(saleId)!,
    spendSince: (memberId: string, from: string) => spendSince.get({ member: memberId, from })!.spend,
  };
});
