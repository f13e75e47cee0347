import { describe, expect, it } from 'vitest';
import { auditRows, issuesOf, snapshot } from '../fixtures';
import { refused } from '../points-fixtures';
import { reportStore, task } from '../report-fixtures';

// Segment → action over a hand-made store (Shanghai wall-clock times). The segments follow from
// docs/reports.md by hand; nothing below is computed by the code under test.

const NAMES = ['甲', '乙', '丙', '丁', '戊', '己'] as const;
type Name = (typeof NAMES)[number];

/**
 * Today is 15 June 2026; the 12-month window holds every sale. 甲 乙 丙 丁 paid ¥50 once on 5 June,
 * 戊 ¥500 on 5, 10 and 15 June; 己 never buys (unscored).
 *
 *   R 0 10 10 10 10 → edges 0 10 10 10: 戊 5, the rest 4 (mean 4.2)
 *   F 1 1 1 1 3     → edges 1 1 1 1:    戊 5, the rest 1 (mean 1.8)
 *   M 5000 ×4 150000 → edges 5000 ×4:    戊 5, the rest 1 (mean 1.8)
 *
 * So 戊 is important_value (HHH) and 甲 乙 丙 丁 general_retain (LLL). 甲 and 丙 agreed to marketing
 * (and 戊); 丙 has since been deactivated. 乙 has a planned manual task due 16 June, 丁 a cancelled
 * one that day, 甲 a planned one on 17 June.
 */
function store() {
  const c = reportStore('2026-06-01T10:00');
  const consent = new Set<Name>(['甲', '丙', '戊']);
  const id = Object.fromEntries(NAMES.map((n) => [n, c.member(n, { consentMarketing: consent.has(n) })])) as Record<Name, string>;
  c.at('2026-06-05T10:00');
  for (const n of ['甲', '乙', '丙', '丁'] as const) c.buy(id[n], 50);
  c.buy(id.戊, 500);
  c.at('2026-06-10T10:00');
  c.buy(id.戊, 500);
  c.at('2026-06-15T10:00');
  c.buy(id.戊, 500);
  c.t.call('members.setStatus', { id: id.丙, status: 'inactive' }, c.manager);
  task(c, id.乙, '2026-06-16');
  c.t.call('followups.cancel', { id: task(c, id.丁, '2026-06-16') }, c.clerk);
  task(c, id.甲, '2026-06-17');
  return { c, id };
}

const REQUEST = { segment: 'general_retain', dueDate: '2026-06-16', channel: 'wechat', note: '夏季新品到店邀约' } as const;

interface TaskRow {
  name: string;
  kind: string;
  channel: string;
  status: string;
  note: string | null;
  detail_json: string | null;
  created_by: string | null;
}

/** A day's tasks by member name in code-point order (丁 乙 甲), then status. */
function tasksDue(c: ReturnType<typeof store>['c'], dueDate: string): TaskRow[] {
  return c.t.db
    .prepare(
      `SELECT m.name, f.kind, f.channel, f.status, f.note, f.detail_json, f.created_by FROM followups f JOIN members m ON m.id = f.member_id
        WHERE f.due_date = ? ORDER BY m.name, f.status`,
    )
    .all(dueDate) as TaskRow[];
}

