import { describe, expect, it } from 'vitest';
import { auditRows, snapshot } from '../fixtures';
import { counter, DAY, refused } from '../points-fixtures';
import { fan, generate, made, setFollowupRules, tasks } from '../followup-fixtures';

// The clock starts at 2026-06-15T02:00Z, 10:00 on 15 June in Shanghai (UTC+8). Local midnight is
// 16:00Z the day before: 15:30Z is 23:30 local, 16:30Z is 00:30 the next local day. Every due
// date below is worked out by hand from the rule, not by the code under test.

describe('post-purchase callback', () => {
  it('is made with the sale, 3 days after the local shopping day, one per member per day', () => {
    const c = counter();
    const m = c.member('张三');
    const sale = c.buy(m, 128);
    c.clockTo('2026-06-15T15:30:00.000Z'); // 23:30 on the 15th: the same shopping day
    c.buy(m, 50);
    c.clockTo('2026-06-15T16:30:00.000Z'); // 00:30 on the 16th, though still the 15th in UTC
    const late = c.buy(m, 20);
    expect(tasks(c)).toEqual([
      ['张三', 'post_purchase', '2026-06-18', { saleDate: '2026-06-15', amountFen: 12800 }],
      ['张三', 'post_purchase', '2026-06-19', { saleDate: '2026-06-16', amountFen: 2000 }],
    ]);
    const rows = c.t.db.prepare('SELECT purchase_id, channel, status, assignee_id, created_by FROM followups ORDER BY due_date').all();
    expect(rows).toEqual([
      { purchase_id: sale.id, channel: 'phone', status: 'planned', assignee_id: null, created_by: null },
      { purchase_id: late.id, channel: 'phone', status: 'planned', assignee_id: null, created_by: null },
    ]);
    expect(generate(c)).toEqual(made({}));
  });

  it('skips sales under the minimum amount, and makes nothing while the rule is off', () => {
    const c = counter();
    setFollowupRules(c, { postPurchase: { minAmountFen: 50000, days: 0, channel: 'wechat' } });
    const m = c.member('李四');
    c.buy(m, '499.99');
    expect(tasks(c)).toEqual([]);
    c.buy(m, 500);
    expect(tasks(c)).toEqual([['李四', 'post_purchase', '2026-06-15', { saleDate: '2026-06-15', amountFen: 50000 }]]);

    setFollowupRules(c, { postPurchase: { enabled: false } });
    c.buy(c.member('王五'), 800);
    expect(generate(c)).toEqual(made({}));
    expect(tasks(c)).toHaveLength(1);
  });

  it('is made by the generator for sales made while the rule was off, by local date, at most 7 days late', () => {
    const c = counter();
    setFollowupRules(c, { postPurchase: { enabled: false } });
    c.buy(c.member('早'), 100); // the 15th → due the 18th
    c.clockTo('2026-06-15T16:30:00.000Z');
    c.buy(c.member('晚'), 80); // 00:30 on the 16th → due the 19th (the 18th if UTC dates were used)
    c.clockTo('2026-06-26T02:00:00.000Z');
    setFollowupRules(c, {});
    // Today is the 26th: due dates before the 19th are too old to be worth a call.
    expect(generate(c)).toEqual(made({ postPurchase: 1 }));
    expect(tasks(c)).toEqual([['晚', 'post_purchase', '2026-06-19', { saleDate: '2026-06-16', amountFen: 8000 }]]);
  });
});

