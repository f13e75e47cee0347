import { describe, expect, it } from 'vitest';
import { auditRows, snapshot } from '../fixtures';
import { counter, refused } from '../points-fixtures';

/** 张三 with one of every record a member can have, and a second registration merged into them. */
function memberWithHistory() {
  const c = counter();
  const m = c.member('张三', { consentMarketing: true, tags: ['VIP'], birthday: '1990-05-20' });
  const sale = c.buy(m, 388);
  c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk);
  c.t.call('followups.create', { memberId: m, dueDate: '2026-06-20', note: '问问新茶口味' }, c.clerk);
  c.t.call('feedback.create', { memberId: m, kind: 'complaint', category: 'service', description: '排队太久' }, c.clerk);
  c.t.call('members.setMarketingConsent', { memberId: m, granted: false }, c.clerk);
  const twin = c.member('张三丰', { phone: '13900000009' });
  c.t.call('members.merge', { keepId: m, mergeId: twin }, c.manager);
  return { c, m, sale, twin };
}

describe('members.exportData', () => {
  it('holds every kind of record on the member, with the notice texts their consents were given under', () => {
    const { c, m, sale, twin } = memberWithHistory();
    const data = c.t.call('members.exportData', { memberId: m }, c.admin);
    expect(data).toMatchObject({
      format: 'branchdesk.member-data',
      formatVersion: 1,
      generatedAt: '2026-06-15T02:00:00.000Z',
      generatedByName: '王店长',
      store: { code: 'SH01', name: '徐汇店' },
      member: { id: m, name: '张三', tags: ['VIP'], birthday: '1990-05-20', consentMarketing: { given: false } },
    });
    expect(data.consents.map((e) => [e.kind, e.granted, e.noticeVersion])).toEqual([
      ['data', true, 1],
      ['marketing', true, 1],
      ['marketing', false, 1],
    ]);
    expect(data.notices.map((n) => n.version)).toEqual([1]);
    expect(data.notices[0].text).toContain('营销');
    expect(data.purchases).toEqual([expect.objectContaining({ id: sale.id, kind: 'sale', amountFen: 38800, paidFen: 38800 })]);
    expect(data.points.ledger.map((l) => [l.kind, l.points])).toEqual([
      ['earn', 388],
      ['redeem', -100],
    ]);
    expect(data.points.balance).toBe(288);
    expect(data.points.lots).toEqual([expect.objectContaining({ points: 388, remaining: 288 })]);
    expect(data.followups.map((f) => [f.kind, f.note])).toEqual(expect.arrayContaining([['manual', '问问新茶口味']]));
    expect(data.feedback.map((f) => [f.kind, f.description])).toEqual([['complaint', '排队太久']]);
    expect(data.merges).toEqual([expect.objectContaining({ direction: 'absorbed', memberId: twin, name: '张三丰' })]);
    const actions = new Set(data.audit.map((a) => a.action));
    for (const action of [
      'members.create',
      'purchases.record',
      'points.redeem',
      'followups.create',
      'feedback.create',
      'members.setMarketingConsent',
      'members.merge',
    ])
      expect(actions, action).toContain(action);
    // The answer survives the JSON file it is saved as.
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('is audited: who exported whose data', () => {
    const { c, m } = memberWithHistory();
    c.t.call('members.exportData', { memberId: m }, c.admin);
    const rows = auditRows(c.t.db, 'members.exportData');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'member', entity_id: m });
    expect(c.t.db.prepare('SELECT name FROM staff WHERE id = ?').pluck().get(rows[0].staff_id)).toBe('王店长');
  });

  it('is refused to clerks and managers, and a refused call changes nothing', () => {
    const { c, m } = memberWithHistory();
    const before = snapshot(c.t.db);
    refused(c.t, 'members.exportData', { memberId: m }, c.clerk, 'FORBIDDEN');
    refused(c.t, 'members.exportData', { memberId: m }, c.manager, 'FORBIDDEN');
    refused(c.t, 'members.exportData', { memberId: 'nobody' }, c.admin, 'NOT_FOUND');
    expect(snapshot(c.t.db)).toEqual(before);
  });
});
