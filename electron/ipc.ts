import { app as electronApp, BrowserWindow, dialog, ipcMain, type SaveDialogOptions, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isTrustedSender } from './sender';
import { pdfOptions, safeFileStem, sheetPdfOptions, withPdfExtension } from './print-template';
import type { Backend } from './backend/client';
import { issuesFromZod, validationError, type Envelope } from '../shared/errors';
import {
  PRINT_SHEET_TO_PDF_METHOD,
  PRINT_TO_PDF_METHOD,
  PrintSheetToPdfInput,
  PrintToPdfInput,
  type PrintToPdfResult,
} from '../shared/print-pdf';

/**
 * One handler for every method: the IPC transport only relays to the services' process
 * (electron/backend/), whose dispatcher answers. The one name it answers itself is printing to
 * PDF, which needs the calling window, not the database.
 */
export function wireIpc(backend: Pick<Backend, 'call'>, rendererUrl: string): void {
  ipcMain.handle('rpc', (event, method: unknown, input: unknown, session: unknown): Envelope<unknown> | Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', details: { reason: 'untrusted_sender' } } };
    }
    if (typeof method !== 'string' || (session !== null && typeof session !== 'string')) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed call' } };
    }
    if (method === PRINT_TO_PDF_METHOD) return printToPdf(event.sender, input);
    if (method === PRINT_SHEET_TO_PDF_METHOD) return printSheetToPdf(event.sender, input);
    return backend.call(method, input, session);
  });
}

/**
 * Prints the calling page to an A4 PDF with the report's header on every page, then asks where
 * to save it. The page's print CSS (renderer/components/reports/print.ts) has already hidden
 * everything but the report; nothing is read from the database here.
 */
async function printToPdf(sender: WebContents, rawInput: unknown): Promise<Envelope<PrintToPdfResult>> {
  const parsed = PrintToPdfInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, error: validationError(issuesFromZod(parsed.error)).toBody() };
  const input = parsed.data;

  let pdf: Buffer;
  try {
    pdf = await sender.printToPDF(pdfOptions(input));
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: `printToPDF failed: ${String(err)}`, details: { reason: 'print_failed' } } };
  }
  return savePdf(sender, pdf, input.fileStem);
}

/**
 * Prints the calling page as one fixed-size sheet (a member card, a label sheet: shared/print-pdf.ts)
 * that the page's print CSS has laid out, then asks where to save it.
 */
async function printSheetToPdf(sender: WebContents, rawInput: unknown): Promise<Envelope<PrintToPdfResult>> {
  const parsed = PrintSheetToPdfInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, error: validationError(issuesFromZod(parsed.error)).toBody() };
  let pdf: Buffer;
  try {
    pdf = await sender.printToPDF(sheetPdfOptions(parsed.data.sheet));
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: `printToPDF failed: ${String(err)}`, details: { reason: 'print_failed' } } };
  }
  return savePdf(sender, pdf, parsed.data.fileStem);
}

async function savePdf(sender: WebContents, pdf: Buffer, fileStem: string): Promise<Envelope<PrintToPdfResult>> {
  const options: SaveDialogOptions = {
    defaultPath: join(electronApp.getPath('documents'), `${safeFileStem(fileStem)}.pdf`),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
  const owner = BrowserWindow.fromWebContents(sender);
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { ok: true, result: { saved: false, path: null } };

  const path = withPdfExtension(choice.filePath);
  try {
    await writeFile(path, pdf);
  } catch (err) {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Could not write ${path}: ${String(err)}`, details: { reason: 'write_failed' } },
    };
  }
  return { ok: true, result: { saved: true, path } };
}
