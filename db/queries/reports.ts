import type { DB } from '../connection';
import { perDatabase } from './prepared';

/** An instant range [from, to) in ISO UTC; the service turns local dates into these. */
export interface Range {
  from: string;
  to: string;
}

export interface SalesFigures {
  orders: number;
  sales_fen: number;
  refunds_fen: number;
  active: number;
  repeat: number;
}

export interface PointsFigures {
  issued: number;
  redeemed: number;
  expired: number;
  reversed: number;
  after: number;
}

export interface RfmRow {
  member_id: string;
  last_at: string;
  orders: number;
  paid_fen: number;
}

export interface LifecycleRow {
  member_id: string;
  first_at: string;
  last_at: string;
  c1: number;
  c0: number;
  p_last: string | null;
  p_c1: number;
  p_c0: number;
}

export const reportQueries = perDatabase((db: DB) => {
  // Sales of the range: all from the (occurred_at, kind, member_id, paid_fen) index.
  const sales = db.prepare<Range, SalesFigures>(
    `SELECT COALESCE(SUM(orders), 0) AS orders, COALESCE(SUM(sales_fen), 0) AS sales_fen, COUNT(*) AS active, COALESCE(SUM(orders >= 2), 0) AS repeat,
            (SELECT COALESCE(SUM(paid_fen), 0) FROM purchases WHERE occurred_at >= @from AND occurred_at < @to AND kind = 'refund') AS refunds_fen
       FROM (SELECT member_id, COUNT(*) AS orders, SUM(paid_fen) AS sales_fen FROM purchases
              WHERE occurred_at >= @from AND occurred_at < @to AND kind = 'sale' GROUP BY member_id)`,
  );
  /** Members with a sale in both ranges. */
  const retained = db.prepare<{ pfrom: string; pto: string; from: string; to: string }, { n: number }>(
    `SELECT COUNT(*) AS n FROM (SELECT DISTINCT member_id FROM purchases WHERE occurred_at >= @pfrom AND occurred_at < @pto AND kind = 'sale') p
      WHERE EXISTS (SELECT 1 FROM purchases s WHERE s.member_id = p.member_id AND s.occurred_at >= @from AND s.occurred_at < @to AND s.kind = 'sale')`,
  );
  const newMembers = db.prepare<Range, { n: number }>('SELECT COUNT(*) AS n FROM members WHERE created_at >= @from AND created_at < @to');
  const points = db.prepare<Range, PointsFigures>(
    `SELECT COALESCE(SUM(CASE WHEN created_at < @to AND points > 0 THEN points END), 0) AS issued,
            COALESCE(-SUM(CASE WHEN created_at < @to AND kind = 'redeem' THEN points END), 0) AS redeemed,
            COALESCE(-SUM(CASE WHEN created_at < @to AND kind = 'expire' THEN points END), 0) AS expired,
            COALESCE(-SUM(CASE WHEN created_at < @to AND kind = 'reverse' AND points < 0 THEN points END), 0) AS reversed,
            COALESCE(SUM(CASE WHEN created_at >= @to THEN points END), 0) AS after
       FROM points_ledger WHERE created_at >= @from`,
  );
  const balances = db.prepare<[], { n: number }>('SELECT COALESCE(SUM(points_balance), 0) AS n FROM members');
  const followups = db.prepare<{ from: string; to: string; fromDate: string; lastDueDate: string }, { done: number; overdue: number }>(
    `SELECT (SELECT COUNT(*) FROM followups WHERE completed_at >= @from AND completed_at < @to AND status = 'done') AS done,
            (SELECT COUNT(*) FROM followups WHERE status IN ('planned', 'missed') AND due_date >= @fromDate AND due_date <= @lastDueDate) AS overdue`,
  );
  const scores = db.prepare<Range, { csat_n: number; csat_good: number; nps_n: number; promoters: number; detractors: number }>(
    `SELECT COUNT(satisfaction) AS csat_n, COALESCE(SUM(satisfaction >= 4), 0) AS csat_good,
            COUNT(nps) AS nps_n, COALESCE(SUM(nps >= 9), 0) AS promoters, COALESCE(SUM(nps <= 6), 0) AS detractors
       FROM followups WHERE completed_at >= @from AND completed_at < @to AND status = 'done'`,
  );
  const complaints = db.prepare<Range, { opened: number; resolved: number; open_at_end: number }>(
    `SELECT (SELECT COUNT(*) FROM feedback WHERE kind = 'complaint' AND created_at >= @from AND created_at < @to) AS opened,
            (SELECT COUNT(*) FROM feedback WHERE kind = 'complaint' AND resolved_at >= @from AND resolved_at < @to) AS resolved,
            (SELECT COUNT(*) FROM feedback WHERE kind = 'complaint' AND created_at < @to AND (resolved_at IS NULL OR resolved_at >= @to)) AS open_at_end`,
  );
  const resolveTimes = db.prepare<Range, { created_at: string; resolved_at: string }>(
    "SELECT created_at, resolved_at FROM feedback WHERE kind = 'complaint' AND resolved_at >= @from AND resolved_at < @to",
  );

  // Per member, over the window: last sale, sales and what was paid, less refunds of those sales.
  const rfm = db.prepare<Range, RfmRow>(
    `SELECT member_id, MAX(occurred_at) AS last_at, COUNT(*) AS orders, SUM(paid_fen) AS paid_fen FROM purchases
      WHERE occurred_at >= @from AND occurred_at < @to AND kind = 'sale' GROUP BY member_id`,
  );
  const rfmRefunds = db.prepare<Range, { member_id: string; refunded: number }>(
    `SELECT s.member_id, SUM(r.paid_fen) AS refunded FROM purchases r JOIN purchases s ON s.id = r.original_id
      WHERE r.kind = 'refund' AND r.occurred_at >= @from AND r.occurred_at < @to AND s.occurred_at >= @from AND s.occurred_at < @to
      GROUP BY s.member_id`,
  );
  const lifecycle = db.prepare<{ end: string; d180: string; d360: string; pend: string; p180: string; p360: string }, LifecycleRow>(
    `SELECT member_id, MIN(occurred_at) AS first_at, MAX(occurred_at) AS last_at,
            SUM(occurred_at >= @d180) AS c1, SUM(occurred_at >= @d360 AND occurred_at < @d180) AS c0,
            MAX(CASE WHEN occurred_at < @pend THEN occurred_at END) AS p_last,
            SUM(occurred_at >= @p180 AND occurred_at < @pend) AS p_c1, SUM(occurred_at >= @p360 AND occurred_at < @p180) AS p_c0
       FROM purchases WHERE occurred_at < @end AND kind = 'sale' GROUP BY member_id`,
  );
  /** Members registered before an instant. */
  const memberCount = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM members WHERE created_at < ?');
  const memberCreated = db.prepare<[], { id: string; created_at: string }>('SELECT id, created_at FROM members');
  const dataStamp = db.prepare<[], { n: number | null; m: number | null }>('SELECT (SELECT MAX(rowid) FROM purchases) AS n, (SELECT MAX(rowid) FROM members) AS m');
  const memberCards = db.prepare<[string], { id: string; name: string; card_no: string; phone: string; consent_marketing: number; tier_name: string | null }>(
    // No tier row is the lowest tier, named as the follow-up queue names it.
    `SELECT m.id, m.name, m.card_no, m.phone, m.consent_marketing,
            COALESCE(t.name, (SELECT name FROM tiers WHERE retired_at IS NULL ORDER BY rank LIMIT 1)) AS tier_name
       FROM members m LEFT JOIN tiers t ON t.id = m.tier_id WHERE m.id IN (SELECT value FROM json_each(?))`,
  );

  return {
    sales: (r: Range) => sales.get(r)!,
    retained: (prev: Range, cur: Range) => retained.get({ pfrom: prev.from, pto: prev.to, from: cur.from, to: cur.to })!.n,
    newMembers: (r: Range) => newMembers.get(r)!.n,
    points: (r: Range) => points.get(r)!,
    outstandingNow: () => balances.get()!.n,
    followups: (r: Range, fromDate: string, lastDueDate: string) => followups.get({ ...r, fromDate, lastDueDate })!,
    scores: (r: Range) => scores.get(r)!,
    complaints: (r: Range) => complaints.get(r)!,
    resolveTimes: (r: Range) => resolveTimes.all(r),
    rfm: (r: Range) => rfm.all(r),
    rfmRefunds: (r: Range) => rfmRefunds.all(r),
    lifecycle: (p: { end: string; d180: string; d360: string; pend: string; p180: string; p360: string }) => lifecycle.all(p),
    memberCreated: () => memberCreated.all(),
    memberCount: (before: string) => memberCount.get(before)!.n,
    dataStamp: () => {
      const s = dataStamp.get()!;
      return `${s.n ?? 0}:${s.m ?? 0}`;
    },
    memberCards: (ids: string[]) => memberCards.all(JSON.stringify(ids)),
  };
});
