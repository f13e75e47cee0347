import { z } from 'zod';
import { method } from './define';
import { BranchInfo, Id, NoInput, Pin, StaffInfo } from './common';

/** 闲置锁屏: the minutes an admin may choose (docs/privacy.md "Sessions and access" says why there is no "never"). */
export const LOCK_MINUTES_MIN = 1;
export const LOCK_MINUTES_MAX = 120;

export const LockSettings = z.object({
  idleMinutes: z.number().int().min(LOCK_MINUTES_MIN).max(LOCK_MINUTES_MAX),
});
export type LockSettings = z.infer<typeof LockSettings>;

/** A locked session answers only auth.resume, auth.me, auth.logout, auth.lock, staff.colleagues and the public methods (SESSION_LOCKED). */
export const sessionLockContract = {
  /** The screen locks: the window saw no key, mouse or touch for the idle minutes, or its staff locked it. The server cannot tell (docs/privacy.md). */
  'auth.lock': method({ input: NoInput, output: z.object({}), access: 'staff', write: false }),
  /**
   * The PIN that goes on: the session's own staff member's (no staffId, or theirs) unlocks it;
   * another active colleague's opens a session of their own and ends this one (the clerk switch).
   * A wrong PIN counts toward the name's lock-out as at login (WRONG_CREDENTIALS, LOCKED_OUT) and is
   * audited. `write: false`: the failure is recorded although the call then answers an error.
   */
  'auth.resume': method({
    input: z.strictObject({ pin: Pin, staffId: Id.optional() }),
    output: z.object({ session: z.string(), staff: StaffInfo, branch: BranchInfo }),
    access: 'staff',
    write: false,
  }),
  /** Every window needs its idle minutes, whoever is logged in. */
  'auth.lockSettings': method({ input: NoInput, output: LockSettings, access: 'staff', write: false }),
  'auth.saveLockSettings': method({ input: LockSettings.strict(), output: LockSettings, access: 'admin', write: true, atHq: true }),
};
