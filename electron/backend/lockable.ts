import { fileState, type StoreKey } from '../../db/cipher-file';
import type { Caller } from '../../services/core/sessions';
import { contract, isMethodName, type EncryptionStatus } from '../../shared/contract/index';
import { AppError, issuesFromZod, validationError, type Envelope } from '../../shared/errors';
import { startBackend, type Backend, type RelaySettings } from './client';
import type { HostChannel, HostOptions } from './protocol';

// An encrypted store starts locked (docs/encryption.md): the services' host is not started until
// the passphrase is given, so nothing reads the file meanwhile. Both transports (IPC and the HTTP
// bridge) call this one Backend, so the locked store answers alike on both: `encryption.status`
// says `locked`, `encryption.unlock` starts the host with the passphrase (a wrong one is
// WRONG_PASSPHRASE and the store stays locked, the file untouched), every other method is
// STORE_LOCKED. This thread never opens the database itself: Electron's main process reads only
// the file's first 16 bytes (db/cipher.ts fileState) to know whether to lock.

const LOCKED: EncryptionStatus = { state: 'locked', rewrite: null, lastFailure: null, keychain: null };

const fail = (err: unknown, method: string): Envelope<unknown> => {
  if (err instanceof AppError) return { ok: false, error: err.toBody() };
  return { ok: false, error: { code: 'INTERNAL', message: 'Internal error', details: { method } } };
};

/** A failure to open that leaves the store locked rather than the app stopped. */
const stillLocked = (err: unknown) => err instanceof AppError && (err.code === 'WRONG_PASSPHRASE' || err.code === 'STORE_LOCKED');

/**
 * Opens the store: at once when it is plain (or `options.key` opens it), locked when it is
 * encrypted and no passphrase (or a wrong one) was given. Rejects as startBackend does for any
 * other failure (a database from a newer app, a bad path).
 */
export async function openStore(
  spawn: () => HostChannel,
  options: HostOptions,
  settings: RelaySettings = {},
): Promise<Backend & { locked(): boolean }> {
  const lockable = new LockableBackend(spawn, options, settings);
  if (fileState(options.dbPath) !== 'encrypted' || options.key) {
    try {
      await lockable.start(options.key ?? null);
    } catch (err) {
      if (!stillLocked(err)) throw err;
      (settings.log ?? console.error)('[backend] the passphrase given at start does not open the store: it waits, locked');
    }
  }
  return lockable;
}

class LockableBackend implements Backend {
  private inner: Backend | null = null;
  private unlocking: Promise<Envelope<unknown>> | null = null;
  private maintaining = false;
  private closed = false;

  constructor(
    private readonly spawn: () => HostChannel,
    private readonly options: HostOptions,
    private readonly settings: RelaySettings,
  ) {}

  locked(): boolean {
    return this.inner === null;
  }

  async start(key: StoreKey | null): Promise<void> {
    const backend = await startBackend(this.spawn, { ...this.options, key }, this.settings);
    if (this.closed) return void (await backend.close());
    this.inner = backend;
    if (this.maintaining) backend.startMaintenance();
  }

  call(method: string, input: unknown, session: string | null, caller?: Caller | null): Promise<Envelope<unknown>> {
    if (this.inner) return this.inner.call(method, input, session, caller);
    if (!isMethodName(method))
      return Promise.resolve(fail(new AppError('UNKNOWN_METHOD', `Unknown method: ${method}`, { method }), method));
    if (method !== 'encryption.status' && method !== 'encryption.unlock') {
      return Promise.resolve(fail(new AppError('STORE_LOCKED', 'This store is encrypted: unlock it with its passphrase', {}), method));
    }
    // The same validation as the services' dispatcher: a bad input is VALIDATION on either side of the lock.
    const parsed = contract[method].input.safeParse(input ?? {}, { reportInput: true });
    if (!parsed.success) return Promise.resolve(fail(validationError(issuesFromZod(parsed.error)), method));
    if (method === 'encryption.status') return Promise.resolve({ ok: true, result: LOCKED });
    // `remember` is the keychain's (electron/keychain.ts wraps the IPC calls); the store needs only the passphrase.
    const { passphrase } = parsed.data as { passphrase: string };
    // One unlock at a time: a second while the first opens is answered by the store the first opened.
    const previous = this.unlocking ?? Promise.resolve(null);
    const attempt = previous.then(() => (this.inner ? this.inner.call(method, input, session, caller) : this.unlock(passphrase)));
    this.unlocking = attempt.finally(() => {
      if (this.unlocking === attempt) this.unlocking = null;
    });
    return attempt;
  }

  private async unlock(passphrase: string): Promise<Envelope<unknown>> {
    try {
      await this.start({ passphrase });
    } catch (err) {
      return fail(err, 'encryption.unlock');
    }
    return this.inner!.call('encryption.status', {}, null);
  }

  startMaintenance(): void {
    this.maintaining = true;
    this.inner?.startMaintenance();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.unlocking?.catch(() => undefined);
    await this.inner?.close();
  }
}
