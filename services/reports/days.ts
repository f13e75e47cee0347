import { TZDate } from '@date-fns/tz';

// Local days as integers, for the report summaries: day n is the local calendar date n days after
// 1970-01-01. A rebuild turns ten million sales into days, so the zone's offset is looked up once
// per quarter hour of UTC: zones change their offset only on a quarter hour of UTC (even +5:45 and
// +10:30 zones), so within one the offset is fixed and a local midnight inside it lands right.

const DAY_MS = 86_400_000;

export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];

export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** A function from an ISO instant to its local day number in `timeZone`. */
export function dayCounter(timeZone: string): (instant: string) => number {
  const slots = new Map<string, number>(); // 'YYYY-MM-DDTHH' + quarter → that hour's start + the zone's offset then, in ms
  return (instant) => {
    // Stored instants are toISOString() output: 'YYYY-MM-DDTHH:MM:SS.sssZ'.
    if (instant.length !== 24 || instant.charCodeAt(23) !== 90 /* Z */) {
      const ms = Date.parse(instant);
      return Math.floor((ms - new TZDate(ms, timeZone).getTimezoneOffset() * 60_000) / DAY_MS);
    }
    const minute = digit(instant, 14) * 10 + digit(instant, 15);
    const slot = `${instant.slice(0, 13)}${(minute / 15) | 0}`;
    let base = slots.get(slot);
    if (base === undefined) {
      const start = Date.parse(`${instant.slice(0, 13)}:00:00.000Z`);
      base = start - new TZDate(start + (minute - (minute % 15)) * 60_000, timeZone).getTimezoneOffset() * 60_000;
      slots.set(slot, base);
    }
    const within =
      (minute * 60 + digit(instant, 17) * 10 + digit(instant, 18)) * 1000 +
      digit(instant, 20) * 100 +
      digit(instant, 21) * 10 +
      digit(instant, 22);
    return Math.floor((base + within) / DAY_MS);
  };
}

// Months since year 0 (year × 12 + month − 1) for each day number, filled on first use.
let monthTable = new Int32Array(0);
function monthIndex(day: number): number {
  if (day < 0 || day >= monthTable.length) {
    const size = Math.max(day + 1, 80_000); // to 2189
    const t = new Int32Array(size);
    for (let d = 0; d < size; d++) {
      const x = new Date(d * DAY_MS);
      t[d] = x.getUTCFullYear() * 12 + x.getUTCMonth();
    }
    monthTable = t;
  }
  return monthTable[day];
}

/** The period of `grain` holding local day `day`, as a number: the day, its Monday, or a month / quarter / year count. */
export function periodOf(grain: number, day: number): number {
  switch (grain) {
    case 0:
      return day;
    case 1:
      return day - ((day + 3) % 7); // 1970-01-01 was a Thursday
    case 2:
      return monthIndex(day);
    case 3:
      return Math.floor(monthIndex(day) / 3);
    default:
      return Math.floor(monthIndex(day) / 12);
  }
}

/** The period after (+1) or before (−1) a period of `grain`. */
export function stepPeriod(grain: number, period: number, by: 1 | -1): number {
  return period + (grain === 1 ? 7 * by : by);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The key the reports use: `2026-11-25` (a day, or a week by its Monday), `2026-11`, `2026-Q4`, `2026`. */
export function periodKey(grain: number, period: number): string {
  switch (grain) {
    case 0:
    case 1:
      return dateOfDay(period);
    case 2:
      return `${Math.floor(period / 12)}-${pad((period % 12) + 1)}`;
    case 3:
      return `${Math.floor(period / 4)}-Q${(period % 4) + 1}`;
    default:
      return String(period);
  }
}
