import type { Caller } from '../../services/core/sessions';
import { AppError, type Envelope, type ErrorBody } from '../../shared/errors';
import type { HostChannel, HostOptions } from './protocol';

// The caller's side of the relay: Electron main and browser mode's HTTP server call the services
// through this and never touch the database. Every call gets an envelope, whatever happens to
// the host: a host that dies answers its pending calls with INTERNAL, and one that never answers
// is given up on after callTimeoutMs, so no transport waits forever.

export interface Backend {
  /** One contract call, answered by the host's dispatcher. Never rejects. */
  call(method: string, input: unknown, session: string | null, caller?: Caller | null): Promise<Envelope<unknown>>;
  /** The window (or the ready line) is up: start the hourly chores. Once is enough; a restarted host gets it again. */
  startMaintenance(): void;
  /** Lets the host finish what it holds, close the database and stop. */
  close(): Promise<void>;
}

export interface RelaySettings {
  /**
   * How long a call may go unanswered. Longer than any one call today (an HQ chain's first load
   * took six minutes); what it guards against is a host that hangs, not a slow one.
   */
  callTimeoutMs?: number;
  /** How long close() waits for the host to finish and close the database before stopping it. */
  closeTimeoutMs?: number;
  /** Restarts allowed within a minute before the relay gives up (a host that dies at every start). */
  restartsPerMinute?: number;
  log?: (...line: unknown[]) => void;
}

const MINUTE = 60_000;

interface Pending {
  method: string;
  resolve: (envelope: Envelope<unknown>) => void;
  timer: NodeJS.Timeout;
}

const failure = (code: ErrorBody['code'], message: string, details: Record<string, unknown>): Envelope<unknown> => ({
  ok: false,
  error: { code, message, details },
});

/** Starts a host and waits until it has opened the database; rejects with the host's reason (an AppError) if it cannot. */
export async function startBackend(spawn: () => HostChannel, options: HostOptions, settings: RelaySettings = {}): Promise<Backend> {
  const relay = new Relay(spawn, options, settings);
  await relay.launch();
  return relay;
}

class Relay implements Backend {
  private channel: HostChannel | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private maintaining = false;
  private closing: Promise<void> | null = null;
  private restarts: number[] = [];
  private readonly log: (...line: unknown[]) => void;

  constructor(
    private readonly spawn: () => HostChannel,
    /** Changes only with the store's key (a `rekeyed` host), so a host that dies starts again with the key that opens the file. */
    private options: HostOptions,
    private readonly settings: RelaySettings,
  ) {
    this.log = settings.log ?? ((...line) => console.error(...line));
  }

  /** Starts a host; resolves once it has opened the database. */
  launch(): Promise<void> {
    const channel = this.spawn();
    this.channel = channel;
    return new Promise((resolve, reject) => {
      let ready = false;
      channel.onMessage((message) => {
        if (message.kind === 'answer') return this.settle(message.id, message.envelope);
        if (message.kind === 'rekeyed') return void (this.options = { ...this.options, key: message.key });
        if (message.kind === 'ready') {
          ready = true;
          if (this.maintaining) channel.postMessage({ kind: 'maintain' });
          return resolve();
        }
        if (message.kind === 'failed') {
          reject(new AppError(message.error.code, message.error.message, message.error.details));
          return channel.terminate();
        }
        // 'closed': the database is closed; nothing is left to wait for.
        channel.terminate();
      });
      channel.onExit((code) => {
        if (this.channel === channel) this.channel = null;
        if (!ready) reject(new Error(`The services stopped before opening the database (exit code ${code})`));
        this.failPending(code);
        if (ready && !this.closing) this.restart(code);
      });
      channel.postMessage({ kind: 'open', options: this.options });
    });
  }

  call(method: string, input: unknown, session: string | null, caller?: Caller | null): Promise<Envelope<unknown>> {
    if (this.closing) return Promise.resolve(failure('BUSY', 'The app is closing', { reason: 'closing', method }));
    const channel = this.channel;
    if (!channel) return Promise.resolve(failure('INTERNAL', 'The services are not running', { reason: 'backend_unavailable', method }));
    const id = this.nextId++;
    const timeoutMs = this.settings.callTimeoutMs ?? 10 * MINUTE;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.log(`[backend] ${method} had no answer after ${timeoutMs} ms`);
        // INTERNAL, not BUSY: a write may still land, and BUSY invites the same sale again.
        resolve(failure('INTERNAL', 'The services did not answer in time', { reason: 'no_answer', method }));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { method, resolve, timer });
      try {
        channel.postMessage({ kind: 'call', id, method, input, session, ...(caller === undefined ? {} : { caller }) });
      } catch (err) {
        this.log(`[backend] ${method}: the call could not be sent`, err);
        this.settle(id, failure('INTERNAL', 'Internal error', { reason: 'not_sent', method }));
      }
    });
  }

  startMaintenance(): void {
    if (this.maintaining) return;
    this.maintaining = true;
    this.channel?.postMessage({ kind: 'maintain' });
  }

  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      const channel = this.channel;
      if (!channel) return resolve();
      const timer = setTimeout(() => {
        this.log('[backend] the services did not close in time; stopping them');
        channel.terminate();
      }, this.settings.closeTimeoutMs ?? MINUTE);
      channel.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      // After every call already sent: the host answers in order.
      channel.postMessage({ kind: 'close' });
    });
    return this.closing;
  }

  private settle(id: number, envelope: Envelope<unknown>): void {
    const entry = this.pending.get(id);
    if (!entry) {
      this.log(`[backend] an answer came after its call was given up (call ${id})`);
      return;
    }
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.resolve(envelope);
  }

  private failPending(code: number): void {
    for (const [id, entry] of this.pending) {
      this.settle(
        id,
        failure('INTERNAL', 'The services stopped before answering', { reason: 'backend_exited', method: entry.method, exitCode: code }),
      );
    }
  }

  /**
   * A host that dies is started again on the same database: what it was doing rolled back with
   * it, and the next call is answered. Sessions lived in the host, so staff log in again.
   */
  private restart(code: number): void {
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < MINUTE), now];
    if (this.restarts.length > (this.settings.restartsPerMinute ?? 3)) {
      this.log(`[backend] the services stopped (exit code ${code}) again; not restarting them`);
      return;
    }
    this.log(`[backend] the services stopped (exit code ${code}); starting them again`);
    this.launch().catch((err: unknown) => this.log('[backend] the services could not start again', err));
  }
}
