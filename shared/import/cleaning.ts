/**
 * What every import cleaner answers, and the tidying every cell goes through first. A cleaner
 * takes one cell as the file reader hands it over and answers a cleaned value with each step it
 * applied (the preview shows "before → after" for each), or a refusal with a reason code. The
 * renderer translates both (renderer/features/import/messages.ts); docs/import.md lists them.
 */

/** A cell as a reader hands it over: CSV gives text; an XLSX reader may give numbers, booleans and Dates. */
export type ImportCell = string | number | boolean | Date | null | undefined;

/** Every rewrite a cleaner can apply; the preview names each step by it. */
export const CLEAN_RULES = [
  'empty.placeholder',
  'text.invisible',
  'text.fullWidth',
  'text.trim',
  'text.formulaQuote',
  'text.spaces',
  'text.lineBreaks',
  'name.cjkSpaces',
  'phone.several',
  'phone.extension',
  'phone.decimalTail',
  'phone.spaces',
  'phone.dashes',
  'phone.brackets',
  'phone.dots',
  'phone.countryCode',
  'phone.internationalPrefix',
  'phone.leadingZero',
  'card.spaces',
  'card.upperCase',
  'date.format',
  'date.chinese',
  'date.compact',
  'date.excelSerial',
  'date.yearLast',
  'date.timeDropped',
  'gender.word',
  'yesNo.word',
  'status.word',
  'tags.separator',
  'tags.duplicate',
  'number.unit',
  'number.thousands',
  'number.decimalZeros',
  'money.currency',
  'money.floatRounding',
] as const;
export type CleanRule = (typeof CLEAN_RULES)[number];

