import { describe, expect, it } from 'vitest';
import type { Followup } from '../../../shared/contract/followups';
import { auditRows, issuesOf } from '../fixtures';
import { counter, DAY, refused, type Counter } from '../points-fixtures';
import { DEFAULT_FOLLOWUP_RULES, fan, generate, made } from '../followup-fixtures';

const T0 = '2026-06-15T02:00:00.000Z'; // 10:00 on 15 June in Shanghai
const HOUR = 3_600_000;

const staffId = (c: Counter, session: string) => c.t.call('auth.me', {}, session).staff.id;

/** 甲 with a manual task due tomorrow. */
function withTask() {
  const c = counter();
  const m = c.member('甲');
  const task = c.t.call('followups.create', { memberId: m, dueDate: '2026-06-16', note: '问问新茶' }, c.clerk);
  return { c, m, task, id: task.id };
}

describe('followups.create', () => {
  it("makes a planned task by hand, with the member's card and phone", () => {
    const { c, m, task } = withTask();
    expect(task).toEqual({
      id: task.id,
      memberId: m,
      memberName: '甲',
      cardNo: 'SH0100000001',
      phone: '+8613800000001',
      tierName: '普通会员',
      kind: 'manual',
      channel: 'phone',
      dueDate: '2026-06-16',
      assigneeId: null,
      assigneeName: null,
      status: 'planned',
      detail: {},
      note: '问问新茶',
      outcome: null,
      satisfaction: null,
      nps: null,
      attempts: 0,
      completedAt: null,
      completedByName: null,
      createdAt: T0,
      lastPurchase: null,
    });
    expect(c.t.call('followups.get', { id: task.id }, c.clerk)).toEqual(task);
    expect(auditRows(c.t.db, 'followups.create').map((a) => a.entity_id)).toEqual([task.id]);
  });

  it('refuses a due date in the past, an unknown assignee, an unknown or deactivated member', () => {
    const c = counter();
    const m = c.member('甲');
    let e = refused(c.t, 'followups.create', { memberId: m, dueDate: '2026-06-14' }, c.clerk, 'VALIDATION');
    expect(issuesOf(e)).toEqual([{ field: 'dueDate', rule: 'in_the_past' }]);
    e = refused(c.t, 'followups.create', { memberId: m, dueDate: '2026-02-30' }, c.clerk, 'VALIDATION');
    expect(issuesOf(e)).toEqual([{ field: 'dueDate', rule: 'invalid_date' }]);
    e = refused(c.t, 'followups.create', { memberId: m, dueDate: '2026-06-15', assigneeId: 'nobody' }, c.clerk, 'VALIDATION');
    expect(issuesOf(e)).toEqual([{ field: 'assigneeId', rule: 'invalid_choice' }]);
    refused(c.t, 'followups.create', { memberId: 'nobody', dueDate: '2026-06-15' }, c.clerk, 'NOT_FOUND');
    c.t.call('members.setStatus', { id: m, status: 'inactive' }, c.manager);
    refused(c.t, 'followups.create', { memberId: m, dueDate: '2026-06-15' }, c.clerk, 'MEMBER_INACTIVE');
  });
});

