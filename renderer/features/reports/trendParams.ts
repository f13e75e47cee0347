import type { TFunction } from 'i18next';
import { BREAKDOWN_DIMS, TREND_GRAINS, TREND_MAX_POINTS, type BreakdownDim, type TrendGrain } from '../../../shared/contract/report-trends';
import { addDaysTo, daysBetween } from '../../../shared/local-date';
import { parsePeriod } from '../../../shared/report-periods';
import { fileDates, fileStem } from '../../components/reports/exportFile';
import { formatDate, formatMonthDay, formatYearMonth } from '../../components/format';
import { periodFromKey, periodLabel } from './periods';

// 趋势与明细: what the page keeps in its URL (so Back from a member returns to the same list),
// the ranges it offers, and how it names periods. Pure, so the tests need no browser.

/** A range of local dates, both ends included. */
export interface DateRange {
  from: string;
  to: string;
}

export interface TrendParams extends DateRange {
  grain: TrendGrain;
}

/** The sales behind a bar or row: a range, and for a breakdown one category, staff member or tier. */
export interface SalesFilter extends DateRange {
  only: { dim: BreakdownDim; key: string } | null;
  /** the staff member's or tier's name, or the category (null: none recorded), for the title */
  name: string | null;
}

export const SALES_PAGE_SIZE = 100;
/** A file of the detail list holds at most this many rows, the newest first. */
export const SALES_EXPORT_MAX = 5000;
/** reports.sales' largest page, used to fill the file. */
export const SALES_EXPORT_PAGE = 500;

/** The detail list's file name: its dates, and the category, staff member or tier when it is one. */
export function salesExportName(t: TFunction, filter: SalesFilter): string {
  const only = filter.only ? (filter.name ?? t(`reports.trends.none.${filter.only.dim}`)) : null;
  return fileStem(t('reports.trends.detail.file'), fileDates(t, filter.from, filter.to), only);
}

/**
 * Every row of a paged list up to `max`, asking `fetchPage` for the biggest pages it allows: what
 * the detail list's files hold. Stops at the list's end (its total, or an empty page).
 */
