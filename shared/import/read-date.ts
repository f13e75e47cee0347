import { isLeapYear } from '../local-date';
import type { CleanRule, RefusalReason, YearLastOrder } from './cleaning';

/** A date as written in a cell, before it is checked to be a real day. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  time: { hour: number; minute: number; second: number } | null;
}

export interface DateReading {
  parts: DateParts;
  /** the step that rewrites the text to its clean form */
  rule: CleanRule;
}

export function daysInMonthOf(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const DAY_MS = 86_400_000;

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is 29 February 1900, a day
 * that never was (Lotus 1-2-3 took 1900 for a leap year and Excel kept it), so every serial from
 * 61 on is one day further than a count of days would say. Fractions are the time of day.
 * Null for serial 60 and below 1.
 */
export function excelSerialDate(serial: number): DateParts | null {
  const whole = Math.floor(serial);
  if (whole < 1 || whole === 60) return null;
  let seconds = Math.round((serial - whole) * 86_400);
  const days = (whole < 60 ? whole - 1 : whole - 2) + (seconds === 86_400 ? 1 : 0);
  if (seconds === 86_400) seconds = 0;
  const d = new Date(Date.UTC(1900, 0, 1) + days * DAY_MS);
  const time = serial === whole ? null : { hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 };
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), time };
}

// A serial is only read as one in the range a store's dates fall in: five digits, 1927-05-18
// (10000) to 2099-12-31 (73050). Shorter numbers in a date column are years, ages or days.
const SERIAL_MIN = 10_000;
const SERIAL_MAX = 73_050;

// A time of day at the end of the text: 15:20, 15:20:00.000, 下午3:20, 3:20 PM, 2024-05-01T07:20:00Z.
// A zone is dropped: the wall-clock time as written is the store's.
const TIME_TAIL =
  /(?:T|\s+|^)(?:(上午|下午|早上|晚上|中午|AM|PM)\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(AM|PM)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;

const YMD = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})$/;
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/;
const COMPACT = /^((?:19|20)\d{2})(\d{2})(\d{2})$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
const YEAR_LAST = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const TWO_DIGIT_YEAR =
  /^(?:\d{2}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2\d{2}|\d{6}|\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*[日号]?)$/;
const NO_YEAR = /^\d{1,2}\s*(?:[-/.]|月)\s*\d{1,2}\s*[日号]?$/;
const NO_DAY = /^\d{4}\s*(?:[-/.]|年)\s*\d{1,2}\s*月?$/;
const YEAR_ONLY = /^(?:19|20)\d{2}\s*年?$/;

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

function readTimeTail(text: string): { date: string; time: TimeOfDay | null } | 'time.invalid' {
  const m = TIME_TAIL.exec(text);
  if (!m || m.index === 0) return { date: text, time: null };
  const half = (m[1] ?? m[5] ?? '').toUpperCase();
  let hour = Number(m[2]);
  if (half !== '') {
    if (hour < 1 || hour > 12) return 'time.invalid';
    // 中午 (midday) runs from 11 to 1: 中午12点 is noon, 中午1点 is 13:00.
    const afternoon = ['下午', '晚上', 'PM'].includes(half) || (half === '中午' && hour !== 11);
    hour = (hour % 12) + (afternoon ? 12 : 0);
  }
  return { date: text.slice(0, m.index).trim(), time: { hour, minute: Number(m[3]), second: Number(m[4] ?? 0) } };
}

/**
 * Reads a tidied date text. Answers the parts and the step that writes them cleanly, or why the
 * text is not a date BranchDesk may read without guessing.
 */
export function readDateText(text: string, yearLast?: YearLastOrder): DateReading | RefusalReason {
  if (SERIAL.test(text)) {
    const serial = Number(text);
    const parts = serial >= SERIAL_MIN && serial <= SERIAL_MAX ? excelSerialDate(serial) : null;
    return parts ? { parts, rule: 'date.excelSerial' } : 'date.outOfRange';
  }
  const tail = readTimeTail(text);
  if (tail === 'time.invalid') return tail;
  const { date, time } = tail;
  const ymd = YMD.exec(date);
  if (ymd) return { parts: { year: Number(ymd[1]), month: Number(ymd[3]), day: Number(ymd[4]), time }, rule: 'date.format' };
  const chinese = CHINESE.exec(date);
  if (chinese)
    return { parts: { year: Number(chinese[1]), month: Number(chinese[2]), day: Number(chinese[3]), time }, rule: 'date.chinese' };
  const compact = COMPACT.exec(date);
  if (compact)
    return { parts: { year: Number(compact[1]), month: Number(compact[2]), day: Number(compact[3]), time }, rule: 'date.compact' };
  const last = YEAR_LAST.exec(date);
  if (last) {
    if (yearLast === undefined) return 'date.ambiguousOrder';
    const [first, second] = [Number(last[1]), Number(last[3])];
    const [month, day] = yearLast === 'monthFirst' ? [first, second] : [second, first];
    return { parts: { year: Number(last[4]), month, day, time }, rule: 'date.yearLast' };
  }
  if (TWO_DIGIT_YEAR.test(date)) return 'date.twoDigitYear';
  if (NO_YEAR.test(date)) return 'date.noYear';
  if (NO_DAY.test(date)) return 'date.noDay';
  if (YEAR_ONLY.test(date)) return 'date.yearOnly';
  return 'date.invalid';
}
