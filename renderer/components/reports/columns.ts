import { formatYuan } from '../../../shared/money';

/** What a report cell holds before formatting: money in integer fen, rates as fractions (0.25). */
export type CellValue = string | number | null | undefined;

/**
 * How a column's values are shown and exported:
 * - `text`: the formatted string, on screen and in both files;
 * - `number`: a plain number (counts, points, averages), exported as a number;
 * - `money`: integer fen, shown as ¥1,234.50, exported as yuan with two decimals;
 * - `percent`: a fraction, shown as 25.3%, exported as a percentage Excel understands.
 */
export type ColumnKind = 'text' | 'number' | 'money' | 'percent';

export interface ReportColumn<Row> {
  /** Stable id of the column; also where the value is read from when `value` is not given. */
  key: string;
  /** Already translated: it is the header on screen, in print and in both files. */
  header: string;
  kind?: ColumnKind;
  /** Defaults to right for numeric kinds, left for text. */
  align?: 'left' | 'center' | 'right';
  /** Reads the raw value; defaults to `row[key]`. */
  value?: (row: Row) => CellValue;
  /** What the screen shows; defaults by kind. Numeric kinds still export the raw number. */
  format?: (value: CellValue, row: Row) => string;
  /** Decimal places of `number` (default: as is) and `percent` (default 1) columns. */
  decimals?: number;
  /** How the figure is counted, shown when the header is hovered (screen only, not in files). */
  help?: string;
  /** Keep the cell on one line (a time, a code) and let other columns wrap instead. */
  noWrap?: boolean;
}

/** One exported cell: a string, or a number with the Excel number format that shows it right. */
export type ExportCell = { text: string } | { number: number; numFmt: string | null; csv: string };

const EMPTY = '—';

export function cellValue<Row>(column: ReportColumn<Row>, row: Row): CellValue {
  if (column.value) return column.value(row);
  const raw: unknown = (row as Record<string, unknown>)[column.key];
  return typeof raw === 'string' || typeof raw === 'number' ? raw : null;
}

export function columnAlign<Row>(column: ReportColumn<Row>): 'left' | 'center' | 'right' {
  return column.align ?? ((column.kind ?? 'text') === 'text' ? 'left' : 'right');
}

function isNumber(value: CellValue): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function percentDecimals<Row>(column: ReportColumn<Row>): number {
  return column.decimals ?? 1;
}

function roundTo(n: number, decimals: number | undefined): number {
  return decimals === undefined ? n : Number(n.toFixed(decimals));
}

/** Fen as yuan text with exactly two decimals and no separators ("-1234.50"), by integer maths. */
export function fenToYuanText(fen: number): string {
  const whole = Math.round(fen);
  const abs = Math.abs(whole);
  return `${whole < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function percentText(fraction: number, decimals: number): string {
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** The text a cell shows on screen and in print. */
export function displayText<Row>(column: ReportColumn<Row>, row: Row): string {
  const value = cellValue(column, row);
  if (column.format) return column.format(value, row);
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'string') return value;
  switch (column.kind ?? 'text') {
    case 'money':
      return formatYuan(Math.round(value));
    case 'percent':
      return percentText(value, percentDecimals(column));
    case 'number':
      return column.decimals === undefined
        ? value.toLocaleString('en-US', { maximumFractionDigits: 20 })
        : value.toLocaleString('en-US', { minimumFractionDigits: column.decimals, maximumFractionDigits: column.decimals });
    default:
      return String(value);
  }
}

function decimalsFormat(decimals: number): string {
  return decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
}

/** The cell written to CSV and XLSX: raw numbers for numeric kinds, the shown text otherwise. */
export function exportCell<Row>(column: ReportColumn<Row>, row: Row): ExportCell {
  const value = cellValue(column, row);
  const kind = column.kind ?? 'text';
  if (kind === 'text' || !isNumber(value)) {
    // A missing value is an empty cell in a file, not the dash the screen shows (a numeric
    // column's format is for its numbers; a text column's may say what a missing value is).
    if ((kind !== 'text' || !column.format) && (value === null || value === undefined || value === '')) return { text: '' };
    return { text: displayText(column, row) };
  }
  switch (kind) {
    case 'money':
      return { number: Math.round(value) / 100, numFmt: '#,##0.00', csv: fenToYuanText(value) };
    case 'percent': {
      const decimals = percentDecimals(column);
      return {
        number: roundTo(value, decimals + 2),
        numFmt: decimals > 0 ? `0.${'0'.repeat(decimals)}%` : '0%',
        csv: percentText(value, decimals),
      };
    }
    default: {
      const n = roundTo(value, column.decimals);
      return { number: n, numFmt: column.decimals === undefined ? null : decimalsFormat(column.decimals), csv: String(n) };
    }
  }
}
