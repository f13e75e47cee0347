import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../../shared/contract/feedback';
import { auditRows, issuesOf, rowCount } from '../fixtures';
import { counter, DAY, refused, type Counter } from '../points-fixtures';

const T0 = '2026-06-15T02:00:00.000Z';
const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

function complaint(c: Counter, memberId: string | null, extra: Record<string, unknown> = {}): Feedback {
  return c.t.call('feedback.create', { memberId, category: 'service', description: '结账排队太久', ...extra }, c.clerk);
}

describe('feedback.create', () => {
  it("records a member's complaint with the defaults, open, timed and attributed", () => {
    const c = counter();
    const m = c.member('甲');
    const f = complaint(c, m);
    expect(f).toEqual({
      id: f.id,
      memberId: m,
      memberName: '甲',
      contact: null,
      kind: 'complaint',
      category: 'service',
      severity: 'medium',
      channel: 'in_store',
      description: '结账排队太久',
      status: 'open',
      resolution: null,
      created: { at: T0, byName: '小李' },
      started: null,
      resolved: null,
      closed: null,
    });
    expect(c.t.call('feedback.get', { id: f.id }, c.clerk)).toEqual(f);
    expect(auditRows(c.t.db, 'feedback.create').map((a) => a.entity_id)).toEqual([f.id]);
  });

  it('records anonymous feedback with an optional contact, and from a deactivated member', () => {
    const c = counter();
    const anonymous = complaint(c, null, {
      kind: 'suggestion',
      category: 'environment',
      severity: 'low',
      channel: 'online',
      contact: ' 微信 abc123 ',
    });
    expect(anonymous).toMatchObject({
      memberId: null,
      memberName: null,
      contact: '微信 abc123',
      kind: 'suggestion',
      severity: 'low',
      channel: 'online',
    });
    expect(c.t.call('feedback.create', { category: 'price', description: '太贵' }, c.clerk)).toMatchObject({
      memberId: null,
      contact: null,
    });
    const gone = c.member('乙');
    c.t.call('members.setStatus', { id: gone, status: 'inactive' }, c.manager);
    expect(complaint(c, gone)).toMatchObject({ memberName: '乙', status: 'open' });
  });

  it('refuses an empty description, an unknown category and an unknown member', () => {
    const c = counter();
    expect(issuesOf(refused(c.t, 'feedback.create', { category: 'service', description: '  ' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'description', rule: 'required' },
    ]);
    expect(issuesOf(refused(c.t, 'feedback.create', { category: 'weather', description: '下雨' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'category', rule: 'invalid_choice' },
    ]);
    refused(c.t, 'feedback.create', { memberId: 'nobody', category: 'service', description: '慢' }, c.clerk, 'NOT_FOUND');
    refused(c.t, 'feedback.create', { category: 'service', description: '慢' }, null, 'UNAUTHENTICATED');
  });
});

describe('feedback.transition', () => {
  it('goes open → in progress → resolved (with a resolution) → closed, each step timed and attributed', () => {
    const c = counter();
    const { id } = complaint(c, c.member('甲'));
    c.advance(HOUR);
    expect(c.t.call('feedback.transition', { id, to: 'in_progress' }, c.clerk)).toMatchObject({
      status: 'in_progress',
      started: { at: at(HOUR), byName: '小李' },
      resolved: null,
      closed: null,
    });
    c.advance(HOUR);
    const e = refused(c.t, 'feedback.transition', { id, to: 'resolved', resolution: '  ' }, c.manager, 'VALIDATION');
    expect(issuesOf(e)).toEqual([{ field: 'resolution', rule: 'required' }]);
    refused(c.t, 'feedback.transition', { id, to: 'resolved' }, c.manager, 'VALIDATION');
    expect(c.t.call('feedback.transition', { id, to: 'resolved', resolution: '已加开收银台' }, c.manager)).toMatchObject({
      status: 'resolved',
      resolution: '已加开收银台',
      resolved: { at: at(2 * HOUR), byName: '赵经理' },
      closed: null,
    });
    c.advance(DAY);
    expect(c.t.call('feedback.transition', { id, to: 'closed' }, c.clerk)).toEqual({
      id,
      memberId: expect.any(String),
      memberName: '甲',
      contact: null,
      kind: 'complaint',
      category: 'service',
      severity: 'medium',
      channel: 'in_store',
      description: '结账排队太久',
      status: 'closed',
      resolution: '已加开收银台',
      created: { at: T0, byName: '小李' },
      started: { at: at(HOUR), byName: '小李' },
      resolved: { at: at(2 * HOUR), byName: '赵经理' },
      closed: { at: at(2 * HOUR + DAY), byName: '小李' },
    });
    expect(
      auditRows(c.t.db)
        .filter((a) => a.entity_id === id)
        .map((a) => [a.action, JSON.parse(a.before_json ?? '{}').status]),
    ).toEqual([
      ['feedback.create', undefined],
      ['feedback.in_progress', 'open'],
      ['feedback.resolved', 'in_progress'],
      ['feedback.closed', 'resolved'],
    ]);
  });

  it('refuses skipping a step, staying put and going back, writing nothing', () => {
    const c = counter();
    const { id } = complaint(c, c.member('甲'));
    const refuse = (to: string, from: string) => {
      const e = refused(c.t, 'feedback.transition', { id, to, resolution: '处理了' }, c.clerk, 'INVALID_TRANSITION');
      expect(e.details).toEqual({ entity: 'feedback', from, to });
    };
    refuse('resolved', 'open');
    refuse('closed', 'open');
    c.t.call('feedback.transition', { id, to: 'in_progress' }, c.clerk);
    refuse('in_progress', 'in_progress');
    refuse('closed', 'in_progress');
    c.t.call('feedback.transition', { id, to: 'resolved', resolution: '处理了' }, c.clerk);
    refuse('in_progress', 'resolved');
    refuse('resolved', 'resolved');
    c.t.call('feedback.transition', { id, to: 'closed' }, c.clerk);
    for (const to of ['in_progress', 'resolved', 'closed']) refuse(to, 'closed');
    expect(issuesOf(refused(c.t, 'feedback.transition', { id, to: 'open' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'to', rule: 'invalid_choice' },
    ]);
    refused(c.t, 'feedback.transition', { id: 'nobody', to: 'in_progress' }, c.clerk, 'NOT_FOUND');
  });

  it("makes the complaint follow-up when a member's complaint is resolved, and only then", () => {
    const c = counter();
    const { id } = complaint(c, c.member('甲'));
    c.t.call('feedback.transition', { id, to: 'in_progress' }, c.clerk);
    expect(rowCount(c.t.db, 'followups')).toBe(0);
    c.t.call('feedback.transition', { id, to: 'resolved', resolution: '退款' }, c.clerk);
    c.t.call('feedback.transition', { id, to: 'closed' }, c.clerk);
    expect(c.t.db.prepare('SELECT kind, due_date, feedback_id FROM followups').all()).toEqual([
      { kind: 'complaint', due_date: '2026-06-16', feedback_id: id },
    ]);
  });
});

describe('feedback.list', () => {
  function desk() {
    const c = counter();
    const m = c.member('甲');
    const ids: Record<string, string> = {};
    const add = (key: string, extra: Record<string, unknown>, steps: Array<'in_progress' | 'resolved' | 'closed'> = []) => {
      c.advance(HOUR);
      ids[key] = complaint(c, (extra.memberId as string | null | undefined) ?? null, extra).id;
      for (const to of steps) c.t.call('feedback.transition', { id: ids[key], to, resolution: '已处理' }, c.clerk);
    };
    add('a', { memberId: m, severity: 'high' });
    add('b', { category: 'product' }, ['in_progress']);
    add('c', { memberId: m, kind: 'praise', category: 'staff', severity: 'low' }, ['in_progress', 'resolved']);
    add('d', { memberId: m, severity: 'high', category: 'product' }, ['in_progress', 'resolved', 'closed']);
    add('e', { kind: 'suggestion', category: 'environment' });
    return { c, m, ids };
  }

  it('lists newest first with counts per status under the other filters', () => {
    const { c, m, ids } = desk();
    const list = (input: Record<string, unknown>) => {
      const r = c.t.call('feedback.list', input, c.clerk);
      return { items: r.items.map((f) => Object.keys(ids).find((k) => ids[k] === f.id)), counts: r.counts };
    };
    expect(list({})).toEqual({ items: ['e', 'd', 'c', 'b', 'a'], counts: { open: 2, in_progress: 1, resolved: 1, closed: 1 } });
    expect(list({ status: 'open' })).toEqual({ items: ['e', 'a'], counts: { open: 2, in_progress: 1, resolved: 1, closed: 1 } });
    expect(list({ status: 'unfinished' }).items).toEqual(['e', 'c', 'b', 'a']);
    expect(list({ status: 'closed' }).items).toEqual(['d']);
    expect(list({ memberId: m })).toEqual({ items: ['d', 'c', 'a'], counts: { open: 1, in_progress: 0, resolved: 1, closed: 1 } });
    expect(list({ severity: 'high', status: 'unfinished' })).toEqual({
      items: ['a'],
      counts: { open: 1, in_progress: 0, resolved: 0, closed: 1 },
    });
    expect(list({ category: 'product' })).toEqual({ items: ['d', 'b'], counts: { open: 0, in_progress: 1, resolved: 0, closed: 1 } });
    expect(list({ kind: 'complaint', limit: 1 })).toEqual({ items: ['d'], counts: { open: 1, in_progress: 1, resolved: 0, closed: 1 } });
    expect(issuesOf(refused(c.t, 'feedback.list', { status: 'done' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'status', rule: 'invalid_choice' },
    ]);
  });
});

describe('members.timeline', () => {
  it('lists purchases, points not tied to a purchase, follow-ups and feedback, newest first', () => {
    const c = counter();
    const m = c.member('甲');
    const sale = c.buy(m, '88.80', { receiptNo: 'R-1', category: '茶叶' }); // and its callback, due the 18th
    c.advance(HOUR);
    const adjust = c.t.call('points.adjust', { memberId: m, points: 20, reason: '补录积分' }, c.manager).entry;
    c.advance(HOUR);
    const refund = c.t.call('purchases.refund', { purchaseId: sale.id, amount: '8.80', reason: '少一盒' }, c.clerk).refund;
    c.advance(HOUR);
    const fb = complaint(c, m);
    c.advance(HOUR);
    const manual = c.t.call('followups.create', { memberId: m, dueDate: '2026-06-20', note: '送新品试饮' }, c.clerk);
    c.advance(HOUR);
    const callback = c.t.call('followups.list', { memberId: m }, c.clerk).items.find((f) => f.kind === 'post_purchase')!;
    c.t.call('followups.complete', { id: callback.id, outcome: '茶很好', satisfaction: 5 }, c.manager);
    c.t.call('feedback.create', { category: 'price', description: '别人的投诉' }, c.clerk);

    expect(c.t.call('members.timeline', { memberId: m }, c.clerk).items).toEqual([
      {
        id: callback.id,
        at: at(5 * HOUR),
        type: 'followup',
        amountFen: null,
        points: null,
        kind: 'post_purchase',
        status: 'done',
        text: '茶很好',
        byName: '赵经理',
      },
      {
        id: manual.id,
        at: at(4 * HOUR),
        type: 'followup',
        amountFen: null,
        points: null,
        kind: 'manual',
        status: 'planned',
        text: '送新品试饮',
        byName: '小李',
      },
      {
        id: fb.id,
        at: at(3 * HOUR),
        type: 'feedback',
        amountFen: null,
        points: null,
        kind: 'complaint',
        status: 'open',
        text: '结账排队太久',
        byName: '小李',
      },
      {
        id: refund.id,
        at: at(2 * HOUR),
        type: 'refund',
        amountFen: 880,
        points: -8,
        kind: '茶叶',
        status: null,
        text: 'R-1',
        byName: '小李',
      },
      {
        id: adjust.id,
        at: at(HOUR),
        type: 'points',
        amountFen: null,
        points: 20,
        kind: 'adjust',
        status: null,
        text: '补录积分',
        byName: '赵经理',
      },
      { id: sale.id, at: T0, type: 'sale', amountFen: 8880, points: 88, kind: '茶叶', status: null, text: 'R-1', byName: '小李' },
    ]);
    expect(c.t.call('members.timeline', { memberId: m, limit: 2 }, c.clerk).items.map((i) => i.id)).toEqual([callback.id, manual.id]);
    refused(c.t, 'members.timeline', { memberId: 'nobody' }, c.clerk, 'NOT_FOUND');
  });
});
