import { contract, isMethodName } from '../../shared/contract/index';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import { ALLOWED_WHILE_LOCKED } from './sessions';
import type { App } from './context';

/** The settings row of 闲置锁屏 (设置, admin): minutes without use before a session locks. */
export const LOCK_MINUTES_KEY = 'session_lock_minutes';
/** A counter is left for a customer often and briefly: five minutes locks it before the next one reaches the screen. */
export const DEFAULT_LOCK_MINUTES = 5;

export function lockMinutes(db: DB): number {
  const saved = Number(branchQueries(db).setting(LOCK_MINUTES_KEY));
  return Number.isInteger(saved) && saved > 0 ? saved : DEFAULT_LOCK_MINUTES;
}

/**
 * SESSION_LOCKED for a call of a locked session, unless it is one a locked session may make, or a
 * public one (the store's status a window asks at start, answered to anyone without a session);
 * null when the call may go on.
 */
export function lockedRefusal(app: App, session: string | null, method: string): AppError | null {
  if (!session || ALLOWED_WHILE_LOCKED.has(method) || !app.sessions.isLocked(session)) return null;
  if (isMethodName(method) && contract[method].access === 'public') return null;
  return new AppError('SESSION_LOCKED', 'The session is locked: type your PIN to go on', { method });
}
