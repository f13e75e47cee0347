import { ipcMain } from 'electron';
import { isTrustedSender } from './sender';
import type { App } from '../services/context';
import { dispatch } from '../services/dispatch';
import type { Envelope } from '../shared/errors';

/** One handler for every method: the IPC transport is a thin shell around dispatch. */
export function wireIpc(app: App, rendererUrl: string): void {
  ipcMain.handle('rpc', (event, method: unknown, input: unknown, session: unknown): Envelope<unknown> => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', details: { reason: 'untrusted_sender' } } };
    }
    if (typeof method !== 'string' || (session !== null && typeof session !== 'string')) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed call' } };
    }
    return dispatch(app, { session }, method, input);
  });
}
