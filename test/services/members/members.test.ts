import { describe, expect, it } from 'vitest';
import { loginAs, makeTestApp, setUpBranch, type TestApp } from '../../helpers';
import { auditRows, failure, issuesOf, memberInput, rowCount, snapshot } from '../fixtures';

const T0 = '2026-06-15T02:00:00.000Z';

/** A branch with a clerk (小李) and a manager (赵经理) logged in. */
function counter() {
  const t = makeTestApp();
  const admin = setUpBranch(t);
  const clerk = loginAs(t, admin, 'clerk', '小李');
  const manager = loginAs(t, admin, 'manager', '赵经理');
  return { t, admin, clerk, manager };
}

function expectValidation(t: TestApp, session: string, input: unknown, field: string, rule: string, name = 'members.create') {
  const before = snapshot(t.db);
  const error = failure(t, name, input, session);
  expect(error.code).toBe('VALIDATION');
  expect(issuesOf(error), JSON.stringify(input).slice(0, 80)).toContainEqual(expect.objectContaining({ field, rule }));
  expect(snapshot(t.db)).toEqual(before);
}

describe('members.create', () => {
  it('registers a member with every field', () => {
    const { t, clerk } = counter();
    const m = t.call(
      'members.create',
      {
        name: ' 张三 ',
        phone: '138 1234 5678',
        gender: 'male',
        birthday: '1990-05-20',
        email: ' zs@example.com ',
        address: '徐汇区建设路 12 号',
        notes: '喜欢绿茶',
        tags: ['VIP', '宝妈', 'VIP'],
        consentData: true,
        consentMarketing: true,
      },
      clerk,
    );
    expect(m).toEqual({
      id: m.id,
      cardNo: 'SH0100000001',
      name: '张三',
      phone: '+8613812345678',
      gender: 'male',
      birthday: '1990-05-20',
      email: 'zs@example.com',
      address: '徐汇区建设路 12 号',
      notes: '喜欢绿茶',
      tags: ['VIP', '宝妈'],
      consentData: { given: true, at: T0, byName: '小李' },
      consentMarketing: { given: true, at: T0, byName: '小李' },
      status: 'active',
      homeBranch: { id: m.homeBranch.id, code: 'SH01', name: '徐汇店' },
      createdAt: T0,
      updatedAt: T0,
      createdByName: '小李',
      version: 1,
      mergedInto: null,
      mergedAt: null,
      erasedAt: null,
    });
    expect(t.call('members.get', { id: m.id }, clerk)).toEqual(m);
  });

  it('fills defaults and numbers cards in order with the branch code', () => {
    const { t, clerk } = counter();
    const a = t.call('members.create', memberInput('甲', '13800000001'), clerk);
    expect(a).toMatchObject({ gender: 'unspecified', birthday: null, email: null, address: null, notes: null, tags: [] });
    expect(a.consentMarketing).toEqual({ given: false, at: null, byName: null });
    // A refused registration does not use up a card number.
    expect(failure(t, 'members.create', memberInput('乙', '+86 138 0000 0001'), clerk).code).toBe('CONFLICT');
    const cards = ['13800000002', '13800000003'].map((p, i) => t.call('members.create', memberInput(`丙${i}`, p), clerk).cardNo);
    expect([a.cardNo, ...cards]).toEqual(['SH0100000001', 'SH0100000002', 'SH0100000003']);
  });

  it('requires consent to store the member data', () => {
    const { t, clerk } = counter();
    expectValidation(t, clerk, memberInput('张三', '13812345678', { consentData: false }), 'consentData', 'consent_required');
    expectValidation(t, clerk, { name: '张三', phone: '13812345678' }, 'consentData', 'required');
    expect(rowCount(t.db, 'members')).toBe(0);
  });

  it('refuses a phone already registered, in any format, naming the member who has it', () => {
    const { t, clerk } = counter();
    const first = t.call('members.create', memberInput('张三', '13812345678'), clerk);
    for (const phone of ['+86 138 1234 5678', '0086-138-1234-5678', '１３８１２３４５６７８']) {
      const error = failure(t, 'members.create', memberInput('李四', phone), clerk);
      expect(error).toEqual({
        code: 'CONFLICT',
        message: expect.any(String),
        details: { field: 'phone', existing: { id: first.id, name: '张三', cardNo: 'SH0100000001' } },
      });
    }
    expect(rowCount(t.db, 'members')).toBe(1);
  });

  it.each([
    [{ phone: '12345' }, 'phone', 'invalid_phone'],
    [{ phone: '138abcd5678' }, 'phone', 'invalid_phone'],
    [{ phone: '' }, 'phone', 'required'],
    [{ phone: '   ' }, 'phone', 'required'],
    [{ birthday: '2023-02-30' }, 'birthday', 'invalid_date'],
    [{ birthday: '1990/05/20' }, 'birthday', 'invalid_date'],
    [{ birthday: '2999-01-01' }, 'birthday', 'impossible_birthday'],
    [{ birthday: '1800-01-01' }, 'birthday', 'impossible_birthday'],
    [{ name: '' }, 'name', 'required'],
    [{ name: '张'.repeat(41) }, 'name', 'too_long'],
    [{ notes: 'n'.repeat(1001) }, 'notes', 'too_long'],
    [{ address: 'a'.repeat(201) }, 'address', 'too_long'],
    [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags', 'too_big'],
    [{ tags: ['x'.repeat(21)] }, 'tags.0', 'too_long'],
    [{ tags: ['  '] }, 'tags.0', 'required'],
    [{ email: 'not-an-email' }, 'email', 'invalid_email'],
    [{ gender: 'other' }, 'gender', 'invalid_choice'],
    [{ cardNo: 'X1' }, 'cardNo', 'unknown_field'],
  ])('refuses %j with %s: %s and registers nobody', (override, field, rule) => {
    const { t, clerk } = counter();
    expectValidation(t, clerk, memberInput('张三', '13812345678', override), field, rule);
    expect(rowCount(t.db, 'members')).toBe(0);
  });

  it('refuses a birthday after today', () => {
    const { t, clerk } = counter();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expectValidation(t, clerk, memberInput('张三', '13812345678', { birthday: tomorrow }), 'birthday', 'impossible_birthday');
  });

  it('names the unknown field', () => {
    const { t, clerk } = counter();
    const error = failure(t, 'members.create', memberInput('张三', '13812345678', { vip: true }), clerk);
    expect(issuesOf(error)).toEqual([{ field: 'vip', rule: 'unknown_field', params: { keys: 'vip' } }]);
  });

  it('answers NOT_FOUND for an unknown id', () => {
    const { t, clerk, manager } = counter();
    const notFound = { code: 'NOT_FOUND', details: { entity: 'member', id: 'nobody' } };
    expect(failure(t, 'members.get', { id: 'nobody' }, clerk)).toMatchObject(notFound);
    expect(failure(t, 'members.update', { id: 'nobody', notes: 'x' }, clerk)).toMatchObject(notFound);
    expect(failure(t, 'members.setStatus', { id: 'nobody', status: 'inactive' }, manager)).toMatchObject(notFound);
  });
});

describe('members.update', () => {
  function withMember() {
    const c = counter();
    const m = c.t.call('members.create', memberInput('张三', '13812345678', { tags: ['VIP', '宝妈'], email: 'zs@example.com' }), c.clerk);
    c.t.clock.advance(3600_000);
    return { ...c, m };
  }
  const T1 = '2026-06-15T03:00:00.000Z';

  it('changes only the fields given and bumps the version', () => {
    const { t, clerk, m } = withMember();
    const u = t.call('members.update', { id: m.id, notes: '只买绿茶', gender: 'female' }, clerk);
    expect(u).toEqual({ ...m, notes: '只买绿茶', gender: 'female', updatedAt: T1, version: 2 });
    const cleared = t.call('members.update', { id: m.id, email: '', birthday: null, version: 2 }, clerk);
    expect(cleared).toMatchObject({ email: null, birthday: null, notes: '只买绿茶', version: 3 });
  });

  it('refuses a stale version and changes nothing', () => {
    const { t, clerk, manager, m } = withMember();
    t.call('members.update', { id: m.id, notes: '第一次', version: 1 }, clerk);
    const before = snapshot(t.db);
    const error = failure(t, 'members.update', { id: m.id, notes: '第二次', version: 1 }, manager);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale', currentVersion: 2 } });
    expect(snapshot(t.db)).toEqual(before);
    expect(t.call('members.get', { id: m.id }, clerk).notes).toBe('第一次');
  });

  it("refuses another member's phone, and accepts its own in another format", () => {
    const { t, clerk, m } = withMember();
    const other = t.call('members.create', memberInput('李四', '13912345678'), clerk);
    const before = snapshot(t.db);
    expect(failure(t, 'members.update', { id: m.id, phone: '+86 139-1234-5678' }, clerk)).toMatchObject({
      code: 'CONFLICT',
      details: { field: 'phone', existing: { id: other.id, name: '李四', cardNo: other.cardNo } },
    });
    expect(snapshot(t.db)).toEqual(before);
    expect(t.call('members.update', { id: m.id, phone: '0086 138 1234 5678' }, clerk).phone).toBe('+8613812345678');
    expectValidation(t, clerk, { id: m.id, phone: '10012345678' }, 'phone', 'invalid_phone', 'members.update');
    expectValidation(t, clerk, { id: m.id, birthday: '2023-02-30' }, 'birthday', 'invalid_date', 'members.update');
    expectValidation(t, clerk, { id: m.id, consentData: false }, 'consentData', 'unknown_field', 'members.update');
  });

  it('replaces the tags as a whole', () => {
    const { t, clerk, m } = withMember();
    expect(t.call('members.update', { id: m.id, tags: ['学生', '新客', '学生'] }, clerk).tags).toEqual(['学生', '新客'].sort());
    expect(t.call('members.update', { id: m.id, notes: 'x' }, clerk).tags).toEqual(['学生', '新客'].sort());
    expect(t.call('members.update', { id: m.id, tags: [] }, clerk).tags).toEqual([]);
    expect(rowCount(t.db, 'member_tags')).toBe(0);
  });

  it('records when and by whom marketing consent was given or withdrawn', () => {
    const { t, manager, m } = withMember();
    expect(m.consentMarketing).toEqual({ given: false, at: null, byName: null });
    expect(t.call('members.update', { id: m.id, consentMarketing: true }, manager).consentMarketing).toEqual({
      given: true,
      at: T1,
      byName: '赵经理',
    });
    t.clock.advance(60_000);
    // Saving other fields leaves the consent record alone.
    expect(t.call('members.update', { id: m.id, notes: 'x', consentMarketing: true }, manager).consentMarketing.at).toBe(T1);
    const withdrawn = t.call('members.update', { id: m.id, consentMarketing: false }, manager);
    expect(withdrawn.consentMarketing).toEqual({ given: false, at: '2026-06-15T03:01:00.000Z', byName: '赵经理' });
    expect(withdrawn.consentData).toEqual({ given: true, at: T0, byName: '小李' });
  });

  it('writes the before and after of the changed fields to the audit log', () => {
    const { t, clerk, manager, m } = withMember();
    const managerId = t.call('auth.me', {}, manager).staff.id;
    t.call('members.update', { id: m.id, name: '张叁', tags: ['VIP'], consentMarketing: true }, manager);
    const rows = auditRows(t.db).filter((r) => r.entity === 'member' && r.entity_id === m.id);
    expect(rows.map((r) => r.action)).toEqual(['members.create', 'members.update']);
    expect(JSON.parse(rows[0].after_json!)).toMatchObject({
      name: '张三',
      phone: '+8613812345678',
      card_no: 'SH0100000001',
      tags: ['VIP', '宝妈'],
    });
    expect(rows[0].before_json).toBeNull();
    expect(rows[1].staff_id).toBe(managerId);
    expect(rows[1].at).toBe(T1);
    const clerkId = t.call('auth.me', {}, clerk).staff.id;
    expect(JSON.parse(rows[1].before_json!)).toEqual({
      name: '张三',
      consent_marketing: 0,
      consent_marketing_at: null,
      consent_marketing_by: null,
      updated_by: clerkId,
      tags: ['VIP', '宝妈'],
    });
    expect(JSON.parse(rows[1].after_json!)).toEqual({
      name: '张叁',
      consent_marketing: 1,
      consent_marketing_at: T1,
      consent_marketing_by: managerId,
      updated_by: managerId,
      tags: ['VIP'],
    });
  });
});

describe('members.setStatus', () => {
  it('is for managers: a clerk is refused and nothing changes', () => {
    const { t, clerk } = counter();
    const m = t.call('members.create', memberInput('张三', '13812345678'), clerk);
    const before = snapshot(t.db);
    expect(failure(t, 'members.setStatus', { id: m.id, status: 'inactive' }, clerk)).toMatchObject({
      code: 'FORBIDDEN',
      details: { method: 'members.setStatus', needed: 'manager', role: 'clerk' },
    });
    expect(snapshot(t.db)).toEqual(before);
  });

  it('deactivates and reactivates; an inactive member keeps their data and is still found', () => {
    const { t, clerk, manager } = counter();
    const m = t.call('members.create', memberInput('张三', '13812345678', { tags: ['VIP'] }), clerk);
    const off = t.call('members.setStatus', { id: m.id, status: 'inactive', reason: '搬家' }, manager);
    expect(off).toMatchObject({ status: 'inactive', version: 2, tags: ['VIP'], phone: '+8613812345678' });
    expect(t.call('members.setStatus', { id: m.id, status: 'inactive' }, manager).version).toBe(2); // no change, no write
    for (const q of ['张三', 'zs', '5678', 'SH0100000001', '13812345678']) {
      expect(
        t.call('members.search', { q }, clerk).items.map((i) => [i.id, i.status]),
        q,
      ).toEqual([[m.id, 'inactive']]);
    }
    const rows = auditRows(t.db, 'members.setStatus');
    expect(rows.map((r) => [r.before_json, r.after_json])).toEqual([['{"status":"active"}', '{"status":"inactive","reason":"搬家"}']]);
    expect(t.call('members.setStatus', { id: m.id, status: 'active' }, manager)).toMatchObject({ status: 'active', version: 3 });
  });
});
