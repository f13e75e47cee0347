import { MAX_AMOUNT_FEN, parseYuan } from '../money';
import { cleaned, nothingOrError, refused, rewrite, tidyText, type CleanStep, type Cleaned, type ImportCell } from './cleaning';

/** As many points as an adjustment may move (points.adjust in the contract). */
export const MAX_IMPORT_POINTS = 100_000_000;

interface Decimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

// 1,234 / 1 234 / 1,234,567.50: groups of three only, so "1,23" is not read as a number.
const GROUPED = /^\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$/;
const PLAIN = /^\d+(?:\.\d+)?$/;

/** A signed decimal as written: -12, −12, (12) as accountants write it, +12, thousands separators. */
function readDecimal(start: string, steps: CleanStep[]): Decimal | null {
  const bracketed = /^\((.*)\)$/.exec(start);
  const signed = /^([-\u2212+]?)\s*(.*)$/.exec(bracketed ? bracketed[1].trim() : start);
  if (!signed) return null;
  const negative = bracketed !== null || (signed[1] !== '' && signed[1] !== '+');
  let body = signed[2];
  if (GROUPED.test(body)) body = rewrite(steps, 'number.thousands', body, body.replace(/[, ]/g, ''));
  if (!PLAIN.test(body)) return null;
  const [whole, fraction = ''] = body.split('.');
  return { negative, whole, fraction };
}

/** The text of a numeric cell, tidied, and the same with its unit or currency taken off by `bare`. */
function numberText(cell: ImportCell, bare: (text: string) => string, unitRule: 'number.unit' | 'money.currency', steps: CleanStep[]) {
  const text = tidyText(cell, { fold: 'all', lines: 'one' }, steps);
  return { text, bare: rewrite(steps, unitRule, text, bare(text)) };
}

const withoutPointsUnit = (text: string) => text.replace(/\s*(?:积分|分|pts?|points?)$/i, '');

/** A points balance: a whole number, not negative; 1,234 and 1234.00 read as 1234. */
export function cleanPoints(cell: ImportCell): Cleaned<number> {
  const steps: CleanStep[] = [];
  if (typeof cell === 'number') return pointsAnswer(cell, steps);
  const { text, bare } = numberText(cell, withoutPointsUnit, 'number.unit', steps);
  const early = nothingOrError(text, steps);
  if (early) return early;
  const decimal = readDecimal(bare, steps);
  if (!decimal) return refused('points.notNumber', steps);
  if (/[^0]/.test(decimal.fraction)) return refused('points.notWhole', steps);
  if (decimal.fraction !== '') rewrite(steps, 'number.decimalZeros', `${decimal.whole}.${decimal.fraction}`, decimal.whole);
  const points = Number(decimal.whole);
  return pointsAnswer(decimal.negative && points !== 0 ? -points : points, steps);
}

function pointsAnswer(points: number, steps: CleanStep[]): Cleaned<number> {
  if (!Number.isFinite(points)) return refused('points.notNumber', steps);
  if (!Number.isInteger(points)) return refused('points.notWhole', steps);
  if (points < 0) return refused('points.negative', steps);
  if (points > MAX_IMPORT_POINTS) return refused('points.tooBig', steps);
  return cleaned(points, steps);
}

// NFKC has already made ￥ into ¥. A sign or an accountant's bracket may stand before the symbol.
const withoutCurrency = (text: string) =>
  text.replace(/^([-\u2212+(]?)\s*(?:¥|rmb|cny)\s*/i, '$1').replace(/\s*(?:元|块|rmb|cny)(\)?)$/i, '$1');

export interface MoneyOptions {
  /** A refund row in a sales file; a balance is never negative. */
  allowNegative?: boolean;
}

/**
 * Money to integer fen: ¥12.50, ￥12.5, 12.50元, RMB 1,234.5. Parsed on the decimal text by
 * shared/money.ts, never by multiplying floats; a number cell from Excel is rounded to the fen
 * when its float only missed it (11.070000000000002), refused when it has real fractions of a fen.
 */
export function cleanMoney(cell: ImportCell, options: MoneyOptions = {}): Cleaned<number> {
  const steps: CleanStep[] = [];
  if (typeof cell === 'number') return moneyOfNumber(cell, options, steps);
  const { text, bare } = numberText(cell, withoutCurrency, 'money.currency', steps);
  const early = nothingOrError(text, steps);
  if (early) return early;
  const decimal = readDecimal(bare, steps);
  if (!decimal) return refused('money.notNumber', steps);
  const trimmed = decimal.fraction.length > 2 ? decimal.fraction.replace(/0+$/, '').padEnd(2, '0') : decimal.fraction;
  if (trimmed !== decimal.fraction)
    rewrite(steps, 'number.decimalZeros', `${decimal.whole}.${decimal.fraction}`, `${decimal.whole}.${trimmed}`);
  const yuan = parseYuan(trimmed === '' ? decimal.whole : `${decimal.whole}.${trimmed}`);
  if (!yuan.ok && yuan.rule !== 'not_positive') {
    return refused(
      yuan.rule === 'too_many_decimals' ? 'money.tooManyDecimals' : yuan.rule === 'too_big' ? 'money.tooBig' : 'money.notNumber',
      steps,
    );
  }
  const fen = yuan.ok ? yuan.fen : 0;
  return signedMoney(decimal.negative ? -fen : fen, options, steps);
}

function moneyOfNumber(yuan: number, options: MoneyOptions, steps: CleanStep[]): Cleaned<number> {
  if (!Number.isFinite(yuan)) return refused('money.notNumber', steps);
  const fen = Math.round(yuan * 100);
  if (Math.abs(yuan * 100 - fen) > 1e-6) return refused('money.tooManyDecimals', steps);
  if (Math.abs(fen) > MAX_AMOUNT_FEN) return refused('money.tooBig', steps);
  const written = String(yuan);
  if (/\.\d{3,}/.test(written)) rewrite(steps, 'money.floatRounding', written, (fen / 100).toFixed(2));
  return signedMoney(fen, options, steps);
}

function signedMoney(fen: number, options: MoneyOptions, steps: CleanStep[]): Cleaned<number> {
  if (fen < 0 && !options.allowNegative) return refused('money.negative', steps);
  return cleaned(fen === 0 ? 0 : fen, steps);
}
