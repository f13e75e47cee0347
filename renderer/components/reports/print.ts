import type { PrintToPdfRequest, PrintToPdfResult } from '../../../shared/print-pdf';
import { pdfPrinter } from '../../api/printToPdf';

/** What the printed page says about itself, besides the report's title. */
export interface PrintMeta {
  storeName: string;
  /** Staff name of who prints. */
  printedBy: string;
  /** The period the report covers; defaults to the frame's subtitle. */
  periodLabel?: string;
}

/** Elements inside a report frame with this class never print (its buttons, a period picker in `actions`). */
export const NO_PRINT_CLASS = 'bd-report-no-print';
/** Elements with this class show only on paper (the browser-mode print header). */
export const PRINT_ONLY_CLASS = 'bd-report-print-only';
/** The box around a report's chart canvas. */
export const CHART_CLASS = 'bd-report-chart';

const TARGET = 'data-report-printing';
const PATH = 'data-report-print-path';
const HIDDEN = 'data-report-print-hidden';
const STYLE_ID = 'bd-report-print-style';

/** Electron prints to PDF in the main process (with a header on every page); a browser prints the page. */
export function printsToPdf(): boolean {
  return pdfPrinter() !== null;
}

/**
 * Print CSS, added only while a report prints, so the app shell needs no print classes: every
 * element beside the report's path up to <body> is hidden (app bar, tabs, other cards, dialogs),
 * the elements on that path lose their padding and width limits, and the report spans the page.
 * `@page` is for window.print() only: printToPDF takes its size and margins from its options.
 */
export function printCss(page: { landscape: boolean } | null): string {
  const pageRule = page ? `@page { size: A4${page.landscape ? ' landscape' : ''}; margin: 12mm; }\n` : '';
  return `${pageRule}@media print {
  [${HIDDEN}] { display: none !important; }
  [${PATH}] { margin: 0 !important; padding: 0 !important; max-width: none !important; min-height: 0 !important; overflow: visible !important; position: static !important; background: #fff !important; }
  [${TARGET}] { box-shadow: none !important; border: 0 !important; border-radius: 0 !important; margin: 0 !important; width: auto !important; overflow: visible !important; }
  [${TARGET}] .${NO_PRINT_CLASS} { display: none !important; }
  [${TARGET}] .${PRINT_ONLY_CLASS} { display: block !important; }
  [${TARGET}] .${CHART_CLASS} { height: auto !important; break-inside: avoid; }
  [${TARGET}] canvas { max-width: 100% !important; height: auto !important; }
  [${TARGET}] .MuiTableContainer-root { overflow: visible !important; }
  [${TARGET}] thead { display: table-header-group; }
  [${TARGET}] tr { break-inside: avoid; }
}
`;
}

let undoPending: (() => void) | null = null;

/** Marks the page so that only `frame` prints; returns the undo (safe to call twice). */
export function isolateForPrint(frame: HTMLElement, page: { landscape: boolean } | null): () => void {
  undoPending?.();
  const marked: Array<[Element, string]> = [];
  const mark = (element: Element, attribute: string) => {
    element.setAttribute(attribute, '');
    marked.push([element, attribute]);
  };
  mark(frame, TARGET);
  for (let node: Element = frame; node !== document.body && node.parentElement; node = node.parentElement) {
    const parent = node.parentElement;
    mark(parent, PATH);
    for (const sibling of Array.from(parent.children)) if (sibling !== node) mark(sibling, HIDDEN);
  }
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = printCss(page);
  document.head.append(style);

  const undo = () => {
    for (const [element, attribute] of marked) element.removeAttribute(attribute);
    marked.length = 0;
    style.remove();
    if (undoPending === undo) undoPending = null;
  };
  undoPending = undo;
  return undo;
}

/**
 * Prints one report frame: through the main process to a PDF the user saves (Electron), or the
 * browser's print dialog (browser mode). Resolves with where the PDF went, or null in a browser.
 */
export async function printReport(frame: HTMLElement, request: PrintToPdfRequest): Promise<PrintToPdfResult | null> {
  const pdf = pdfPrinter();
  if (!pdf) {
    const undo = isolateForPrint(frame, { landscape: request.landscape ?? false });
    // The dialog blocks in Chromium; afterprint covers browsers where it does not.
    window.addEventListener('afterprint', undo, { once: true });
    try {
      window.print();
    } catch (err) {
      undo();
      throw err;
    }
    return null;
  }
  const undo = isolateForPrint(frame, null);
  try {
    return await pdf.printReport(request);
  } finally {
    undo();
  }
}
