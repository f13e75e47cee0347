import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../../shared/contract/index';
import { ALLOWED_WHILE_LOCKED } from '../../../services/core/sessions';
import { zhCN } from '../../../renderer/i18n/zh-CN';
import { en } from '../../../renderer/i18n/en';
import { ADMIN, loginAs, makeTestApp, setUpBranch, type TestApp } from '../../helpers';
import { auditRows, failure } from '../fixtures';

// 闲置锁屏 and the clerk switch (docs/privacy.md "Sessions and access"): auth.lock, auth.resume.

const CLERK_PIN = '1357'; // loginAs's

function counter(t: TestApp) {
  const admin = setUpBranch(t);
  const clerk = loginAs(t, admin, 'clerk', '小李');
  loginAs(t, admin, 'clerk', '小王');
  const ids = Object.fromEntries(t.call('staff.colleagues', {}, admin).items.map((s) => [s.name, s.id]));
  return { admin, clerk, ids };
}

describe('a locked session', () => {
  it('refuses every method but resume, me, logout, lock, colleagues and the public ones, with a translated SESSION_LOCKED', () => {
    const t = makeTestApp();
    const { admin } = counter(t);
    t.call('auth.lock', {}, admin);
    const names = Object.keys(contract) as MethodName[];
    for (const name of names) {
      // A public method needs no session: it answers a locked one as it answers anyone.
      if (ALLOWED_WHILE_LOCKED.has(name) || contract[name].access === 'public') continue;
      expect(failure(t, name, {}, admin).code, name).toBe('SESSION_LOCKED');
    }
    expect(t.call('setup.status', {}, admin).initialized).toBe(true);
    expect(t.call('auth.me', {}, admin).staff.name).toBe(ADMIN.name);
    expect(t.call('staff.colleagues', {}, admin).items.length).toBe(3);
    expect(zhCN.errors.SESSION_LOCKED).toMatch(/锁/);
    expect(en.errors.SESSION_LOCKED).toMatch(/locked/i);
  });

  it('resumes with its own PIN, which is audited, and answers again', () => {
    const t = makeTestApp();
    const { clerk, ids } = counter(t);
    t.call('auth.lock', {}, clerk);
    expect(failure(t, 'members.search', { q: '138' }, clerk).code).toBe('SESSION_LOCKED');
    const resumed = t.call('auth.resume', { pin: CLERK_PIN }, clerk);
    expect(resumed.session).toBe(clerk);
    expect(resumed.staff.name).toBe('小李');
    expect(t.call('members.search', { q: '138' }, clerk).items).toEqual([]);
    expect(auditRows(t.db, 'auth.resume').map((r) => r.staff_id)).toEqual([ids['小李']]);
  });

  it('counts a wrong PIN toward the lock-out and audits it as a failed login is', () => {
    const t = makeTestApp();
    const { clerk, ids } = counter(t);
    t.call('auth.lock', {}, clerk);
    for (let i = 0; i < 2; i++) expect(failure(t, 'auth.resume', { pin: '97531' }, clerk).code).toBe('WRONG_CREDENTIALS');
    const third = failure(t, 'auth.resume', { pin: '97531' }, clerk);
    expect(third).toMatchObject({ code: 'WRONG_CREDENTIALS', details: { lockedForSeconds: 30 } });
    // Locked out now: even the right PIN waits, and the session stays locked.
    expect(failure(t, 'auth.resume', { pin: CLERK_PIN }, clerk).code).toBe('LOCKED_OUT');
    expect(failure(t, 'auth.login', { name: '小李', pin: CLERK_PIN }).code).toBe('LOCKED_OUT');
    expect(failure(t, 'members.search', { q: '1' }, clerk).code).toBe('SESSION_LOCKED');
    const rows = auditRows(t.db, 'auth.resumeFailed');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.staff_id === ids['小李'] && r.entity_id === ids['小李'])).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('97531');
    t.clock.advance(31_000);
    expect(t.call('auth.resume', { pin: CLERK_PIN }, clerk).staff.name).toBe('小李');
  });

  it('is taken over by another clerk with their PIN: a session of their own, the old one ended', () => {
    const t = makeTestApp();
    const { clerk, ids } = counter(t);
    t.call('auth.lock', {}, clerk);
    const other = t.call('auth.resume', { staffId: ids['小王'], pin: CLERK_PIN }, clerk);
    expect(other.session).not.toBe(clerk);
    expect(other.staff.name).toBe('小王');
    expect(t.call('auth.me', {}, other.session).staff.name).toBe('小王');
    expect(failure(t, 'auth.me', {}, clerk).code).toBe('UNAUTHENTICATED');
    expect(auditRows(t.db, 'auth.switch').map((r) => [r.staff_id, r.before_json, r.after_json])).toEqual([
      [ids['小王'], JSON.stringify({ staffId: ids['小李'] }), JSON.stringify({ staffId: ids['小王'] })],
    ]);
  });

  it('switches without a lock too (F2), and refuses a wrong PIN, an unknown or a deactivated colleague', () => {
    const t = makeTestApp();
    const { admin, clerk, ids } = counter(t);
    expect(failure(t, 'auth.resume', { staffId: ids['小王'], pin: '0000' }, clerk).code).toBe('WRONG_CREDENTIALS');
    expect(failure(t, 'auth.resume', { staffId: 'no-such-staff', pin: CLERK_PIN }, clerk).code).toBe('WRONG_CREDENTIALS');
    t.call('staff.update', { id: ids['小王'], active: false }, admin);
    expect(failure(t, 'auth.resume', { staffId: ids['小王'], pin: CLERK_PIN }, clerk).code).toBe('WRONG_CREDENTIALS');
    // The failures leave the clerk's own session as it was.
    expect(t.call('auth.me', {}, clerk).staff.name).toBe('小李');
    expect(t.call('auth.resume', { staffId: ids[ADMIN.name], pin: ADMIN.pin }, clerk).staff.role).toBe('admin');
    expect(failure(t, 'auth.me', {}, clerk).code).toBe('UNAUTHENTICATED');
  });

  it('keeps the idle minutes an admin saves (1–120, audited), and a session is not locked for want of calls', () => {
    const t = makeTestApp();
    const { admin, clerk } = counter(t);
    expect(t.call('auth.lockSettings', {}, clerk)).toEqual({ idleMinutes: 5 });
    expect(failure(t, 'auth.saveLockSettings', { idleMinutes: 10 }, clerk).code).toBe('FORBIDDEN');
    expect(failure(t, 'auth.saveLockSettings', { idleMinutes: 0 }, admin).code).toBe('VALIDATION');
    expect(failure(t, 'auth.saveLockSettings', { idleMinutes: 121 }, admin).code).toBe('VALIDATION');
    expect(failure(t, 'auth.saveLockSettings', { idleMinutes: 2.5 }, admin).code).toBe('VALIDATION');
    expect(t.call('auth.saveLockSettings', { idleMinutes: 2 }, admin)).toEqual({ idleMinutes: 2 });
    expect(t.call('auth.lockSettings', {}, clerk)).toEqual({ idleMinutes: 2 });
    expect(auditRows(t.db, 'auth.saveLockSettings').map((r) => [r.before_json, r.after_json])).toEqual([
      ['{"idleMinutes":5}', '{"idleMinutes":2}'],
    ]);
    // Polling is a call like any other: only the window, which sees the keys, locks (docs/privacy.md).
    t.clock.advance(60 * 60_000);
    expect(t.call('members.search', { q: '1' }, clerk).items).toEqual([]);
  });
});
