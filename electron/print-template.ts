import { SHEETS, type PrintToPdfParsed, type SheetKind } from '../shared/print-pdf';

// The pure half of printing to PDF (the Electron half is in electron/ipc.ts), so tests run it
// under plain Node. Chromium draws these templates in the page margins of every page, with their
// own styles only: nothing of the page's CSS reaches them, and their default font size is tiny.

const MM_PER_INCH = 25.4;
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** A4 margins: room for the two-line header on top and the page number below. */
export const PDF_MARGINS_MM = { top: 22, bottom: 14, left: 12, right: 12 };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function lines(items: string[], style: string): string {
  return items
    .filter((item) => item.trim() !== '')
    .map((item) => `<div style="${style}">${escapeHtml(item)}</div>`)
    .join('');
}

/** Report title and store on the left; period, then printed at and by, on the right. */
export function pdfHeaderTemplate(header: PrintToPdfParsed['header']): string {
  const box = `width:100%;margin:0 ${PDF_MARGINS_MM.left}mm;padding-bottom:1mm;border-bottom:0.5pt solid #888;display:flex;justify-content:space-between;align-items:flex-end;gap:6mm;font-family:${FONT};font-size:8pt;color:#333;-webkit-print-color-adjust:exact`;
  const left = lines([header.title], 'font-size:11pt;font-weight:bold;color:#000') + lines([header.store], '');
  const printed = [header.printedAt, header.printedBy].filter((s) => s.trim() !== '').join(' · ');
  const right = lines([header.period, printed], 'text-align:right');
  return `<div style="${box}"><div>${left}</div><div>${right}</div></div>`;
}

/** The page label, with Chromium's page number and total pages placed where {{page}} and {{pages}} stand. */
export function pdfFooterTemplate(pageLabel: string): string {
  const label = escapeHtml(pageLabel)
    .replace('{{page}}', '<span class="pageNumber"></span>')
    .replace('{{pages}}', '<span class="totalPages"></span>');
  return `<div style="width:100%;text-align:center;font-family:${FONT};font-size:8pt;color:#555">${label}</div>`;
}

/** The options for webContents.printToPDF (margins in inches, as Electron takes them). */
export function pdfOptions(input: PrintToPdfParsed) {
  const inches = (mm: number) => mm / MM_PER_INCH;
  return {
    pageSize: 'A4' as const,
    landscape: input.landscape,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: pdfHeaderTemplate(input.header),
    footerTemplate: pdfFooterTemplate(input.pageLabel),
    margins: {
      top: inches(PDF_MARGINS_MM.top),
      bottom: inches(PDF_MARGINS_MM.bottom),
      left: inches(PDF_MARGINS_MM.left),
      right: inches(PDF_MARGINS_MM.right),
    },
  };
}

/**
 * The options for a sheet of fixed size (a member card, a label sheet): the page is exactly the
 * paper, without margins, header or footer; the renderer's print CSS fills it. Background colours
 * print (the card's band).
 */
export function sheetPdfOptions(sheet: SheetKind) {
  const { widthMm, heightMm } = SHEETS[sheet];
  return {
    pageSize: { width: widthMm / MM_PER_INCH, height: heightMm / MM_PER_INCH },
    landscape: false,
    printBackground: true,
    displayHeaderFooter: false,
    preferCSSPageSize: true,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  };
}

const RESERVED_WINDOWS_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A file name stem safe on Windows, macOS and Linux: no separators, reserved characters or names. */
export function safeFileStem(stem: string): string {
  const cleaned = stem
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120);
  if (!cleaned) return 'report';
  return RESERVED_WINDOWS_NAMES.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** The save dialog's filter does not add the extension on every platform. */
export function withPdfExtension(path: string): string {
  return /\.pdf$/i.test(path) ? path : `${path}.pdf`;
}
