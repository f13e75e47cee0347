import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface PurchaseRow {
  id: string;
  branch_id: string;
  member_id: string;
  kind: 'sale' | 'refund' | 'void';
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
  /** the member's tier when they bought (a refund, a void: the sale's); null on sales recorded before version 9 */
  tier_id: string | null;
}

export interface PurchaseView extends PurchaseRow {
  created_by_name: string | null;
  points: number;
  refunded_fen: number;
  refunded_paid_fen: number;
  voided: 0 | 1;
}

/**
 * A sale that no void names: the one test of "this sale counts" wherever a query reads sales
 * row by row (the counts kept in the report summaries subtract voids instead). `sale` is the
 * alias of the sale's row; the lookup is one probe of purchases_original.
 */
export const notVoided = (sale: string) => `NOT EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = ${sale}.id AND v.kind = 'void')`;

const VIEW = `SELECT p.*, s.name AS created_by_name,
    COALESCE((SELECT SUM(l.points) FROM points_ledger l
               WHERE l.purchase_id = p.id AND (l.kind = 'earn' OR json_extract(l.detail_json, '$.of') = 'earn')), 0) AS points,
    CASE WHEN p.kind = 'sale'
         THEN COALESCE((SELECT SUM(r.amount_fen) FROM purchases r WHERE r.original_id = p.id AND r.kind = 'refund'), 0) ELSE 0 END AS refunded_fen,
    CASE WHEN p.kind = 'sale'
         THEN COALESCE((SELECT SUM(r.paid_fen) FROM purchases r WHERE r.original_id = p.id AND r.kind = 'refund'), 0) ELSE 0 END AS refunded_paid_fen,
    (p.kind = 'sale' AND NOT ${notVoided('p')}) AS voided
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
  const forMember = db.prepare<[string, number], PurchaseView>(
    `${VIEW} WHERE p.member_id = ? ORDER BY p.occurred_at DESC, p.id DESC LIMIT ?`,
  );
  /** As the dashboard counts them: sales less voids (money paid, after points), and refunds' cash paid back. */
  const totals = db.prepare<[string], { sales: number; sales_fen: number; refunds_fen: number }>(
    `SELECT COALESCE(SUM(CASE kind WHEN 'sale' THEN 1 WHEN 'void' THEN -1 END), 0) AS sales,
            COALESCE(SUM(CASE kind WHEN 'sale' THEN paid_fen WHEN 'void' THEN -paid_fen END), 0) AS sales_fen,
            COALESCE(SUM(CASE WHEN kind = 'refund' THEN paid_fen END), 0) AS refunds_fen
       FROM purchases WHERE member_id = ?`,
  );
  /** How much of a sale its refunds have covered so far (the shares follow from it). */
  const refundedOf = db.prepare<[string], { amount: number }>(
    "SELECT COALESCE(SUM(amount_fen), 0) AS amount FROM purchases WHERE original_id = ? AND kind = 'refund'",
  );
  const voidOf = db.prepare<[string], PurchaseRow>("SELECT * FROM purchases WHERE original_id = ? AND kind = 'void'");
  /** The member's latest sale of this bill after `since`, not voided: the same sale typed twice? */
  const sameSaleSince = db.prepare<{ member: string; amount: number; since: string }, PurchaseView>(
    `${VIEW} WHERE p.member_id = @member AND p.occurred_at > @since AND p.kind = 'sale' AND p.amount_fen = @amount AND ${notVoided('p')}
      ORDER BY p.occurred_at DESC, p.id DESC LIMIT 1`,
  );
  /** Spend in a window: each sale in it, less whatever of it was refunded or voided (whenever). */
  // Both halves are read from the member index (kind and paid amount are in it); only the rare
  // refund rows are visited, and a refund always comes after its sale, so it is in the range too.
  const spendSince = db.prepare<{ member: string; from: string }, { spend: number }>(
    `SELECT (SELECT COALESCE(SUM(paid_fen), 0) FROM purchases WHERE member_id = @member AND occurred_at >= @from AND kind = 'sale')
          - (SELECT COALESCE(SUM(r.paid_fen), 0) FROM purchases r JOIN purchases s ON s.id = r.original_id
              WHERE r.member_id = @member AND r.occurred_at >= @from AND r.kind IN ('refund', 'void') AND s.occurred_at >= @from) AS spend`,
  );
  return {
    insert: (row: PurchaseRow) => insert.run(row),
    byId: (id: string) => byId.get(id) ?? null,
    view: (id: string) => view.get(id)!,
    byReceipt: (branchId: string, receiptNo: string) => byReceipt.get(branchId, receiptNo) ?? null,
    forMember: (memberId: string, limit: number) => forMember.all(memberId, limit),
    totals: (memberId: string) => totals.get(memberId)!,
    refundedOf: (saleId: string) => refundedOf.get(saleId)!,
    voidOf: (saleId: string) => voidOf.get(saleId) ?? null,
    sameSaleSince: (memberId: string, amountFen: number, since: string) =>
      sameSaleSince.get({ member: memberId, amount: amountFen, since }) ?? null,
    spendSince: (memberId: string, from: string) => spendSince.get({ member: memberId, from })!.spend,
  };
});
