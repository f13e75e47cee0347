import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import type { Range } from '../reports/reports';

// HQ's reports (services/hq/reports.ts): every figure grouped by branch in one pass, so fifty
// branches cost what one does.

/**
 * HQ's indexes lead with the branch (db/hq-layout.ts): a period's rows are read one branch at a
 * time, each a range of its own part of the index.
 */
const EACH_BRANCH = 'branch_id IN (SELECT id FROM branches)';

/**
 * Sales less voids: a void has its sale's branch, member and time, so in any period the two are
 * counted together and cancel, as if the sale never happened (docs/reports.md), without looking
 * up which sale a void names (HQ keeps no index of that).
 */
const saleCount = (kind = 'kind') => `CASE ${kind} WHEN 'sale' THEN 1 WHEN 'void' THEN -1 ELSE 0 END`;

/** Each member's sales less voids at a branch in [@from, @to), for those left with one or more. */
const ACTIVE = `SELECT branch_id, member_id, SUM(${saleCount()}) AS n FROM purchases
     WHERE ${EACH_BRANCH} AND kind IN ('sale', 'void') AND occurred_at >= @from AND occurred_at < @to GROUP BY branch_id, member_id HAVING n > 0`;

/** People (by phone) with a sale (not voided) at two or more branches in the period. */
const MULTI_BRANCH = `SELECT phone, COUNT(*) AS branches FROM (
    SELECT m.phone, p.branch_id FROM purchases p JOIN members m ON m.id = p.member_id
     WHERE p.${EACH_BRANCH} AND p.kind IN ('sale', 'void') AND p.occurred_at >= @from AND p.occurred_at < @to
     GROUP BY m.phone, p.branch_id HAVING SUM(${saleCount('p.kind')}) > 0)
   GROUP BY phone HAVING COUNT(*) > 1`;

interface OfBranch {
  branch_id: string;
}

export interface BranchSales extends OfBranch {
  orders: number;
  sales: number;
  refunds: number;
}

/** A period's follow-up figures at a branch; a SUM over rows that all test NULL (no completed_at) is null. */
export interface BranchFollowups extends OfBranch {
  done: number | null;
  overdue: number | null;
  csat_n: number;
  csat_good: number | null;
  nps_n: number;
  promoters: number | null;
  detractors: number | null;
}

export interface BranchComplaints extends OfBranch {
  opened: number;
  resolved: number | null;
  open_at_end: number;
}

export interface BranchPoints extends OfBranch {
  issued: number;
  redeemed: number;
  expired: number;
  reversed: number;
}

/** What HQ has merged from a branch: its last file and how many. */
export interface BranchFiles {
  id: string;
  code: string;
  name: string;
  last_seq: number;
  last_export_at: string;
  last_merged_at: string;
  files: number;
}

