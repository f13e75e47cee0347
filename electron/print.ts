import { app, BrowserWindow, dialog, type SaveDialogOptions, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issuesFromZod, validationError, type Envelope } from '../shared/errors';
import { PrintToPdfInput, type PrintToPdfResult } from '../shared/print-pdf';
import { pdfOptions, safeFileStem, withPdfExtension } from './print-template';

/**
 * Prints the calling page to an A4 PDF with the report's header on every page, then asks where
 * to save it. The page's print CSS (renderer/components/reports/print.ts) has already hidden
 * everything but the report; nothing is read from the database here.
 */
export async function printToPdf(sender: WebContents, rawInput: unknown): Promise<Envelope<PrintToPdfResult>> {
  const parsed = PrintToPdfInput.safeParse(rawInput);
  if (!parsed.success) return { ok: false, error: validationError(issuesFromZod(parsed.error)).toBody() };
  const input = parsed.data;

  let pdf: Buffer;
  try {
    pdf = await sender.printToPDF(pdfOptions(input));
  } catch (err) {
    return { ok: false, error: { code: 'INTERNAL', message: `printToPDF failed: ${String(err)}`, details: { reason: 'print_failed' } } };
  }

  const options: SaveDialogOptions = {
    defaultPath: join(app.getPath('documents'), `${safeFileStem(input.fileStem)}.pdf`),
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
    return { ok: false, error: { code: 'INTERNAL', message: `Could not write ${path}: ${String(err)}`, details: { reason: 'write_failed' } } };
  }
  return { ok: true, result: { saved: true, path } };
}
