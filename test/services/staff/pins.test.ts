import { describe, expect, it } from 'vitest';
import { ADMIN, loginAs, makeTestApp, setUpBranch, type TestApp } from '../../helpers';
import { auditRows, failure, issuesOf, snapshot } from '../fixtures';
import { chain, exportFile, merge } from '../hq-fixtures';

// A staff member's own PIN (staff.changeOwnPin) beside an admin's reset (staff.update with a pin).

const CLERK_PIN = '1357'; // loginAs's

function clerkOf(t: TestApp) {
  const admin = setUpBranch(t);
  const clerk = loginAs(t, admin, 'clerk', '小李');
  return { admin, clerk, clerkId: t.call('auth.me', {}, clerk).staff.id };
}

/** Every row of every table but the wrong-PIN count and the audit trail. */
function withoutFailureCount(t: TestApp) {
  const { audit_log: _audit, staff, ...rest } = snapshot(t.db);
  return { ...rest, staff: (staff as Record<string, unknown>[]).map(({ failed_logins: _f, locked_until: _l, ...row }) => row) };
}

describe("changing one's own PIN", () => {
  it('takes the current PIN and a new one: the new one logs in, the old one no longer does', () => {
    const t = makeTestApp();
    const { admin, clerk, clerkId } = clerkOf(t);
    const elsewhere = t.call('auth.login', { name: '小李', pin: CLERK_PIN }).session;
    expect(t.call('staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '864200' }, clerk)).toEqual({});
    expect(failure(t, 'auth.login', { name: '小李', pin: CLERK_PIN }).code).toBe('WRONG_CREDENTIALS');
    expect(t.call('auth.login', { name: '小李', pin: '864200' }).staff.id).toBe(clerkId);
    // The session that changed it stays; another of the same person ends; other people's stay.
    expect(t.call('auth.me', {}, clerk).staff.id).toBe(clerkId);
    expect(failure(t, 'auth.me', {}, elsewhere).code).toBe('UNAUTHENTICATED');
    expect(t.call('auth.me', {}, admin).staff.name).toBe(ADMIN.name);
  });

  it('is open to every role, an admin included, and audited without either PIN', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const manager = loginAs(t, admin, 'manager', '赵经理');
    t.call('staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '24682468' }, manager);
    t.call('staff.changeOwnPin', { oldPin: ADMIN.pin, newPin: 'a long pass phrase' }, admin);
    expect(t.call('auth.login', { name: ADMIN.name, pin: 'a long pass phrase' }).staff.role).toBe('admin');
    const rows = auditRows(t.db, 'staff.changeOwnPin');
    expect(rows.map((r) => [r.entity, r.before_json, r.after_json])).toEqual([
      ['staff', null, '{"pinChanged":true}'],
      ['staff', null, '{"pinChanged":true}'],
    ]);
    expect(rows.map((r) => r.staff_id)).toEqual([rows[0].entity_id, rows[1].entity_id]);
    const everything = JSON.stringify(auditRows(t.db));
    for (const pin of ['24682468', 'a long pass phrase', ADMIN.pin]) expect(everything).not.toContain(pin);
  });

  it('refuses a wrong current PIN and changes nothing but the wrong-PIN count', () => {
    const t = makeTestApp();
    const { clerk, clerkId } = clerkOf(t);
    const before = withoutFailureCount(t);
    expect(failure(t, 'staff.changeOwnPin', { oldPin: '0000', newPin: '864200' }, clerk)).toEqual({
      code: 'WRONG_CREDENTIALS',
      message: 'The current PIN is wrong',
      details: { field: 'oldPin' },
    });
    expect(withoutFailureCount(t)).toEqual(before);
    expect(auditRows(t.db, 'staff.changeOwnPinFailed').map((r) => [r.staff_id, r.entity_id])).toEqual([[clerkId, clerkId]]);
    expect(t.db.prepare('SELECT failed_logins FROM staff WHERE id = ?').pluck().get(clerkId)).toBe(1);
    expect(failure(t, 'auth.login', { name: '小李', pin: '864200' }).code).toBe('WRONG_CREDENTIALS');
    expect(t.call('auth.login', { name: '小李', pin: CLERK_PIN }).staff.id).toBe(clerkId);
  });

  it('counts wrong current PINs towards the lock-out a login has, and refuses even the right one while locked', () => {
    const t = makeTestApp();
    const { clerk } = clerkOf(t);
    failure(t, 'staff.changeOwnPin', { oldPin: '0000', newPin: '864200' }, clerk);
    failure(t, 'auth.login', { name: '小李', pin: '1111' }); // a wrong login counts in the same tally
    expect(failure(t, 'staff.changeOwnPin', { oldPin: '2222', newPin: '864200' }, clerk).details).toEqual({
      field: 'oldPin',
      lockedForSeconds: 30,
    });
    expect(failure(t, 'staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '864200' }, clerk)).toMatchObject({
      code: 'LOCKED_OUT',
      details: { retryAfterSeconds: 30 },
    });
    expect(failure(t, 'auth.login', { name: '小李', pin: CLERK_PIN }).code).toBe('LOCKED_OUT');
    // The person at the counter keeps working; the lock is about guessing PINs, not this session.
    expect(t.call('auth.me', {}, clerk).staff.name).toBe('小李');
    t.clock.advance(31_000);
    t.call('staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '864200' }, clerk);
    // A changed PIN starts a fresh tally.
    expect(t.db.prepare("SELECT failed_logins, locked_until FROM staff WHERE name = '小李'").get()).toEqual({
      failed_logins: 0,
      locked_until: null,
    });
  });

  it('validates the new PIN as setup does, and needs a login', () => {
    const t = makeTestApp();
    const { clerk } = clerkOf(t);
    const before = snapshot(t.db);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ oldPin: CLERK_PIN, newPin: '123' }, 'newPin', 'too_short'],
      [{ oldPin: CLERK_PIN, newPin: 'x'.repeat(33) }, 'newPin', 'too_long'],
      [{ oldPin: CLERK_PIN }, 'newPin', 'required'],
      [{ newPin: '864200' }, 'oldPin', 'required'],
      [{ oldPin: CLERK_PIN, newPin: '864200', staffId: 'someone-else' }, 'staffId', 'unknown_field'],
    ];
    for (const [input, field, rule] of cases) {
      const error = failure(t, 'staff.changeOwnPin', input, clerk);
      expect(error.code).toBe('VALIDATION');
      expect(issuesOf(error)).toContainEqual(expect.objectContaining({ field, rule }));
    }
    expect(failure(t, 'staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '864200' }, null).code).toBe('UNAUTHENTICATED');
    expect(snapshot(t.db)).toEqual(before);
  });

  it("works at HQ, and a branch's changed PIN sends HQ nothing (the hash stays home)", () => {
    const { hq, a } = chain();
    hq.t.call('staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '864200' }, hq.manager);
    expect(hq.t.call('auth.login', { name: '赵经理', pin: '864200' }).staff.role).toBe('manager');

    merge(hq, exportFile(a, 'full').path);
    a.t.call('staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '864200' }, a.clerk);
    expect(a.t.raw('hq.exportBranch', { mode: 'incremental' }, a.manager)).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_TO_EXPORT' },
    });
  });
});

describe("an admin's PIN reset", () => {
  it('sets a PIN without the old one, and the staff member then changes it themselves', () => {
    const t = makeTestApp();
    const { admin, clerkId } = clerkOf(t);
    t.call('staff.update', { id: clerkId, pin: '975310' }, admin);
    const clerk = t.call('auth.login', { name: '小李', pin: '975310' }).session;
    expect(failure(t, 'staff.changeOwnPin', { oldPin: CLERK_PIN, newPin: '111111' }, clerk).code).toBe('WRONG_CREDENTIALS');
    t.call('staff.changeOwnPin', { oldPin: '975310', newPin: '111111' }, clerk);
    expect(t.call('auth.login', { name: '小李', pin: '111111' }).staff.id).toBe(clerkId);
  });

  it('validates the PIN as setup does and changes nothing when refused', () => {
    const t = makeTestApp();
    const { admin, clerkId } = clerkOf(t);
    const before = snapshot(t.db);
    expect(issuesOf(failure(t, 'staff.update', { id: clerkId, pin: '12' }, admin))).toEqual([
      { field: 'pin', rule: 'too_short', params: { min: 4 } },
    ]);
    expect(snapshot(t.db)).toEqual(before);
  });
});