export const hqReportQueries = perDatabase((db: DB) => {
  const sales = db.prepare<Range, BranchSales>(
    `SELECT branch_id, SUM(${saleCount()}) AS orders, COALESCE(SUM(CASE kind WHEN 'sale' THEN paid_fen WHEN 'void' THEN -paid_fen END), 0) AS sales,
            COALESCE(SUM(CASE WHEN kind = 'refund' THEN paid_fen END), 0) AS refunds
       FROM purchases WHERE ${EACH_BRANCH} AND occurred_at >= @from AND occurred_at < @to GROUP BY branch_id`,
  );
  const active = db.prepare<Range, OfBranch & { active: number; repeat: number }>(
    `SELECT branch_id, COUNT(*) AS active, SUM(n >= 2) AS repeat FROM (${ACTIVE}) GROUP BY branch_id`,
  );
  const activeCount = db.prepare<Range, OfBranch & { active: number }>(
    `SELECT branch_id, COUNT(*) AS active FROM (${ACTIVE}) GROUP BY branch_id`,
  );
  const retained = db.prepare<Range & { pfrom: string; pto: string }, OfBranch & { retained: number }>(
    `SELECT a.branch_id, COUNT(*) AS retained FROM (${ACTIVE}) a
       JOIN (${ACTIVE.replace(/@from/g, '@pfrom').replace(/@to/g, '@pto')}) b ON b.branch_id = a.branch_id AND b.member_id = a.member_id
      GROUP BY a.branch_id`,
  );
  // A duplicate merged into another member is no new member of its own (docs/members.md).
  const newMembers = db.prepare<Range, OfBranch & { n: number }>(
    'SELECT branch_id, COUNT(*) AS n FROM members WHERE created_at >= @from AND created_at < @to AND merged_into IS NULL GROUP BY branch_id',
  );
  // An import's opening balances were issued by the store's old system, not in the period (docs/reports.md).
  const points = db.prepare<Range, BranchPoints>(
    `SELECT branch_id, COALESCE(SUM(CASE WHEN points > 0 AND kind <> 'merge' AND (kind <> 'adjust' OR reason IS NOT 'import') THEN points END), 0) AS issued,
            -COALESCE(SUM(CASE WHEN kind = 'redeem' THEN points END), 0) AS redeemed,
            -COALESCE(SUM(CASE WHEN kind = 'expire' THEN points END), 0) AS expired,
            -COALESCE(SUM(CASE WHEN kind = 'reverse' AND points < 0 THEN points END), 0) AS reversed
       FROM points_ledger WHERE ${EACH_BRANCH} AND created_at >= @from AND created_at < @to GROUP BY branch_id`,
  );
  // Only `reverse` entries look up their row, so the ledger's covering index still serves the rest.
  const voidedPoints = db.prepare<Range, OfBranch & { taken: number; given: number }>(
    `SELECT l.branch_id, -COALESCE(SUM(CASE WHEN l.points < 0 THEN l.points END), 0) AS taken, COALESCE(SUM(CASE WHEN l.points > 0 THEN l.points END), 0) AS given
       FROM points_ledger l JOIN purchases v ON v.id = l.purchase_id AND v.kind = 'void'
      WHERE l.${EACH_BRANCH} AND l.created_at >= @from AND l.created_at < @to AND l.kind = 'reverse' GROUP BY l.branch_id`,
  );
  const owed = db.prepare<{ to: string }, OfBranch & { n: number }>(
    `SELECT branch_id, COALESCE(SUM(points), 0) AS n FROM points_ledger WHERE ${EACH_BRANCH} AND created_at < @to GROUP BY branch_id`,
  );
  const followups = db.prepare<Range & { fromDate: string; lastDue: string }, BranchFollowups>(
    `SELECT branch_id, SUM(status = 'done' AND completed_at >= @from AND completed_at < @to) AS done,
            SUM(status IN ('planned', 'missed') AND due_date >= @fromDate AND due_date <= @lastDue) AS overdue,
            COUNT(CASE WHEN status = 'done' AND completed_at >= @from AND completed_at < @to THEN satisfaction END) AS csat_n,
            SUM(status = 'done' AND completed_at >= @from AND completed_at < @to AND satisfaction >= 4) AS csat_good,
            COUNT(CASE WHEN status = 'done' AND completed_at >= @from AND completed_at < @to THEN nps END) AS nps_n,
            SUM(status = 'done' AND completed_at >= @from AND completed_at < @to AND nps >= 9) AS promoters,
            SUM(status = 'done' AND completed_at >= @from AND completed_at < @to AND nps <= 6) AS detractors
       FROM followups GROUP BY branch_id`,
  );
  const complaints = db.prepare<Range, BranchComplaints>(
    `SELECT branch_id, SUM(created_at >= @from AND created_at < @to) AS opened, SUM(resolved_at >= @from AND resolved_at < @to) AS resolved,
            SUM(created_at < @to AND (resolved_at IS NULL OR resolved_at >= @to)) AS open_at_end
       FROM feedback WHERE kind = 'complaint' GROUP BY branch_id`,
  );
  const resolvedComplaints = db.prepare<Range, OfBranch & { created_at: string; resolved_at: string }>(
    "SELECT branch_id, created_at, resolved_at FROM feedback WHERE kind = 'complaint' AND resolved_at >= @from AND resolved_at < @to",
  );
  const takings = db.prepare<[string, string], OfBranch & { date: string; total_fen: number }>(
    'SELECT branch_id, date, total_fen FROM store_takings WHERE date >= ? AND date <= ?',
  );
  const memberNet = db
    .prepare<{ b: string; from: string; to: string }, number>(
      `SELECT COALESCE(SUM(CASE WHEN kind = 'sale' THEN paid_fen ELSE -paid_fen END), 0) FROM purchases
      WHERE occurred_at >= @from AND occurred_at < @to AND branch_id = @b`,
    )
    .pluck();
  const branchIds = db.prepare<[], string>("SELECT id FROM branches WHERE kind = 'branch'").pluck();
  const branches = db.prepare<[], { id: string; code: string; name: string }>("SELECT id, code, name FROM branches WHERE kind = 'branch'");
  const multiBranchCount = db.prepare<Range, number>(`SELECT COUNT(*) FROM (${MULTI_BRANCH})`).pluck();
  const multiBranchPage = db.prepare<Range & { limit: number; offset: number }, { phone: string; branches: number }>(
    `${MULTI_BRANCH} ORDER BY branches DESC, phone LIMIT @limit OFFSET @offset`,
  );
  const personInPeriod = db.prepare<Range & { phone: string }, { code: string; name: string; orders: number; net: number }>(
    `SELECT b.code, b.name, SUM(${saleCount('p.kind')}) AS orders,
            SUM(CASE WHEN p.kind = 'sale' THEN p.paid_fen ELSE -p.paid_fen END) AS net
       FROM members m JOIN branches b ON b.id = m.branch_id
       JOIN purchases p ON p.branch_id = m.branch_id AND p.member_id = m.id AND p.occurred_at >= @from AND p.occurred_at < @to
      WHERE m.phone = @phone GROUP BY b.id ORDER BY b.code`,
  );
  const filesByBranch = db.prepare<[], BranchFiles>(
    // The newest export is the newest by restore epoch, then number (docs/hq.md "After a restore").
    `SELECT b.id, b.code, b.name,
            (SELECT seq FROM hq_merges n WHERE n.branch_id = b.id ORDER BY epoch DESC, seq DESC LIMIT 1) AS last_seq,
            MAX(h.created_at) AS last_export_at, MAX(h.merged_at) AS last_merged_at, COUNT(*) AS files
       FROM branches b JOIN hq_merges h ON h.branch_id = b.id GROUP BY b.id ORDER BY b.code`,
  );
  const mergeCount = db.prepare<[], number>('SELECT COUNT(*) FROM hq_merges').pluck();
  const merges = db.prepare<[number, number], { result_json: string; merged_at: string; merged_by_name: string | null }>(
    `SELECT h.result_json, h.merged_at, s.name AS merged_by_name FROM hq_merges h LEFT JOIN staff s ON s.id = h.merged_by
      ORDER BY h.merged_at DESC, h.rowid DESC LIMIT ? OFFSET ?`,
  );
  return {
    salesByBranch: (r: Range) => sales.all(r),
    /** Members with a sale left in the period, and those with two or more. */
    activeByBranch: (r: Range) => active.all(r),
    activeCountByBranch: (r: Range) => activeCount.all(r),
    /** Members active both in `r` and in `before`. */
    retainedByBranch: (r: Range, before: Range) => retained.all({ ...r, pfrom: before.from, pto: before.to }),
    newMembersByBranch: (r: Range) => newMembers.all(r),
    pointsByBranch: (r: Range) => points.all(r),
    /** Points voids took back (`taken`) and gave back (`given`) in the period. */
    voidedPointsByBranch: (r: Range) => voidedPoints.all(r),
    /** Points members held at `to`. */
    owedByBranch: (to: string) => owed.all({ to }),
    /** Overdue counts tasks due from `fromDate` to `lastDue`, both local dates. */
    followupsByBranch: (r: Range, fromDate: string, lastDue: string) => followups.all({ ...r, fromDate, lastDue }),
    complaintsByBranch: (r: Range) => complaints.all(r),
    resolvedComplaints: (r: Range) => resolvedComplaints.all(r),
    /** Each till's takings on the local dates `from` to `to`. */
    takings: (from: string, to: string) => takings.all(from, to),
    memberNetSales: (branchId: string, r: Range) => memberNet.get({ b: branchId, ...r })!,
    branchIds: () => branchIds.all(),
    branches: () => branches.all(),
    multiBranchPeopleCount: (r: Range) => multiBranchCount.get(r)!,
    multiBranchPeople: (r: Range, limit: number, offset: number) => multiBranchPage.all({ ...r, limit, offset }),
    /** What the person (a phone) bought at each branch in the period. */
    personInPeriod: (phone: string, r: Range) => personInPeriod.all({ phone, ...r }),
    filesByBranch: () => filesByBranch.all(),
    mergeCount: () => mergeCount.get()!,
    merges: (limit: number, offset: number) => merges.all(limit, offset),
  };
});
