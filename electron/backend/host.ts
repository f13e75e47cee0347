import { LOCK_WAIT_MS, openDatabase, setLockWait } from '../../db/connection';
import { createApp, type App } from '../../services/core/context';
import { dispatch, dispatchAsync, sessionCaller } from '../../services/core/dispatch';
import { scheduleMaintenance } from '../../services/core/maintenance';
import { startBackupLoop } from '../../services/backup/loop';
import { contract, isMethodName } from '../../shared/contract/index';
import { AppError, type Envelope, type ErrorBody } from '../../shared/errors';
import { startBackend, type Backend } from './client';
import type { CallMessage, HostChannel, HostOptions, HostPort } from './protocol';

// The backend host: the database and the services, off the window's thread. The same code runs in
// a worker thread (browser mode, tests: worker-entry.ts) and in Electron's utility process
// (utility-entry.ts); it never imports electron. Calls are answered one at a time, in the order
// they came, by the same dispatcher the tests call directly, so every answer is the one a direct
// call would give. A long call (`ownThread` in the contract: an HQ merge, a branch export) is
// handed to a side host, a second host on the same database in a worker thread of its own, so
// the calls after it are answered meanwhile; WAL lets them read the database as it was until the
// long call commits, whole. While a long call that holds the database for writing runs (an HQ
// merge), this host's connection does not wait for the lock: a call that needs it finds it taken
// at once (its transaction changed nothing), waits here, off the thread, and is run again once
// the long call has ended; the reads go on being answered meanwhile. The side host also takes
// the backups (docs/backup.md): started with the chores, it copies and checks them on its own
// thread, and the services' host only asks for them.

const NOT_OPEN: ErrorBody = { code: 'INTERNAL', message: 'The database is not open', details: { reason: 'not_open' } };

export interface HostSettings {
  /** Starts the side host for the long calls; without one (the side host itself) they run here like any other. */
  sideHost?: () => HostChannel;
}

function openFailure(err: unknown, options: HostOptions): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: `Cannot open ${options.dbPath}: ${String(err)}`, details: { reason: 'open_failed' } };
}

const longCall = (method: string) => (isMethodName(method) ? contract[method].ownThread : undefined);
const isAsync = (method: string) => isMethodName(method) && contract[method].async === true;

export function serveBackend(port: HostPort, settings: HostSettings = {}): void {
  let app: App | null = null;
  let options: HostOptions | null = null;
  let stopMaintenance: (() => void) | null = null;
  let side: Promise<Backend> | null = null;
  /** Long calls holding the database for writing, and the calls that found the lock taken meanwhile. */
  let writers = 0;
  const waiting: CallMessage[] = [];

  const send = (id: number, method: string, envelope: Envelope<unknown>) => {
    try {
      port.postMessage({ kind: 'answer', id, envelope });
    } catch (err) {
      // A result that cannot be cloned is our bug; the caller still gets an answer, not a wait.
      console.error(`[backend] ${method}: the answer could not be sent`, err);
      const error: ErrorBody = { code: 'INTERNAL', message: 'Internal error', details: { method } };
      port.postMessage({ kind: 'answer', id, envelope: { ok: false, error } });
    }
  };

  const answered = (message: CallMessage, envelope: Envelope<unknown>) => {
    if (!envelope.ok && envelope.error.code === 'BUSY' && writers > 0) return void waiting.push(message);
    send(message.id, message.method, envelope);
  };

  const answer = (message: CallMessage) => {
    if (!app) return answered(message, { ok: false, error: NOT_OPEN });
    const meta = message.caller === undefined ? { session: message.session } : { caller: message.caller };
    // An import reading its file awaits between chunks: the calls after it are answered meanwhile.
    if (isAsync(message.method)) return void dispatchAsync(app, meta, message.method, message.input).then((e) => answered(message, e));
    answered(message, dispatch(app, meta, message.method, message.input));
  };

  /** The side host, started once (by the chores, or by a long call that came first) and kept. */
  const sideBackend = (start: () => HostChannel, opened: HostOptions): Promise<Backend> =>
    (side ??= startBackend(start, { ...opened, role: 'side' }));

  /** To the side host (its relay restarts it if it dies), with the caller resolved here. */
  const handOver = (message: CallMessage, current: App, start: () => HostChannel, opened: HostOptions) => {
    const caller = sessionCaller(current, message.session);
    const writer = longCall(message.method) === 'writer';
    if (writer && writers++ === 0) setLockWait(current.db, 0);
    const ended = () => {
      if (!writer || --writers > 0) return;
      if (app) setLockWait(app.db, LOCK_WAIT_MS);
      for (const held of waiting.splice(0)) answer(held);
    };
    const started = sideBackend(start, opened);
    started
      .then((backend) => backend.call(message.method, message.input, null, caller))
      .catch((err: unknown): Envelope<unknown> => {
        if (side === started) side = null; // the next long call tries again
        console.error('[backend] the side host could not start', err);
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'Internal error', details: { reason: 'side_host', method: message.method } },
        };
      })
      .then((envelope) => {
        send(message.id, message.method, envelope);
        ended();
      });
  };

  const closeDatabase = () => {
    app?.db.close();
    app = null;
    port.postMessage({ kind: 'closed' });
  };

  const close = () => {
    stopMaintenance?.();
    stopMaintenance = null;
    if (!side) return closeDatabase();
    // A long call still running finishes first (its relay closes after it).
    const closing = side;
    side = null;
    void closing
      .then((backend) => backend.close())
      .catch(() => undefined)
      .then(closeDatabase);
  };

  port.onMessage((message) => {
    switch (message.kind) {
      case 'open':
        if (app) return;
        try {
          const db = openDatabase(message.options.dbPath, { nativeBinding: message.options.nativeBinding });
          app = createApp(db, { checkOutputs: message.options.checkOutputs });
          options = message.options;
          port.postMessage({ kind: 'ready' });
        } catch (err) {
          port.postMessage({ kind: 'failed', error: openFailure(err, message.options) });
        }
        return;
      case 'call':
        if (app && options && settings.sideHost && longCall(message.method)) return handOver(message, app, settings.sideHost, options);
        return answer(message);
      case 'maintain':
        // Sent once the window has loaded (or browser mode printed its ready line): the first
        // screen never waits for the chores. Calls already queued are answered first.
        if (!app || stopMaintenance) return;
        if (options?.role === 'side') {
          stopMaintenance = startBackupLoop(app);
          return;
        }
        stopMaintenance = scheduleMaintenance(app);
        // The side host starts now, not on the first long call: it takes the backups.
        if (settings.sideHost && options) {
          const starting = sideBackend(settings.sideHost, options);
          starting
            .then((backend) => backend.startMaintenance())
            .catch((err: unknown) => {
              if (side === starting) side = null; // the next long call tries again
              console.error('[backend] the side host could not start: no backups are taken', err);
            });
        }
        return;
      case 'close':
        close();
        return;
    }
  });
}
