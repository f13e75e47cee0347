import type { StoreKey } from '../../db/cipher-file';
import { keyOf, LOCK_WAIT_MS, openDatabase, setLockWait } from '../../db/connection';
import { completePendingRestore } from '../../db/restore-swap';
import { createApp, type App } from '../../services/core/context';
import { dispatch, dispatchAsync, sessionCaller } from '../../services/core/dispatch';
import { lockedRefusal } from '../../services/core/idle-lock';
import { scheduleMaintenance } from '../../services/core/maintenance';
import { closeJobRunner } from '../../services/core/jobs/runner';
import { startBackupLoop } from '../../services/backup/loop';
import { contract, isMethodName } from '../../shared/contract/index';
import { AppError, type Envelope, type ErrorBody } from '../../shared/errors';
import { startBackend, type Backend } from './client';
import type { CallMessage, HostChannel, HostOptions, HostPort } from './protocol';
import { rewriteAsked, StoreRewrites, type RekeyJob, type RekeyThread, type RewriteAsked } from './rewrite';

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
//
// A restore (`replacesDatabase` in the contract) runs like any long call, but from the moment it
// is asked every call that writes waits (the chores stop too): whatever it wrote would be lost
// with the store the restore replaces. Once the restore has answered, this host closes the side
// host and the database, puts the restored copy in its place (db/restore-swap.ts), opens it
// again with new sessions (every staff member logs in again), and answers the waiting calls
// from the restored store. A restore refused leaves all as it was, and the waiting calls run.
//
// A rewrite of the file (`rewritesDatabase`: encryption turned on, a new passphrase) goes the
// same way, stricter: every call but `encryption.status` waits from the moment it is asked; once
// its handler has answered (the request checked, a good backup taken), every connection closes,
// the file is rewritten on a thread of its own (rewrite.ts), and the store opens again, with the
// new key or, if the rewrite failed, the old. Sessions end, but the calls that waited run as
// their staff sent them: the store's data is the same, only its key changed.

const NOT_OPEN: ErrorBody = { code: 'INTERNAL', message: 'The database is not open', details: { reason: 'not_open' } };

export interface HostSettings {
  /** Starts the side host for the long calls; without one (the side host itself) they run here like any other. */
  sideHost?: () => HostChannel;
  /** How to start the thread that rewrites the file (rewrite.ts); only the services' host rewrites. */
  rekeyThread?: RekeyThread;
}

function openFailure(err: unknown, options: HostOptions): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: `Cannot open ${options.dbPath}: ${String(err)}`, details: { reason: 'open_failed' } };
}

const longCall = (method: string) => (isMethodName(method) ? contract[method].ownThread : undefined);
const isAsync = (method: string) => isMethodName(method) && contract[method].async === true;
const replacesDatabase = (method: string) => isMethodName(method) && contract[method].replacesDatabase === true;
const writes = (method: string) => isMethodName(method) && contract[method].write !== false;

