import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface FeedbackRow {
  id: string;
  branch_id: string;
  member_id: string | null;
  contact: string | null;
  kind: 'complaint' | 'suggestion' | 'praise';
  category: 'product' | 'service' | 'environment' | 'price' | 'staff' | 'other';
  severity: 'low' | 'medium' | 'high';
  channel: 'in_store' | 'phone' | 'wechat' | 'sms' | 'online';
  description: string;
  status: 'open' | 'in_progress' | 'resolved' | 'closed';
  resolution: string | null;
  created_at: string;
  created_by: string | null;
  started_at: string | null;
  started_by: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  closed_at: string | null;
  closed_by: string | null;
  updated_at: string;
}

export interface FeedbackView extends FeedbackRow {
  member_name: string | null;
  created_by_name: string | null;
  started_by_name: string | null;
  resolved_by_name: string | null;
  closed_by_name: string | null;
}

const VIEW = `
  SELECT f.*, m.name AS member_name, s0.name AS created_by_name, s1.name AS started_by_name,
         s2.name AS resolved_by_name, s3.name AS closed_by_name
    FROM feedback f
    LEFT JOIN members m ON m.id = f.member_id
    LEFT JOIN staff s0 ON s0.id = f.created_by
    LEFT JOIN staff s1 ON s1.id = f.started_by
    LEFT JOIN staff s2 ON s2.id = f.resolved_by
    LEFT JOIN staff s3 ON s3.id = f.closed_by`;

export interface FeedbackFilter {
  status: string | null;
  unfinished: 0 | 1;
  kind: string | null;
  category: string | null;
  severity: string | null;
  member: string | null;
}

// The status tabs count under every filter but the status itself.
const OTHER_FILTERS = `(@kind IS NULL OR f.kind = @kind) AND (@category IS NULL OR f.category = @category)
  AND (@severity IS NULL OR f.severity = @severity) AND (@member IS NULL OR f.member_id = @member)`;
const FILTER = `(@status IS NULL OR f.status = @status) AND (@unfinished = 0 OR f.status <> 'closed') AND ${OTHER_FILTERS}`;

export const feedbackQueries = perDatabase((db: DB) => {
  const insert = db.prepare(
    `INSERT INTO feedback (id, branch_id, member_id, contact, kind, category, severity, channel, description, status,
                           created_at, created_by, updated_at)
     VALUES (@id, @branch_id, @member_id, @contact, @kind, @category, @severity, @channel, @description, 'open',
             @created_at, @created_by, @created_at)`,
  );
  const byId = db.prepare<[string], FeedbackView>(`${VIEW} WHERE f.id = ?`);
  const list = db.prepare<[FeedbackFilter & { limit: number }], FeedbackView>(
    `${VIEW} WHERE ${FILTER} ORDER BY f.created_at DESC, f.id DESC LIMIT @limit`,
  );
  const counts = db.prepare<[Omit<FeedbackFilter, 'status' | 'unfinished'>], { status: FeedbackRow['status']; n: number }>(
    `SELECT f.status, COUNT(*) AS n FROM feedback f WHERE ${OTHER_FILTERS} GROUP BY f.status`,
  );
  const update = db.prepare(
    `UPDATE feedback SET status = @status, resolution = @resolution, started_at = @started_at, started_by = @started_by,
       resolved_at = @resolved_at, resolved_by = @resolved_by, closed_at = @closed_at, closed_by = @closed_by,
       updated_at = @updated_at WHERE id = @id`,
  );
  return {
    insert: (
      row: Pick<
        FeedbackRow,
        | 'id'
        | 'branch_id'
        | 'member_id'
        | 'contact'
        | 'kind'
        | 'category'
        | 'severity'
        | 'channel'
        | 'description'
        | 'created_at'
        | 'created_by'
      >,
    ) => insert.run(row),
    byId: (id: string) => byId.get(id) ?? null,
    list: (filter: FeedbackFilter, limit: number) => list.all({ ...filter, limit }),
    /** Counts per status under the other filters (the status tabs show them). */
    counts: ({ kind, category, severity, member }: FeedbackFilter) => counts.all({ kind, category, severity, member }),
    update: (row: FeedbackRow) => update.run(row),
  };
});
