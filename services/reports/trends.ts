import {
  TREND_MAX_POINTS,
  type BreakdownRow,
  type reportTrendsContract,
  type TrendGrain,
  type TrendPoint,
} from '../../shared/contract/report-trends';
import { validationError } from '../../shared/errors';
import { addDaysTo } from '../../shared/local-date';
import { parsePeriod } from '../../shared/report-periods';
import type { DB } from '../../db/connection';
import { summaryQueries } from '../../db/queries/reports/summaries';
import { trendQueries } from '../../db/queries/reports/trends';
import type { Ctx } from '../core/context';
import { dayNumber, periodKey, periodOf, stepPeriod } from './days';
import { summaryUpToDate } from './summary-job';
import { rangeOf } from './reports';
import { timeZone } from '../core/branch';
import type { DomainHandlers } from '../core/handler-types';

// Trends and breakdowns (docs/reports.md), read from the report summaries: a year of days or a
// period's breakdown is a few hundred rows, whatever the size of the store.

const GRAIN_NO: Record<TrendGrain, number> = { day: 0, week: 1, month: 2 };

/** The last local date of a period of `grain` that starts on `from`. */
function lastDate(grain: TrendGrain, from: string): string {
  if (grain === 'day') return from;
  if (grain === 'week') return addDaysTo(from, 6);
  const [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function trend(
  db: DB,
  ctx: Ctx,
  input: { grain: TrendGrain; from: string; to: string },
): { grain: TrendGrain; points: TrendPoint[] } {
  const g = GRAIN_NO[input.grain];
  const [first, last] = [periodOf(g, dayNumber(input.from)), periodOf(g, dayNumber(input.to))];
  const count = input.grain === 'week' ? (last - first) / 7 + 1 : last - first + 1;
  const max = TREND_MAX_POINTS[input.grain];
  if (count > max) throw validationError([{ field: 'from', rule: 'too_many_periods', params: { max } }]);
  summaryUpToDate(db, ctx);
  const keys: string[] = [];
  for (let p = first; p <= last; p = stepPeriod(g, p, 1)) keys.push(periodKey(g, p));
  const rows = new Map(
    summaryQueries(db)
      .periods(input.grain, keys[0], keys[keys.length - 1])
      .map((r) => [r.period, r]),
  );
  const points = keys.map((key) => {
    const r = rows.get(key);
    const from = input.grain === 'month' ? `${key}-01` : key; // a day, or a week by its Monday
    return {
      period: key,
      from,
      to: lastDate(input.grain, from),
      orders: r?.orders ?? 0,
      salesFen: r?.sales_fen ?? 0,
      refundsFen: r?.refunds_fen ?? 0,
      netSalesFen: (r?.sales_fen ?? 0) - (r?.refunds_fen ?? 0),
      activeMembers: r?.active ?? 0,
      newMembers: r?.new_members ?? 0,
    };
  });
  return { grain: input.grain, points };
}

export function breakdown(db: DB, ctx: Ctx, input: { period: string; dim: 'category' | 'staff' | 'tier' }) {
  const p = parsePeriod(input.period);
  if (!p) throw validationError([{ field: 'period', rule: 'invalid_period' }]);
  summaryUpToDate(db, ctx);
  const rows = summaryQueries(db).breakdown(p.kind, p.key, input.dim);
  const labels =
    input.dim === 'category'
      ? null
      : trendQueries(db).labels(
          input.dim,
          rows.map((r) => r.key),
        );
  const total = { orders: 0, salesFen: 0, refundsFen: 0, netSalesFen: 0 };
  for (const r of rows) {
    total.orders += r.orders;
    total.salesFen += r.sales_fen;
    total.refundsFen += r.refunds_fen;
  }
  total.netSalesFen = total.salesFen - total.refundsFen;
  const out: BreakdownRow[] = rows.map((r) => {
    const net = r.sales_fen - r.refunds_fen;
    return {
      key: r.key,
      label: r.key === '' ? null : labels ? (labels.get(r.key) ?? r.key) : r.key,
      orders: r.orders,
      salesFen: r.sales_fen,
      refundsFen: r.refunds_fen,
      netSalesFen: net,
      share: total.netSalesFen !== 0 ? net / total.netSalesFen : null,
    };
  });
  return { period: p.key, dim: input.dim, rows: out, total };
}

export function salesList(
  db: DB,
  ctx: Ctx,
  input: {
    from: string;
    to: string;
    only?: { dim: 'category' | 'staff' | 'tier'; key: string };
    limit: number;
    offset: number;
    upTo?: string;
  },
) {
  const r = rangeOf(input.from, input.to, timeZone(db));
  const upTo = input.upTo ?? null;
  return {
    ...trendQueries(db).sales({
      ...r,
      dim: input.only?.dim ?? null,
      key: input.only?.key ?? null,
      upTo,
      limit: input.limit,
      offset: input.offset,
    }),
    asOf: upTo ?? ctx.now,
  };
}

export const reportTrendsHandlers = {
  'reports.trend': (db, ctx: Ctx, input) => trend(db, ctx, input),
  'reports.breakdown': (db, ctx, input) => breakdown(db, ctx, input),
  'reports.sales': (db, ctx, input) => salesList(db, ctx, input),
} satisfies DomainHandlers<typeof reportTrendsContract>;
