import { authContract } from '../../shared/contract/auth';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { staffQueries, type StaffRow } from '../../db/queries/staff/staff';
import { callerOf } from '../core/context';
import { requireSelfBranch } from '../core/branch';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { hashPin, verifyPin } from './pins';
import { branchInfo, staffInfo } from './views';

/** Failures allowed before each further one locks the name for a while. */
export const FREE_LOGIN_ATTEMPTS = 3;
const BASE_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 15 * 60;

/** After the free attempts, every failure locks the name: 30 s, then 60 s, … up to 15 minutes. */
export function lockSeconds(failures: number): number {
  if (failures < FREE_LOGIN_ATTEMPTS) return 0;
  return Math.min(BASE_LOCK_SECONDS * 2 ** (failures - FREE_LOGIN_ATTEMPTS), MAX_LOCK_SECONDS);
}

/** A name locked by wrong PINs is refused, with the seconds left, before any PIN is checked. */
export function refuseWhileLocked(row: StaffRow | null, nowMs: number): void {
  if (row?.locked_until && Date.parse(row.locked_until) > nowMs) {
    const retryAfterSeconds = Math.ceil((Date.parse(row.locked_until) - nowMs) / 1000);
    throw new AppError('LOCKED_OUT', `Too many wrong PINs; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/** Counts one more wrong PIN for the name (at login or when changing one's own PIN); returns how long it is now locked. */
export function recordWrongPin(db: DB, row: StaffRow, nowMs: number): number {
  const lockedForSeconds = lockSeconds(row.failed_logins + 1);
  staffQueries(db).recordLoginFailure(row.id, lockedForSeconds ? new Date(nowMs + lockedForSeconds * 1000).toISOString() : null);
  return lockedForSeconds;
}

let decoy: string | null = null;
/** A hash no PIN matches, checked for an unknown name so that timing does not tell it from a known one. */
export function decoyHash(): string {
  decoy ??= hashPin('decoy-pin-never-matches');
  return decoy;
}

export const authHandlers = {
  'auth.login': (db, ctx, input) => {
    const branch = requireSelfBranch(db);
    const staff = staffQueries(db);
    const row = staff.byName(input.name);
    const nowMs = Date.parse(ctx.now);
    refuseWhileLocked(row, nowMs);
    // An unknown name costs the same scrypt work as a known one, so timing does not tell them apart.
    const pinOk = verifyPin(input.pin, row?.pin_hash ?? decoyHash());
    if (!row || !row.active || !pinOk) {
      // Not a transaction: the failure is recorded although the call answers with an error.
      const lockedForSeconds = row ? recordWrongPin(db, row, nowMs) : 0;
      writeAudit(ctx, {
        staffId: row?.id ?? null,
        action: 'auth.loginFailed',
        entity: 'staff',
        entityId: row?.id,
        after: { name: input.name },
      });
      throw new AppError('WRONG_CREDENTIALS', 'Wrong name or PIN', lockedForSeconds ? { lockedForSeconds } : undefined);
    }
    staff.recordLoginSuccess(row.id);
    const session = ctx.app.sessions.open(row.id);
    writeAudit(ctx, { staffId: row.id, action: 'auth.login', entity: 'staff', entityId: row.id });
    return { session, staff: staffInfo({ ...row, failed_logins: 0, locked_until: null }), branch: branchInfo(branch) };
  },

  'auth.logout': (_db, ctx) => {
    if (ctx.session) ctx.app.sessions.close(ctx.session);
    return {};
  },

  'auth.me': (db, ctx) => {
    const row = staffQueries(db).byId(callerOf(ctx).id)!;
    return { staff: staffInfo(row), branch: branchInfo(requireSelfBranch(db)) };
  },

  'auth.setLocale': (db, ctx, input) => {
    const staff = staffQueries(db);
    const row = staff.byId(callerOf(ctx).id)!;
    const updated = { ...row, locale: input.locale, updated_at: ctx.now };
    staff.update(updated);
    writeAudit(ctx, {
      action: 'auth.setLocale',
      entity: 'staff',
      entityId: row.id,
      before: { locale: row.locale },
      after: { locale: input.locale },
    });
    return staffInfo(updated);
  },
} satisfies DomainHandlers<typeof authContract>;
