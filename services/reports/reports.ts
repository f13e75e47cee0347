import type { Kpis, reportsContract } from '../../shared/contract/reports';
import { AppError } from '../../shared/errors';
import { addDaysTo, localDay, startOfLocalDate } from '../../shared/local-date';
import { pointsValueFen } from '../../shared/points';
import { comparisonOf, parsePeriod, previousPeriod, type Span } from '../../shared/report-periods';
import type { DB } from '../../db/connection';
import { reportQueries, type Range } from '../../db/queries/reports/reports';
import { emptyPeriod, PERIOD_FIELDS, summaryQueries, type PeriodRow } from '../../db/queries/reports/summaries';
import { isSale } from './member-events';
import { summaryUpToDate } from './summary-job';
import { dayNumber } from './days';
import { takingsBetween } from './takings';
import type { Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { rulesAt } from '../loyalty/points';
import { timeZone } from '../core/branch';
import { memberRfm, rfmSummary, segmentMembers } from './rfm';
import { lifecycleReport } from './lifecycle';

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

/** The period's stored counters, or, for its first days only, the days' counters added up and its members counted in one pass. */
function spanCounters(db: DB, span: Span): { row: PeriodRow; activeBefore: number } {
  const sq = summaryQueries(db);
  const { period } = span;
  const before = previousPeriod(period);
  const activeBefore = sq.period(period.kind, before.key).active;
  if (span.from === period.from && span.to === period.to) return { row: sq.period(period.kind, period.key), activeBefore };
  const row = emptyPeriod('span', `${span.from}/${span.to}`);
  for (const day of sq.periods('day', span.from, span.to)) for (const f of PERIOD_FIELDS) row[f] += day[f];
  // Distinct members cannot be added up over days: counted from each member's sales.
  Object.assign(row, activityBetween(db, span, before));
  return { row, activeBefore };
}

const activityCache = new WeakMap<DB, { key: string; value: { active: number; repeat: number; retained: number } }>();

/**
 * Members with a sale in the span (active), with two or more (repeat), and active in the whole
 * period `before` too (retained): the same definitions the stored period rows keep, over any
 * local dates. One pass over every member's packed sales, cached while the summaries are unchanged.
 */
export function activityBetween(db: DB, span: { from: string; to: string }, before: { from: string; to: string }) {
  const sq = summaryQueries(db);
  const key = `${span.from}|${span.to}|${before.from}|${before.to}|${sq.stamp()}`;
  const known = activityCache.get(db);
  if (known?.key === key) return known.value;
  const [from, to, bFrom, bTo] = [span.from, span.to, before.from, before.to].map(dayNumber);
  const value = { active: 0, repeat: 0, retained: 0 };
  sq.eachMember((_no, v, start, end) => {
    let [sales, earlier] = [0, false];
    for (let o = start + 1; o < end; o += 2) {
      const day = v[o];
      if (!isSale(day)) continue;
      if (day >= from && day <= to) sales++;
      else if (day >= bFrom && day <= bTo) earlier = true;
    }
    if (sales === 0) return;
    value.active++;
    if (sales >= 2) value.repeat++;
    if (earlier) value.retained++;
  });
  activityCache.set(db, { key, value });
  return value;
}

function kpis(db: DB, ctx: Ctx, span: Span, tz: string, today: string): Kpis {
  const q = reportQueries(db);
  const sq = summaryQueries(db);
  const r = rangeOf(span.from, span.to, tz);
  const { row: cur, activeBefore } = spanCounters(db, span);
  // Outstanding at the end of the span: every ledger entry up to its last day (up to now, for one not over).
  const outstanding = sq.pointsUpTo(span.to);
  const lastDue = span.to < today ? span.to : addDaysTo(today, -1);
  const f = q.followups(r, span.from, lastDue);
  const s = q.scores(r);
  const c = q.complaints(r);
  const takings = takingsBetween(db, span.from, span.to);
  const counts: KpiCounts = {
    newMembers: cur.new_members,
    active: cur.active,
    repeat: cur.repeat,
    orders: cur.orders,
    sales: cur.sales_fen,
    refunds: cur.refunds_fen,
    retained: cur.retained,
    activeBefore,
    issued: cur.pts_issued,
    redeemed: cur.pts_redeemed,
    expired: cur.pts_expired,
    reversed: cur.pts_reversed,
    owed: outstanding,
    done: f.done,
    overdue: lastDue >= span.from ? f.overdue : 0,
    csatN: s.csat_n,
    csatGood: s.csat_good,
    npsN: s.nps_n,
    promoters: s.promoters,
    detractors: s.detractors,
    opened: c.opened,
    resolved: c.resolved,
    openAtEnd: c.open_at_end,
    hours: q.resolveTimes(r).map((x) => (Date.parse(x.resolved_at) - Date.parse(x.created_at)) / 3_600_000),
    takings:
      takings.days.length > 0
        ? { fen: takings.totalFen, days: takings.days.length, net: takings.totalFen > 0 ? sq.netOnDays(takings.days) : 0 }
        : null,
  };
  return kpisFromCounts(counts, pointsValueFen(rulesAt(db, ctx.now).rules, outstanding));
}

/** A store's (a branch's, HQ's chain's) counts for a period, from which its dashboard figures follow. */
export interface KpiCounts {
  newMembers: number;
  active: number;
  repeat: number;
  orders: number;
  sales: number;
  refunds: number;
  retained: number;
  activeBefore: number;
  issued: number;
  redeemed: number;
  expired: number;
  reversed: number;
  owed: number;
  done: number;
  overdue: number;
  csatN: number;
  csatGood: number;
  npsN: number;
  promoters: number;
  detractors: number;
  opened: number;
  resolved: number;
  openAtEnd: number;
  /** the hours each complaint resolved in the period took */
  hours: number[];
  /** the till's takings on the days that have a figure, and members' net sales on those days */
  takings: { fen: number; days: number; net: number } | null;
}

/** The dashboard's figures from the counts, as docs/reports.md defines them. */
export function kpisFromCounts(x: KpiCounts, liabilityFen: number): Kpis {
  const net = x.sales - x.refunds;
  return {
    newMembers: x.newMembers,
    activeMembers: x.active,
    orders: x.orders,
    salesFen: x.sales,
    refundsFen: x.refunds,
    netSalesFen: net,
    takingsFen: x.takings ? x.takings.fen : null,
    takingsDays: x.takings?.days ?? 0,
    memberShare: x.takings && x.takings.fen > 0 ? x.takings.net / x.takings.fen : null,
    aovFen: x.orders > 0 ? Math.round(net / x.orders) : null,
    repurchaseRate: ratio(x.repeat, x.active),
    retentionRate: ratio(x.retained, x.activeBefore),
    pointsIssued: x.issued,
    pointsRedeemed: x.redeemed,
    pointsExpired: x.expired,
    pointsReversed: x.reversed,
    pointsOutstanding: x.owed,
    liabilityFen,
    followupsDone: x.done,
    followupsOverdue: x.overdue,
    complaintsOpened: x.opened,
    complaintsResolved: x.resolved,
    complaintsOpen: x.openAtEnd,
    medianResolveHours: median(x.hours),
    csat: ratio(x.csatGood, x.csatN),
    csatResponses: x.csatN,
    nps: x.npsN > 0 ? ((x.promoters - x.detractors) * 100) / x.npsN : null,
    npsResponses: x.npsN,
  };
}

export function summary(db: DB, ctx: Ctx, key: string) {
  const period = parsePeriod(key);
  if (!period) throw new AppError('VALIDATION', 'Not a period', { issues: [{ field: 'period', rule: 'invalid_period' }] });
  const tz = timeZone(db);
  const today = localDay(ctx.now, tz).date;
  const { current, previous, running } = comparisonOf(period, today);
  summaryUpToDate(db, ctx);
  const info = (x: Span) => ({ key: x.period.key, from: x.from, to: x.to });
  return {
    period: info(current),
    previous: info(previous),
    running,
    current: kpis(db, ctx, current, tz, today),
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
