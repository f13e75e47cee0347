import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import type { Ctx } from '../../../services/core/context';
import { jobRunner } from '../../../services/core/jobs/runner';
import { runMaintenance } from '../../../services/core/maintenance';
import { COVERAGE_KEY } from '../../../services/followups/coverage';
import { generateFollowups } from '../../../services/followups/generator';
import type { TestApp } from '../../helpers';
import { auditRows } from '../fixtures';
import { expectResumesAlike } from '../job-fixtures';
import { counter, DAY, type Counter } from '../points-fixtures';
import { DEFAULT_FOLLOWUP_RULES, fan, importedSale, jobCounts, made, setFollowupRules, tasks, wholeWindow } from '../followup-fixtures';

// The follow-up generator's run over the whole window as a background job
// (services/followups/generator-job.ts): the tasks it makes, its slices, what it leaves the next
// hourly run, and who queues it. The clock starts at 2026-05-10T02:00Z (10:00 in Shanghai) and
// the runs are on 15 June.

/**
 * A store whose first run has something of every kind to make: the counter made no callback or
 * complaint follow-up (those rules were off), members lapsed, came back, bought twice a day, had
 * a sale voided, have birthdays near or lack marketing consent. 12 members, in id order.
 */
function aStore(): Counter {
  const c = counter('2026-05-10T02:00:00.000Z');
  setFollowupRules(c, { postPurchase: { enabled: false }, complaint: { enabled: false }, reactivation: { days: 30 } });
  const jia = fan(c, '甲', '1990-06-20');
  fan(c, '乙', '1985-06-12');
  c.member('丙', { birthday: '1990-06-15' }); // no marketing consent
  fan(c, '丁', '1990-07-01');
  const wu = fan(c, '戊', '1990-06-15');
  c.t.call('members.setStatus', { id: wu, status: 'inactive' }, c.manager);
  const ji = fan(c, '己');
  const geng = fan(c, '庚');
  const xin = fan(c, '辛', '1991-06-18');
  const ren = fan(c, '壬');
  const gui = c.member('癸');
  const zi = fan(c, '子');
  const chou = fan(c, '丑', '1992-06-09');
  c.clockTo('2026-05-14T02:00:00.000Z');
  for (const m of [ji, geng, xin, xin]) c.buy(m, 100); // lapsed by 13 June, unless back since
  c.clockTo('2026-05-15T02:00:00.000Z');
  c.buy(ren, 60);
  c.clockTo('2026-06-10T02:00:00.000Z');
  c.buy(geng, 80); // came back
  c.buy(chou, 30);
  c.clockTo('2026-06-11T02:00:00.000Z');
  c.buy(gui, 40);
  c.buy(gui, 50); // the same day: one callback
  c.clockTo('2026-06-12T02:00:00.000Z');
  const mistake = c.buy(ren, 70);
  c.t.call('purchases.void', { purchaseId: mistake.id, reason: '收银错误' }, c.manager); // 15 May is 壬's last sale again
  importedSale(c, jia, '2026-06-13T04:00:00.000Z');
  const complaint = c.t.call('feedback.create', { memberId: zi, category: 'service', description: '等太久' }, c.clerk).id;
  c.t.call('feedback.transition', { id: complaint, to: 'in_progress' }, c.clerk);
  c.t.call('feedback.transition', { id: complaint, to: 'resolved', resolution: '已致歉' }, c.manager);
  c.clockTo('2026-06-15T02:00:00.000Z');
  setFollowupRules(c, { reactivation: { days: 30 } });
  return c;
}

/** Every task as the rules made it (ids aside: a job makes them in another order), by source key. */
const madeTasks = (db: DB) =>
  db
    .prepare(
      `SELECT source_key, member_id, kind, channel, due_date, status, purchase_id, feedback_id, detail_json, created_at
         FROM followups ORDER BY source_key`,
    )
    .all();
const coverage = (db: DB) => db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(COVERAGE_KEY) as string | undefined;
const rechecks = (db: DB) => db.prepare('SELECT member_id FROM followup_recheck ORDER BY 1').pluck().all();

/** The run over the whole window all at once, inline, as the generator made it before it was a job (and makes it for a demo store). */
function inlineWholeWindow(t: TestApp) {
  const ctx: Ctx = { app: t.app, caller: null, session: null, now: t.clock.now().toISOString(), newId: t.app.newId, auditRows: 0 };
  return t.db.transaction(() => generateFollowups(t.db, ctx)).immediate();
}

