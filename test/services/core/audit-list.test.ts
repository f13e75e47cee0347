import { describe, expect, it } from 'vitest';
import type { AuditItem } from '../../../shared/contract/audit';
import { ADMIN, loginAs, makeTestApp, setUpBranch, type TestApp } from '../../helpers';
import { memberInput } from '../fixtures';

const HOUR = 3_600_000;

/** A branch with an admin, a clerk and a few days of work: two members created and edited. */
function storeWithHistory() {
  const t = makeTestApp(undefined, { start: '2026-06-15T02:00:00.000Z' });
  let admin = setUpBranch(t);
  let clerk = loginAs(t, admin, 'clerk', '小李');
  // A day later the sessions have ended: both log in again.
  const nextDay = () => {
    t.clock.advance(24 * HOUR);
    admin = t.call('auth.login', ADMIN).session;
    clerk = t.call('auth.login', { name: '小李', pin: '1357' }).session;
  };
  const zhang = t.call('members.create', memberInput('张三', '13900000001'), clerk);
  nextDay();
  const li = t.call('members.create', memberInput('李四', '13900000002'), admin);
  t.call('members.update', { id: zhang.id, name: '张叁' }, clerk);
  nextDay();
  t.call('members.update', { id: li.id, notes: '喜欢绿茶' }, admin);
  const staff = t.call('staff.list', {}, admin);
  const staffId = (name: string) => staff.items.find((s) => s.name === name)!.id;
  return { t, admin, clerk, zhang: zhang.id, li: li.id, clerkId: staffId('小李'), adminId: staffId('王店长') };
}

