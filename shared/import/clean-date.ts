import { daysInMonthOf, readDateText, type DateParts } from './read-date';
import {
  cleaned,
  nothingOrError,
  refused,
  rewrite,
  tidyText,
  type CleanContext,
  type CleanStep,
  type Cleaned,
  type ImportCell,
  type YearLastOrder,
} from './cleaning';

export { excelSerialDate } from './read-date';

/** A sale's local date and, when the file gives one, its local time of day (`HH:mm:ss`). */
export interface SaleTime {
  date: string;
  time: string | null;
}

/** A CleanContext is one: the user's answer on year-last dates travels with the store's today. */
export interface DateOptions {
  /** How to read 5/1/2024 once the user has said; without it such dates are refused, not guessed. */
  yearLast?: YearLastOrder;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (p: DateParts) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
const timeOf = (p: DateParts) => (p.time === null ? null : `${pad(p.time.hour)}:${pad(p.time.minute)}:${pad(p.time.second)}`);
/** How a date and time is written once clean: `2024-05-01` or `2024-05-01 15:20:00`. */
export const writtenDate = (p: DateParts) => (p.time === null ? dateOf(p) : `${dateOf(p)} ${timeOf(p)}`);

/**
 * A Date from an XLSX reader carries the cell's wall-clock date and time in its UTC fields (a
 * spreadsheet has no zone); a time of exactly midnight is a date cell without a time.
 */
function partsOfCellDate(d: Date): DateParts {
  const time = { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
  const midnight = time.hour === 0 && time.minute === 0 && time.second === 0;
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), time: midnight ? null : time };
}

/** The parts of a date cell, checked to be a real day and time; steps bring its text to `writtenDate`. */
function readDateCell(cell: ImportCell, options: DateOptions): Cleaned<DateParts> {
  const steps: CleanStep[] = [];
  let parts: DateParts;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return refused('date.invalid', steps);
    parts = partsOfCellDate(cell);
  } else {
    const text = tidyText(cell, { fold: 'all', lines: 'one' }, steps);
    const early = nothingOrError(text, steps);
    if (early) return early;
    const reading = readDateText(text, options.yearLast);
    if (typeof reading === 'string') return refused(reading, steps);
    parts = reading.parts;
    if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonthOf(parts.year, parts.month)) {
      return refused('date.noSuchDay', steps);
    }
    rewrite(steps, reading.rule, text, writtenDate(parts));
  }
  const t = parts.time;
  if (t && (t.hour > 23 || t.minute > 59 || t.second > 59)) return refused('time.invalid', steps);
  return cleaned(parts, steps);
}

/** The date of a date cell, its time of day dropped (and shown dropped). */
function readDay(cell: ImportCell, options: DateOptions): Cleaned<string> {
  const read = readDateCell(cell, options);
  if (!read.ok || read.value === null) return read.ok ? cleaned<string>(null, read.steps) : read;
  const day = dateOf(read.value);
  rewrite(read.steps, 'date.timeDropped', writtenDate(read.value), day);
  return cleaned(day, read.steps);
}

const inRange = (date: string) => date >= '1900-01-01' && date <= '2099-12-31';

/** A calendar date (`YYYY-MM-DD`) between 1900 and 2099. */
export function cleanDate(cell: ImportCell, options: DateOptions = {}): Cleaned<string> {
  const day = readDay(cell, options);
  return day.ok && day.value !== null && !inRange(day.value) ? refused('date.outOfRange', day.steps) : day;
}

/** A date that has happened: registration, a first visit. */
export function cleanPastDate(cell: ImportCell, context: CleanContext): Cleaned<string> {
  const date = cleanDate(cell, context);
  return date.ok && date.value !== null && date.value > context.today ? refused('date.future', date.steps) : date;
}

/**
 * A birthday a person can have: not after today, not before 1900, and nobody older than 120
 * (a 1900-01-01 or an 1880 is a system's placeholder or a typo, not a customer).
 */
export function cleanBirthday(cell: ImportCell, context: CleanContext): Cleaned<string> {
  const birthday = readDay(cell, context);
  if (!birthday.ok || birthday.value === null) return birthday;
  const day = birthday.value;
  if (day > context.today) return refused('birthday.future', birthday.steps);
  // Someone is 121 on the day they were born 121 years before.
  const turns121 = `${pad(Number(context.today.slice(0, 4)) - 121, 4)}${context.today.slice(4)}`;
  if (day < '1900-01-01' || day <= turns121) return refused('birthday.tooOld', birthday.steps);
  return birthday;
}

/** When a sale happened: its date, and its time of day when the file has one. Not in the future. */
export function cleanSaleTime(cell: ImportCell, context: CleanContext): Cleaned<SaleTime> {
  const read = readDateCell(cell, context);
  if (!read.ok || read.value === null) return read.ok ? cleaned<SaleTime>(null, read.steps) : read;
  const date = dateOf(read.value);
  if (!inRange(date)) return refused('date.outOfRange', read.steps);
  if (date > context.today) return refused('date.future', read.steps);
  return cleaned({ date, time: timeOf(read.value) }, read.steps);
}
