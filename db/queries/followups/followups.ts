import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import { notVoided } from '../loyalty/purchases';

export interface FollowupRow {
  id: string;
  branch_id: string;
  member_id: string;
  kind: 'post_purchase' | 'birthday' | 'reactivation' | 'complaint' | 'manual';
  channel: 'phone' | 'wechat' | 'sms' | 'in_store';
  due_date: string;
  assignee_id: string | null;
  status: 'planned' | 'done' | 'missed' | 'cancelled';
  source_key: string | null;
  purchase_id: string | null;
  feedback_id: string | null;
  detail_json: string | null;
  note: string | null;
  outcome: string | null;
  satisfaction: number | null;
  nps: number | null;
  attempts: number;
  completed_at: string | null;
  completed_by: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** A task as the queue shows it: with the member, their tier, the assignee and the last sale. */
export interface FollowupView extends FollowupRow {
  member_name: string;
  card_no: string;
  phone: string;
  tier_name: string | null;
  assignee_name: string | null;
  completed_by_name: string | null;
  last_sale_at: string | null;
  last_sale_fen: number | null;
}

export type NewFollowup = Pick<
  FollowupRow,
  | 'id'
  | 'branch_id'
  | 'member_id'
  | 'kind'
  | 'channel'
  | 'due_date'
  | 'assignee_id'
  | 'source_key'
  | 'purchase_id'
  | 'feedback_id'
  | 'detail_json'
  | 'note'
  | 'created_at'
  | 'created_by'
>;

const VIEW = `
  SELECT f.*, m.name AS member_name, m.card_no, m.phone,
         COALESCE(t.name, (SELECT name FROM tiers WHERE retired_at IS NULL AND branch_id IS NULL ORDER BY rank LIMIT 1)) AS tier_name,
         a.name AS assignee_name, c.name AS completed_by_name, ls.occurred_at AS last_sale_at, ls.amount_fen AS last_sale_fen
    FROM followups f
    JOIN members m ON m.id = f.member_id
    LEFT JOIN tiers t ON t.id = m.tier_id
    LEFT JOIN staff a ON a.id = f.assignee_id
    LEFT JOIN staff c ON c.id = f.completed_by
    LEFT JOIN purchases ls ON ls.id = (SELECT p.id FROM purchases p WHERE p.member_id = f.member_id AND p.kind = 'sale' AND ${notVoided('p')} ORDER BY p.occurred_at DESC LIMIT 1)`;

/** Queue filters: `@anyone` = 1 ignores the assignee; otherwise `@assignee` (NULL = nobody yet). */
const FILTER = `(@anyone = 1 OR f.assignee_id IS @assignee) AND (@kind IS NULL OR f.kind = @kind)`;

export interface QueueFilter {
  anyone: 0 | 1;
  assignee: string | null;
  kind: string | null;
}

export const INSERT_FOLLOWUP_SQL = `
  INSERT INTO followups (id, branch_id, member_id, kind, channel, due_date, assignee_id, status, source_key, purchase_id,
                         feedback_id, detail_json, note, created_at, created_by, updated_at)
  VALUES (@id, @branch_id, @member_id, @kind, @channel, @due_date, @assignee_id, 'planned', @source_key, @purchase_id,
          @feedback_id, @detail_json, @note, @created_at, @created_by, @created_at)
  ON CONFLICT (source_key) WHERE source_key IS NOT NULL DO NOTHING`;

export const followupQueries = perDatabase((db: DB) => {
  const insert = db.prepare<[NewFollowup]>(INSERT_FOLLOWUP_SQL);
  const byId = db.prepare<[string], FollowupView>(`${VIEW} WHERE f.id = ?`);
  const ofMember = db.prepare<[string, number], FollowupView>(`${VIEW} WHERE f.member_id = ? ORDER BY f.due_date DESC, f.id DESC LIMIT ?`);
  const section = (where: string, order: string) => ({
    items: db.prepare<[QueueFilter & { from: string; to: string; status: string; limit: number }], FollowupView>(
      `${VIEW} WHERE f.status = @status AND ${where} AND ${FILTER} ORDER BY ${order} LIMIT @limit`,
    ),
    total: db.prepare<[QueueFilter & { from: string; to: string; status: string }], { n: number }>(
      `SELECT COUNT(*) AS n FROM followups f WHERE f.status = @status AND ${where} AND ${FILTER}`,
    ),
  });
  // Both bounds inclusive: overdue is [-, yesterday], today [today, today], upcoming [tomorrow, +7].
  const byDue = section('f.due_date >= @from AND f.due_date <= @to', 'f.due_date, f.created_at, f.id');
  const doneSince = db.prepare<[QueueFilter & { since: string }], { n: number }>(
    // Without statistics the planner would walk every done task ever through followups_queue.
    `SELECT COUNT(*) AS n FROM followups f INDEXED BY followups_completed
      WHERE f.completed_at >= @since AND f.completed_at IS NOT NULL AND f.status = 'done' AND ${FILTER}`,
  );
  const openOfKind = db.prepare<[string, string], FollowupRow>(
    `SELECT * FROM followups WHERE member_id = ? AND kind = ? AND status IN ('planned', 'missed')`,
  );
  const update = db.prepare(
    `UPDATE followups SET status = @status, due_date = @due_date, assignee_id = @assignee_id, note = @note, outcome = @outcome,
       satisfaction = @satisfaction, nps = @nps, attempts = @attempts, completed_at = @completed_at, completed_by = @completed_by,
       updated_at = @updated_at WHERE id = @id`,
  );
  return {
    /** Inserts unless a task with the same source key exists; answers whether it did. */
    insert: (row: NewFollowup): boolean => insert.run(row).changes > 0,
    byId: (id: string) => byId.get(id) ?? null,
    ofMember: (memberId: string, limit: number) => ofMember.all(memberId, limit),
    section: (status: string, from: string, to: string, filter: QueueFilter, limit: number) => ({
      items: byDue.items.all({ ...filter, status, from, to, limit }),
      total: byDue.total.get({ ...filter, status, from, to })!.n,
    }),
    doneSince: (since: string, filter: QueueFilter) => doneSince.get({ ...filter, since })!.n,
    /** A member's tasks of a kind still to be worked (planned or missed). */
    openOfKind: (memberId: string, kind: FollowupRow['kind']) => openOfKind.all(memberId, kind),
    update: (row: FollowupRow) => update.run(row),
  };
});