export function serveBackend(port: HostPort, settings: HostSettings = {}): void {
  let app: App | null = null;
  let options: HostOptions | null = null;
  let stopMaintenance: (() => void) | null = null;
  let side: Promise<Backend> | null = null;
  /** Long calls holding the database for writing, and the calls that found the lock taken meanwhile. */
  let writers = 0;
  const waiting: CallMessage[] = [];
  /** A restore under way: the calls that write, and every call while the files are swapped, wait here. */
  let restoring: { swapping: boolean; held: CallMessage[] } | null = null;
  /** Asked to close: nothing opens the database again. */
  let closed = false;
  const rewrites = new StoreRewrites();
  /** Calls answering a promise here (an import reading its file): every connection closes only after them. */
  const running = new Set<Promise<unknown>>();

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
    if (isAsync(message.method)) {
      const call = dispatchAsync(app, meta, message.method, message.input).then((e) => answered(message, e));
      running.add(call);
      return void call.finally(() => running.delete(call));
    }
    answered(message, dispatch(app, meta, message.method, message.input));
  };

  /** The side host, started once (by the chores, or by a long call that came first) and kept. */
  const sideBackend = (start: () => HostChannel, opened: HostOptions): Promise<Backend> =>
    (side ??= startBackend(start, { ...opened, role: 'side' }));

  /** To the side host (its relay restarts it if it dies), with the caller resolved here. */
  const handOver = (
    message: CallMessage,
    current: App,
    start: () => HostChannel,
    opened: HostOptions,
    after: (envelope: Envelope<unknown>) => Promise<void> = async () => {},
  ) => {
    const caller = message.caller !== undefined ? message.caller : sessionCaller(current, message.session);
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
      .then(async (envelope) => {
        send(message.id, message.method, envelope);
        await after(envelope);
        ended();
      });
  };

  /** Opens the database at `opened` and makes the app around it (new sessions); finishes a restore the app stopped in. */
  const openApp = (opened: HostOptions) => {
    // Only the services' host: a side host opens a database its host already has open.
    if (settings.sideHost) completePendingRestore(opened.dbPath);
    const db = openDatabase(opened.dbPath, { nativeBinding: opened.nativeBinding, key: opened.key ?? null });
    app = createApp(db, { checkOutputs: opened.checkOutputs });
    options = opened;
  };

  /** After a restore answered: close everything, swap the files, open the restored store. */
  const swapIn = async (opened: HostOptions) => {
    if (side) {
      const closing = side;
      side = null;
      await closing.then((backend) => backend.close()).catch(() => undefined);
    }
    if (closed) return; // closing meanwhile: the copy waits for the next start
    // Every connection to the file closes first (the job runner's too, made even without the chores).
    if (app) closeJobRunner(app);
    app?.db.close();
    app = null;
    try {
      openApp(opened);
    } catch (err) {
      console.error('[backend] the restored database could not be opened', err);
    }
  };

  /** Before a rewrite: the side host, the calls answering here, then every connection to the file; false (left open) when asked to close meanwhile. */
  const closeStore = async (): Promise<boolean> => {
    const closing = side;
    side = null;
    await closing?.then((backend) => backend.close()).catch(() => undefined);
    await Promise.allSettled([...running]);
    if (closed) return false;
    if (app) closeJobRunner(app);
    app?.db.close();
    app = null;
    return true;
  };

  /**
   * The chores (and, for the services' host, its side host with the backup loop); a side host
   * runs only the backup loop. Again after a restore, which stopped them and closed the side host.
   */
  const startChores = () => {
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
  };

  /** A restore: writes wait from now on, the chores stop; once it has answered, the files are swapped. */
  const restore = (message: CallMessage, current: App, start: () => HostChannel, opened: HostOptions) => {
    const held: CallMessage[] = [];
    restoring = { swapping: false, held };
    const maintaining = stopMaintenance !== null;
    stopMaintenance?.();
    stopMaintenance = null;
    const finish = async (envelope: Envelope<unknown>) => {
      // A host closing meanwhile leaves the copy ready: the next start puts it in place.
      if (envelope.ok && restoring && !closed) {
        restoring.swapping = true;
        await swapIn(opened);
      }
      restoring = null;
      if (maintaining && !closed) startChores();
      for (const call of held.splice(0)) receive(call);
    };
    handOver(message, current, start, opened, finish);
  };

  /** A rewrite: every call but the status waits from now on, the chores stop; once its handler has answered, the file is rewritten. */
  const rewrite = (message: CallMessage, current: App, start: () => HostChannel, opened: HostOptions, asked: RewriteAsked) => {
    const job: RekeyJob = { dbPath: opened.dbPath, from: keyOf(current.db), to: asked.to, nativeBinding: opened.nativeBinding };
    rewrites.begin(asked.kind, opened.dbPath, stopMaintenance !== null);
    stopMaintenance?.();
    stopMaintenance = null;
    const reopen = (key: StoreKey | null) => {
      options = { ...opened, key };
      if (closed) return closeDatabase(); // asked to close meanwhile: close() left it to the rewrite
      try {
        openApp(options);
      } catch (err) {
        console.error('[backend] the database could not be opened after its rewrite', err);
      }
    };
    const rekeyed = (key: StoreKey) => port.postMessage({ kind: 'rekeyed', key });
    handOver(message, current, start, opened, async (envelope) => {
      if (envelope.ok && !closed) await rewrites.rewriteFile(settings.rekeyThread, job, current.sessions, { closeStore, reopen, rekeyed });
      else if (!envelope.ok && envelope.error.code === 'BACKUP_FAILED') rewrites.failed('backup_failed');
      const { held, maintaining } = rewrites.end();
      if (maintaining && !closed) startChores();
      for (const call of held) receive(call);
    });
  };

  /** Who sent a call held by a rewrite, resolved as it comes: the store's sessions end with the rewrite. */
  const callerAsSent = (message: CallMessage) =>
    message.caller !== undefined ? message.caller : app ? sessionCaller(app, message.session) : rewrites.callerWhileClosed(message.session);

  /** `encryption.status` with what this host knows of the rewrites (a side host's rewrites are its host's). */
  const answerStatus = (message: CallMessage) => {
    const meta = { session: message.session };
    const answered = app ? dispatch(app, meta, message.method, message.input) : null;
    if (!answered && !rewrites.underWay) return answer(message); // not open
    send(message.id, message.method, rewrites.status(message.input, answered));
  };

  /**
   * A call as it comes: held while a rewrite or a restore needs it to wait, handed over when
   * long, else answered here. A host without a side host (the side host itself) answers
   * everything itself, a restore and a rewrite included, which there only make the copy ready or
   * check the request: its services' host swaps or rewrites the files.
   */
  const receive = (message: CallMessage) => {
    // Here as well as in dispatch: a long call is handed over with its caller only, the session left behind.
    const locked = app && message.caller === undefined ? lockedRefusal(app, message.session, message.method) : null;
    if (locked) return send(message.id, message.method, { ok: false, error: locked.toBody() });
    const status = message.method === 'encryption.status' && settings.sideHost !== undefined;
    if (rewrites.underWay) return status ? answerStatus(message) : rewrites.hold({ ...message, caller: callerAsSent(message) });
    if (restoring && (restoring.swapping || writes(message.method))) return void restoring.held.push(message);
    if (status) return answerStatus(message);
    if (!app || !options || !settings.sideHost) return answer(message);
    const asked = rewriteAsked(message);
    if (asked) return rewrite(message, app, settings.sideHost, options, asked);
    if (replacesDatabase(message.method)) return restore(message, app, settings.sideHost, options);
    if (longCall(message.method)) return handOver(message, app, settings.sideHost, options);
    answer(message);
  };

  const closeDatabase = () => {
    app?.db.close();
    app = null;
    port.postMessage({ kind: 'closed' });
  };

  const close = () => {
    closed = true;
    stopMaintenance?.();
    stopMaintenance = null;
    // The file is being rewritten: the rewrite closes the host once it has ended.
    if (rewrites.rekeying) return;
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
          openApp(message.options);
          port.postMessage({ kind: 'ready' });
        } catch (err) {
          port.postMessage({ kind: 'failed', error: openFailure(err, message.options) });
        }
        return;
      case 'call':
        return receive(message);
      case 'maintain':
        // Sent once the window has loaded (or browser mode printed its ready line): the first
        // screen never waits for the chores. Calls already queued are answered first.
        if (rewrites.underWay) rewrites.choresAsked();
        else startChores();
        return;
      case 'close':
        close();
        return;
    }
  });
}