describe('reports.segmentFollowups', () => {
  it('makes one manual task for each member of the segment who agreed to marketing, skipping the rest, those who have one planned that day and the deactivated', () => {
    const { c } = store();
    const r = c.t.call('reports.segmentFollowups', REQUEST, c.manager);
    // 乙 and 丁 did not agree to marketing, as the campaign list leaves them out.
    expect(r).toEqual({ asOf: '2026-06-15', members: 4, created: 1, skipped: 3, skippedBy: { planned: 0, inactive: 1, noConsent: 2 } });

    const managerId = c.t.call('auth.me', {}, c.manager).staff.id;
    const clerkId = c.t.call('auth.me', {}, c.clerk).staff.id;
    const made = {
      kind: 'manual',
      channel: 'wechat',
      status: 'planned',
      note: '夏季新品到店邀约',
      created_by: managerId,
      detail_json: JSON.stringify({
        purpose: 'marketing',
        segment: 'general_retain',
        asOf: '2026-06-15',
        from: '2025-06-16',
        windowMonths: 12,
      }),
    };
    // 甲 gets one; 乙 keeps the one it had; 丁 (no consent: its cancelled task changes nothing), 丙 (inactive), 戊, 己 get none.
    expect(tasksDue(c, '2026-06-16')).toEqual([
      { name: '丁', kind: 'manual', channel: 'phone', status: 'cancelled', note: null, detail_json: null, created_by: clerkId },
      { name: '乙', kind: 'manual', channel: 'phone', status: 'planned', note: null, detail_json: null, created_by: clerkId },
      { name: '甲', ...made },
    ]);
    expect(tasksDue(c, '2026-06-17').map((t) => t.name)).toEqual(['甲']);

    const audit = auditRows(c.t.db, 'reports.segmentFollowups');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ staff_id: managerId, entity: 'segment', entity_id: 'general_retain' });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      created: 1,
      skipped: 3,
      skippedBy: { noConsent: 2 },
      dueDate: '2026-06-16',
      channel: 'wechat',
      windowMonths: 12,
    });
  });

  it('acts on exactly the members the segment list shows', () => {
    const { c, id } = store();
    const listed = c.t.call('reports.segmentMembers', { segment: 'important_value' }, c.manager).items.map((m) => m.memberId);
    expect(listed).toEqual([id.戊]);
    expect(c.t.call('reports.segmentFollowups', { segment: 'important_value', dueDate: '2026-06-15' }, c.manager)).toMatchObject({
      members: 1,
      created: 1,
      skipped: 0,
    });
    const today = c.t.call('followups.today', {}, c.clerk).dueToday.items;
    expect(today.map((t) => [t.memberName, t.kind, t.channel, t.note])).toEqual([['戊', 'manual', 'phone', null]]);
  });

  it('creates nothing the second time: a double-click changes nothing', () => {
    const { c } = store();
    c.t.call('reports.segmentFollowups', REQUEST, c.manager);
    const before = snapshot(c.t.db);
    const again = c.t.call('reports.segmentFollowups', REQUEST, c.manager);
    expect(again).toEqual({ asOf: '2026-06-15', members: 4, created: 0, skipped: 4, skippedBy: { planned: 1, inactive: 1, noConsent: 2 } });
    expect(snapshot(c.t.db)).toEqual(before);
    // Another day is another task.
    expect(c.t.call('reports.segmentFollowups', { ...REQUEST, dueDate: '2026-06-18' }, c.manager)).toMatchObject({
      created: 1,
      skippedBy: { planned: 0, inactive: 1, noConsent: 2 },
    });
  });

  it('refuses bad input and changes nothing', () => {
    const { c } = store();
    const cases: Array<[Record<string, unknown>, { field: string; rule: string }]> = [
      [{ dueDate: '2026-02-30' }, { field: 'dueDate', rule: 'invalid_date' }],
      [{ dueDate: '16/06/2026' }, { field: 'dueDate', rule: 'invalid_date' }],
      [{ dueDate: '2026-06-14' }, { field: 'dueDate', rule: 'in_the_past' }],
      [{ segment: 'vip' }, { field: 'segment', rule: 'invalid_choice' }],
      [{ channel: 'email' }, { field: 'channel', rule: 'invalid_choice' }],
      [{ windowMonths: 0 }, { field: 'windowMonths', rule: 'too_small' }],
      [{ note: 'x'.repeat(501) }, { field: 'note', rule: 'too_long' }],
      [{ assigneeId: 'x' }, { field: 'assigneeId', rule: 'unknown_field' }],
    ];
    for (const [patch, issue] of cases) {
      const e = refused(c.t, 'reports.segmentFollowups', { ...REQUEST, ...patch }, c.manager, 'VALIDATION');
      expect(issuesOf(e), JSON.stringify(patch)).toEqual([expect.objectContaining(issue)]);
    }
    const { dueDate: _, ...noDate } = REQUEST;
    expect(issuesOf(refused(c.t, 'reports.segmentFollowups', noDate, c.manager, 'VALIDATION'))).toEqual([
      { field: 'dueDate', rule: 'required' },
    ]);
  });

  it('is for managers and admins: a clerk is FORBIDDEN and nothing changes', () => {
    const { c } = store();
    refused(c.t, 'reports.segmentFollowups', REQUEST, c.clerk, 'FORBIDDEN');
    refused(c.t, 'reports.segmentCampaign', { segment: 'general_retain' }, c.clerk, 'FORBIDDEN');
    refused(c.t, 'reports.segmentCampaign', { segment: 'general_retain' }, null, 'UNAUTHENTICATED');
    expect(c.t.call('reports.segmentFollowups', REQUEST, c.admin).created).toBe(1);
  });
});

describe('reports.segmentCampaign', () => {
  it('lists the members who agreed to marketing and counts those left out', () => {
    const { c, id } = store();
    const r = c.t.call('reports.segmentCampaign', { segment: 'general_retain' }, c.manager);
    // 乙 and 丁 did not agree; 丙 did but is deactivated.
    expect(r).toEqual({
      asOf: '2026-06-15',
      from: '2025-06-16',
      segment: 'general_retain',
      members: 4,
      excludedNoConsent: 2,
      excludedInactive: 1,
      items: [
        {
          memberId: id.甲,
          name: '甲',
          cardNo: 'SH0100000001',
          phone: '+8613800000001',
          tierName: '普通会员',
          segment: 'general_retain',
          recencyDays: 10,
          frequency: 1,
          monetaryFen: 5000,
          r: 4,
          f: 1,
          m: 1,
        },
      ],
    });
    const best = c.t.call('reports.segmentCampaign', { segment: 'important_value', asOf: '2026-06-15', windowMonths: 12 }, c.manager);
    expect(best.items.map((m) => [m.name, m.recencyDays, m.frequency, m.monetaryFen, m.r, m.f, m.m])).toEqual([
      ['戊', 0, 3, 150000, 5, 5, 5],
    ]);
    expect([best.members, best.excludedNoConsent, best.excludedInactive]).toEqual([1, 0, 0]);
  });

  it('follows a change of consent at once, and an empty segment is an empty list', () => {
    const { c, id } = store();
    const member = c.t.call('members.get', { id: id.乙 }, c.clerk);
    c.t.call('members.update', { id: id.乙, version: member.version, consentMarketing: true }, c.clerk);
    const r = c.t.call('reports.segmentCampaign', { segment: 'general_retain' }, c.manager);
    expect([r.items.map((m) => m.name), r.excludedNoConsent]).toEqual([['甲', '乙'], 1]);
    expect(c.t.call('reports.segmentCampaign', { segment: 'general_keep' }, c.manager)).toMatchObject({
      members: 0,
      excludedNoConsent: 0,
      excludedInactive: 0,
      items: [],
    });
  });

  it('refuses an unknown segment', () => {
    const { c } = store();
    const e = refused(c.t, 'reports.segmentCampaign', { segment: 'everyone' }, c.manager, 'VALIDATION');
    expect(issuesOf(e)).toEqual([expect.objectContaining({ field: 'segment', rule: 'invalid_choice' })]);
  });
});