describe('birthday care', () => {
  it('comes 15 days before, on the day and 7 days after, each made up to 7 days ahead', () => {
    const c = counter();
    fan(c, '甲', '1990-06-30');
    fan(c, '乙', '1985-06-15');
    fan(c, '丙', '2001-06-10');
    fan(c, '丁', '1990-07-08');
    fan(c, '庚', '1990-05-20');
    c.member('戊', { birthday: '1990-06-15' }); // no marketing consent
    const gone = fan(c, '己', '1990-06-15');
    c.t.call('members.setStatus', { id: gone, status: 'inactive' }, c.manager);
    // Today is 15 June: due dates from 8 to 22 June are made.
    expect(generate(c)).toEqual(made({ birthday: 5 }));
    expect(tasks(c)).toEqual([
      ['丙', 'birthday', '2026-06-10', { birthday: '2026-06-10', offset: 0 }],
      ['乙', 'birthday', '2026-06-15', { birthday: '2026-06-15', offset: 0 }],
      ['甲', 'birthday', '2026-06-15', { birthday: '2026-06-30', offset: -15 }],
      ['丙', 'birthday', '2026-06-17', { birthday: '2026-06-10', offset: 7 }],
      ['乙', 'birthday', '2026-06-22', { birthday: '2026-06-15', offset: 7 }],
    ]);
    expect(c.t.db.prepare('SELECT DISTINCT channel FROM followups').all()).toEqual([{ channel: 'wechat' }]);
    c.advance(DAY);
    // 16 June: 丁's reminder (8 July − 15 days = 23 June) comes into reach, nothing else is new.
    expect(generate(c)).toEqual(made({ birthday: 1 }));
    expect(tasks(c).filter(([name]) => name === '丁')).toEqual([['丁', 'birthday', '2026-06-23', { birthday: '2026-07-08', offset: -15 }]]);
  });

  it('keeps a 29 February birthday on 28 February in a common year, and on the 29th in a leap year', () => {
    const common = counter('2027-02-28T02:00:00.000Z');
    fan(common, '闰', '2000-02-29');
    fan(common, '平', '1999-02-28');
    expect(generate(common)).toEqual(made({ birthday: 4 }));
    expect(tasks(common)).toEqual([
      ['平', 'birthday', '2027-02-28', { birthday: '2027-02-28', offset: 0 }],
      ['闰', 'birthday', '2027-02-28', { birthday: '2027-02-28', offset: 0 }],
      ['平', 'birthday', '2027-03-07', { birthday: '2027-02-28', offset: 7 }],
      ['闰', 'birthday', '2027-03-07', { birthday: '2027-02-28', offset: 7 }],
    ]);

    const leap = counter('2028-02-28T02:00:00.000Z');
    fan(leap, '闰', '2000-02-29');
    fan(leap, '平', '1999-02-28');
    expect(generate(leap)).toEqual(made({ birthday: 3 }));
    expect(tasks(leap)).toEqual([
      ['平', 'birthday', '2028-02-28', { birthday: '2028-02-28', offset: 0 }],
      ['闰', 'birthday', '2028-02-29', { birthday: '2028-02-29', offset: 0 }],
      ['平', 'birthday', '2028-03-06', { birthday: '2028-02-28', offset: 7 }],
    ]);
  });

  it('crosses the year boundary both ways', () => {
    const c = counter('2026-12-20T02:00:00.000Z');
    fan(c, '元', '2000-01-02');
    fan(c, '末', '1995-12-30');
    expect(generate(c)).toEqual(made({ birthday: 2 }));
    c.clockTo('2026-12-28T02:00:00.000Z');
    expect(generate(c)).toEqual(made({ birthday: 2 }));
    c.clockTo('2027-01-03T02:00:00.000Z');
    expect(generate(c)).toEqual(made({ birthday: 2 }));
    expect(generate(c)).toEqual(made({}));
    expect(tasks(c)).toEqual([
      ['末', 'birthday', '2026-12-15', { birthday: '2026-12-30', offset: -15 }],
      ['元', 'birthday', '2026-12-18', { birthday: '2027-01-02', offset: -15 }],
      ['末', 'birthday', '2026-12-30', { birthday: '2026-12-30', offset: 0 }],
      ['元', 'birthday', '2027-01-02', { birthday: '2027-01-02', offset: 0 }],
      ['末', 'birthday', '2027-01-06', { birthday: '2026-12-30', offset: 7 }],
      ['元', 'birthday', '2027-01-09', { birthday: '2027-01-02', offset: 7 }],
    ]);
  });

  it('makes nothing while the rule is off', () => {
    const c = counter();
    fan(c, '乙', '1985-06-15');
    setFollowupRules(c, { birthday: { enabled: false } });
    expect(generate(c)).toEqual(made({}));
  });
});

