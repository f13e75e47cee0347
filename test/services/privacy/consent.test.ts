import { describe, expect, it } from 'vitest';
import { auditRows, failure, memberInput, snapshot } from '../fixtures';
import { counter, refused } from '../points-fixtures';
import { fan, generate, tasks } from '../followup-fixtures';
import { reportStore } from '../report-fixtures';

const T0 = '2026-06-15T02:00:00.000Z';

function consents(c: ReturnType<typeof counter>, memberId: string) {
  return c.t.call('members.consents', { memberId }, c.clerk).items.map((e) => [e.kind, e.granted, e.noticeVersion, e.byName, e.channel]);
}

describe('the privacy notice', () => {
  it('exists from setup as version 1, and a changed text becomes the next version, the old one kept', () => {
    const c = counter();
    const first = c.t.call('privacy.notice', {}, c.clerk);
    expect(first).toMatchObject({ version: 1, createdByName: null, shipped: true });
    expect(first.text).toContain('营销');
    // The same text again is no new version and writes nothing.
    const before = snapshot(c.t.db);
    expect(c.t.call('privacy.saveNotice', { text: first.text }, c.admin)).toEqual({ notice: first, created: false });
    expect(snapshot(c.t.db)).toEqual(before);

    c.advance(60_000);
    const saved = c.t.call('privacy.saveNotice', { text: '  新的告知  ' }, c.admin);
    expect(saved).toEqual({
      notice: {
        version: 2,
        text: '新的告知',
        textEn: null,
        createdAt: '2026-06-15T02:01:00.000Z',
        createdByName: '王店长',
        shipped: false,
      },
      created: true,
    });
    expect(c.t.call('privacy.notices', {}, c.admin).items.map((n) => [n.version, n.text === first.text])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(auditRows(c.t.db, 'privacy.saveNotice')).toHaveLength(1);
  });

  it('is saved by admins only, never empty, and a refused save changes nothing', () => {
    const c = counter();
    refused(c.t, 'privacy.saveNotice', { text: '经理改的' }, c.manager, 'FORBIDDEN');
    refused(c.t, 'privacy.notices', {}, c.clerk, 'FORBIDDEN');
    refused(c.t, 'privacy.saveNotice', { text: '   ' }, c.admin, 'VALIDATION');
  });
});

describe('consent stored with its notice version', () => {
  it('records registration consents under the notice shown, and a new version leaves earlier consents as they were', () => {
    const c = counter();
    const a = c.t.call('members.create', memberInput('甲', '13800000001', { consentMarketing: true, noticeVersion: 1 }), c.clerk);
    expect(consents(c, a.id)).toEqual([
      ['data', true, 1, '小李', 'registration'],
      ['marketing', true, 1, '小李', 'registration'],
    ]);
    c.t.call('privacy.saveNotice', { text: '第二版告知' }, c.admin);
    const b = c.t.call('members.create', memberInput('乙', '13800000002'), c.clerk);
    expect(consents(c, b.id)).toEqual([['data', true, 2, '小李', 'registration']]);
    expect(consents(c, a.id)).toEqual([
      ['data', true, 1, '小李', 'registration'],
      ['marketing', true, 1, '小李', 'registration'],
    ]);
  });

  it('refuses a registration made on a notice replaced meanwhile, and nothing is written', () => {
    const c = counter();
    c.t.call('privacy.saveNotice', { text: '第二版告知' }, c.admin);
    const before = snapshot(c.t.db);
    const error = failure(c.t, 'members.create', memberInput('甲', '13800000001', { noticeVersion: 1 }), c.clerk);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'notice_changed', currentVersion: 2 } });
    expect(snapshot(c.t.db)).toEqual(before);
  });

  it('records marketing consent given again later under the current notice', () => {
    const c = counter();
    const m = c.member('甲', { consentMarketing: true });
    c.t.call('members.setMarketingConsent', { memberId: m, granted: false }, c.clerk);
    c.t.call('privacy.saveNotice', { text: '第三方短信服务商已列明' }, c.admin);
    c.advance(60_000);
    const after = c.t.call('members.setMarketingConsent', { memberId: m, granted: true }, c.clerk);
    expect(after.consentMarketing).toEqual({ given: true, at: '2026-06-15T02:01:00.000Z', byName: '小李' });
    expect(consents(c, m).slice(1)).toEqual([
      ['marketing', true, 1, '小李', 'registration'],
      ['marketing', false, 1, '小李', 'counter'],
      ['marketing', true, 2, '小李', 'counter'],
    ]);
    // An edit through members.update is recorded the same way.
    c.t.call('members.update', { id: m, consentMarketing: false }, c.clerk);
    expect(consents(c, m).at(-1)).toEqual(['marketing', false, 2, '小李', 'counter']);
  });
});