function allPages(t: TestApp, session: string, filters: Record<string, unknown>, from?: string): AuditItem[] {
  const items: AuditItem[] = [];
  let after = from;
  do {
    const page = t.call('audit.list', { ...filters, after, pageSize: 10 }, session);
    items.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return items;
}

describe('audit.list', () => {
  it('reads the trail newest first: who by name, the member by name and card, before and after', () => {
    const s = storeWithHistory();
    const items = s.t.call('audit.list', {}, s.admin).items;
    const times = items.map((i) => i.at);
    expect(times).toEqual([...times].sort().reverse());
    const rename = items.find((i) => i.action === 'members.update' && i.entityId === s.zhang)!;
    expect(rename.staffName).toBe('小李');
    expect(rename.member).toMatchObject({ id: s.zhang, name: '张叁' });
    expect(rename.member!.cardNo).not.toBe('');
    expect(JSON.parse(rename.before!)).toMatchObject({ name: '张三' });
    expect(JSON.parse(rename.after!)).toMatchObject({ name: '张叁' });
  });

  it('comes with the names of the records its rows name, for that page only; an erased member flagged as such', () => {
    const s = storeWithHistory();
    const page = s.t.call('audit.list', { pageSize: 10 }, s.admin);
    // The rows' staff, their members (the records and the ids inside members.create's values), the branch.
    expect(page.refs.staff[s.clerkId]).toBe('小李');
    expect(page.refs.staff[s.adminId]).toBe('王店长');
    expect(page.refs.members[s.li]).toMatchObject({ name: '李四', erased: false });
    expect(Object.values(page.refs.branches)).toEqual([{ name: '徐汇店', code: 'SH01' }]);
    // Only what the page's rows name.
    const onPage = new Set(page.items.flatMap((i) => [i.entityId, i.staffId]));
    expect(Object.keys(page.refs.members).every((id) => onPage.has(id) || page.items.some((i) => i.after?.includes(id)))).toBe(true);

    s.t.call('members.erase', { id: s.li, confirm: true, reason: '会员本人要求删除' }, s.admin);
    const after = s.t.call('audit.list', { memberId: s.li }, s.admin);
    expect(after.refs.members[s.li]).toMatchObject({ erased: true });
  });

  it('each filter narrows to the rows it names, and only to them', () => {
    const s = storeWithHistory();
    const everything = allPages(s.t, s.admin, {});
    const byClerk = allPages(s.t, s.admin, { staffId: s.clerkId });
    expect(byClerk.length).toBeGreaterThan(0);
    expect(byClerk).toEqual(everything.filter((i) => i.staffId === s.clerkId));

    const aboutZhang = allPages(s.t, s.admin, { memberId: s.zhang });
    expect(aboutZhang.map((i) => i.action).sort()).toEqual(['members.create', 'members.update']);
    expect(aboutZhang).toEqual(everything.filter((i) => i.entity === 'member' && i.entityId === s.zhang));

    const updates = allPages(s.t, s.admin, { action: 'members.update' });
    expect(updates).toHaveLength(2);
    const memberGroup = allPages(s.t, s.admin, { action: 'members' });
    expect(memberGroup).toEqual(everything.filter((i) => i.action.startsWith('members.')));
    expect(memberGroup.length).toBe(4);

    // The store's days (Asia/Shanghai): 2026-06-16 is 06-15T16:00Z to 06-16T16:00Z.
    const secondDay = allPages(s.t, s.admin, { from: '2026-06-16', to: '2026-06-16' });
    expect(secondDay.map((i) => i.action).sort()).toEqual(['auth.login', 'auth.login', 'members.create', 'members.update']);
    expect(secondDay.every((i) => i.at >= '2026-06-15T16:00:00.000Z' && i.at < '2026-06-16T16:00:00.000Z')).toBe(true);

    const combined = allPages(s.t, s.admin, { staffId: s.adminId, action: 'members.update', from: '2026-06-17' });
    expect(combined.map((i) => i.entityId)).toEqual([s.li]);
  });

  it('pages are stable: together they are the whole list once, and rows written meanwhile do not shift them', () => {
    const s = storeWithHistory();
    for (let i = 0; i < 25; i++) s.t.call('members.create', memberInput(`会员${i}`, `1380000${String(i).padStart(4, '0')}`), s.clerk);
    const whole = s.t.call('audit.export', { limit: 5000 }, s.admin).items;
    const first = s.t.call('audit.list', { pageSize: 10 }, s.admin);
    s.t.call('members.create', memberInput('新来的', '13711112222'), s.clerk);
    const rest = allPages(s.t, s.admin, {}, first.next!);
    const read = [...first.items, ...rest];
    expect(read.map((i) => i.id)).toEqual(whole.map((i) => i.id));
    expect(new Set(read.map((i) => i.id)).size).toBe(read.length);
  });

  it('export answers the same rows as the page, in chunks', () => {
    const s = storeWithHistory();
    const page = allPages(s.t, s.admin, { staffId: s.adminId });
    const chunks: AuditItem[] = [];
    let after: string | undefined;
    do {
      const chunk = s.t.call('audit.export', { staffId: s.adminId, after, limit: 2 }, s.admin);
      chunks.push(...chunk.items);
      after = chunk.next ?? undefined;
    } while (after);
    expect(chunks).toEqual(page);
  });

  it('is refused to managers and clerks', () => {
    const s = storeWithHistory();
    const manager = loginAs(s.t, s.admin, 'manager', '小张');
    for (const session of [manager, s.clerk]) {
      for (const name of ['audit.list', 'audit.export', 'audit.choices']) {
        const answer = s.t.raw(name, {}, session);
        expect(answer.ok ? null : answer.error.code, name).toBe('FORBIDDEN');
      }
    }
  });

  it('a bad filter is a clear validation error: a range ending before it starts, an unknown date, a made-up cursor', () => {
    const s = storeWithHistory();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ from: '2026-06-17', to: '2026-06-16' }, 'to', 'end_before_start'],
      [{ from: '2026-02-30' }, 'from', 'invalid_date'],
      [{ after: 'nonsense' }, 'after', 'invalid'],
      [{ action: 'drop table;' }, 'action', 'invalid_format'],
    ];
    for (const [input, field, rule] of cases) {
      const answer = s.t.raw('audit.list', input, s.admin);
      expect(answer.ok, JSON.stringify(input)).toBe(false);
      if (answer.ok) continue;
      expect(answer.error.code).toBe('VALIDATION');
      expect(answer.error.details).toMatchObject({ issues: [expect.objectContaining({ field, rule })] });
    }
  });

  it('choices offer the branch staff and the actions the trail holds', () => {
    const s = storeWithHistory();
    const choices = s.t.call('audit.choices', {}, s.admin);
    expect(choices.staff.map((x) => x.name)).toEqual(expect.arrayContaining(['小李', '王店长']));
    expect(choices.actions).toEqual(expect.arrayContaining(['members.create', 'members.update', 'auth.login', 'setup.init']));
    expect(choices.branches).toEqual([]);
  });
});

describe('the audit trail is unchangeable', () => {
  it('refuses to delete a row or change who, when or what it says; before/after may be redacted', () => {
    const s = storeWithHistory();
    const db = s.t.db;
    const row = s.t.call('audit.list', { memberId: s.zhang, action: 'members.create' }, s.admin).items[0];
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = ?').run(row.id)).toThrow(/audit rows cannot be deleted/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/audit rows cannot be deleted/);
    for (const column of ['id', 'at', 'staff_id', 'action', 'entity', 'entity_id']) {
      expect(() => db.prepare(`UPDATE audit_log SET ${column} = 'x' WHERE id = ?`).run(row.id), column).toThrow(/cannot be changed/);
    }
    db.prepare(`UPDATE audit_log SET before_json = NULL, after_json = '{"name":"***"}' WHERE id = ?`).run(row.id);
    const after = s.t.call('audit.list', { memberId: s.zhang, action: 'members.create' }, s.admin).items[0];
    expect(after).toMatchObject({ id: row.id, at: row.at, staffId: row.staffId, action: row.action, after: '{"name":"***"}' });
  });
});
