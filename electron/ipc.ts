import { ipcMain } from 'electron';
import { isTrustedSender } from './sender';
import { printToPdf } from './print';
import type { App } from '../services/context';
import { dispatch } from '../services/dispatch';
import type { Envelope } from '../shared/errors';
import { PRINT_TO_PDF_METHOD } from '../shared/print-pdf';

/**
 * One handler for every method: the IPC transport is a thin shell around dispatch. The one name
 * it answers itself is printing to PDF, which needs the calling window, not the database.
 */
export function wireIpc(app: App, rendererUrl: string): void {
  ipcMain.handle('rpc', (event, method: unknown, input: unknown, session: unknown): Envelope<unknown> | Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', details: { reason: 'untrusted_sender' } } };
    }
    if (typeof method !== 'string' || (session !== null && typeof session !== 'string')) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed call' } };
    }
    if (method === PRINT_TO_PDF_METHOD) return printToPdf(event.sender, input);
    return dispatch(app, { session }, method, input);
  });
}