describe('reactivation', () => {
  it('calls a member who has not bought for N days, not one who came back, by the local day of the last sale', () => {
    const c = counter();
    setFollowupRules(c, { postPurchase: { enabled: false }, reactivation: { days: 30 } });
    const back = fan(c, '回');
    const twice = fan(c, '双');
    const returns = fan(c, '归');
    const shy = c.member('无'); // no marketing consent
    for (const m of [back, twice, twice, returns, shy]) c.buy(m, 100);
    c.clockTo('2026-06-15T16:30:00.000Z'); // 00:30 on the 16th
    c.buy(fan(c, '夜'), 100);
    c.clockTo('2026-07-01T02:00:00.000Z');
    c.buy(returns, 100);

    c.clockTo('2026-07-14T02:00:00.000Z');
    expect(generate(c)).toEqual(made({}));
    c.clockTo('2026-07-15T02:00:00.000Z'); // 30 days after the 15th
    expect(generate(c)).toEqual(made({ reactivation: 2 }));
    c.clockTo('2026-07-16T02:00:00.000Z');
    expect(generate(c)).toEqual(made({ reactivation: 1 }));
    expect(tasks(c)).toEqual([
      ['双', 'reactivation', '2026-07-15', { lastSaleDate: '2026-06-15', days: 30 }],
      ['回', 'reactivation', '2026-07-15', { lastSaleDate: '2026-06-15', days: 30 }],
      ['夜', 'reactivation', '2026-07-16', { lastSaleDate: '2026-06-16', days: 30 }],
    ]);

    // Fewer days now: the same three lapses qualify again, and make no second task.
    setFollowupRules(c, { postPurchase: { enabled: false }, reactivation: { days: 25 } });
    expect(generate(c)).toEqual(made({}));
    // 回 comes back on the 16th: the call is off. 25 days later 回 has lapsed again: a new task.
    c.buy(back, 100);
    const backTasks = () => c.t.call('followups.list', { memberId: back }, c.clerk).items.map((f) => [f.dueDate, f.status]);
    expect(backTasks()).toEqual([['2026-07-15', 'cancelled']]);
    expect(auditRows(c.t.db, 'followups.cancel').map((a) => JSON.parse(a.after_json!).reason)).toEqual(['came_back']);
    c.clockTo('2026-08-10T02:00:00.000Z');
    expect(generate(c)).toEqual(made({ reactivation: 1 }));
    expect(tasks(c).slice(3)).toEqual([['回', 'reactivation', '2026-08-10', { lastSaleDate: '2026-07-16', days: 25 }]]);
    expect(backTasks()).toEqual([
      ['2026-08-10', 'planned'],
      ['2026-07-15', 'cancelled'],
    ]);
  });
});

describe('complaint follow-up', () => {
  const complain = (c: ReturnType<typeof counter>, memberId: string | null, kind = 'complaint') =>
    c.t.call('feedback.create', { memberId, kind: kind as 'complaint', category: 'service', description: '等太久' }, c.clerk).id;
  const resolve = (c: ReturnType<typeof counter>, id: string) => {
    c.t.call('feedback.transition', { id, to: 'in_progress' }, c.clerk);
    c.t.call('feedback.transition', { id, to: 'resolved', resolution: '已致歉并退款' }, c.manager);
  };

  it("is made when a member's complaint is resolved, N days after the local day; none for anonymous ones or suggestions", () => {
    const c = counter();
    const m = c.member('投');
    const mine = complain(c, m);
    const anonymous = complain(c, null);
    const idea = complain(c, m, 'suggestion');
    c.clockTo('2026-06-15T16:30:00.000Z'); // resolved at 00:30 on the 16th
    for (const id of [mine, anonymous, idea]) resolve(c, id);
    expect(tasks(c)).toEqual([['投', 'complaint', '2026-06-17', { resolvedDate: '2026-06-16', category: 'service' }]]);
    expect(c.t.db.prepare('SELECT feedback_id FROM followups').all()).toEqual([{ feedback_id: mine }]);
    expect(generate(c)).toEqual(made({}));
  });

  it('is made by the generator for complaints resolved while the rule was off', () => {
    const c = counter();
    setFollowupRules(c, { complaint: { enabled: false } });
    const id = complain(c, c.member('投'));
    resolve(c, id);
    expect(tasks(c)).toEqual([]);
    c.advance(2 * DAY);
    setFollowupRules(c, { complaint: { days: 2 } });
    expect(generate(c)).toEqual(made({ complaint: 1 }));
    expect(tasks(c)).toEqual([['投', 'complaint', '2026-06-17', { resolvedDate: '2026-06-15', category: 'service' }]]);
  });
});

