import type { Kpis, reportsContract } from '../shared/contract/reports';
import { AppError } from '../shared/errors';
import { addDaysTo, startOfLocalDate } from '../shared/local-date';
import { localDay, pointsValueFen } from '../shared/points';
import { parsePeriod, previousPeriod, type Period } from '../shared/report-periods';
import type { DB } from '../db/connection';
import { reportQueries, type Range } from '../db/queries/reports';
import { summaryQueries } from '../db/queries/report-summary';
import { summaryUpToDate } from './report-summary';
import { takingsBetween } from './takings';
import type { Ctx } from './context';
import type { DomainHandlers } from './types';
import { rulesAt, timeZone } from './points';
import { lifecycleReport, memberRfm, rfmSummary, segmentMembers } from './segments';

// The dashboard. Each figure is computed exactly as docs/reports.md defines it (and as the
// screen's hover text says); the test writes the answers for a hand-made store by hand.

/** The local dates of a period as instants [from, to). */
export function rangeOf(from: string, to: string, tz: string): Range {
  return { from: startOfLocalDate(from, tz), to: startOfLocalDate(addDaysTo(to, 1), tz) };
}

export const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function kpis(db: DB, ctx: Ctx, p: Period, tz: string, today: string): Kpis {
  const q = reportQueries(db);
  const sq = summaryQueries(db);
  const r = rangeOf(p.from, p.to, tz);
  const cur = sq.period(p.kind, p.key);
  const before = sq.period(p.kind, previousPeriod(p).key);
  const retentionRate = ratio(cur.retained, before.active);
  // Outstanding at the end of the period: every ledger entry up to its last day (up to now, for one not over).
  const outstanding = sq.pointsUpTo(p.to);
  const lastDue = p.to < today ? p.to : addDaysTo(today, -1);
  const f = q.followups(r, p.from, lastDue);
  const s = q.scores(r);
  const c = q.complaints(r);
  const hours = q.resolveTimes(r).map((x) => (Date.parse(x.resolved_at) - Date.parse(x.created_at)) / 3_600_000);
  const net = cur.sales_fen - cur.refunds_fen;
  const takings = takingsBetween(db, p.from, p.to);
  return {
    newMembers: cur.new_members,
    activeMembers: cur.active,
    orders: cur.orders,
    salesFen: cur.sales_fen,
    refundsFen: cur.refunds_fen,
    netSalesFen: net,
    takingsFen: takings.days.length > 0 ? takings.totalFen : null,
    takingsDays: takings.days.length,
    memberShare: takings.totalFen > 0 ? sq.netOnDays(takings.days) / takings.totalFen : null,
    aovFen: cur.orders > 0 ? Math.round(net / cur.orders) : null,
    repurchaseRate: ratio(cur.repeat, cur.active),
    retentionRate,
    churnRate: retentionRate === null ? null : 1 - retentionRate,
    pointsIssued: cur.pts_issued,
    pointsRedeemed: cur.pts_redeemed,
    pointsExpired: cur.pts_expired,
    pointsReversed: cur.pts_reversed,
    pointsOutstanding: outstanding,
    liabilityFen: pointsValueFen(rulesAt(db, ctx.now).rules, outstanding),
    followupsDone: f.done,
    followupsOverdue: lastDue >= p.from ? f.overdue : 0,
    complaintsOpened: c.opened,
    complaintsResolved: c.resolved,
    complaintsOpen: c.open_at_end,
    medianResolveHours: median(hours),
    csat: ratio(s.csat_good, s.csat_n),
    csatResponses: s.csat_n,
    nps: s.nps_n > 0 ? ((s.promoters - s.detractors) * 100) / s.nps_n : null,
    npsResponses: s.nps_n,
  };
}

export function summary(db: DB, ctx: Ctx, key: string) {
  const period = parsePeriod(key);
  if (!period) throw new AppError('VALIDATION', 'Not a period', { issues: [{ field: 'period', rule: 'invalid_period' }] });
  const tz = timeZone(db);
  const today = localDay(ctx.now, tz).date;
  const previous = previousPeriod(period);
  summaryUpToDate(db);
  const info = (p: Period) => ({ key: p.key, from: p.from, to: p.to });
  return {
    period: info(period),
    previous: info(previous),
    current: kpis(db, ctx, period, tz, today),
    prior: kpis(db, ctx, previous, tz, today),
    asOf: ctx.now,
  };
}

export const reportsHandlers = {
  'reports.summary': (db, ctx, input) => summary(db, ctx, input.period),
  'reports.rfm': (db, ctx, input) => rfmSummary(db, ctx, input),
  'reports.segmentMembers': (db, ctx, input) => segmentMembers(db, ctx, input),
  'reports.memberRfm': (db, ctx, input) => memberRfm(db, ctx, input),
  'reports.lifecycle': (db, ctx, input) => lifecycleReport(db, ctx, input),
} satisfies DomainHandlers<typeof reportsContract>;
