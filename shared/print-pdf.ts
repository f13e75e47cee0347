import { z } from 'zod';

/**
 * Printing a report to PDF in Electron. It is not a service method (it reads no data: the main
 * process prints the page the renderer shows), so it is not in the contract; electron/ipc.ts
 * answers this reserved name on the one `invoke` channel before anything reaches dispatch.
 */
export const PRINT_TO_PDF_METHOD = 'app.printToPdf';

const Line = z.string().max(300);

export const PrintToPdfInput = z.strictObject({
  /** The PDF's file name without extension; cleaned again in the main process. */
  fileStem: z.string().min(1).max(150),
  landscape: z.boolean().default(false),
  /** Each line already translated and filled in by the renderer ("统计期间：2025年1月"); empty lines are left out. */
  header: z.strictObject({
    title: Line,
    store: Line,
    period: Line,
    printedAt: Line,
    printedBy: Line,
  }),
  /** Footer text with {{page}} and {{pages}} where the numbers go ("第 {{page}} / {{pages}} 页"). */
  pageLabel: z.string().max(100),
});
export type PrintToPdfRequest = z.input<typeof PrintToPdfInput>;
export type PrintToPdfParsed = z.output<typeof PrintToPdfInput>;

export interface PrintToPdfResult {
  /** false when the user cancelled the save dialog */
  saved: boolean;
  path: string | null;
}

/**
 * Printing a sheet of fixed size to PDF in Electron: the member card (CR80, the size of a bank
 * card) or an A4 sheet of card-number labels. The page is laid out by the renderer's print CSS at
 * this size; no header or footer, no margins. Like reports, answered by electron/ipc.ts itself.
 */
export const PRINT_SHEET_TO_PDF_METHOD = 'app.printSheetToPdf';

/** Paper sizes in millimetres, shared by the renderer's @page rule and the main process's printToPDF. */
export const SHEETS = {
  /** ISO/IEC 7810 ID-1 (CR80): 85.60 × 53.98 mm, printed as 85.6 × 54 */
  card: { widthMm: 85.6, heightMm: 54 },
  labels: { widthMm: 210, heightMm: 297 },
} as const;
export type SheetKind = keyof typeof SHEETS;

export const PrintSheetToPdfInput = z.strictObject({
  fileStem: z.string().min(1).max(150),
  sheet: z.enum(['card', 'labels']),
});
export type PrintSheetToPdfRequest = z.input<typeof PrintSheetToPdfInput>;
