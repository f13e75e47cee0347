import type { SaleLine } from '../../../shared/contract/report-trends';
import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

interface SalesFilter {
  from: string;
  to: string;
  dim: 'category' | 'staff' | 'tier' | null;
  key: string | null;
  upTo: string | null;
  limit: number;
  offset: number;
}

// A bar's sales: the time range from the occurred_at index, the filter on the row. The key ''
// means "none recorded" (no category, no staff, a sale from before sales kept the tier). A voided
// sale and its void are left out, as the bar's figures leave them out: as if it never happened
// (a void written after `upTo` too is left for the next read, so no page shifts under an export).
const WHERE = `p.occurred_at >= @from AND p.occurred_at < @to AND (@upTo IS NULL OR p.created_at <= @upTo)
  AND p.kind <> 'void'
  AND (p.kind <> 'sale' OR NOT EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = p.id AND v.kind = 'void' AND (@upTo IS NULL OR v.created_at <= @upTo)))
  AND (@dim IS NULL
    OR (@dim = 'category' AND COALESCE(p.category, '') = @key)
    OR (@dim = 'staff' AND COALESCE(p.created_by, '') = @key)
    OR (@dim = 'tier' AND COALESCE(p.tier_id, '') = @key))`;

export const trendQueries = perDatabase((db: DB) => {
  const count = db.prepare<Omit<SalesFilter, 'limit' | 'offset'>, { n: number }>(`SELECT COUNT(*) AS n FROM purchases p WHERE ${WHERE}`);
  const page = db.prepare<SalesFilter, SaleLine>(
    `SELECT p.id, p.occurred_at AS occurredAt, p.kind, p.member_id AS memberId, m.name AS memberName, m.card_no AS cardNo,
            p.amount_fen AS amountFen, p.paid_fen AS paidFen, p.category, s.name AS staffName, t.name AS tierName, p.receipt_no AS receiptNo
       FROM purchases p JOIN members m ON m.id = p.member_id LEFT JOIN staff s ON s.id = p.created_by LEFT JOIN tiers t ON t.id = p.tier_id
      WHERE ${WHERE} ORDER BY p.occurred_at DESC, p.id DESC LIMIT @limit OFFSET @offset`,
  );
  const staffNames = db.prepare<[string], { id: string; name: string }>(
    'SELECT id, name FROM staff WHERE id IN (SELECT value FROM json_each(?))',
  );
  const tierNames = db.prepare<[string], { id: string; name: string }>(
    'SELECT id, name FROM tiers WHERE id IN (SELECT value FROM json_each(?))',
  );
  return {
    sales: (f: SalesFilter) => {
      const where = { from: f.from, to: f.to, dim: f.dim, key: f.key, upTo: f.upTo };
      return { total: count.get(where)!.n, items: page.all(f) };
    },
    labels: (dim: 'staff' | 'tier', ids: string[]) =>
      new Map((dim === 'staff' ? staffNames : tierNames).all(JSON.stringify(ids)).map((r) => [r.id, r.name])),
  };
});
