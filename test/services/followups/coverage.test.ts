import { describe, expect, it } from 'vitest';
import { counter, type Counter } from '../points-fixtures';
import { fan, generate, importedSale, made, setFollowupRules, tasks, wholeWindow } from '../followup-fixtures';

// A run reads only what can have changed since the last one (services/followups/coverage.ts).
// Each test holds it to what a run over the whole window makes (the background job, as the app
// runs it: services/followups/generator-job.ts). The clock starts at 2026-06-15T02:00Z, 10:00 in
// Shanghai; due dates in the hand-written lists are worked out from the rules, not by the code
// under test.

const HOUR = 3_600_000;

/**
 * A month of a store's life with every kind of change between runs: sales at the counter and
 * imported, a void that brings back an older last sale, marketing consent given, a member
 * reactivated, a birthday corrected, a registration, a merge, a resolved complaint, days missed.
 * `run` is called at each point the app would run the generator; the store is the same whichever
 * run it uses.
 */
function aMonthAtTheStore(c: Counter, run: (c: Counter) => unknown): void {
  setFollowupRules(c, { reactivation: { days: 30 } });
  const jia = fan(c, '甲', '1990-07-25');
  const yi = fan(c, '乙');
  c.buy(yi, 100);
  const bing = c.member('丙', { birthday: '1990-07-20' }); // no marketing consent yet
  const ding = fan(c, '丁', '1990-07-19');
  c.t.call('members.setStatus', { id: ding, status: 'inactive' }, c.manager);
  const wu = fan(c, '戊');
  c.buy(wu, 100);
  const geng = fan(c, '庚');
  c.buy(geng, 80);
  const ji = fan(c, '己');
  c.buy(ji, 60); // at the same instant as 庚's sale, and after it (by id)
  const zi = fan(c, '子', '1985-07-24');
  fan(c, '丑', '1985-08-08');
  c.advance(24 * HOUR);
  c.buy(fan(c, '壬'), 30);
  c.advance(24 * HOUR);
  c.buy(fan(c, '癸'), 30);
  importedSale(c, zi, '2026-06-17T03:00:00.000Z');
  run(c);

  c.clockTo('2026-07-15T02:00:00.000Z');
  const mistake = c.buy(yi, 100);
  importedSale(c, wu, '2026-07-13T04:00:00.000Z'); // in the callbacks' window, made before this run
  importedSale(c, ding, '2026-07-14T04:00:00.000Z'); // 丁 is inactive: no callback yet
  run(c);

  c.advance(HOUR);
  // 乙's sale today was a mistake: the sale of 15 June is their last again, 30 days ago.
  c.t.call('purchases.void', { purchaseId: mistake.id, reason: '收银错误' }, c.manager);
  const member = c.t.call('members.get', { id: bing }, c.clerk);
  c.t.call('members.update', { id: bing, version: member.version, consentMarketing: true }, c.clerk);
  c.t.call('members.setStatus', { id: ding, status: 'active' }, c.manager);
  c.t.call('members.update', { id: jia, birthday: '1990-07-16' }, c.clerk);
  fan(c, '辛', '1991-07-17');
  // 己's sale is 庚's last now: a lapse of its own, though 庚 and 己 each had one.
  c.t.call('members.merge', { keepId: geng, mergeId: ji }, c.manager);
  const complaint = c.t.call('feedback.create', { memberId: jia, category: 'service', description: '等太久' }, c.clerk).id;
  c.t.call('feedback.transition', { id: complaint, to: 'in_progress' }, c.clerk);
  c.t.call('feedback.transition', { id: complaint, to: 'resolved', resolution: '已致歉' }, c.manager);
  c.advance(HOUR);
  run(c);
  run(c);

  // The app was closed for three days.
  c.clockTo('2026-07-18T02:00:00.000Z');
  c.buy(yi, 20);
  run(c);
}