/** The manager asks for a run; answers the job's id (the run needs the whole window). */
function queueRun(c: Counter): string {
  const answer = c.t.call('followups.generate', {}, c.manager);
  expect(answer).toEqual({ ...made({}), jobId: expect.any(String) });
  return answer.jobId!;
}

const openJobs = (c: Counter) => c.t.call('jobs.list', {}, c.manager).active.filter((j) => j.kind === 'followups.generate');

describe('the run over the whole window, as a job', () => {
  it('makes exactly the tasks the inline run makes, a few members a slice, and covers the same', () => {
    const inline = aStore();
    const sliced = aStore();
    const expected = inlineWholeWindow(inline.t);
    // 庚, 丑, 癸 (twice, one day) and 甲's imported sale; 甲 1, 乙 2, 丁 1, 辛 1, 丑 2; 己, 辛, 壬 (the void)
    expect(expected).toEqual(made({ postPurchase: 4, birthday: 7, reactivation: 3, complaint: 1 }));
    const id = queueRun(sliced);
    jobRunner(sliced.t.app, { sliceRows: 2 });
    expect(sliced.t.runJobs()).toBe(7); // 12 members, 2 a slice: 6 slices, and one that finds no one left
    expect(jobCounts(sliced, id)).toEqual(expected);
    expect(sliced.t.call('jobs.get', { id }, sliced.manager)).toMatchObject({ state: 'done', done: 12, total: 12 });
    expect(madeTasks(sliced.t.db)).toEqual(madeTasks(inline.t.db));
    expect(coverage(sliced.t.db)).toEqual(coverage(inline.t.db));
    expect(rechecks(sliced.t.db)).toEqual([]);
    // and a run after it reads only what changed, finding nothing
    expect(sliced.t.call('followups.generate', {}, sliced.manager)).toEqual(made({}));
  });

  it('resumed after any number of slices, ends in the same database as one run straight through', () => {
    const c = aStore();
    queueRun(c);
    // 12 members, 3 a slice: 5 slices (the last finds no one left, makes the complaint's task and records the coverage).
    expect(expectResumesAlike(c.t, 3)).toBe(5);
  });

  it('leaves the next hourly run what changed while it ran: a sale, a member edited after their slice', () => {
    const c = aStore();
    const [jia, , bing, , , , , , , gui] = c.t.db.prepare('SELECT id FROM members ORDER BY id').pluck().all() as string[];
    // Noted before the job starts: its slices read these members as they are by then.
    c.t.call('members.update', { id: gui, consentMarketing: true }, c.clerk);
    expect(rechecks(c.t.db)).toContain(gui);
    const id = queueRun(c);
    const mark = c.t.db.prepare('SELECT MAX(rowid) FROM purchases').pluck().get() as number;
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    runner.step();
    expect(rechecks(c.t.db)).toEqual([]);
    expect(coverage(c.t.db)).toBe('null');
    runner.step(); // 甲 to 丁 done
    // 甲 and 丙 were read: an imported sale of 甲's, and 丙's consent to marketing (a birthday on
    // the 15th), are the next run's to make.
    importedSale(c, jia, '2026-06-14T05:00:00.000Z');
    c.t.call('members.update', { id: bing, consentMarketing: true }, c.clerk);
    expect(runner.runToEnd()).toBe(5);
    expect(jobCounts(c, id)).toEqual(made({ postPurchase: 4, birthday: 7, reactivation: 3, complaint: 1 }));
    expect(rechecks(c.t.db)).toEqual([bing]);
    expect(JSON.parse(coverage(c.t.db)!)).toMatchObject({ today: '2026-06-15', purchasesTo: mark });
    c.t.clock.advance(60_000);
    expect(c.t.call('followups.generate', {}, c.manager)).toEqual(made({ postPurchase: 1, birthday: 2 }));
    expect(tasks(c).filter(([name]) => name === '甲' || name === '丙')).toEqual([
      ['丙', 'birthday', '2026-06-15', { birthday: '2026-06-15', offset: 0 }],
      ['甲', 'post_purchase', '2026-06-16', { saleDate: '2026-06-13', amountFen: 8800 }],
      ['甲', 'post_purchase', '2026-06-17', { saleDate: '2026-06-14', amountFen: 8800 }],
      ['甲', 'birthday', '2026-06-20', { birthday: '2026-06-20', offset: 0 }],
      ['丙', 'birthday', '2026-06-22', { birthday: '2026-06-15', offset: 7 }],
    ]);
    // Nothing is left that a look at the whole window would still make.
    expect(wholeWindow(c)).toEqual(made({}));
  });
});