describe('withdrawing marketing consent', () => {
  it('is one audited call for a clerk; the same answer twice writes nothing more', () => {
    const c = counter();
    const m = c.member('甲', { consentMarketing: true });
    const after = c.t.call('members.setMarketingConsent', { memberId: m, granted: false }, c.clerk);
    expect(after.consentMarketing).toEqual({ given: false, at: T0, byName: '小李' });
    expect(auditRows(c.t.db, 'members.setMarketingConsent').map((r) => [r.entity_id, r.before_json, r.after_json])).toEqual([
      [m, '{"consent_marketing":1}', '{"consent_marketing":0,"notice_version":1}'],
    ]);
    const before = snapshot(c.t.db);
    c.t.call('members.setMarketingConsent', { memberId: m, granted: false }, c.clerk);
    expect(snapshot(c.t.db)).toEqual(before);
    refused(c.t, 'members.setMarketingConsent', { memberId: 'nobody', granted: false }, c.clerk, 'NOT_FOUND');
    refused(c.t, 'members.setMarketingConsent', { memberId: m, granted: true }, null, 'UNAUTHENTICATED');
  });

  it('cancels a queued birthday call, which the generator does not make again, and drops the member from the consent filter', () => {
    const c = counter();
    const m = fan(c, '甲', '1990-06-30'); // birthday care -15 days: due today
    fan(c, '乙', '1990-06-30');
    generate(c);
    expect(tasks(c, 'birthday').map(([name]) => name)).toEqual(['乙', '甲']);
    c.t.call('members.setMarketingConsent', { memberId: m, granted: false }, c.clerk);

    const offered = (name: string) =>
      c.t.db
        .prepare("SELECT f.status FROM followups f JOIN members m ON m.id = f.member_id WHERE m.name = ? AND f.kind = 'birthday'")
        .all(name);
    expect(offered('甲')).toEqual([{ status: 'cancelled' }]);
    expect(offered('乙')).toEqual([{ status: 'planned' }]);
    const today = c.t.call('followups.today', {}, c.clerk);
    const queued = [...today.overdue.items, ...today.dueToday.items, ...today.upcoming.items].map((f) => f.memberName);
    expect(queued).toEqual(['乙']);
    generate(c);
    expect(offered('甲')).toEqual([{ status: 'cancelled' }]);

    const list = c.t.call('members.list', { consent: 'yes' }, c.manager);
    expect(list.items.map((r) => r.name)).toEqual(['乙']);
  });

  it("takes the member out of a segment's campaign list and its follow-ups", () => {
    const c = reportStore('2026-06-01T10:00');
    const a = c.member('甲', { consentMarketing: true });
    const b = c.member('乙', { consentMarketing: true });
    c.at('2026-06-05T10:00');
    c.buy(a, 50);
    c.buy(b, 50);
    c.at('2026-06-15T10:00');
    // Two members who each paid ¥50 once score alike: both general_retain (docs/reports.md).
    const campaign = () => c.t.call('reports.segmentCampaign', { segment: 'general_retain' }, c.manager).items.map((r) => r.name);
    expect(campaign().sort()).toEqual(['乙', '甲']);
    c.t.call('members.setMarketingConsent', { memberId: a, granted: false }, c.clerk);
    expect(campaign()).toEqual(['乙']);
    const made = c.t.call('reports.segmentFollowups', { segment: 'general_retain', dueDate: '2026-06-16' }, c.manager);
    expect(made.created).toBe(1);
    expect(tasks(c, 'manual').map(([name]) => name)).toEqual(['乙']);
  });
});