describe('a run after the last one', () => {
  it('makes exactly the tasks a run over the whole window makes, after sales, voids, edits, a merge and days missed', () => {
    const kept = counter();
    const whole = counter();
    const keptRuns: unknown[] = [];
    const wholeRuns: unknown[] = [];
    aMonthAtTheStore(kept, (c) => {
      keptRuns.push(generate(c));
      // and leaves nothing a run over the whole window would still make
      expect(wholeWindow(c)).toEqual(made({}));
    });
    aMonthAtTheStore(whole, (c) => wholeRuns.push(wholeWindow(c)));
    expect(keptRuns).toEqual(wholeRuns);
    expect(tasks(kept)).toEqual(tasks(whole));
    expect(keptRuns).toEqual([
      // 17 June: 子's imported sale (the counter's sales made their callbacks as they were made)
      made({ postPurchase: 1 }),
      // 15 July: 戊's imported sale of the 13th; 子's and 甲's care 15 days ahead; 庚 and 己 lapsed
      made({ postPurchase: 1, birthday: 2, reactivation: 2 }),
      // an hour later: 丁's imported sale and birthday, now 丁 is active again; 丙 agreed to
      // marketing, 甲's birthday was corrected, 辛 registered; 乙's sale today was voided, so 15 June
      // is their last sale again; 己 was merged into 庚
      made({ postPurchase: 1, birthday: 4, reactivation: 2 }),
      made({}),
      // three days later: the birthdays and lapses of the days missed
      made({ birthday: 4, reactivation: 3 }),
    ]);
  });

  it('catches up on the days the app was closed, as a run over the whole window does, and no further back than 7 days', () => {
    const c = counter('2026-05-10T02:00:00.000Z');
    setFollowupRules(c, { postPurchase: { enabled: false }, reactivation: { days: 30 } });
    fan(c, '寅', '1990-06-24');
    fan(c, '卯', '1990-07-11');
    fan(c, '辰', '1990-06-16');
    c.buy(fan(c, '午'), 100); // 10 May: lapsed on 9 June
    c.clockTo('2026-05-18T02:00:00.000Z');
    c.buy(fan(c, '巳'), 100); // lapses on 17 June
    c.clockTo('2026-05-25T02:00:00.000Z');
    c.buy(fan(c, '未'), 100); // lapses on 24 June
    c.clockTo('2026-06-15T02:00:00.000Z');
    expect(generate(c)).toEqual(made({ birthday: 2, reactivation: 1 }));
    // Closed for four days: on the 19th the care due up to the 26th is made, and the lapse of the 17th.
    c.clockTo('2026-06-19T02:00:00.000Z');
    const before = tasks(c).length;
    expect(generate(c)).toEqual(made({ birthday: 3, reactivation: 1 }));
    expect(tasks(c).filter(([, , due]) => due >= '2026-06-17')).toEqual([
      ['巳', 'reactivation', '2026-06-17', { lastSaleDate: '2026-05-18', days: 30 }],
      ['辰', 'birthday', '2026-06-23', { birthday: '2026-06-16', offset: 7 }],
      ['寅', 'birthday', '2026-06-24', { birthday: '2026-06-24', offset: 0 }],
      ['卯', 'birthday', '2026-06-26', { birthday: '2026-07-11', offset: -15 }],
    ]);
    expect(tasks(c)).toHaveLength(before + 4);
    expect(wholeWindow(c)).toEqual(made({}));
  });

  it('after more days closed than it looks back, makes what a run over the whole window makes', () => {
    const build = () => {
      const c = counter('2026-05-10T02:00:00.000Z');
      setFollowupRules(c, { reactivation: { days: 30 } });
      for (const [name, birthday] of [
        ['寅', '1990-06-24'],
        ['卯', '1990-07-11'],
        ['辰', '1990-06-16'],
        ['巳', '1990-07-02'],
      ]) {
        c.buy(fan(c, name, birthday), 50);
        c.advance(3 * 24 * HOUR);
      }
      return c;
    };
    const kept = build();
    const whole = build();
    for (const at of ['2026-06-15T02:00:00.000Z', '2026-07-01T02:00:00.000Z']) {
      kept.clockTo(at);
      whole.clockTo(at);
      expect(generate(kept)).toEqual(wholeWindow(whole));
    }
    expect(tasks(kept)).toEqual(tasks(whole));
  });

  it('reads the whole window again after a rule change', () => {
    const c = counter();
    fan(c, '甲', '1990-06-20');
    fan(c, '乙', '1990-06-30');
    setFollowupRules(c, { birthday: { enabled: false } });
    expect(generate(c)).toEqual(made({}));
    c.advance(HOUR);
    // Neither member changed since that run: only a look at the whole window finds their care.
    setFollowupRules(c, {});
    expect(generate(c)).toEqual(made({ birthday: 2 }));
    expect(tasks(c, 'birthday')).toEqual([
      ['乙', 'birthday', '2026-06-15', { birthday: '2026-06-30', offset: -15 }],
      ['甲', 'birthday', '2026-06-20', { birthday: '2026-06-20', offset: 0 }],
    ]);
  });

  it('reads only what changed: a task gone behind its back is made again only by a look at the whole window', () => {
    const c = counter();
    const jia = fan(c, '甲', '1990-06-20');
    expect(generate(c)).toEqual(made({ birthday: 1 }));
    expect(c.t.db.prepare('SELECT COUNT(*) FROM followup_recheck').pluck().get()).toBe(0);
    c.t.db.prepare('DELETE FROM followups WHERE member_id = ?').run(jia);
    c.advance(HOUR);
    expect(generate(c)).toEqual(made({}));
    expect(wholeWindow(c)).toEqual(made({ birthday: 1 }));
  });
});
