import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../shared/version';
import { ADMIN, loginAs, makeTestApp, setUpBranch } from '../../helpers';
import { auditRows, failure, issuesOf, rowCount, snapshot } from '../fixtures';

const INIT = { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin };

describe('setup', () => {
  it('reports the state before and after first-run setup', () => {
    const t = makeTestApp();
    expect(t.call('setup.status', {})).toEqual({ initialized: false, branch: null, appVersion: APP_VERSION, timeZone: 'Asia/Shanghai' });
    const done = t.call('setup.init', { ...INIT, branchCode: ' sh01 ' });
    expect(done.branch).toEqual({ id: done.branch.id, code: 'SH01', name: '徐汇店', kind: 'branch' });
    expect(done.admin).toMatchObject({
      name: ADMIN.name,
      role: 'admin',
      active: true,
      locale: 'zh-CN',
      createdAt: '2026-06-15T02:00:00.000Z',
    });
    expect(done.demoMembers).toBe(0);
    expect(t.call('setup.status', {})).toEqual({
      initialized: true,
      branch: done.branch,
      appVersion: APP_VERSION,
      timeZone: 'Asia/Shanghai',
    });
    const audit = auditRows(t.db, 'setup.init');
    expect(audit).toHaveLength(1);
    expect(audit[0].staff_id).toBe(done.admin.id);
  });

  it.each([
    [{ branchCode: 'S' }, 'branchCode', 'invalid_branch_code'],
    [{ branchCode: 'SH-01' }, 'branchCode', 'invalid_branch_code'],
    [{ branchCode: 'SHANGHAI' }, 'branchCode', 'invalid_branch_code'],
    [{ branchName: '' }, 'branchName', 'required'],
    [{ branchName: '   ' }, 'branchName', 'required'],
    [{ adminName: '' }, 'adminName', 'required'],
    [{ adminPin: '123' }, 'adminPin', 'too_short'],
    [{ surprise: 1 }, 'surprise', 'unknown_field'],
  ])('refuses %j (%s: %s) and writes nothing', (override, field, rule) => {
    const t = makeTestApp();
    const before = snapshot(t.db);
    const error = failure(t, 'setup.init', { ...INIT, ...override });
    expect(error.code).toBe('VALIDATION');
    expect(issuesOf(error)).toContainEqual(expect.objectContaining({ field, rule }));
    expect(snapshot(t.db)).toEqual(before);
    expect(t.call('setup.status', {}).initialized).toBe(false);
  });

  it('refuses a second setup and keeps the first', () => {
    const t = makeTestApp();
    t.call('setup.init', INIT);
    const before = snapshot(t.db);
    const error = failure(t, 'setup.init', { ...INIT, branchCode: 'BJ02', adminName: '另一个' });
    expect(error.code).toBe('ALREADY_INITIALIZED');
    expect(snapshot(t.db)).toEqual(before);
    expect(t.call('setup.status', {}).branch?.code).toBe('SH01');
  });

  it('loads demo members when asked', () => {
    const t = makeTestApp();
    expect(t.call('setup.init', { ...INIT, demoMembers: 25 }).demoMembers).toBe(25);
    expect(rowCount(t.db, 'members')).toBe(25);
  });
});

