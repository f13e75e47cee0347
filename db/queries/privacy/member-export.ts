import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import type { PurchaseRow } from '../loyalty/purchases';

// Every record about one member, for their data export (services/privacy/member-export.ts).

/** A sale, refund or void as the member's file shows it: the row's own fields and who recorded it. */
export type ExportPurchaseRow = Pick<
  PurchaseRow,
  | 'id'
  | 'kind'
  | 'original_id'
  | 'receipt_no'
  | 'amount_fen'
  | 'redeemed_points'
  | 'redeemed_fen'
  | 'paid_fen'
  | 'category'
  | 'note'
  | 'occurred_at'
> & { by_name: string | null };

export interface ExportLedgerRow {
  id: string;
  kind: string;
  points: number;
  shortfall: number;
  purchase_id: string | null;
  reason: string | null;
  created_at: string;
  by_name: string | null;
}

export interface ExportLotRow {
  id: string;
  points: number;
  remaining: number;
  earned_at: string;
  available_at: string;
  expires_at: string | null;
  expired_points: number;
}

export interface ExportFollowupRow {
  id: string;
  kind: string;
  channel: string;
  due_date: string;
  status: string;
  note: string | null;
  outcome: string | null;
  satisfaction: number | null;
  nps: number | null;
  assignee_name: string | null;
  created_at: string;
  completed_at: string | null;
}

export interface ExportFeedbackRow {
  id: string;
  kind: string;
  category: string;
  severity: string;
  channel: string;
  description: string;
  status: string;
  resolution: string | null;
  created_at: string;
  resolved_at: string | null;
  closed_at: string | null;
}

export interface ExportMergeRow {
  id: string;
  card_no: string;
  name: string;
  merged_at: string | null;
}

export interface ExportAuditRow {
  id: string;
  at: string;
  staff_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export const memberExportQueries = perDatabase((db: DB) => {
  const purchases = db.prepare<[string], ExportPurchaseRow>(
    `SELECT p.id, p.kind, p.original_id, p.receipt_no, p.amount_fen, p.redeemed_points, p.redeemed_fen, p.paid_fen,
            p.category, p.note, p.occurred_at, s.name AS by_name
       FROM purchases p LEFT JOIN staff s ON s.id = p.created_by WHERE p.member_id = ? ORDER BY p.occurred_at, p.id`,
  );
  const ledger = db.prepare<[string], ExportLedgerRow>(
    `SELECT l.id, l.kind, l.points, l.shortfall, l.purchase_id, l.reason, l.created_at, s.name AS by_name
       FROM points_ledger l LEFT JOIN staff s ON s.id = l.created_by WHERE l.member_id = ? ORDER BY l.created_at, l.id`,
  );
  const lots = db.prepare<[string], ExportLotRow>(
    `SELECT id, points, remaining, earned_at, available_at, expires_at, expired_points
       FROM points_lots WHERE member_id = ? ORDER BY earned_at, id`,
  );
  const followups = db.prepare<[string], ExportFollowupRow>(
    `SELECT f.id, f.kind, f.channel, f.due_date, f.status, f.note, f.outcome, f.satisfaction, f.nps,
            a.name AS assignee_name, f.created_at, f.completed_at
       FROM followups f LEFT JOIN staff a ON a.id = f.assignee_id WHERE f.member_id = ? ORDER BY f.due_date, f.id`,
  );
  const feedback = db.prepare<[string], ExportFeedbackRow>(
    `SELECT id, kind, category, severity, channel, description, status, resolution, created_at, resolved_at, closed_at
       FROM feedback WHERE member_id = ? ORDER BY created_at, id`,
  );
  const absorbed = db.prepare<[string], ExportMergeRow>(
    'SELECT id, card_no, name, merged_at FROM members WHERE merged_into = ? ORDER BY merged_at, id',
  );
  const tier = db.prepare<[string], { name: string; since: string | null; review_at: string | null }>(
    `SELECT t.name, m.tier_since AS since, m.tier_review_at AS review_at
       FROM members m JOIN tiers t ON t.id = m.tier_id WHERE m.id = ?`,
  );
  // The audit log has no index on its before/after text: an export reads it whole, once, on a
  // member's request. Rows about the member's follow-ups, sales and feedback name the member there.
  const audit = db.prepare<{ member: string }, ExportAuditRow>(
    `SELECT a.id, a.at, s.name AS staff_name, a.action, a.entity, a.entity_id, a.before_json, a.after_json
       FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id
      WHERE (a.entity = 'member' AND a.entity_id = @member)
         OR instr(COALESCE(a.before_json, ''), @member) > 0 OR instr(COALESCE(a.after_json, ''), @member) > 0
      ORDER BY a.at, a.id`,
  );
  return {
    purchases: (memberId: string) => purchases.all(memberId),
    ledger: (memberId: string) => ledger.all(memberId),
    lots: (memberId: string) => lots.all(memberId),
    followups: (memberId: string) => followups.all(memberId),
    feedback: (memberId: string) => feedback.all(memberId),
    /** registrations merged into this member */
    absorbed: (memberId: string) => absorbed.all(memberId),
    tier: (memberId: string) => tier.get(memberId) ?? null,
    audit: (memberId: string) => audit.all({ member: memberId }),
  };
});
