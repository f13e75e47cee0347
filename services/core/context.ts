import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../db/connection';
import { systemClock, type Clock } from './clock';
import { SessionStore, type Caller } from './sessions';

/** One running BranchDesk: a database plus what lives beside it for as long as it runs. */
export interface App {
  db: DB;
  clock: Clock;
  newId: () => string;
  sessions: SessionStore;
  /** Check every result against its output schema (tests and development; see createApp). */
  checkOutputs: boolean;
  /**
   * Set by the app's job runner (services/core/jobs/runner.ts) once there is one: a call that
   * queued a job tells it here. Without a runner a job waits in its table for one.
   */
  onJobQueued?: () => void;
}

export interface AppOptions {
  clock?: Clock;
  newId?: () => string;
  /**
   * Output schemas are a development-time assertion: the handlers' types already promise the
   * shape. Tests and `npm run web` in development check them; the desktop app and the bench
   * (the production path) skip the extra pass. Input is always validated.
   */
  checkOutputs?: boolean;
}

export function createApp(db: DB, options: AppOptions = {}): App {
  const clock = options.clock ?? systemClock;
  return {
    db,
    clock,
    newId: options.newId ?? (() => uuidv7()),
    sessions: new SessionStore(clock),
    checkOutputs: options.checkOutputs ?? true,
  };
}

/** Who is calling and when; one instant per call so every row a call writes agrees. */
export interface Ctx {
  app: App;
  caller: Caller | null;
  session: string | null;
  now: string;
  newId: () => string;
  /** Audit rows this call has written: the dispatcher refuses a write that changed data without one. */
  auditRows: number;
}

/** For handlers that need a logged-in caller (the dispatcher has already checked). */
export function callerOf(ctx: Ctx): Caller {
  if (!ctx.caller) throw new Error('handler requires a caller');
  return ctx.caller;
}
