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
