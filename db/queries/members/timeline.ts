import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface TimelineRow {
  id: string;
  at: string;
  type: 'sale' | 'refund' | 'void' | 'points' | 'followup' | 'feedback';
  amount_fen: number | null;
  points: number | null;
  kind: string | null;
  status: string | null;
  text: string | null;
  by_name: string | null;
}

export const timelineQueries = perDatabase((db: DB) => {
  // Points tied to a purchase show on the purchase's line, not twice: what a sale earned, what a
  // refund or void took back (points that paid part of the bill are part of the bill). A refund's
  // amount is the money paid back, the figure the dashboard calls refunds; a void is shown when
  // it was made (its row keeps the sale's time, for the reports), and its sale says it was voided.
  const ofMember = db.prepare<{ member: string; limit: number }, TimelineRow>(`
    SELECT * FROM (
      SELECT p.id, CASE WHEN p.kind = 'void' THEN p.created_at ELSE p.occurred_at END AS at, p.kind AS type,
             CASE WHEN p.kind = 'refund' THEN p.paid_fen ELSE p.amount_fen END AS amount_fen, (SELECT SUM(l.points) FROM points_ledger l WHERE l.purchase_id = p.id AND (l.kind = 'earn' OR (l.kind = 'reverse' AND l.points < 0))) AS points,
             p.category AS kind, CASE WHEN p.kind = 'sale' AND EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = p.id AND v.kind = 'void') THEN 'voided' END AS status, CASE WHEN p.kind = 'void' THEN p.note ELSE COALESCE(p.receipt_no, p.note) END AS text, s.name AS by_name
        FROM purchases p LEFT JOIN staff s ON s.id = p.created_by WHERE p.member_id = @member
      UNION ALL
      SELECT l.id, l.created_at, 'points', NULL, l.points, l.kind, NULL, l.reason, s.name
        FROM points_ledger l LEFT JOIN staff s ON s.id = l.created_by WHERE l.member_id = @member AND l.purchase_id IS NULL
      UNION ALL
      SELECT f.id, COALESCE(f.completed_at, f.created_at), 'followup', NULL, NULL, f.kind, f.status, COALESCE(f.outcome, f.note),
             COALESCE(c.name, s.name)
        FROM followups f LEFT JOIN staff s ON s.id = f.created_by LEFT JOIN staff c ON c.id = f.completed_by WHERE f.member_id = @member
      UNION ALL
      SELECT f.id, f.created_at, 'feedback', NULL, NULL, f.kind, f.status, f.description, s.name
        FROM feedback f LEFT JOIN staff s ON s.id = f.created_by WHERE f.member_id = @member
    ) ORDER BY at DESC, id DESC LIMIT @limit`);
  return { ofMember: (member: string, limit: number) => ofMember.all({ member, limit }) };
});
