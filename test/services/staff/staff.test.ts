import { describe, expect, it } from 'vitest';
import { ADMIN, loginAs, makeTestApp, setUpBranch, type TestApp } from '../../helpers';
import { auditRows, failure, issuesOf, rowCount, snapshot } from '../fixtures';

function idOf(t: TestApp, session: string): string {
  return t.call('auth.me', {}, session).staff.id;
}

describe('staff administration', () => {
  it('lets an admin create, list and update staff', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    t.clock.advance(60_000);
    const clerk = t.call('staff.create', { name: ' 小李 ', role: 'clerk', pin: '1357' }, admin);
    expect(clerk).toEqual({
      id: clerk.id,
      name: '小李',
      role: 'clerk',
      active: true,
      locale: 'zh-CN',
      createdAt: '2026-06-15T02:01:00.000Z',
    });
    const manager = t.call('staff.create', { name: 'Alice', role: 'manager', pin: 'secret-pin' }, admin);

    const list = t.call('staff.list', {}, admin).items;
    // Admins first, then managers, then clerks.
    expect(list.map((s) => [s.name, s.role, s.active])).toEqual([
      [ADMIN.name, 'admin', true],
      ['Alice', 'manager', true],
      ['小李', 'clerk', true],
    ]);

    expect(t.call('staff.update', { id: clerk.id, role: 'manager' }, admin)).toMatchObject({ id: clerk.id, role: 'manager', active: true });
    expect(t.call('staff.update', { id: manager.id, active: false }, admin)).toMatchObject({ role: 'manager', active: false });
    const after = Object.fromEntries(t.call('staff.list', {}, admin).items.map((s) => [s.name, [s.role, s.active]]));
    expect(after).toEqual({ [ADMIN.name]: ['admin', true], 小李: ['manager', true], Alice: ['manager', false] });

    // The new staff can log in with the PIN they were given.
    expect(t.call('auth.login', { name: '小李', pin: '1357' }).staff.role).toBe('manager');
  });

  it('writes an audit row for each change, without the PIN', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const adminId = idOf(t, admin);
    const clerk = t.call('staff.create', { name: '小李', role: 'clerk', pin: '1357' }, admin);
    t.call('staff.update', { id: clerk.id, role: 'manager', pin: '9753' }, admin);
    const rows = auditRows(t.db).filter((r) => r.action.startsWith('staff.'));
    expect(rows.map((r) => [r.action, r.staff_id, r.entity, r.entity_id, r.before_json, r.after_json])).toEqual([
      ['staff.create', adminId, 'staff', clerk.id, null, '{"name":"小李","role":"clerk"}'],
      ['staff.update', adminId, 'staff', clerk.id, '{"role":"clerk","active":true}', '{"role":"manager","active":true,"pinChanged":true}'],
    ]);
  });

  it('refuses a name already taken, whatever its case', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const alice = t.call('staff.create', { name: 'Alice', role: 'clerk', pin: '1357' }, admin);
    for (const name of ['Alice', 'alice', 'ALICE', '  aLiCe ']) {
      const error = failure(t, 'staff.create', { name, role: 'manager', pin: '2468' }, admin);
      expect(error).toMatchObject({ code: 'CONFLICT', details: { field: 'name', existing: { id: alice.id, name: 'Alice' } } });
    }
    expect(failure(t, 'staff.create', { name: ADMIN.name, role: 'clerk', pin: '2468' }, admin).code).toBe('CONFLICT');
    expect(rowCount(t.db, 'staff')).toBe(2);
  });

  it('validates staff input', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: '', role: 'clerk', pin: '1357' }, 'name', 'required'],
      [{ name: 'x'.repeat(31), role: 'clerk', pin: '1357' }, 'name', 'too_long'],
      [{ name: 'Bob', role: 'owner', pin: '1357' }, 'role', 'invalid_choice'],
      [{ name: 'Bob', role: 'clerk', pin: '135' }, 'pin', 'too_short'],
      [{ name: 'Bob', role: 'clerk' }, 'pin', 'required'],
    ];
    for (const [input, field, rule] of cases) {
      const error = failure(t, 'staff.create', input, admin);
      expect(error.code).toBe('VALIDATION');
      expect(issuesOf(error)).toContainEqual(expect.objectContaining({ field, rule }));
    }
    expect(rowCount(t.db, 'staff')).toBe(1);
    expect(failure(t, 'staff.update', { id: 'no-such-staff', role: 'clerk' }, admin)).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'staff', id: 'no-such-staff' },
    });
  });

  it.each(['clerk', 'manager'] as const)('refuses every staff method to a %s and writes nothing', (role) => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const session = loginAs(t, admin, role);
    const selfId = idOf(t, session);
    const adminId = idOf(t, admin);
    const before = snapshot(t.db);
    const attempts: Array<[string, unknown]> = [
      ['staff.list', {}],
      ['staff.create', { name: 'Mallory', role: 'admin', pin: '1357' }],
      ['staff.update', { id: selfId, role: 'admin' }],
      ['staff.update', { id: adminId, active: false }],
      ['staff.update', { id: adminId, pin: '0000' }],
    ];
    for (const [name, input] of attempts) {
      expect(failure(t, name, input, session)).toMatchObject({ code: 'FORBIDDEN', details: { method: name, needed: 'admin', role } });
    }
    expect(snapshot(t.db)).toEqual(before);
    expect(t.call('auth.me', {}, session).staff.role).toBe(role);
    expect(t.call('auth.me', {}, admin).staff.active).toBe(true);
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or deactivated, and nothing changes', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const adminId = idOf(t, admin);
    loginAs(t, admin, 'manager');
    const before = snapshot(t.db);
    for (const change of [{ role: 'manager' }, { role: 'clerk' }, { active: false }, { role: 'clerk', active: false }]) {
      const error = failure(t, 'staff.update', { id: adminId, ...change }, admin);
      expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'last_admin' } });
    }
    expect(snapshot(t.db)).toEqual(before);
    // Still an admin, still logged in.
    expect(t.call('staff.list', {}, admin).items.find((s) => s.id === adminId)).toMatchObject({ role: 'admin', active: true });
  });

  it('can step down once another admin is active, and then the other one cannot', () => {
    const t = makeTestApp();
    const first = setUpBranch(t);
    const second = loginAs(t, first, 'admin', '副店长');
    const firstId = idOf(t, first);
    const secondId = idOf(t, second);
    expect(t.call('staff.update', { id: firstId, role: 'manager' }, first).role).toBe('manager');
    expect(failure(t, 'staff.list', {}, first).code).toBe('FORBIDDEN');
    expect(failure(t, 'staff.update', { id: secondId, active: false }, second)).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'last_admin' },
    });
    // An inactive admin does not count: promoting the first back is what lets the second go.
    t.call('staff.update', { id: firstId, role: 'admin' }, second);
    t.call('staff.update', { id: secondId, active: false }, first);
    expect(failure(t, 'staff.update', { id: firstId, role: 'clerk' }, first).details).toEqual({ reason: 'last_admin' });
  });

  it('may still change their own PIN', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    t.call('staff.update', { id: idOf(t, admin), pin: '8642' }, admin);
    expect(t.call('auth.login', { name: ADMIN.name, pin: '8642' }).staff.role).toBe('admin');
  });
});

