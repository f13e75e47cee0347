import { openDatabase } from '../../db/connection';
import { createApp, type App } from '../../services/core/context';
import { dispatch } from '../../services/core/dispatch';
import { scheduleMaintenance } from '../../services/core/maintenance';
import { AppError, type ErrorBody } from '../../shared/errors';
import type { CallMessage, HostOptions, HostPort } from './protocol';

// The backend host: the database and the services, off the window's thread. The same code runs in
// a worker thread (browser mode, tests: worker-entry.ts) and in Electron's utility process
// (utility-entry.ts); it never imports electron. Calls are answered one at a time, in the order
// they came, by the same dispatcher the tests call directly, so every answer is the one a direct
// call would give.

const NOT_OPEN: ErrorBody = { code: 'INTERNAL', message: 'The database is not open', details: { reason: 'not_open' } };

function openFailure(err: unknown, options: HostOptions): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: `Cannot open ${options.dbPath}: ${String(err)}`, details: { reason: 'open_failed' } };
}

export function serveBackend(port: HostPort): void {
  let app: App | null = null;
  let stopMaintenance: (() => void) | null = null;

  const answer = (message: CallMessage) => {
    const envelope = app
      ? dispatch(app, { session: message.session }, message.method, message.input)
      : { ok: false as const, error: NOT_OPEN };
    try {
      port.postMessage({ kind: 'answer', id: message.id, envelope });
    } catch (err) {
      // A result that cannot be cloned is our bug; the caller still gets an answer, not a wait.
      console.error(`[backend] ${message.method}: the answer could not be sent`, err);
      const error: ErrorBody = { code: 'INTERNAL', message: 'Internal error', details: { method: message.method } };
      port.postMessage({ kind: 'answer', id: message.id, envelope: { ok: false, error } });
    }
  };

  port.onMessage((message) => {
    switch (message.kind) {
      case 'open':
        if (app) return;
        try {
          const db = openDatabase(message.options.dbPath, { nativeBinding: message.options.nativeBinding });
          app = createApp(db, { checkOutputs: message.options.checkOutputs });
          port.postMessage({ kind: 'ready' });
        } catch (err) {
          port.postMessage({ kind: 'failed', error: openFailure(err, message.options) });
        }
        return;
      case 'call':
        return answer(message);
      case 'maintain':
        // Sent once the window has loaded (or browser mode printed its ready line): the first
        // screen never waits for the chores. Calls already queued are answered first.
        if (app && !stopMaintenance) stopMaintenance = scheduleMaintenance(app);
        return;
      case 'close':
        stopMaintenance?.();
        app?.db.close();
        app = null;
        port.postMessage({ kind: 'closed' });
        return;
    }
  });
}
