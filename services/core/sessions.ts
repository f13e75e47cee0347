import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/roles';
import type { Clock } from './clock';

/** Who is calling: the staff member behind a session. */
export interface Caller {
  id: string;
  name: string;
  role: Role;
  branchId: string;
}

interface SessionEntry {
  staffId: string;
  lastSeen: number;
  /** locked by its window's idle timer or by hand (auth.lock): only a PIN resumes it (docs/privacy.md) */
  locked: boolean;
  /** who the staff member is, read from the database on first use and after any staff change */
  caller: Caller | null;
}

/** Sessions end after this long without a call (a counter left logged in overnight). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

/** The calls a locked session may still make: resuming it, saying who it is, ending it, and naming who may take over. */
export const ALLOWED_WHILE_LOCKED: ReadonlySet<string> = new Set([
  'auth.resume',
  'auth.me',
  'auth.logout',
  'auth.lock',
  'staff.colleagues',
]);

/** In memory: a restart logs everyone out, which is what a shop expects of a restart. */
export class SessionStore {
  private readonly entries = new Map<string, SessionEntry>();
  constructor(private readonly clock: Clock) {}

  open(staffId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.entries.set(token, { staffId, lastSeen: this.clock.now().getTime(), locked: false, caller: null });
    return token;
  }

  /** The entry behind a live session, touching it; null when unknown or idle too long. */
  resolve(token: string): SessionEntry | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    const now = this.clock.now().getTime();
    if (now - entry.lastSeen > SESSION_IDLE_MS) {
      this.entries.delete(token);
      return null;
    }
    entry.lastSeen = now;
    return entry;
  }

  /**
   * Locked by its window (auth.lock). Not by the server for want of calls: a window's polling is a
   * call like any other, so only the window tells a hand on the keyboard from a timer (docs/privacy.md).
   */
  isLocked(token: string): boolean {
    return this.entries.get(token)?.locked === true;
  }

  lock(token: string): void {
    const entry = this.entries.get(token);
    if (entry) entry.locked = true;
  }

  unlock(token: string): void {
    const entry = this.entries.get(token);
    if (entry) entry.locked = false;
  }

  close(token: string): void {
    this.entries.delete(token);
  }

  /** A staff row changed (role, activity): re-read it on the next call of each of their sessions. */
  forgetCaller(staffId: string): void {
    for (const entry of this.entries.values()) if (entry.staffId === staffId) entry.caller = null;
  }

  /** Every session of the staff member except `keep` (the one that asked); all of them when keep is null. */
  closeAllFor(staffId: string, keep: string | null = null): void {
    for (const [token, entry] of this.entries) if (entry.staffId === staffId && token !== keep) this.entries.delete(token);
  }
}
