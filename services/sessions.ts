import { randomBytes } from 'node:crypto';
import type { Clock } from './context';

interface SessionEntry {
  staffId: string;
  lastSeen: number;
}

/** Sessions end after this long without a call (a counter left logged in overnight). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

/** In memory: a restart logs everyone out, which is what a shop expects of a restart. */
export class SessionStore {
  private readonly entries = new Map<string, SessionEntry>();
  constructor(private readonly clock: Clock) {}

  open(staffId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.entries.set(token, { staffId, lastSeen: this.clock.now().getTime() });
    return token;
  }

  /** The staff id behind a live session, touching it; null when unknown or idle too long. */
  resolve(token: string): string | null {
    const entry = this.entries.get(token);
    if (!entry) return null;
    const now = this.clock.now().getTime();
    if (now - entry.lastSeen > SESSION_IDLE_MS) {
      this.entries.delete(token);
      return null;
    }
    entry.lastSeen = now;
    return entry.staffId;
  }

  close(token: string): void {
    this.entries.delete(token);
  }

  closeAllFor(staffId: string): void {
    for (const [token, entry] of this.entries) if (entry.staffId === staffId) this.entries.delete(token);
  }
}
