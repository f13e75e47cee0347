import { SHEETS, type PrintToPdfResult, type SheetKind } from '../../../../shared/print-pdf';
import { pdfPrinter } from '../../../api/printToPdf';

/** The element that holds the sheet on paper: hidden on screen, alone on the page in print. */
export const SHEET_PRINT_CLASS = 'bd-sheet-print';

/**
 * Print CSS for a sheet of fixed size, in the page for as long as the print dialog is open (so
 * printing then, in any way, prints the sheet): the page is exactly the paper, without margins,
 * and everything but the sheet is hidden. Electron's printToPDF is given the same size
 * (shared/print-pdf.ts), a browser takes it from @page.
 */
export function sheetPrintCss(sheet: SheetKind): string {
  const { widthMm, heightMm } = SHEETS[sheet];
  return `.${SHEET_PRINT_CLASS} { display: none; }
@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }
@media print {
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; min-height: 0 !important; }
  body > :not(.${SHEET_PRINT_CLASS}) { display: none !important; }
  .${SHEET_PRINT_CLASS} { display: block !important; }
}
`;
}

/** Prints the sheet: to a PDF the user saves (Electron) or through the browser's print dialog (null). */
export async function printSheet(sheet: SheetKind, fileStem: string): Promise<PrintToPdfResult | null> {
  const pdf = pdfPrinter();
  if (!pdf) {
    window.print();
    return null;
  }
  return pdf.printSheet({ fileStem, sheet });
}