/** Every reason a value is refused. */
export const REFUSAL_REASONS = [
  'field.required',
  'cell.excelError',
  'cell.scientific',
  'text.tooLong',
  'phone.invalid',
  'phone.noAreaCode',
  'phone.serviceNumber',
  'card.invalid',
  'email.invalid',
  'date.invalid',
  'date.noSuchDay',
  'date.ambiguousOrder',
  'date.twoDigitYear',
  'date.noYear',
  'date.noDay',
  'date.yearOnly',
  'date.outOfRange',
  'date.future',
  'time.invalid',
  'birthday.future',
  'birthday.tooOld',
  'gender.unknown',
  'yesNo.unknown',
  'status.unknown',
  'tags.tooLong',
  'tags.tooMany',
  'points.notNumber',
  'points.notWhole',
  'points.negative',
  'points.tooBig',
  'money.notNumber',
  'money.tooManyDecimals',
  'money.negative',
  'money.tooBig',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface CleanStep {
  rule: CleanRule;
  before: string;
  after: string;
}

/** A value of null means the cell holds nothing (blank or a placeholder). */
export type Cleaned<T> =
  | { ok: true; value: T | null; steps: CleanStep[] }
  | {
      ok: false;
      reason: RefusalReason;
      /** the limit a value broke (characters, tags), for the reason's text */
      limit?: number;
      /** what was cleaned before the value was refused, so the preview can show it */
      steps: CleanStep[];
    };

/** 5/1/2024 is 1 May in the US and 5 January in Britain: only the user can say which a file means. */
export type YearLastOrder = 'monthFirst' | 'dayFirst';

/** What a cleaner needs to know of the world and of the file. */
export interface CleanContext {
  /** the store's calendar date, `YYYY-MM-DD` */
  today: string;
  /** how the user said the file's dates with the year last are written; without it they are refused */
  yearLast?: YearLastOrder;
}

export function cleaned<T>(value: T | null, steps: CleanStep[]): Cleaned<T> {
  return { ok: true, value, steps };
}

export function refused(reason: RefusalReason, steps: CleanStep[], limit?: number): Cleaned<never> {
  return limit === undefined ? { ok: false, reason, steps } : { ok: false, reason, limit, steps };
}

/** Applies one rewrite, recording it only when it changed something. */
export function rewrite(steps: CleanStep[], rule: CleanRule, before: string, after: string): string {
  if (after !== before) steps.push({ rule, before, after });
  return after;
}

/** A cell as text. Numbers as JavaScript writes them (13800138000; 1e+21 stays visibly broken). */
export function cellText(cell: ImportCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
}

export interface TidyOptions {
  /**
   * 'all': every compatibility form folded (NFKC), for phones, numbers, dates, cards and emails.
   * 'letters': only full-width letters and digits, for names, notes and addresses, whose
   * Chinese punctuation (，。：（）) is how Chinese is written, not a mistake to fold.
   */
  fold: 'all' | 'letters';
  /** 'many' keeps line breaks (notes); 'one' turns them into spaces like any other run of blanks. */
  lines: 'one' | 'many';
}

// Zero-width characters, soft hyphens and control characters a copy from a web page or another
// system leaves behind: invisible on screen, but they make two equal phones or names differ.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u200B-\u200D\u2060\uFEFF]/g;
const FULL_WIDTH_LETTERS = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
// The export writes text Excel would run as a formula with a leading apostrophe
// (renderer/components/reports/exportFile.ts); reading it back takes the apostrophe off again.
const FORMULA_QUOTE = /^'(?=[=+\-@])/;

function foldLetters(text: string): string {
  return text.replace(FULL_WIDTH_LETTERS, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** Every kind of blank (no-break, ideographic, tabs) as one plain space; line breaks kept in 'many'. */
function singleSpaces(text: string, lines: TidyOptions['lines'], steps: CleanStep[]): string {
  if (lines === 'one') return rewrite(steps, 'text.spaces', text, text.replace(/\s+/g, ' '));
  const unix = rewrite(steps, 'text.lineBreaks', text, text.replace(/\r\n?/g, '\n'));
  const spaced = unix
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n');
  return rewrite(steps, 'text.spaces', unix, spaced);
}

/** The cell's text with invisible characters gone, trimmed, its blanks made single and full-width forms folded. */
export function tidyText(cell: ImportCell, options: TidyOptions, steps: CleanStep[]): string {
  const raw = cellText(cell);
  let text = rewrite(steps, 'text.invisible', raw, raw.replace(INVISIBLE, ''));
  text = rewrite(steps, 'text.trim', text, text.trim());
  text = singleSpaces(text, options.lines, steps);
  text = rewrite(steps, 'text.fullWidth', text, options.fold === 'all' ? text.normalize('NFKC') : foldLetters(text));
  return rewrite(steps, 'text.formulaQuote', text, text.replace(FORMULA_QUOTE, ''));
}

// What a spreadsheet shows for a formula that failed: the value is unknown, so it is refused
// rather than read as nothing.
const EXCEL_ERROR = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|GETTING_DATA)$/i;
// Marks people type into a cell that has nothing to say: dashes of any kind, dots, slashes,
// question marks, and the words below. Compared lower-cased.
const PLACEHOLDER_MARKS = /^[\p{Pd}\u2212\u30FC\uFF70\u2500_~.·…/\\?？*]+$/u;
const PLACEHOLDER_WORDS = new Set([
  '无',
  '暂无',
  '没有',
  '空',
  '未填',
  '未填写',
  '未知',
  '不详',
  'n/a',
  'na',
  'nil',
  'null',
  'none',
  'nan',
  'undefined',
  '0000-00-00',
  '0000-00-00 00:00:00',
  '0000/00/00',
]);

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER_MARKS.test(text) || PLACEHOLDER_WORDS.has(text.toLowerCase());
}

/**
 * The answer for a tidied cell that holds nothing (blank, or a placeholder: recorded as a step)
 * or an Excel error; null when the text has something a cleaner must read.
 */
export function nothingOrError(text: string, steps: CleanStep[]): Cleaned<never> | null {
  if (text === '') return cleaned<never>(null, steps);
  if (EXCEL_ERROR.test(text)) return refused('cell.excelError', steps);
  if (isPlaceholder(text)) {
    rewrite(steps, 'empty.placeholder', text, '');
    return cleaned<never>(null, steps);
  }
  return null;
}

/** Text as Excel writes a long number it has turned into one (1.38001E+10): its digits are lost. */
export function isScientific(text: string): boolean {
  return /^\d+(?:\.\d+)?e[+-]?\d+$/i.test(text);
}

/** A cleaner for plain text: tidied, nothing for a placeholder, refused past `max` characters. */
export function cleanPlainText(cell: ImportCell, options: TidyOptions, max: number): Cleaned<string> {
  const steps: CleanStep[] = [];
  const text = tidyText(cell, options, steps);
  const early = nothingOrError(text, steps);
  if (early) return early;
  if ([...text].length > max) return refused('text.tooLong', steps, max);
  return cleaned(text, steps);
}
