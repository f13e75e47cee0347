import { addDaysTo, daysBetween } from './local-date';

/**
 * Calendar periods of the reports: `2026-11` (a month), `2026-Q4` (a quarter), `2026` (a year),
 * as local dates in the store's time zone. Pure, so the screen labels and the service agree.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  key: string;
  kind: PeriodKind;
  /** first local date */
  from: string;
  /** last local date (inclusive) */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { key, kind: 'month', from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(lastDayOfMonth(y, mo))}` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    const last = q * 3;
    return { key, kind: 'quarter', from: `${y}-${pad(last - 2)}-01`, to: `${y}-${pad(last)}-${pad(lastDayOfMonth(y, last))}` };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) return { key, kind: 'year', from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  return null;
}

/** The period of the same kind just before. */
export function previousPeriod(p: Period): Period {
  return periodContaining(p.kind, addDaysTo(p.from, -1));
}

/** The period of `kind` that holds the local date `date`. */
export function periodContaining(kind: PeriodKind, date: string): Period {
  const [y, mo] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const key = kind === 'month' ? `${y}-${pad(mo)}` : kind === 'quarter' ? `${y}-Q${Math.ceil(mo / 3)}` : String(y);
  return parsePeriod(key)!;
}

/** Local dates a report counts: all of a period, or its first days. */
export interface Span {
  /** the period this is all or the start of */
  period: Period;
  from: string;
  /** last local date counted (inclusive) */
  to: string;
}

/** What the dashboard sets side by side, and whether the period is still running. */
export interface Comparison {
  current: Span;
  previous: Span;
  /** the period holds today: it counts up to now and is set against as many days of the one before */
  running: boolean;
}

/**
 * A period against the one before, like for like (docs/reports.md "Periods"). A finished period
 * is set against the whole period before. A running one (today included) is set against the same
 * number of days from the start of the period before, capped at that period's end: 1–5 December
 * against 1–5 November, 31 March against all of February, not a few days against a whole month.
 */
export function comparisonOf(p: Period, today: string): Comparison {
  const before = previousPeriod(p);
  const running = p.from <= today && today <= p.to;
  if (!running)
    return { current: { period: p, from: p.from, to: p.to }, previous: { period: before, from: before.from, to: before.to }, running };
  const sameDays = addDaysTo(before.from, daysBetween(p.from, today));
  return {
    current: { period: p, from: p.from, to: p.to },
    previous: { period: before, from: before.from, to: sameDays < before.to ? sameDays : before.to },
    running,
  };
}
