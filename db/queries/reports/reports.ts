import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/** An instant range [from, to) in ISO UTC; the service turns local dates into these. */
export interface Range {
  from: string;
  to: string;
}

/** What a report's member list shows of a member. */
export interface MemberCard {
  pos: number;
  id: string;
  name: string;
  card_no: string;
  phone: string;
  active: number;
  consent_marketing: number;
  tier_name: string | null;
}

export const reportQueries = perDatabase((db: DB) => {
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

  // Members by their position in the list handed in (a JSON array of ids), read by primary key in
  // list order: a 200,000-member segment is one statement. No tier row is the lowest tier, named
  // as the follow-up queue names it.
  const memberCards = db.prepare<[string], MemberCard>(
    `SELECT CAST(j.key AS INTEGER) AS pos, m.id, m.name, m.card_no, m.phone, m.status = 'active' AS active, m.consent_marketing,
            COALESCE(t.name, (SELECT name FROM tiers WHERE retired_at IS NULL AND branch_id IS NULL ORDER BY rank LIMIT 1)) AS tier_name
       FROM json_each(?) j CROSS JOIN members m ON m.id = j.value LEFT JOIN tiers t ON t.id = m.tier_id
      ORDER BY j.key`,
  );

  return {
    followups: (r: Range, fromDate: string, lastDueDate: string) => followups.get({ ...r, fromDate, lastDueDate })!,
    scores: (r: Range) => scores.get(r)!,
    complaints: (r: Range) => complaints.get(r)!,
    resolveTimes: (r: Range) => resolveTimes.all(r),
    memberCards: (ids: string[]) => memberCards.all(JSON.stringify(ids)),
  };
});