describe('follow-up status', () => {
  it('completes with an outcome and scores, timed and attributed', () => {
    const { c, id } = withTask();
    c.advance(HOUR);
    expect(c.t.call('followups.complete', { id, outcome: ' 很满意新茶 ', satisfaction: 5, nps: 9 }, c.clerk)).toMatchObject({
      status: 'done',
      outcome: '很满意新茶',
      satisfaction: 5,
      nps: 9,
      attempts: 1,
      completedAt: '2026-06-15T03:00:00.000Z',
      completedByName: '小李',
    });
    const audit = auditRows(c.t.db, 'followups.complete');
    expect(audit.map((a) => [a.entity_id, JSON.parse(a.before_json!).status, JSON.parse(a.after_json!).nps])).toEqual([[id, 'planned', 9]]);
  });

  it('refuses a missing outcome and scores out of range, writing nothing', () => {
    const { c, id } = withTask();
    const issues = (input: Record<string, unknown>) =>
      issuesOf(refused(c.t, 'followups.complete', { id, outcome: '好', ...input }, c.clerk, 'VALIDATION'));
    expect(issues({ outcome: '  ' })).toEqual([{ field: 'outcome', rule: 'required' }]);
    expect(issues({ outcome: undefined })).toEqual([{ field: 'outcome', rule: 'required' }]);
    expect(issues({ satisfaction: 0 })).toEqual([{ field: 'satisfaction', rule: 'too_small', params: { min: 1 } }]);
    expect(issues({ satisfaction: 6 })).toEqual([{ field: 'satisfaction', rule: 'too_big', params: { max: 5 } }]);
    expect(issues({ satisfaction: 4.5 }).map((i) => i.field)).toEqual(['satisfaction']);
    expect(issues({ nps: -1 })).toEqual([{ field: 'nps', rule: 'too_small', params: { min: 0 } }]);
    expect(issues({ nps: 11 })).toEqual([{ field: 'nps', rule: 'too_big', params: { max: 10 } }]);
    // The edges are fine.
    expect(c.t.call('followups.complete', { id, outcome: '好', satisfaction: 1, nps: 0 }, c.clerk)).toMatchObject({
      satisfaction: 1,
      nps: 0,
    });
  });

  it('refuses to move a done task, or to complete a cancelled one', () => {
    const { c, id } = withTask();
    c.t.call('followups.complete', { id, outcome: '已回访' }, c.clerk);
    const e = refused(c.t, 'followups.complete', { id, outcome: '又回访' }, c.clerk, 'INVALID_TRANSITION');
    expect(e.details).toEqual({ entity: 'followup', from: 'done', to: 'done' });
    refused(c.t, 'followups.miss', { id }, c.clerk, 'INVALID_TRANSITION');
    refused(c.t, 'followups.cancel', { id }, c.clerk, 'INVALID_TRANSITION');
    refused(c.t, 'followups.reschedule', { id, dueDate: '2026-06-20' }, c.clerk, 'INVALID_TRANSITION');
    refused(c.t, 'followups.assign', { id, assigneeId: null }, c.manager, 'INVALID_TRANSITION');

    const other = c.t.call('followups.create', { memberId: c.member('乙'), dueDate: '2026-06-15' }, c.clerk).id;
    expect(c.t.call('followups.cancel', { id: other, note: '会员已搬家' }, c.clerk)).toMatchObject({
      status: 'cancelled',
      note: '会员已搬家',
    });
    expect(refused(c.t, 'followups.complete', { id: other, outcome: '好' }, c.clerk, 'INVALID_TRANSITION').details).toMatchObject({
      from: 'cancelled',
    });
    refused(c.t, 'followups.reschedule', { id: other, dueDate: '2026-06-20' }, c.clerk, 'INVALID_TRANSITION');
    refused(c.t, 'followups.complete', { id: 'nobody', outcome: '好' }, c.clerk, 'NOT_FOUND');
  });

  it('goes missed → rescheduled (not into the past) → done, counting the attempts', () => {
    const { c, id } = withTask();
    expect(c.t.call('followups.miss', { id, note: '无人接听' }, c.clerk)).toMatchObject({
      status: 'missed',
      attempts: 1,
      note: '问问新茶\n无人接听',
    });
    refused(c.t, 'followups.miss', { id }, c.clerk, 'INVALID_TRANSITION');
    const e = refused(c.t, 'followups.reschedule', { id, dueDate: '2026-06-14' }, c.clerk, 'VALIDATION');
    expect(issuesOf(e)).toEqual([{ field: 'dueDate', rule: 'in_the_past' }]);
    // Refused into the past, the task stays as it was: missed, on its old date, nothing audited.
    expect(c.t.call('followups.get', { id }, c.clerk)).toMatchObject({ status: 'missed', dueDate: '2026-06-16' });
    expect(auditRows(c.t.db, 'followups.reschedule')).toEqual([]);
    expect(c.t.call('followups.reschedule', { id, dueDate: '2026-06-15' }, c.clerk)).toMatchObject({
      status: 'planned',
      dueDate: '2026-06-15',
      attempts: 1,
    });
    expect(c.t.call('followups.complete', { id, outcome: '第二次打通了' }, c.clerk)).toMatchObject({
      status: 'done',
      attempts: 2,
      satisfaction: null,
      nps: null,
      note: '问问新茶\n无人接听',
    });
    expect(
      auditRows(c.t.db)
        .filter((a) => a.entity_id === id)
        .map((a) => a.action),
    ).toEqual(['followups.create', 'followups.miss', 'followups.reschedule', 'followups.complete']);
  });

  it('can be cancelled once missed', () => {
    const { c, id } = withTask();
    c.t.call('followups.miss', { id }, c.clerk);
    expect(c.t.call('followups.cancel', { id }, c.clerk)).toMatchObject({ status: 'cancelled', note: '问问新茶', attempts: 1 });
  });

  it('is assigned by a manager only, to active staff', () => {
    const { c, id } = withTask();
    const clerkId = staffId(c, c.clerk);
    refused(c.t, 'followups.assign', { id, assigneeId: clerkId }, c.clerk, 'FORBIDDEN');
    const e = refused(c.t, 'followups.assign', { id, assigneeId: 'nobody' }, c.manager, 'VALIDATION');
    expect(issuesOf(e)).toEqual([{ field: 'assigneeId', rule: 'invalid_choice' }]);
    expect(c.t.call('followups.assign', { id, assigneeId: clerkId }, c.manager)).toMatchObject({
      status: 'planned',
      assigneeId: clerkId,
      assigneeName: '小李',
    });
    c.t.call('followups.miss', { id }, c.clerk);
    expect(c.t.call('followups.assign', { id, assigneeId: null }, c.manager)).toMatchObject({
      status: 'missed',
      assigneeId: null,
      assigneeName: null,
    });
    expect(auditRows(c.t.db, 'followups.assign')).toHaveLength(2);
  });
});

