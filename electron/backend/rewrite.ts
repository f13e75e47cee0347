import { existsSync, statSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { StoreKey } from '../../db/cipher-file';
import type { Caller, SessionStore } from '../../services/core/sessions';
import { contract, type EncryptionStatus } from '../../shared/contract/index';
import { issuesFromZod, validationError, type Envelope } from '../../shared/errors';
import type { CallMessage } from './protocol';

// A rewrite of the store file in place (`rewritesDatabase` in the contract: encryption turned on,
// its passphrase changed; docs/encryption.md), as the services' host runs it (host.ts). From the
// moment one is asked every call waits but `encryption.status`, which this answers with how far
// it is; the handler checks the request and takes a good backup on the side host; then the host
// closes every connection and db/cipher.ts rekeyFile rewrites the file on a thread of its own
// (rekey-entry.ts), so the host's own thread stays free to answer the status. The file's
// rollback journal keeps every page as it was until the commit: a rewrite that fails (a full
// disk) or is killed leaves the old key working, and the host opens the store again with it.
//
// The passphrase is read from the call's input here and goes only to the rekey thread and the
// relay (which starts a host that died again with it): never into a log, an error or a status.

export type RewriteKind = 'enable' | 'change';
type FailureReason = NonNullable<EncryptionStatus['lastFailure']>['reason'];

/** What the rekey thread is given: the file, the key it has (null: plain) and the one it gets. */
export interface RekeyJob {
  dbPath: string;
  from: StoreKey | null;
  to: StoreKey;
  nativeBinding?: string;
}

/** The rekey thread's answer: only SQLite's error code when it failed (SQLITE_FULL: the disk is full). */
export type RekeyOutcome = { ok: true } | { ok: false; code: string | null };

/** How the services' host starts the rekey thread: worker.ts workerLaunch('rekey-entry'), or Electron's bundle of it. */
export type RekeyThread = () => { script: string | URL; options: WorkerOptions };

export interface RewriteAsked {
  kind: RewriteKind;
  to: StoreKey;
}

/** The rewrite a call asks for, read from its input as its handler reads it; null when the handler will refuse the input anyway. */
export function rewriteAsked(message: CallMessage): RewriteAsked | null {
  if (message.method === 'encryption.enable') {
    const parsed = contract['encryption.enable'].input.safeParse(message.input);
    return parsed.success ? { kind: 'enable', to: { passphrase: parsed.data.passphrase } } : null;
  }
  if (message.method === 'encryption.changePassphrase') {
    const parsed = contract['encryption.changePassphrase'].input.safeParse(message.input);
    return parsed.success ? { kind: 'change', to: { passphrase: parsed.data.next } } : null;
  }
  return null;
}

/** Runs rekeyFile on a thread of its own; never rejects. */
export function rekeyOnItsThread(thread: RekeyThread | undefined, job: RekeyJob): Promise<RekeyOutcome> {
  if (!thread) {
    console.error('[backend] this host cannot start a rewrite thread: the store is left as it was');
    return Promise.resolve({ ok: false, code: null });
  }
  return new Promise((resolve) => {
    let outcome: RekeyOutcome = { ok: false, code: null };
    try {
      const { script, options } = thread();
      const worker = new Worker(script, { ...options, name: 'BranchDesk rewrite' });
      worker.once('message', (answer: RekeyOutcome) => (outcome = answer));
      worker.on('error', (err) => console.error('[backend] the rewrite thread failed', err));
      worker.once('exit', () => resolve(outcome));
      worker.postMessage(job);
    } catch (err) {
      console.error('[backend] the rewrite thread could not start', err);
      resolve(outcome);
    }
  });
}

interface UnderWay {
  kind: RewriteKind;
  step: 'backup' | 'rewrite';
  startedAt: string;
  journal: string;
  total: number;
  /** the most of the file seen rewritten: the journal goes when the rewrite commits */
  done: number;
  held: CallMessage[];
  /** the chores ran before (or were asked for meanwhile): they start again after */
  maintaining: boolean;
}

const fileSize = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** What a rewrite needs of the services' host once its handler has answered. */
export interface RewritingHost {
  /** Closes the side host and every connection to the file; false, with nothing closed here, when the host is asked to close meanwhile. */
  closeStore(): Promise<boolean>;
  /** The file opens with `key` now: the store opens again with it (or, the host closing, does not). */
  reopen(key: StoreKey | null): void;
  /** Tells the relay the new key, to start a host that dies with it. */
  rekeyed(key: StoreKey): void;
}

/** What the services' host knows of the rewrites: the one under way, with the calls it holds, and the last that failed. */
export class StoreRewrites {
  private current: UnderWay | null = null;
  private lastFailure: EncryptionStatus['lastFailure'] = null;
  /** The sessions of the store closed for the rewrite: a call that comes meanwhile is held as its staff sent it. */
  private retired: SessionStore | null = null;

  /** A rewrite under way: every call but `encryption.status` waits for it. */
  get underWay(): boolean {
    return this.current !== null;
  }

  /** The file itself is being rewritten: the host's connections are closed, and it must not stop before the end. */
  get rekeying(): boolean {
    return this.current?.step === 'rewrite';
  }

  begin(kind: RewriteKind, dbPath: string, maintaining: boolean): void {
    const total = fileSize(dbPath);
    this.current = {
      kind,
      step: 'backup',
      startedAt: new Date().toISOString(),
      journal: `${dbPath}-journal`,
      total,
      done: 0,
      held: [],
      maintaining,
    };
  }

  /** A call that came meanwhile, with its caller as it was when it came (the sessions end with the rewrite). */
  hold(message: CallMessage): void {
    this.current?.held.push(message);
  }

  /** The chores were asked for meanwhile: they start once it has ended. */
  choresAsked(): void {
    if (this.current) this.current.maintaining = true;
  }

  /** Who sent a call that comes while the store is closed: a session known to have a caller keeps it (the others log in again). */
  callerWhileClosed(session: string | null): Caller | null {
    return (session && this.retired?.resolve(session)?.caller) || null;
  }

  /**
   * Once the handler has answered (the request checked, the backup good): every connection
   * closes, the file is rewritten on its thread, and the store opens again with the key that
   * opens it now, the new one or, the rewrite failed, the old (its journal rolled it back).
   */
  async rewriteFile(thread: RekeyThread | undefined, job: RekeyJob, sessions: SessionStore | null, host: RewritingHost): Promise<void> {
    if (this.current) [this.current.step, this.current.total] = ['rewrite', fileSize(job.dbPath)];
    this.retired = sessions;
    try {
      if (!(await host.closeStore())) return host.reopen(job.from);
      const outcome = await rekeyOnItsThread(thread, job);
      if (outcome.ok) {
        this.lastFailure = null;
        host.rekeyed(job.to);
      } else {
        console.error(`[backend] the rewrite of the store failed (${outcome.code ?? 'no code'}): it opens with the key it had`);
        this.failed(outcome.code === 'SQLITE_FULL' ? 'disk_full' : 'failed');
      }
      host.reopen(outcome.ok ? job.to : job.from);
    } finally {
      this.retired = null;
    }
  }

  failed(reason: FailureReason): void {
    this.lastFailure = { reason, at: new Date().toISOString() };
  }

  /** The rewrite has ended: the calls it held, and whether the chores start again. */
  end(): { held: CallMessage[]; maintaining: boolean } {
    const ended = this.current;
    this.current = null;
    return { held: ended?.held ?? [], maintaining: ended?.maintaining ?? false };
  }

  /**
   * `encryption.status` as the host answers it: the services' answer (null while the store is
   * closed for the rewrite) with what only the host knows, the rewrite under way and the last
   * that failed.
   */
  status(input: unknown, answered: Envelope<unknown> | null): Envelope<unknown> {
    if (answered && !answered.ok) return answered;
    if (!answered) {
      const parsed = contract['encryption.status'].input.safeParse(input ?? {}, { reportInput: true });
      if (!parsed.success) return { ok: false, error: validationError(issuesFromZod(parsed.error)).toBody() };
    }
    const base = (answered?.result as EncryptionStatus | undefined) ?? { state: 'plain', rewrite: null, lastFailure: null, keychain: null };
    const status: EncryptionStatus = { ...base, lastFailure: this.lastFailure ?? base.lastFailure };
    const current = this.current;
    if (!current) return { ok: true, result: status };
    if (current.step === 'rewrite') current.done = Math.max(current.done, Math.min(fileSize(current.journal), current.total));
    const { kind, step, done, total, startedAt } = current;
    return { ok: true, result: { ...status, state: 'rewriting', rewrite: { kind, step, done, total, startedAt } } };
  }
}
