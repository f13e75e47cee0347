// What a file to import may be, and why one is refused whole (docs/import.md "Reading the
// file"). Shared so the upload can refuse a file too large before sending it, and the screen can
// say each reason in its own sentence: the refusal is an IMPORT_BAD_FILE error whose
// details.reason is one of these, with the details listed beside each.

/** A file of this size or more is refused before a byte of it is read (a million sales are about 60 MB). */
export const MAX_IMPORT_FILE_BYTES = 200_000_000;

/** Columns a row may have (the member file has 14): more is not a table of customers or sales. */
export const MAX_IMPORT_COLUMNS = 500;

export const IMPORT_FILE_REASONS = [
  /** no bytes, or nothing but blank lines or empty cells */
  'empty',
  /** `bytes`, `maxBytes` */
  'too_large',
  /** a spreadsheet in another format, to be saved again as .xlsx or CSV: `format` xls (Excel 97–2003, WPS), ods, html, xml (Excel 2003 XML) */
  'other_spreadsheet',
  /** a workbook with a password to open it */
  'encrypted',
  /** not a table at all: `format` png, jpeg, gif, bmp, webp, pdf, zip, gzip, rar, 7z, bzip2, unknown */
  'binary',
  /** an .xlsx whose zip or XML cannot be read (cut short, damaged) */
  'damaged',
  /** the workbook has no worksheet, or none named `sheet` */
  'no_sheet',
  /** a header row (`headerRow`) and no row under it */
  'header_only',
  /** a column without a header between named ones: `column` (letter) */
  'empty_header',
  /** two columns with one header: `header`, `column`, `otherColumn` (letters) */
  'duplicate_header',
  /** `row`, `columns` (how many it has), `max` */
  'too_many_columns',
  /** a quote opened and never closed, or closed in the middle of a cell: `row` */
  'broken_quotes',
  /** a row over a megabyte of text (a quote or a line break lost): `row` */
  'row_too_long',
  /** text that is not in the file's `encoding` (another encoding pasted in, or damaged bytes): `row` */
  'mixed_encodings',
] as const;
export type ImportFileReason = (typeof IMPORT_FILE_REASONS)[number];

/** Excel's name for a column: 1 → A, 27 → AA. */
export function columnLetter(columnNumber: number): string {
  let letters = '';
  for (let n = columnNumber; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
