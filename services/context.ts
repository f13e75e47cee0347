import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/connection';
import type { Role } from '../shared/roles';
import { SessionStore } from './sessions';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** One running BranchDesk: a database plus what lives beside it for as long as it runs. */
export interface App {
  db: DB;
  clock: Clock;
  newId: () => string;
  sessions: SessionStore;
}

export interface AppOptions {
  clock?: Clock;
  newId?: () => string;
}

export function createApp(db: DB, options: AppOptions = {}): App {
  const clock = options.clock ?? systemClock;
  return { db, clock, newId: options.newId ?? (() => uuidv7()), sessions: new SessionStore(clock) };
}

export interface Caller {
  id: string;
  name: string;
  role: Role;
  branchId: string;
}

/** Who is calling and when; one instant per call so every row a call writes agrees. */
export interface Ctx {
  app: App;
  caller: Caller | null;
  session: string | null;
  now: string;
  newId: () => string;
}

/** For handlers that need a logged-in caller (the dispatcher has already checked). */
export function callerOf(ctx: Ctx): Caller {
  if (!ctx.caller) throw new Error('handler requires a caller');
  return ctx.caller;
}
