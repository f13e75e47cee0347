import type { StoreKey } from '../../db/cipher-file';
import type { Caller } from '../../services/core/sessions';
import type { Envelope, ErrorBody } from '../../shared/errors';

// The messages between the caller (Electron main, or browser mode's HTTP server) and the backend
// host that holds the database and runs the services (host.ts). Plain data only: they cross a
// worker thread's port or a utility process's pipe by structured clone.

/** How the host opens the database; sent first, once. */
export interface HostOptions {
  dbPath: string;
  /** Electron in development loads a better-sqlite3 build made for Electron's ABI. */
  nativeBinding?: string;
  /** Check every result against its output schema (development and tests: services/core/context.ts). */
  checkOutputs: boolean;
  /**
   * 'side': this host is the services' host's side host (host.ts): told to maintain, it runs the
   * backup loop (services/backup/loop.ts) instead of the chores, which are the services' host's.
   */
  role?: 'side';
  /** The passphrase of an encrypted store (electron/backend/lockable.ts): crosses by structured clone, never written anywhere. */
  key?: StoreKey | null;
}

/** One contract call, as a transport received it. Only a session crosses: never the chores' `system` caller. */
export interface CallMessage {
  kind: 'call';
  id: number;
  method: string;
  input: unknown;
  session: string | null;
  /**
   * Set only by a host handing a long call to its side host (host.ts): the caller it resolved
   * from the session, which lives in the services' host; and by a host on a call it held through
   * a rewrite, whose session ends with it. A transport never sets it.
   */
  caller?: Caller | null;
}

export interface AnswerMessage {
  kind: 'answer';
  id: number;
  envelope: Envelope<unknown>;
}

export type ToHost =
  | { kind: 'open'; options: HostOptions }
  | CallMessage
  /** The window (or the ready line) is up: the chores may start. */
  | { kind: 'maintain' }
  /** Finish, close the database, say so. */
  | { kind: 'close' };

export type FromHost =
  | { kind: 'ready' }
  /** The database could not be opened (a bad path, a database from a newer app): nothing else will be answered. */
  | { kind: 'failed'; error: ErrorBody }
  | AnswerMessage
  /**
   * The store file was rewritten with a new key (encryption turned on, a new passphrase: rewrite.ts):
   * the relay starts a host that dies with this key from now on. Crosses by structured clone only.
   */
  | { kind: 'rekeyed'; key: StoreKey }
  | { kind: 'closed' };

/** The host's side of the channel: a worker's parentPort or a utility process's process.parentPort. */
export interface HostPort {
  postMessage(message: FromHost): void;
  onMessage(listener: (message: ToHost) => void): void;
}

/** The caller's side: one running host (a Worker, or a utility process). */
export interface HostChannel {
  postMessage(message: ToHost): void;
  onMessage(listener: (message: FromHost) => void): void;
  /** Listeners add up: the relay and a closing caller may both wait for the end. */
  onExit(listener: (code: number) => void): void;
  /** Stops the host at once (after it said `closed`, or when it will not). */
  terminate(): void;
}
