import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { App } from '../services/context';
import { dispatch } from '../services/dispatch';
import type { Envelope } from '../shared/errors';

/** Only our own page may call: the renderer loaded from the app's files, in the top frame. */
export function isTrustedSender(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    const expected = new URL(rendererUrl);
    return url.protocol === expected.protocol && url.host === expected.host && url.pathname === expected.pathname;
  } catch {
    return false;
  }
}

/** One handler for every method: the IPC transport is a thin shell around dispatch. */
export function wireIpc(app: App, rendererUrl: string): void {
  ipcMain.handle('rpc', (event, method: unknown, input: unknown, session: unknown): Envelope<unknown> => {
    if (!isTrustedSender(event, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', details: { reason: 'untrusted_sender' } } };
    }
    if (typeof method !== 'string' || (session !== null && typeof session !== 'string')) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed call' } };
    }
    return dispatch(app, { session }, method, input);
  });
}
