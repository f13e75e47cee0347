import { sessionLockContract } from '../../shared/contract/session-lock';
import { AppError } from '../../shared/errors';
import { branchQueries } from '../../db/queries/core/branch';
import { staffQueries } from '../../db/queries/staff/staff';
import { callerOf } from '../core/context';
import { requireSelfBranch } from '../core/branch';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { LOCK_MINUTES_KEY, lockMinutes } from '../core/idle-lock';
import { decoyHash, recordWrongPin, refuseWhileLocked } from './auth';
import { verifyPin } from './pins';
import { branchInfo, staffInfo } from './views';

export const sessionLockHandlers = {
  'auth.lock': (_db, ctx) => {
    if (ctx.session) ctx.app.sessions.lock(ctx.session);
    return {};
  },

  'auth.resume': (db, ctx, input) => {
    const caller = callerOf(ctx);
    const session = ctx.session;
    // A caller handed over without its session (a side host) has nothing to resume.
    if (!session) throw new AppError('UNAUTHENTICATED', 'Please log in first', { method: 'auth.resume' });
    const branch = requireSelfBranch(db);
    const staff = staffQueries(db);
    const row = staff.byId(input.staffId ?? caller.id);
    const nowMs = Date.parse(ctx.now);
    refuseWhileLocked(row, nowMs);
    const pinOk = verifyPin(input.pin, row?.pin_hash ?? decoyHash());
    if (!row || !row.active || row.branch_id !== caller.branchId || !pinOk) {
      const lockedForSeconds = row ? recordWrongPin(db, row, nowMs) : 0;
      // Audited as a failed login is, under the name whose PIN was tried; the locked session's owner beside it.
      writeAudit(ctx, {
        staffId: row?.id ?? null,
        action: 'auth.resumeFailed',
        entity: 'staff',
        entityId: row?.id,
        after: { name: row?.name ?? null, lockedBy: caller.id },
      });
      // `field`: the lock asks for a PIN only, so the message names no name.
      throw new AppError('WRONG_CREDENTIALS', 'Wrong PIN', { field: 'pin', ...(lockedForSeconds ? { lockedForSeconds } : {}) });
    }
    staff.recordLoginSuccess(row.id);
    const info = staffInfo({ ...row, failed_logins: 0, locked_until: null });
    if (row.id === caller.id) {
      ctx.app.sessions.unlock(session);
      writeAudit(ctx, { action: 'auth.resume', entity: 'staff', entityId: row.id });
      return { session, staff: info, branch: branchInfo(branch) };
    }
    // Another clerk takes over: a session of their own, and the one they found ends (a sale belongs to who typed it).
    ctx.app.sessions.close(session);
    const taken = ctx.app.sessions.open(row.id);
    // Who was at the counter before and after: the trail reads 当班员工: 小李 → 小王.
    writeAudit(ctx, {
      staffId: row.id,
      action: 'auth.switch',
      entity: 'staff',
      entityId: row.id,
      before: { staffId: caller.id },
      after: { staffId: row.id },
    });
    return { session: taken, staff: info, branch: branchInfo(branch) };
  },

  'auth.lockSettings': (db) => ({ idleMinutes: lockMinutes(db) }),

  'auth.saveLockSettings': (db, ctx, input) => {
    const before = lockMinutes(db);
    branchQueries(db).setSetting(LOCK_MINUTES_KEY, String(input.idleMinutes));
    writeAudit(ctx, {
      action: 'auth.saveLockSettings',
      entity: 'settings',
      entityId: LOCK_MINUTES_KEY,
      before: { idleMinutes: before },
      after: { idleMinutes: input.idleMinutes },
    });
    return { idleMinutes: input.idleMinutes };
  },
} satisfies DomainHandlers<typeof sessionLockContract>;