describe('login and sessions', () => {
  it('refuses login before setup', () => {
    expect(failure(makeTestApp(), 'auth.login', ADMIN).code).toBe('NOT_INITIALIZED');
  });

  it('logs in with name and PIN and answers who is logged in', () => {
    const t = makeTestApp();
    t.call('setup.init', INIT);
    const login = t.call('auth.login', ADMIN);
    expect(login.session).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(login.staff).toMatchObject({ name: ADMIN.name, role: 'admin', active: true });
    expect(login.branch).toMatchObject({ code: 'SH01', name: '徐汇店', kind: 'branch' });
    expect(t.call('auth.me', {}, login.session).staff.id).toBe(login.staff.id);
    const other = t.call('auth.login', ADMIN).session;
    expect(other).not.toBe(login.session);
  });

  it('answers a wrong PIN and an unknown name with the same code', () => {
    const t = makeTestApp();
    setUpBranch(t);
    const wrongPin = failure(t, 'auth.login', { name: ADMIN.name, pin: '000000' });
    const unknown = failure(t, 'auth.login', { name: '没有这个人', pin: ADMIN.pin });
    expect(wrongPin.code).toBe('WRONG_CREDENTIALS');
    expect(unknown.code).toBe('WRONG_CREDENTIALS');
    expect(wrongPin.message).toBe(unknown.message);
  });

  it('locks a name after repeated failures, then lets the right PIN in and starts counting afresh', () => {
    const t = makeTestApp();
    setUpBranch(t);
    const wrong = { name: ADMIN.name, pin: '000000' };
    expect(failure(t, 'auth.login', wrong).details).toBeUndefined();
    expect(failure(t, 'auth.login', wrong).details).toBeUndefined();
    const third = failure(t, 'auth.login', wrong);
    expect(third).toMatchObject({ code: 'WRONG_CREDENTIALS', details: { lockedForSeconds: 30 } });

    // Locked: even the right PIN is refused, and the wait counts down.
    expect(failure(t, 'auth.login', ADMIN)).toMatchObject({ code: 'LOCKED_OUT', details: { retryAfterSeconds: 30 } });
    t.clock.advance(10_000);
    expect(failure(t, 'auth.login', ADMIN)).toMatchObject({ code: 'LOCKED_OUT', details: { retryAfterSeconds: 20 } });

    // A failure after the lock has passed doubles it.
    t.clock.advance(20_001);
    expect(failure(t, 'auth.login', wrong).details).toEqual({ lockedForSeconds: 60 });
    t.clock.advance(60_001);
    expect(t.call('auth.login', ADMIN).staff.name).toBe(ADMIN.name);
    const row = t.db.prepare('SELECT failed_logins, locked_until FROM staff WHERE name = ?').get(ADMIN.name);
    expect(row).toEqual({ failed_logins: 0, locked_until: null });

    // Counting starts again from zero: two free failures, the third locks for 30 s again.
    expect(failure(t, 'auth.login', wrong).details).toBeUndefined();
    expect(failure(t, 'auth.login', wrong).details).toBeUndefined();
    expect(failure(t, 'auth.login', wrong).details).toEqual({ lockedForSeconds: 30 });
  });

  it('refuses staff methods without a session or with an unknown one', () => {
    const t = makeTestApp();
    setUpBranch(t);
    for (const session of [null, 'not-a-session']) {
      expect(failure(t, 'auth.me', {}, session)).toMatchObject({ code: 'UNAUTHENTICATED', details: { method: 'auth.me' } });
      expect(failure(t, 'members.search', { q: '张' }, session).code).toBe('UNAUTHENTICATED');
      expect(failure(t, 'staff.list', {}, session).code).toBe('UNAUTHENTICATED');
    }
  });

  it('ends the session at logout, and only that session', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const other = t.call('auth.login', ADMIN).session;
    expect(t.call('auth.logout', {}, admin)).toEqual({});
    expect(failure(t, 'auth.me', {}, admin).code).toBe('UNAUTHENTICATED');
    expect(t.call('auth.me', {}, other).staff.name).toBe(ADMIN.name);
  });

  it('ends a session left idle for more than 12 hours', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    t.clock.advance(11 * 3600_000);
    expect(t.call('auth.me', {}, admin).staff.name).toBe(ADMIN.name);
    t.clock.advance(12 * 3600_000 + 1);
    expect(failure(t, 'auth.me', {}, admin).code).toBe('UNAUTHENTICATED');
  });

  it('stops a deactivated staff member at once and refuses their login', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const clerk = loginAs(t, admin, 'clerk', '小李');
    const id = t.call('auth.me', {}, clerk).staff.id;
    t.call('staff.update', { id, active: false }, admin);
    expect(failure(t, 'members.search', { q: '张' }, clerk).code).toBe('UNAUTHENTICATED');
    expect(failure(t, 'auth.login', { name: '小李', pin: '1357' }).code).toBe('WRONG_CREDENTIALS');
  });

  it('applies a role change to a live session at once', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const session = loginAs(t, admin, 'clerk', '小李');
    const id = t.call('auth.me', {}, session).staff.id;
    expect(failure(t, 'staff.list', {}, session).code).toBe('FORBIDDEN');
    t.call('staff.update', { id, role: 'admin' }, admin);
    expect(t.call('staff.list', {}, session).items).toHaveLength(2);
    t.call('staff.update', { id, role: 'clerk' }, admin);
    expect(failure(t, 'staff.list', {}, session)).toMatchObject({ code: 'FORBIDDEN', details: { needed: 'admin', role: 'clerk' } });
  });

  it('saves the language a staff member picks', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    expect(t.call('auth.setLocale', { locale: 'en' }, admin).locale).toBe('en');
    expect(t.call('auth.me', {}, admin).staff.locale).toBe('en');
    expect(t.call('auth.login', ADMIN).staff.locale).toBe('en');
    const audit = auditRows(t.db, 'auth.setLocale');
    expect(audit.map((r) => [r.before_json, r.after_json])).toEqual([['{"locale":"zh-CN"}', '{"locale":"en"}']]);
    const error = failure(t, 'auth.setLocale', { locale: 'fr' }, admin);
    expect(issuesOf(error)).toEqual([{ field: 'locale', rule: 'invalid_choice' }]);
    expect(failure(t, 'auth.setLocale', { locale: 'en' }).code).toBe('UNAUTHENTICATED');
  });

  it.each(['members.delete', 'nope', 'toString', '__proto__', 'constructor', ''])(
    'answers an unknown method %j with UNKNOWN_METHOD',
    (name) => {
      const t = makeTestApp();
      const admin = setUpBranch(t);
      expect(failure(t, name, {}, admin)).toMatchObject({ code: 'UNKNOWN_METHOD', details: { method: name } });
    },
  );
});