describe('followups.today', () => {
  function queue() {
    const c = counter();
    const clerkId = staffId(c, c.clerk);
    const buyer = c.member('甲');
    c.buy(buyer, 128); // callback due the 18th
    const make = (name: string, dueDate: string, assigneeId: string | null = null) =>
      c.t.call('followups.create', { memberId: c.member(name), dueDate, assigneeId }, c.clerk).id;
    make('乙', '2026-06-15', clerkId);
    make('丙', '2026-06-16');
    make('丁', '2026-06-17', clerkId);
    make('戊', '2026-06-24');
    make('己', '2026-06-25');
    const missed = make('庚', '2026-06-17');
    c.t.call('followups.cancel', { id: make('辛', '2026-06-17') }, c.clerk);
    c.t.call('followups.complete', { id: make('壬', '2026-06-17'), outcome: '提前打了' }, c.clerk);
    c.clockTo('2026-06-16T17:00:00.000Z'); // 01:00 on the 17th in Shanghai, the 16th in UTC
    c.t.call('followups.miss', { id: missed }, c.clerk);
    c.t.call('followups.complete', { id: make('癸', '2026-06-17'), outcome: '满意' }, c.clerk);
    return { c, clerkId, buyer };
  }
  const names = (s: { items: Followup[]; total: number }) => [s.items.map((i) => i.memberName), s.total];
  const sections = (r: {
    overdue: { items: Followup[]; total: number };
    dueToday: { items: Followup[]; total: number };
    missed: { items: Followup[]; total: number };
    upcoming: { items: Followup[]; total: number };
    doneToday: number;
  }) => ({
    overdue: names(r.overdue),
    dueToday: names(r.dueToday),
    missed: names(r.missed),
    upcoming: names(r.upcoming),
    doneToday: r.doneToday,
  });

  it('splits the queue by the local date: overdue, due today, missed, the next 7 days, and what was done today', () => {
    const { c, buyer } = queue();
    const r = c.t.call('followups.today', {}, c.clerk);
    expect(r.today).toBe('2026-06-17');
    expect(sections(r)).toEqual({
      overdue: [['乙', '丙'], 2],
      dueToday: [['丁'], 1],
      missed: [['庚'], 1],
      upcoming: [['甲', '戊'], 2],
      doneToday: 1,
    });
    expect(r.upcoming.items[0]).toEqual({
      id: expect.any(String),
      memberId: buyer,
      memberName: '甲',
      cardNo: 'SH0100000001',
      phone: '+8613800000001',
      tierName: '普通会员',
      kind: 'post_purchase',
      channel: 'phone',
      dueDate: '2026-06-18',
      assigneeId: null,
      assigneeName: null,
      status: 'planned',
      detail: { saleDate: '2026-06-15', amountFen: 12800 },
      note: null,
      outcome: null,
      satisfaction: null,
      nps: null,
      attempts: 0,
      completedAt: null,
      completedByName: null,
      createdAt: T0,
      lastPurchase: { at: T0, amountFen: 12800 },
    });
    expect(r.overdue.items[0]).toMatchObject({ memberName: '乙', phone: '+8613800000002', assigneeName: '小李', lastPurchase: null });
  });

  it('filters by assignee (null: nobody yet) and kind, and limits the rows but not the totals', () => {
    const { c, clerkId } = queue();
    const today = (input: Record<string, unknown>) => sections(c.t.call('followups.today', input, c.clerk));
    expect(today({ assigneeId: clerkId })).toEqual({
      overdue: [['乙'], 1],
      dueToday: [['丁'], 1],
      missed: [[], 0],
      upcoming: [[], 0],
      doneToday: 0,
    });
    expect(today({ assigneeId: null })).toEqual({
      overdue: [['丙'], 1],
      dueToday: [[], 0],
      missed: [['庚'], 1],
      upcoming: [['甲', '戊'], 2],
      doneToday: 1,
    });
    expect(today({ kind: 'post_purchase' })).toEqual({
      overdue: [[], 0],
      dueToday: [[], 0],
      missed: [[], 0],
      upcoming: [['甲'], 1],
      doneToday: 0,
    });
    expect(today({ kind: 'manual', assigneeId: staffId(c, c.manager) })).toEqual({
      overdue: [[], 0],
      dueToday: [[], 0],
      missed: [[], 0],
      upcoming: [[], 0],
      doneToday: 0,
    });
    expect(today({ limit: 1 })).toMatchObject({ overdue: [['乙'], 2], upcoming: [['甲'], 2] });
  });
});

