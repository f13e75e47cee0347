import type { ErrorBody } from '../../shared/errors';
import {
  PRINT_SHEET_TO_PDF_METHOD,
  PRINT_TO_PDF_METHOD,
  type PrintSheetToPdfRequest,
  type PrintToPdfRequest,
  type PrintToPdfResult,
} from '../../shared/print-pdf';

// Printing to PDF is a capability of the Electron window, not a service: the main process prints
// the page the renderer shows (electron/ipc.ts answers these names on the one invoke channel
// before anything reaches dispatch) and reads nothing from the database. Declared here, beside
// the transport, so no page touches window.api; browser mode has no such window and its pages
// print with the browser's own dialog and print CSS.

/** The window's PDF printer: prints the page as it is now, then asks where to save the file. */
export interface PdfPrinter {
  /** An A4 report with its header on every page; the page's print CSS has isolated the report. */
  printReport(request: PrintToPdfRequest): Promise<PrintToPdfResult>;
  /** One sheet of fixed size (a member card, a sheet of labels) that the page's print CSS has laid out. */
  printSheet(request: PrintSheetToPdfRequest): Promise<PrintToPdfResult>;
}

/** The main process could not print or save; `error.code` says which kind of failure. */
export class PrintFailed extends Error {
  constructor(readonly error: ErrorBody) {
    super(error.message);
  }
}

/** The Electron window's PDF printer, or null in a browser (and under Node, where there is no window). */
export function pdfPrinter(): PdfPrinter | null {
  const preload = typeof window !== 'undefined' ? window.api : undefined;
  if (!preload) return null;
  const print = async (method: string, request: unknown): Promise<PrintToPdfResult> => {
    const envelope = await preload.invoke(method, request, null);
    if (!envelope.ok) throw new PrintFailed(envelope.error);
    return envelope.result as PrintToPdfResult;
  };
  return {
    printReport: (request) => print(PRINT_TO_PDF_METHOD, request),
    printSheet: (request) => print(PRINT_SHEET_TO_PDF_METHOD, request),
  };
}