describe('who queues it', () => {
  it('the hourly chores, only when the whole window must be read, and one job at most', () => {
    const c = aStore();
    runMaintenance(c.t.app);
    const [job] = openJobs(c);
    expect(job).toMatchObject({ state: 'queued', startedBy: null, cancellable: true });
    runMaintenance(c.t.app); // still open: not a second one
    expect(openJobs(c).map((j) => j.id)).toEqual([job.id]);
    c.t.runJobs();
    // Covered now: the next hours' runs are inline, and queue nothing.
    c.advance(DAY);
    c.buy(fan(c, '寅'), 100);
    runMaintenance(c.t.app);
    expect(openJobs(c)).toEqual([]);
    expect(c.t.call('jobs.list', {}, c.manager).recent.filter((j) => j.kind === 'followups.generate')).toHaveLength(1);
    // A rule change: the whole window again.
    setFollowupRules(c, { reactivation: { days: 60 } });
    runMaintenance(c.t.app);
    expect(openJobs(c)).toHaveLength(1);
  });

  it('the manager, answered with the open job; a rule saved meanwhile supersedes it, or ends it if the last run still holds', () => {
    const c = aStore();
    const first = queueRun(c);
    expect(queueRun(c)).toBe(first);
    expect(auditRows(c.t.db, 'followups.generate').map((a) => [a.entity_id, JSON.parse(a.after_json!)])).toEqual([
      [first, { superseded: [] }],
    ]);
    // Only the scripts: the same rules, the same job.
    const { scripts } = c.t.call('followups.settings', {}, c.manager);
    c.t.call(
      'followups.saveSettings',
      { rules: { ...DEFAULT_FOLLOWUP_RULES, reactivation: { ...DEFAULT_FOLLOWUP_RULES.reactivation, days: 30 } }, scripts },
      c.manager,
    );
    expect(openJobs(c).map((j) => j.id)).toEqual([first]);
    // Other rules: a job under them takes the open one's place.
    setFollowupRules(c, { reactivation: { days: 45 } });
    const [second] = openJobs(c);
    expect(c.t.call('jobs.get', { id: first }, c.manager)).toMatchObject({ state: 'cancelled', supersededBy: second.id });
    expect(JSON.parse(auditRows(c.t.db, 'followups.saveSettings').at(-1)!.after_json!)).toMatchObject({
      jobId: second.id,
      superseded: [first],
    });
    c.t.runJobs();

    // Saved back to the rules the last run covered, before a job under others has started: that job is pointless.
    setFollowupRules(c, { reactivation: { days: 20 } });
    const third = queueRun(c);
    setFollowupRules(c, { reactivation: { days: 45 } });
    expect(openJobs(c)).toEqual([]);
    expect(c.t.call('jobs.get', { id: third }, c.manager)).toMatchObject({ state: 'cancelled', supersededBy: null });
    expect(JSON.parse(auditRows(c.t.db, 'followups.saveSettings').at(-1)!.after_json!)).toMatchObject({ jobId: null, superseded: [third] });
    expect(c.t.call('followups.generate', {}, c.manager)).toEqual(made({}));
  });

  it('a cancelled job leaves its tasks, and the next run reads the whole window again', () => {
    const c = aStore();
    const id = queueRun(c);
    const runner = jobRunner(c.t.app, { sliceRows: 4 });
    runner.step();
    runner.step();
    expect(c.t.call('jobs.cancel', { id }, c.manager)).toMatchObject({ state: 'cancelled', done: 8 });
    const partly = tasks(c).length;
    expect(partly).toBeGreaterThan(0);
    const again = queueRun(c);
    expect(again).not.toBe(id);
    c.t.runJobs();
    const whole = aStore();
    expect(inlineWholeWindow(whole.t).total).toBe(tasks(c).length);
    expect(jobCounts(c, again).total).toBe(tasks(c).length - partly);
  });
});