describe('followups.script', () => {
  it('fills the default script with the member, the store and the caller', () => {
    const c = counter();
    const m = c.member('甲', { birthday: '1990-06-30' });
    c.buy(m, '1250.50');
    c.advance(DAY);
    c.buy(m, 20);
    // Each callback speaks of its own sale; the points are today's.
    const [second, first] = c.t.call('followups.list', { memberId: m }, c.clerk).items;
    expect(c.t.call('followups.script', { id: first.id }, c.clerk).text).toBe(
      '甲您好，我是徐汇店的小李。感谢您2026/06/15的光临（消费 ¥1,250.50）。想问问您对商品和服务是否满意？有任何问题随时联系我们。您目前有 1270 积分。',
    );
    expect(c.t.call('followups.script', { id: second.id }, c.clerk).text).toContain('感谢您2026/06/16的光临（消费 ¥20.00）');

    const silver = fan(c, '乙', '1990-06-20');
    c.buy(silver, 2000); // reaches 银卡会员
    expect(generate(c)).toEqual(made({ birthday: 1 }));
    const birthday = c.t.call('followups.list', { memberId: silver }, c.clerk).items.find((f) => f.kind === 'birthday')!;
    expect(c.t.call('followups.script', { id: birthday.id }, c.manager).text).toBe(
      '乙您好，我是徐汇店的赵经理。您的生日（06/20）快到了，提前祝您生日快乐！作为银卡会员，您可享受：生日礼。欢迎到店领取生日礼。',
    );
  });

  it('greets the birthday as coming, today or just past in each of the three birthday calls', () => {
    // The tryout heard "快到了，提前祝您生日快乐" on the birthday and a week after it.
    const c = counter();
    const m = fan(c, '丁', '1990-06-30');
    const script = (offset: number) => {
      const task = c.t.call('followups.list', { memberId: m }, c.clerk).items.find((f) => f.detail.offset === offset)!;
      return c.t.call('followups.script', { id: task.id }, c.clerk).text;
    };
    expect(generate(c)).toEqual(made({ birthday: 1 })); // 15 June: 15 days before
    expect(script(-15)).toBe('丁您好，我是徐汇店的小李。您的生日（06/30）快到了，提前祝您生日快乐！欢迎到店领取生日礼。');
    c.advance(15 * DAY); // 30 June
    expect(generate(c)).toEqual(made({ birthday: 2 }));
    expect(script(0)).toBe('丁您好，我是徐汇店的小李。您的生日（06/30）就是今天，祝您生日快乐！欢迎到店领取生日礼。');
    c.advance(DAY); // the on-the-day call made a day late says so
    expect(script(0)).toBe('丁您好，我是徐汇店的小李。您的生日（06/30）刚过去，补祝您生日快乐！欢迎到店领取生日礼。');
    c.advance(6 * DAY); // 7 July
    expect(script(7)).toBe('丁您好，我是徐汇店的小李。您的生日（06/30）刚过去，补祝您生日快乐！欢迎到店领取生日礼。');
  });

  it('keeps a birthday script the store wrote, and replaces a saved copy of the old default', () => {
    const c = counter();
    const m = fan(c, '丁', '1990-06-30');
    generate(c);
    const [task] = c.t.call('followups.list', { memberId: m }, c.clerk).items;
    c.advance(15 * DAY);
    const stored = () => c.t.db.prepare("SELECT value FROM settings WHERE key = 'followup_scripts'").pluck().get() as string;
    const { rules, scripts } = c.t.call('followups.settings', {}, c.clerk);
    // Saving the page used to store every script: a store that only changed a rule holds the old text.
    const old =
      '{{name}}您好，我是{{store}}的{{staff}}。您的生日（{{birthday}}）快到了，提前祝您生日快乐！作为{{tier}}，您可享受：{{benefits}}。欢迎到店领取生日礼。';
    c.t.db
      .prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('followup_scripts', ?)")
      .run(JSON.stringify({ ...scripts, birthday: old }));
    expect(c.t.call('followups.settings', {}, c.clerk).scripts).toEqual(scripts);
    expect(c.t.call('followups.script', { id: task.id }, c.clerk).text).toBe(
      '丁您好，我是徐汇店的小李。您的生日（06/30）就是今天，祝您生日快乐！欢迎到店领取生日礼。',
    );
    // Saving keeps only what the store changed, so an unedited script follows the app's default.
    c.t.call('followups.saveSettings', { rules, scripts: { ...scripts, birthday: old } }, c.manager);
    expect(JSON.parse(stored())).toEqual({});
    const own = '{{name}}您好，祝您生日快乐！';
    c.t.call('followups.saveSettings', { rules, scripts: { ...scripts, birthday: own } }, c.manager);
    expect(JSON.parse(stored())).toEqual({ birthday: own });
    expect(c.t.call('followups.script', { id: task.id }, c.clerk).text).toBe('丁您好，祝您生日快乐！');
  });

  it('fills every field of a script the manager wrote, leaving an unknown one as typed', () => {
    const c = counter();
    const m = c.member('甲', { birthday: '1990-06-30' });
    c.buy(m, '1250.50');
    const { rules, scripts } = c.t.call('followups.settings', {}, c.clerk);
    const fields =
      '{{name}}|{{store}}|{{staff}}|{{tier}}|{{benefits}}|{{points}}|{{expiringPoints}}|{{expiringDate}}|{{birthday}}|{{lastPurchaseDate}}|{{lastPurchaseAmount}}|{{nope}}';
    c.t.call('followups.saveSettings', { rules, scripts: { ...scripts, post_purchase: fields } }, c.manager);
    const [task] = c.t.call('followups.list', { memberId: m }, c.clerk).items;
    // 1250 points expire as 1 July 2027 begins in Shanghai: the last day to use them is 30 June.
    // The tier has no benefits: the one sentence needs them, so nothing is said (never a dash).
    expect(c.t.call('followups.script', { id: task.id }, c.clerk).text).toBe('');
    const filled = fields.replace('{{benefits}}|', '');
    c.t.call('followups.saveSettings', { rules, scripts: { ...scripts, post_purchase: filled } }, c.manager);
    expect(c.t.call('followups.script', { id: task.id }, c.clerk).text).toBe(
      '甲|徐汇店|小李|普通会员|1250|1250|2027/06/30|06/30|2026/06/15|¥1,250.50|{{nope}}',
    );
  });

  it('leaves out each sentence that needs a value the member does not have: no dash, no empty clause', () => {
    const c = counter();
    // No birthday, a tier without benefits, no points expiring, no sale before this manual task.
    const m = c.member('丙');
    const { rules, scripts } = c.t.call('followups.settings', {}, c.clerk);
    const manual =
      '{{name}}您好。作为{{tier}}，您可享受：{{benefits}}。您的生日是 {{birthday}}！您有 {{expiringPoints}} 积分将于 {{expiringDate}} 到期；上次消费 {{lastPurchaseAmount}}（{{lastPurchaseDate}}）。期待您再来。';
    c.t.call('followups.saveSettings', { rules, scripts: { ...scripts, manual } }, c.manager);
    const id = c.t.call('followups.create', { memberId: m, dueDate: '2026-06-16' }, c.clerk).id;
    const text = c.t.call('followups.script', { id }, c.clerk).text;
    expect(text).toBe('丙您好。期待您再来。');
    expect(text).not.toMatch(/—|：。|（）/);
  });
});

