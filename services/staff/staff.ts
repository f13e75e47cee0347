import { staffContract } from '../../shared/contract/staff';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { staffQueries, type StaffRow } from '../../db/queries/staff/staff';
import type { Role } from '../../shared/roles';
import { callerOf, type Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { hashPin, verifyPin } from './pins';
import { recordWrongPin, refuseWhileLocked } from './auth';
import { staffInfo } from './views';

/**
 * Writes a new staff member: the PIN hashed, active, not locked out, speaking zh-CN until they
 * choose. The first admin (setup.init) and everyone an admin adds after are written by this one
 * function, so the two can never start out differently.
 */
export function addStaff(db: DB, ctx: Ctx, s: { branchId: string; name: string; role: Role; pin: string }): StaffRow {
  const row: StaffRow = {
    id: ctx.newId(),
    branch_id: s.branchId,
    name: s.name,
    role: s.role,
    pin_hash: hashPin(s.pin),
    active: 1,
    locale: 'zh-CN',
    failed_logins: 0,
    locked_until: null,
    created_at: ctx.now,
    updated_at: ctx.now,
  };
  staffQueries(db).insert(row);
  return row;
}

export const staffHandlers = {
  'staff.list': (db) => ({ items: staffQueries(db).all().map(staffInfo) }),
  'staff.colleagues': (db) => ({
    items: staffQueries(db)
      .all()
      .filter((s) => s.active)
      .map((s) => ({ id: s.id, name: s.name, role: s.role })),
  }),

  'staff.create': (db, ctx, input) => {
    const existing = staffQueries(db).byName(input.name);
    if (existing) {
      throw new AppError('CONFLICT', `A staff member named ${existing.name} already exists`, {
        field: 'name',
        existing: { id: existing.id, name: existing.name },
      });
    }
    const row = addStaff(db, ctx, { branchId: callerOf(ctx).branchId, name: input.name, role: input.role, pin: input.pin });
    writeAudit(ctx, { action: 'staff.create', entity: 'staff', entityId: row.id, after: { name: row.name, role: row.role } });
    return staffInfo(row);
  },

  'staff.update': (db, ctx, input) => {
    const staff = staffQueries(db);
    const row = staff.byId(input.id);
    // HQ also holds each branch's staff (for its reports): those are the branch's to change, as staff.list shows.
    if (!row || row.branch_id !== callerOf(ctx).branchId)
      throw new AppError('NOT_FOUND', 'No such staff member', { entity: 'staff', id: input.id });
    const updated = {
      ...row,
      role: input.role ?? row.role,
      active: input.active === undefined ? row.active : input.active ? (1 as const) : (0 as const),
      pin_hash: input.pin ? hashPin(input.pin) : row.pin_hash,
      // A new PIN set by an admin also lifts a lock-out.
      failed_logins: input.pin ? 0 : row.failed_logins,
      locked_until: input.pin ? null : row.locked_until,
      updated_at: ctx.now,
    };
    staff.update(updated);
    const stillAdmin = updated.role === 'admin' && updated.active === 1;
    if (row.role === 'admin' && row.active === 1 && !stillAdmin && staff.activeAdmins() === 0) {
      throw new AppError('CONFLICT', 'At least one active admin must remain', { reason: 'last_admin' });
    }
    // Cached callers are re-read after the change, so a new role or a deactivation applies at once.
    ctx.app.sessions.forgetCaller(row.id);
    if (!updated.active || input.pin) ctx.app.sessions.closeAllFor(row.id);
    writeAudit(ctx, {
      action: 'staff.update',
      entity: 'staff',
      entityId: row.id,
      before: { role: row.role, active: row.active === 1 },
      after: { role: updated.role, active: updated.active === 1, pinChanged: Boolean(input.pin) },
    });
    return staffInfo(updated);
  },

  'staff.changeOwnPin': (db, ctx, input) => {
    const staff = staffQueries(db);
    const row = staff.byId(callerOf(ctx).id)!;
    const nowMs = Date.parse(ctx.now);
    refuseWhileLocked(row, nowMs);
    // Someone at a counter left logged in could otherwise try PINs here without limit, and log
    // in as that person later: the old PIN is checked as a login's is, and counted alike.
    if (!verifyPin(input.oldPin, row.pin_hash)) {
      const lockedForSeconds = db
        .transaction(() => {
          const seconds = recordWrongPin(db, row, nowMs);
          writeAudit(ctx, { action: 'staff.changeOwnPinFailed', entity: 'staff', entityId: row.id, after: { lockedForSeconds: seconds } });
          return seconds;
        })
        .immediate();
      throw new AppError('WRONG_CREDENTIALS', 'The current PIN is wrong', {
        field: 'oldPin',
        ...(lockedForSeconds ? { lockedForSeconds } : {}),
      });
    }
    const pinHash = hashPin(input.newPin);
    db.transaction(() => {
      staff.setOwnPin(row.id, pinHash);
      writeAudit(ctx, { action: 'staff.changeOwnPin', entity: 'staff', entityId: row.id, after: { pinChanged: true } });
    }).immediate();
    // Whoever knew the old PIN and logged in elsewhere is out; the person changing it stays in.
    ctx.app.sessions.closeAllFor(row.id, ctx.session);
    return {};
  },
} satisfies DomainHandlers<typeof staffContract>;
