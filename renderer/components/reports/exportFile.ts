import type { TFunction } from 'i18next';
import { unparse } from 'papaparse';
import { exportCell, type ExportCell, type ReportColumn } from './columns';

/** The table behind a report, as both files and the screen see it. */
export interface ReportTableData<Row> {
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
  /** A totals row, written last and in bold (left out when there are no rows). */
  totalRow?: Row;
}

export const CSV_MIME = 'text/csv;charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel on zh-CN Windows reads a CSV without a BOM as GBK and garbles every Chinese character. */
const BOM = '\uFEFF';

/**
 * Text Excel would run as a formula (CSV injection: a member named "=HYPERLINK(…)"). papaparse
 * prefixes it with an apostrophe. A minus that starts a plain number ("-12.50", "-3.5%") is data.
 */
const FORMULA_START = /^(?:[=+@\t\r]|-(?!\d[\d,]*(?:\.\d+)?%?$))/;

function exportRows<Row>(data: ReportTableData<Row>): ExportCell[][] {
  // Totals of nothing are left out, as on screen.
  const rows = data.totalRow === undefined || data.rows.length === 0 ? data.rows : [...data.rows, data.totalRow];
  return rows.map((row) => data.columns.map((column) => exportCell(column, row)));
}

/** RFC 4180 CSV (CRLF, quotes doubled, fields with commas, quotes or newlines quoted), UTF-8 with a BOM. */
export function reportCsv<Row>(data: ReportTableData<Row>): string {
  const fields = data.columns.map((column) => column.header);
  const body = exportRows(data).map((cells) => cells.map((cell) => ('text' in cell ? cell.text : cell.csv)));
  return BOM + unparse({ fields, data: body }, { newline: '\r\n', escapeFormulae: FORMULA_START });
}

type ExcelModule = typeof import('exceljs');

/** exceljs is large: it is fetched on the first export, never with the app's start-up bundle. */
async function loadExcel(): Promise<ExcelModule> {
  const mod: ExcelModule & { default?: ExcelModule } = await import('exceljs');
  // A CommonJS/UMD package: the classes sit on `default` under some bundlers and Node.
  return mod.default ?? mod;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetName(title: string): string {
  const cleaned = title
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned || 'Sheet1';
}

/** Column widths in Excel's character units; a CJK character is about two of them. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return width;
}

export interface XlsxOptions {
  /** Sheet name (the report title); cleaned to what Excel accepts. */
  title: string;
}

/** One sheet: a bold frozen header row, the rows with real numbers and number formats, the totals in bold. */
export async function reportXlsx<Row>(data: ReportTableData<Row>, options: XlsxOptions): Promise<Uint8Array<ArrayBuffer>> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'BranchDesk';
  workbook.title = options.title;
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName(options.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  const cellRows = exportRows(data);
  const widths = data.columns.map((column) => textWidth(column.header));

  sheet.addRow(data.columns.map((column) => column.header)).font = { bold: true };
  for (const cells of cellRows) {
    const row = sheet.addRow(cells.map((cell) => ('text' in cell ? cell.text || null : cell.number)));
    cells.forEach((cell, i) => {
      if ('number' in cell && cell.numFmt) row.getCell(i + 1).numFmt = cell.numFmt;
      widths[i] = Math.max(widths[i], textWidth('text' in cell ? cell.text : cell.csv));
    });
  }
  if (data.totalRow !== undefined && data.rows.length > 0) sheet.lastRow!.font = { bold: true };
  data.columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = Math.min(Math.max(widths[i] + 2, 8), 60);
    if (column.align) sheetColumn.alignment = { horizontal: column.align };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Characters Windows or macOS refuse in a file name (a full-width ：or ／ is fine). */
const REFUSED_IN_FILE_NAMES = /[<>:"/\\|?*\u0000-\u001f]/g;
/** Spaces beside a Chinese character: the screen's "RFM 分群" is the file's RFM分群. */
const SPACE_BESIDE_CJK = /\s+(?=[\u2E80-\uFFEF])|(?<=[\u2E80-\uFFEF])\s+/g;

/**
 * A report file's name without its extension, from parts in the reader's language: the report,
 * then its dates or period, then what narrows it (`RFM分群-2026-12-05`, `多店消费会员-2026-11-第1页`,
 * `Sales detail-2026-11-25`). Empty parts are left out; a character a file system refuses becomes _.
 */
export function fileStem(...parts: ReadonlyArray<string | null | undefined | false>): string {
  const stem = parts
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.replace(SPACE_BESIDE_CJK, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('-')
    .replace(REFUSED_IN_FILE_NAMES, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return stem || 'BranchDesk';
}

/** A range of dates in a file's name: one date, or both ends (`2026-11-01至2026-11-30`). */
export function fileDates(t: TFunction, from: string, to: string): string {
  return from === to ? from : t('reportFrame.fileRange', { from, to });
}

/**
 * Saves through the browser's download: a Blob and a clicked anchor. Works in browser mode and in
 * Electron, whose main process answers the download with a save dialog (electron/main.ts).
 */
export function downloadFile(content: string | Uint8Array<ArrayBuffer>, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking at once can cancel a download the browser has not read yet.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadCsv<Row>(data: ReportTableData<Row>, exportName: string): void {
  downloadFile(reportCsv(data), `${exportName}.csv`, CSV_MIME);
}

export async function downloadXlsx<Row>(data: ReportTableData<Row>, exportName: string, title: string): Promise<void> {
  const bytes = await reportXlsx(data, { title });
  downloadFile(bytes, `${exportName}.xlsx`, XLSX_MIME);
}