describe('follow-up settings', () => {
  it("starts from the migration's rules and the default scripts", () => {
    const c = counter();
    const s = c.t.call('followups.settings', {}, c.clerk);
    expect(s.rules).toEqual(DEFAULT_FOLLOWUP_RULES);
    expect(s.scripts.manual).toBe('{{name}}您好，我是{{store}}的{{staff}}。');
  });

  it('is changed by a manager only, and the next sale follows the new rule', () => {
    const c = counter();
    const { scripts } = c.t.call('followups.settings', {}, c.clerk);
    const rules = { ...DEFAULT_FOLLOWUP_RULES, postPurchase: { enabled: true, days: 5, minAmountFen: 100, channel: 'sms' as const } };
    const next = { rules, scripts: { ...scripts, manual: '您好{{name}}' } };
    refused(c.t, 'followups.saveSettings', next, c.clerk, 'FORBIDDEN');
    const bad = (patch: Record<string, unknown>) =>
      issuesOf(refused(c.t, 'followups.saveSettings', { ...next, ...patch }, c.manager, 'VALIDATION'));
    expect(bad({ rules: { ...rules, reactivation: { enabled: true, days: 3, channel: 'phone' } } })).toEqual([
      { field: 'rules.reactivation.days', rule: 'too_small', params: { min: 7 } },
    ]);
    expect(bad({ scripts: { ...scripts, manual: 'x'.repeat(1001) } })).toEqual([
      { field: 'scripts.manual', rule: 'too_long', params: { max: 1000 } },
    ]);

    expect(c.t.call('followups.saveSettings', next, c.manager)).toEqual(next);
    expect(c.t.call('followups.settings', {}, c.clerk)).toEqual(next);
    expect(auditRows(c.t.db, 'followups.saveSettings')).toHaveLength(1);
    c.buy(c.member('甲'), 2);
    expect(c.t.call('followups.today', {}, c.clerk).upcoming.items.map((f) => [f.dueDate, f.channel])).toEqual([['2026-06-20', 'sms']]);
  });
});