describe('PINs and the audit trail', () => {
  it('stores PINs only as salted scrypt hashes, nowhere in plain text', () => {
    const t = makeTestApp();
    const pins = { admin: 'Adm1n-PIN-7319', clerk: 'Cl3rk-PIN-8026', changed: 'N3w-PIN-5588', wrong: 'Wr0ng-PIN-4242' };
    t.call('setup.init', { ...INIT, adminPin: pins.admin });
    const admin = t.call('auth.login', { name: ADMIN.name, pin: pins.admin }).session;
    const clerk = t.call('staff.create', { name: '小李', role: 'clerk', pin: pins.clerk }, admin);
    t.call('staff.create', { name: '小王', role: 'clerk', pin: pins.clerk }, admin);
    failure(t, 'auth.login', { name: '小李', pin: pins.wrong });
    t.call('staff.update', { id: clerk.id, pin: pins.changed }, admin);
    expect(t.call('auth.login', { name: '小李', pin: pins.changed }).staff.id).toBe(clerk.id);

    const hashes = t.db.prepare('SELECT pin_hash FROM staff ORDER BY name').all() as Array<{ pin_hash: string }>;
    expect(hashes).toHaveLength(3);
    for (const { pin_hash } of hashes) expect(pin_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(new Set(hashes.map((h) => h.pin_hash)).size).toBe(3); // same PIN, different salt

    const audit = JSON.stringify(auditRows(t.db));
    const files = [t.path, `${t.path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1'));
    for (const pin of Object.values(pins)) {
      expect(audit).not.toContain(pin);
      for (const bytes of files) expect(bytes.includes(pin), pin).toBe(false);
    }
  });

  it('records logins and failed logins', () => {
    const t = makeTestApp();
    const adminId = t.call('setup.init', INIT).admin.id;
    t.call('auth.login', ADMIN);
    failure(t, 'auth.login', { name: ADMIN.name, pin: '000000' });
    failure(t, 'auth.login', { name: 'Nobody', pin: '000000' });
    const rows = auditRows(t.db).filter((r) => r.action.startsWith('auth.'));
    expect(rows.map((r) => ({ action: r.action, staff: r.staff_id, entityId: r.entity_id, after: r.after_json, at: r.at }))).toEqual([
      { action: 'auth.login', staff: adminId, entityId: adminId, after: null, at: '2026-06-15T02:00:00.000Z' },
      {
        action: 'auth.loginFailed',
        staff: adminId,
        entityId: adminId,
        after: JSON.stringify({ name: ADMIN.name }),
        at: '2026-06-15T02:00:00.000Z',
      },
      { action: 'auth.loginFailed', staff: null, entityId: null, after: '{"name":"Nobody"}', at: '2026-06-15T02:00:00.000Z' },
    ]);
  });
});