export async function collectPages<T>(
  fetchPage: (limit: number, offset: number) => Promise<{ total: number; items: T[] }>,
  max = SALES_EXPORT_MAX,
  pageSize = SALES_EXPORT_PAGE,
): Promise<T[]> {
  const items: T[] = [];
  while (items.length < max) {
    const page = await fetchPage(Math.min(pageSize, max - items.length), items.length);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) break;
  }
  return items;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string | null): s is string => s !== null && DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** The Monday of the week (Monday to Sunday) holding `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDaysTo(date, -((weekday + 6) % 7));
}

/** The first of the month `months` months before the month of `date` (0: its own). */
function firstOfMonthBefore(date: string, months: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export const TREND_PRESETS = {
  day: ['days7', 'days30', 'days90', 'thisMonth'],
  week: ['weeks12', 'weeks26', 'weeks52'],
  month: ['months12', 'thisYear', 'months24'],
} as const satisfies Record<TrendGrain, readonly string[]>;
export type TrendPreset = (typeof TREND_PRESETS)[TrendGrain][number];

/** A preset's range up to today: whole weeks and months, so the first bar is not a part of one. */
export function presetRange(preset: TrendPreset, today: string): DateRange {
  const back = (n: number) => ({ from: addDaysTo(today, -(n - 1)), to: today });
  const weeks = (n: number) => ({ from: addDaysTo(mondayOf(today), -7 * (n - 1)), to: today });
  const months = (n: number) => ({ from: firstOfMonthBefore(today, n - 1), to: today });
  switch (preset) {
    case 'days7':
      return back(7);
    case 'days30':
      return back(30);
    case 'days90':
      return back(90);
    case 'thisMonth':
      return months(1);
    case 'weeks12':
      return weeks(12);
    case 'weeks26':
      return weeks(26);
    case 'weeks52':
      return weeks(52);
    case 'months12':
      return months(12);
    case 'months24':
      return months(24);
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** The range a grain opens with: the last 30 days, 12 weeks or 12 months. */
export const DEFAULT_PRESET: Record<TrendGrain, TrendPreset> = { day: 'days30', week: 'weeks12', month: 'months12' };

export function defaultRange(grain: TrendGrain, today: string): DateRange {
  return presetRange(DEFAULT_PRESET[grain], today);
}

/** The preset a range is, if it is one (so its button shows pressed). */
export function presetOf(grain: TrendGrain, range: DateRange, today: string): TrendPreset | null {
  return (
    TREND_PRESETS[grain].find((p) => {
      const r = presetRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/** How many bars a range makes: partial weeks and months at its ends count whole, as the service counts them. */
export function periodCount(grain: TrendGrain, range: DateRange): number {
  if (range.from > range.to) return 0;
  if (grain === 'day') return daysBetween(range.from, range.to) + 1;
  if (grain === 'week') return daysBetween(mondayOf(range.from), mondayOf(range.to)) / 7 + 1;
  const month = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return month(range.to) - month(range.from) + 1;
}

/** The rule a range breaks before it is asked for (the service's own, so the message is the same), or null. */
export function rangeProblem(p: TrendParams): { rule: 'end_before_start' } | { rule: 'too_many_periods'; max: number } | null {
  if (p.from > p.to) return { rule: 'end_before_start' };
  const max = TREND_MAX_POINTS[p.grain];
  return periodCount(p.grain, p) > max ? { rule: 'too_many_periods', max } : null;
}

const grainOf = (s: string | null): TrendGrain => ((TREND_GRAINS as readonly string[]).includes(s ?? '') ? (s as TrendGrain) : 'day');
const dimOf = (s: string | null): BreakdownDim | null =>
  (BREAKDOWN_DIMS as readonly string[]).includes(s ?? '') ? (s as BreakdownDim) : null;

export interface TrendsView {
  trend: TrendParams;
  /** the breakdowns' month, quarter or year key */
  period: string;
  detail: SalesFilter | null;
  /** the detail list's page, from 0 */
  page: number;
}

/** The page's state from its URL; anything missing or malformed falls back to the defaults. */
export function trendsViewFrom(search: URLSearchParams, today: string): TrendsView {
  const grain = grainOf(search.get('grain'));
  const [from, to] = [search.get('from'), search.get('to')];
  const range = isDate(from) && isDate(to) ? { from, to } : defaultRange(grain, today);
  const [dfrom, dto] = [search.get('dfrom'), search.get('dto')];
  const dim = dimOf(search.get('dim'));
  const key = search.get('key');
  const detail: SalesFilter | null =
    isDate(dfrom) && isDate(dto) && dfrom <= dto
      ? {
          from: dfrom,
          to: dto,
          only: dim && key !== null ? { dim, key } : null,
          name: dim && key !== null ? (search.get('name') ?? (dim === 'category' && key ? key : null)) : null,
        }
      : null;
  return {
    trend: { grain, ...range },
    period: periodFromKey(search.get('period'), today).key,
    detail,
    page: detail ? Math.max(0, Math.floor(Number(search.get('page')) || 0)) : 0,
  };
}

/** The URL for a view: only what differs from the defaults. */
export function trendsSearch(view: TrendsView, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  const { grain, from, to } = view.trend;
  if (grain !== 'day') out.grain = grain;
  const d = defaultRange(grain, today);
  if (from !== d.from || to !== d.to) Object.assign(out, { from, to });
  if (view.period !== periodFromKey(null, today).key) out.period = view.period;
  if (view.detail) {
    Object.assign(out, { dfrom: view.detail.from, dto: view.detail.to });
    if (view.detail.only) Object.assign(out, { dim: view.detail.only.dim, key: view.detail.only.key });
    if (
      view.detail.only &&
      view.detail.name !== null &&
      !(view.detail.only.dim === 'category' && view.detail.name === view.detail.only.key)
    )
      out.name = view.detail.name;
    if (view.page > 0) out.page = String(view.page);
  }
  return out;
}

/**
 * A range as the screen names it: a day as its date, a calendar month, quarter or year by name,
 * anything else as its two ends (the end shortened within one year): 2026/11/23 至 11/29.
 */
export function rangeLabel(range: DateRange, language: string): string {
  if (range.from === range.to) return formatDate(range.from, language);
  const zh = language.startsWith('zh');
  const year = range.from.slice(0, 4);
  for (const key of [range.from.slice(0, 7), `${year}-Q${Math.ceil(Number(range.from.slice(5, 7)) / 3)}`, year]) {
    const p = parsePeriod(key);
    if (p && p.from === range.from && p.to === range.to) return periodLabel(p, language);
  }
  const from = formatDate(range.from, language);
  const end = range.to.slice(0, 4) === year ? formatMonthDay(range.to, language) : formatDate(range.to, language);
  return zh ? `${from} 至 ${end}` : `${from} – ${end}`;
}

const WEEKDAYS = { zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'], en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] };

/** A trend row's period in the table: 2026/11/25 周三, 2026/11/23 至 11/29, 2026年11月. */
export function trendPeriodLabel(grain: TrendGrain, point: DateRange, language: string): string {
  if (grain === 'day') {
    const weekday = new Date(`${point.from}T00:00:00Z`).getUTCDay();
    return `${formatDate(point.from, language)} ${WEEKDAYS[language.startsWith('zh') ? 'zh' : 'en'][weekday]}`;
  }
  return rangeLabel(point, language);
}

/** A trend bar's label on the chart's axis: 11/25 (a day or a week's Monday) or 2026/11; with the year when the bars span two. */
export function trendAxisLabel(grain: TrendGrain, point: DateRange, spansYears: boolean, language: string): string {
  if (grain === 'month') return formatYearMonth(point.from, language);
  return spansYears ? formatDate(point.from, language) : formatMonthDay(point.from, language);
}