describe('a new PIN', () => {
  it('ends every open session of that staff member and retires the old PIN', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const first = loginAs(t, admin, 'clerk', '小李');
    const second = t.call('auth.login', { name: '小李', pin: '1357' }).session;
    const bystander = loginAs(t, admin, 'clerk', '小王');
    t.call('staff.update', { id: idOf(t, first), pin: '8642' }, admin);
    for (const session of [first, second]) expect(failure(t, 'auth.me', {}, session).code).toBe('UNAUTHENTICATED');
    expect(t.call('auth.me', {}, bystander).staff.name).toBe('小王');
    expect(t.call('auth.me', {}, admin).staff.name).toBe(ADMIN.name);
    expect(failure(t, 'auth.login', { name: '小李', pin: '1357' }).code).toBe('WRONG_CREDENTIALS');
    expect(t.call('auth.login', { name: '小李', pin: '8642' }).staff.name).toBe('小李');
  });

  it('lifts a lock-out at once', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const clerkId = idOf(t, loginAs(t, admin, 'clerk', '小李'));
    for (let i = 0; i < 3; i++) failure(t, 'auth.login', { name: '小李', pin: '0000' });
    expect(failure(t, 'auth.login', { name: '小李', pin: '1357' }).code).toBe('LOCKED_OUT');
    t.call('staff.update', { id: clerkId, pin: '8642' }, admin);
    expect(t.call('auth.login', { name: '小李', pin: '8642' }).staff.id).toBe(clerkId);
  });

  it('is not needed for a role change, which keeps sessions open', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const clerk = loginAs(t, admin, 'clerk', '小李');
    t.call('staff.update', { id: idOf(t, clerk), role: 'manager' }, admin);
    expect(t.call('auth.me', {}, clerk).staff.role).toBe('manager');
    expect(t.call('auth.login', { name: '小李', pin: '1357' }).staff.role).toBe('manager');
  });
});