describe('followups.generate', () => {
  it("creates nothing on a second run, and nothing twice after every rule's days change", () => {
    const c = counter();
    setFollowupRules(c, { postPurchase: { enabled: false }, reactivation: { days: 7 }, complaint: { enabled: false } });
    const m = fan(c, '甲', '1990-06-15');
    c.buy(m, 100);
    const complaint = c.t.call('feedback.create', { memberId: m, category: 'product', description: '漏气' }, c.clerk).id;
    c.t.call('feedback.transition', { id: complaint, to: 'in_progress' }, c.clerk);
    c.t.call('feedback.transition', { id: complaint, to: 'resolved', resolution: '换新' }, c.clerk);
    c.clockTo('2026-06-22T02:00:00.000Z');
    setFollowupRules(c, { reactivation: { days: 7 } });
    // The sale (due the 18th), birthday on the day (15th) and +7 (22nd), lapse (22nd), complaint (16th).
    expect(generate(c)).toEqual(made({ postPurchase: 1, birthday: 2, reactivation: 1, complaint: 1 }));
    expect(auditRows(c.t.db, 'followups.generate')).toHaveLength(1);

    const before = snapshot(c.t.db);
    expect(generate(c)).toEqual(made({}));
    expect(snapshot(c.t.db)).toEqual(before);

    setFollowupRules(c, { postPurchase: { days: 5 }, reactivation: { days: 8 }, complaint: { days: 3 } });
    expect(generate(c)).toEqual(made({}));
    expect(tasks(c).map(([, kind, due]) => [kind, due])).toEqual([
      ['birthday', '2026-06-15'],
      ['complaint', '2026-06-16'],
      ['post_purchase', '2026-06-18'],
      ['birthday', '2026-06-22'],
      ['reactivation', '2026-06-22'],
    ]);
  });

  it("is the manager's: a clerk is refused and nothing is written", () => {
    const c = counter();
    fan(c, '乙', '1985-06-15');
    refused(c.t, 'followups.generate', {}, c.clerk, 'FORBIDDEN');
  });
});

describe('calls that should no longer be made', () => {
  it('are cancelled when a member withdraws marketing consent (birthday, win-back) or is deactivated (all)', () => {
    const c = counter();
    const m = fan(c, '李四', '1990-06-20'); // birthday in 5 days: its on-the-day call is made now
    c.buy(m, 100); // a post-purchase callback due 2026-06-18
    generate(c);
    const open = () =>
      c.t
        .call('followups.list', { memberId: m }, c.clerk)
        .items.filter((f) => f.status === 'planned')
        .map((f) => f.kind)
        .sort();
    expect(open()).toEqual(['birthday', 'post_purchase']);

    const member = c.t.call('members.get', { id: m }, c.clerk);
    c.t.call('members.update', { id: m, version: member.version, consentMarketing: false }, c.clerk);
    expect(open()).toEqual(['post_purchase']);
    expect(auditRows(c.t.db, 'followups.cancel').map((a) => JSON.parse(a.after_json!).reason)).toEqual(['marketing_withdrawn']);
    expect(generate(c)).toEqual(made({})); // and the generator does not bring them back

    c.t.call('members.setStatus', { id: m, status: 'inactive' }, c.manager);
    expect(open()).toEqual([]);
    expect(
      auditRows(c.t.db, 'followups.cancel')
        .map((a) => JSON.parse(a.after_json!).reason)
        .at(-1),
    ).toBe('member_deactivated');
  });
});
