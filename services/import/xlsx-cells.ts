import type { CellValue } from 'exceljs';

// A workbook cell as the text Excel shows in it, which is what a store means by it: a phone or a
// card number typed into a number cell is its digits (never 1.38E+10), a card number kept with
// leading zeros by a 000000 format keeps them, a date cell is its date, a formula is its saved
// result (never the formula). Cells are text from here on, as a CSV's are; the cleaning reads
// dates and numbers from text either way.

/** Excel's test for a date format: after quoted text and [colours] go, a date or time letter is left. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  return /[ymdhMsb]/.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Excel's serial day (1900 or 1904 system) as the wall-clock instant it names, read in UTC. */
function serialDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/**
 * A date cell as ISO text: `2024-05-01`, with the time when it has one (`2024-05-01 14:30`,
 * seconds only when there are some); a time alone (a serial below 1) is `14:30`. The reader
 * hands a cell's date as UTC fields holding the wall clock, so no time zone enters.
 */
export function dateText(date: Date): string {
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  const seconds = d.getUTCSeconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`;
  if (d.getUTCFullYear() < 1900) return time;
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return d.getUTCHours() || d.getUTCMinutes() || seconds ? `${day} ${time}` : day;
}

/**
 * A number as its cell shows it, for the formats that matter to an import: all zeros (a card
 * number's leading zeros), fixed decimals and percentages. Anything else as Excel's General
 * shows it: an integer in full, anything else to 15 significant digits (Excel keeps no more, and
 * 0.1+0.2 is saved as 0.30000000000000004). Thousands separators are left out: the cleaning
 * reads the number, not the page.
 */
export function numberText(value: number, numFmt: string | undefined, date1904: boolean): string {
  if (!Number.isFinite(value)) return '';
  if (isDateFormat(numFmt)) return dateText(serialDate(value, date1904));
  const format = (numFmt ?? '').split(';')[0].trim();
  if (/^0+$/.test(format) && Number.isInteger(value) && value >= 0) return String(value).padStart(format.length, '0');
  const fixed = format.match(/^(?:#,##)?0(?:\.(0+))?(%?)$/);
  if (fixed) {
    const decimals = fixed[1]?.length ?? 0;
    return fixed[2] ? `${(value * 100).toFixed(decimals)}%` : value.toFixed(decimals);
  }
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** Any cell exceljs's streaming reader gives, as text. */
export function cellText(value: CellValue, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    // The result Excel saved with the formula; a file saved by a program that never computed
    // it has none, and the cell is empty, as it would be in a CSV saved from that file.
    const result = value.result;
    if (result === undefined || result === null) return '';
    if (typeof result === 'object' && !(result instanceof Date)) return result.error;
    return cellText(result, numFmt, date1904);
  }
  return cellText(value.text, numFmt, date1904);
}
