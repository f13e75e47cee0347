import { TZDate } from '@date-fns/tz';
import { calendarDate } from '../../shared/local-date';

// The screen shows every time and every day in the store's time zone (setup.status tells it at
// start), as the services count days: a sale at 07:30 in Shanghai is on the store's 26th even on a
// machine set to UTC, where it is still the 25th. Until the zone is known, the machine's is used.

let zone: string | undefined;

export function setStoreZone(timeZone: string | undefined): void {
  zone = timeZone;
}

export function storeZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `now` as a Date whose getters read the store's wall clock. */
export function storeClock(now: Date = new Date()): TZDate {
  return new TZDate(now.getTime(), storeZone());
}

/** Today's date at the store, `YYYY-MM-DD`. */
export function storeToday(now: Date = new Date()): string {
  return calendarDate(storeClock(now));
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on at the store. */
export function storeDate(iso: string): string {
  return calendarDate(storeClock(new Date(iso)));
}

/** The instant a `YYYY-MM-DDTHH:mm` wall-clock time at the store is (a DateTimeField's value); null if unreadable. */
export function storeInstant(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const at = new TZDate(y, mo - 1, d, h, mi, storeZone());
  return Number.isNaN(at.getTime()) ? null : new Date(at.getTime()).toISOString();
}

// One way to write a day on every page, in every browser and on every machine, built from the
// date's parts rather than by toLocaleString: what Intl writes depends on the engine's locale data
// (an English UI got 11/28/2026, 02:05 PM, the date inputs the machine's mm/dd/yyyy). Chinese
// writes 2026/11/28 and 2026/11/28 14:05; English the same order with dashes, 2026-11-28 14:05,
// so a date never reads day-first or month-first (docs/dates.md).

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `/` in Chinese, `-` in English: the only thing the two languages' dates differ in. */
export function dateSeparator(locale: string): '/' | '-' {
  return locale.startsWith('en') ? '-' : '/';
}

/** A `YYYY-MM-DD` date as it is (it names a day, not an instant), or an instant at the store. */
function wallClock(iso: string): WallClock | null {
  const date = CALENDAR_DATE.exec(iso);
  if (date) return { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]), hour: 0, minute: 0 };
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const at = storeClock(new Date(ms));
  return { year: at.getFullYear(), month: at.getMonth() + 1, day: at.getDate(), hour: at.getHours(), minute: at.getMinutes() };
}

const dayText = (c: WallClock, sep: string) => `${pad(c.year, 4)}${sep}${pad(c.month)}${sep}${pad(c.day)}`;

/** Times are stored in UTC and shown at the store's wall clock: 2026/11/28 14:05 (English 2026-11-28 14:05). */
export function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  const c = wallClock(iso);
  return c ? `${dayText(c, dateSeparator(locale))} ${pad(c.hour)}:${pad(c.minute)}` : iso;
}

/** A calendar date, for things that happen "on a day" (expiries, birthdays, due dates): an instant's day at the store, or a `YYYY-MM-DD` date as it is. 2026/11/28 (English 2026-11-28). */
export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  const c = wallClock(iso);
  return c ? dayText(c, dateSeparator(locale)) : iso;
}

/**
 * The last day points (or anything that ends at a store midnight) can be used: `expiresAt` is the
 * instant they are gone, the first moment of the next local day, so the day shown is the one before.
 * One definition for the member page and the member's data file (docs/reports.md: one figure, one value).
 */
export function formatLastDay(expiresAt: string | null, locale: string): string {
  if (!expiresAt) return '—';
  return formatDate(new Date(Date.parse(expiresAt) - 1).toISOString(), locale);
}

/** A day within a year the reader already knows (a chart's axis, the end of a range): 11/28 (11-28). */
export function formatMonthDay(date: string, locale: string): string {
  const c = wallClock(date);
  return c ? `${pad(c.month)}${dateSeparator(locale)}${pad(c.day)}` : date;
}

/** A calendar month on a chart's axis: 2026/11 (2026-11). */
export function formatYearMonth(date: string, locale: string): string {
  const c = wallClock(date);
  return c ? `${pad(c.year, 4)}${dateSeparator(locale)}${pad(c.month)}` : date;
}

/** What a date field shows and reads (date-fns tokens), the same order as formatDate. */
export function dateFieldFormat(locale: string): string {
  const sep = dateSeparator(locale);
  return `yyyy${sep}MM${sep}dd`;
}

/** What a date-and-time field shows and reads, the same as formatTime. */
export function dateTimeFieldFormat(locale: string): string {
  return `${dateFieldFormat(locale)} HH:mm`;
}
