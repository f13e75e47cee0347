import { TZDate } from '@date-fns/tz';

/**
 * Local calendar dates (`YYYY-MM-DD`) are what a clerk works by: "due today" means today in the
 * branch's time zone, whatever the UTC instant. Arithmetic on them is plain calendar arithmetic.
 */

/** The calendar date a Date shows in its own zone (a TZDate's zone, or the machine's), `YYYY-MM-DD`. */
export function calendarDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** `date` moved by `days` calendar days. */
export function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant (ISO, UTC) at which the local `date` begins in `timeZone`. */
export function startOfLocalDate(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime()).toISOString();
}

/** Whole days from `from` to `to` (both local dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The month-days (`MM-DD`) of birthdays celebrated on `date`: its own, plus 29 February on
 * 28 February of a common year (a leap-day birthday is kept on the 28th).
 */
export function birthdaysOn(date: string): string[] {
  const md = date.slice(5);
  return md === '02-28' && !isLeapYear(Number(date.slice(0, 4))) ? ['02-28', '02-29'] : [md];
}

/** The local calendar date and weekday of an instant. */
export function localDay(instant: string, timeZone: string): { date: string; weekday: number } {
  const local = new TZDate(Date.parse(instant), timeZone);
  return { date: calendarDate(local), weekday: local.getDay() };
}
