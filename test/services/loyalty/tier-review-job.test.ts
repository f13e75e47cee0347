import { describe, expect, it } from 'vitest';
import { tierQueries } from '../../../db/queries/loyalty/tiers';
import { jobRunner } from '../../../services/core/jobs/runner';
import { runMaintenance } from '../../../services/core/maintenance';
import { auditRows } from '../fixtures';
import { copier, expectResumesAlike, reopen } from '../job-fixtures';
import { counter, DAY, type Counter } from '../points-fixtures';
import { makeTestApp, sequentialIds, type TestApp } from '../../helpers';

// The tier review as a background job (services/loyalty/tier-review-job.ts): queued by the
// hourly chores when a review date has passed, each slice reviewing the next members due from
// their own sales only, where the review once read the whole window's sales for one member due.

/** A year and a day after the first sales: their members' review dates (a year on) have passed. */
const REVIEW_DAY = '2027-06-16T02:00:00.000Z';
const NEXT_REVIEW = '2028-06-16T02:00:00.000Z';

/**
 * Four members due for review by REVIEW_DAY, each a different outcome, and two who are not:
 * 甲 bought nothing since (silver → lowest), 乙 only ¥3,000 (gold → silver), 丙 ¥2,500 after a
 * refund (silver, renewed), 丁 ¥10,000 (gold, renewed); 戊 never reached a tier, 己 reached
 * silver a month later (reviewed then).
 */
function reviewStore(): { c: Counter; m: Record<string, string> } {
  const c = counter();
  // The follow-up generator's first run, while the store has no member yet (inline): the chores
  // below queue only the review, the generator's next run reading only what changed.
  c.t.call('followups.generate', {}, c.manager);
  const m = Object.fromEntries(['甲', '乙', '丙', '丁', '戊', '己'].map((name) => [name, c.member(name)]));
  c.buy(m.甲, 2500);
  c.buy(m.乙, 12000);
  c.buy(m.丙, 2500);
  c.buy(m.丁, 12000);
  c.buy(m.戊, 1000);
  c.advance(30 * DAY);
  c.buy(m.己, 2000);
  c.clockTo('2027-05-15T02:00:00.000Z');
  c.buy(m.乙, 3000);
  c.t.call('purchases.refund', { purchaseId: c.buy(m.丙, 3000).id, amount: 500 }, c.clerk);
  c.buy(m.丁, 10000);
  c.clockTo(REVIEW_DAY);
  return { c, m };
}

const tiersOf = (t: TestApp) =>
  t.db
    .prepare<[], { name: string; tier: string; reviewAt: string | null }>(
      `SELECT m.name, COALESCE(t.name, '普通会员') AS tier, m.tier_review_at AS reviewAt
         FROM members m LEFT JOIN tiers t ON t.id = m.tier_id ORDER BY m.name`,
    )
    .all();

const tierAudit = (t: TestApp) =>
  auditRows(t.db)
    .filter((a) => a.action.startsWith('tiers.'))
    .map((a) => [a.action, a.entity_id, a.before_json, a.after_json]);

const openReviews = (t: TestApp) =>
  t.db.prepare("SELECT params_json FROM jobs WHERE kind = 'tiers.review' AND state IN ('queued', 'running')").pluck().all();

describe('the tier review as a job', () => {
  it('tiers.review: resumed after any number of slices, ends in the same database as one run straight through', () => {
    const { c } = reviewStore();
    runMaintenance(c.t.app);
    // 4 members due, 1 a slice: one counting slice, four reviewing, one that finds no one left.
    expect(expectResumesAlike(c.t, 1)).toBe(6);
  });

  it('ends where the inline review ends, the members as worked out by hand', () => {
    const { c } = reviewStore();
    runMaintenance(c.t.app);
    const at = c.t.clock.now().toISOString();
    const copy = copier(c.t);
    const job = reopen(copy(), at, sequentialIds('job'), { sliceRows: 2 });
    job.runJobs();
    const inline = makeTestApp(copy(), { start: at, idPrefix: 'job' });
    const manager = inline.call('auth.login', { name: '赵经理', pin: '1357' }).session;
    const reviewed = inline.call('tiers.review', {}, manager);

    expect(reviewed).toEqual({ reviewed: 4, upgraded: 0, downgraded: 2 });
    const [done] = job.db.prepare("SELECT state, done, total, result_json FROM jobs WHERE kind = 'tiers.review'").all() as Array<{
      result_json: string;
    }>;
    expect(done).toMatchObject({ state: 'done', done: 4, total: 4 });
    expect(JSON.parse(done.result_json)).toEqual(reviewed);
    expect(tiersOf(job)).toEqual([
      { name: '丁', tier: '金卡会员', reviewAt: NEXT_REVIEW },
      { name: '丙', tier: '银卡会员', reviewAt: NEXT_REVIEW },
      { name: '乙', tier: '银卡会员', reviewAt: NEXT_REVIEW },
      { name: '己', tier: '银卡会员', reviewAt: '2027-07-15T02:00:00.000Z' },
      { name: '戊', tier: '普通会员', reviewAt: null },
      { name: '甲', tier: '普通会员', reviewAt: null },
    ]);
    expect(tiersOf(inline)).toEqual(tiersOf(job));
    expect(tierAudit(job).slice(-4)).toEqual(tierAudit(inline).slice(-4));
    expect(
      tierAudit(job)
        .slice(-4)
        .map(([action]) => action),
    ).toEqual(['tiers.downgrade', 'tiers.downgrade', 'tiers.renew', 'tiers.renew']);
  });

  it('reads each slice’s figures from its members’ own sales, as the whole window’s aggregate has them', () => {
    const { c, m } = reviewStore();
    // A void, and a merge that moves 己's sales to 戊 while their ledger entries stay where they were written.
    c.t.call('purchases.void', { purchaseId: c.buy(m.甲, 800).id, reason: '收错' }, c.manager);
    c.t.call('members.merge', { keepId: m.戊, mergeId: m.己 }, c.manager);
    const q = tierQueries(c.t.db);
    const ids = Object.values(m);
    const byMember = (rows: Array<{ member_id: string; value: number }>) =>
      [...rows].sort((a, b) => a.member_id.localeCompare(b.member_id));
    for (const from of ['2026-01-01T00:00:00.000Z', '2026-06-16T00:00:00.000Z', '2027-06-01T00:00:00.000Z']) {
      for (const basis of ['spend', 'points'] as const) {
        const whole = byMember(q.valuesByMember(basis, from));
        expect(whole.length, `${basis} from ${from}`).toBeGreaterThan(0);
        expect(byMember(q.valuesOfMembers(basis, from, ids)), `${basis} from ${from}`).toEqual(whole);
        expect(q.valuesOfMembers(basis, from, [m.乙]), `${basis} from ${from}`).toEqual(whole.filter((r) => r.member_id === m.乙));
      }
    }
    expect(q.valuesOfMembers('spend', '2026-01-01T00:00:00.000Z', [])).toEqual([]);
  });
});

describe('the hourly chores', () => {
  it('queue the review only when a member is due, never two at once, and a cancelled one’s rest the next hour', () => {
    const { c } = reviewStore();
    const start = c.t.clock.now().toISOString();
    const copy = copier(c.t);
    // A day before the first review dates: nothing to review, no job.
    const early = makeTestApp(copy(), { start: '2027-06-14T02:00:00.000Z', idPrefix: 'job' });
    runMaintenance(early.app);
    expect(openReviews(early)).toEqual([]);

    const t = makeTestApp(copy(), { start, idPrefix: 'job' });
    runMaintenance(t.app);
    runMaintenance(t.app);
    expect(openReviews(t)).toEqual([JSON.stringify({ now: start })]);
    const [job] = t.db.prepare("SELECT id FROM jobs WHERE kind = 'tiers.review'").pluck().all() as string[];
    const runner = jobRunner(t.app, { sliceRows: 1 });
    for (let i = 0; i < 3; i++) runner.step(); // counting, then two members
    const manager = t.call('auth.login', { name: '赵经理', pin: '1357' }).session;
    expect(t.call('jobs.cancel', { id: job }, manager)).toMatchObject({ state: 'cancelled', done: 2, total: 4 });
    expect(runner.step()).toBe(false);
    expect(tierQueries(t.db).dueForReview(start, 10)).toHaveLength(2);

    runMaintenance(t.app);
    expect(t.runJobs()).toBeGreaterThan(0);
    const [again] = t.call('jobs.list', {}, manager).recent;
    expect(again).toMatchObject({ kind: 'tiers.review', state: 'done', done: 2, total: 2, startedBy: null });
    expect(tiersOf(t).filter((r) => r.reviewAt === null)).toHaveLength(2);
    runMaintenance(t.app);
    expect(openReviews(t)).toEqual([]);
    // Each job that changed data says so once as it starts and once as it ends, in no one's name.
    const rows = auditRows(t.db).filter((a) => a.action === 'jobs.started' || a.action === 'jobs.finished');
    expect(rows.map((a) => [a.action, a.staff_id])).toEqual([
      ['jobs.started', null],
      ['jobs.started', null],
      ['jobs.finished', null],
    ]);
  });

  it('counts the members due a slice at a time before reviewing them', () => {
    const c = counter();
    c.t.call('followups.generate', {}, c.manager); // its first run, inline while the store is empty
    // 45 members reaching silver a minute apart: 45 review dates, 20 counted a slice (at 1 a slice).
    for (let i = 0; i < 45; i++) {
      c.buy(c.member(), 2000);
      c.advance(60_000);
    }
    c.clockTo(REVIEW_DAY);
    runMaintenance(c.t.app);
    const runner = jobRunner(c.t.app, { sliceRows: 1 });
    const job = () => c.t.call('jobs.list', {}, c.manager).active[0];
    runner.step();
    runner.step();
    expect(job()).toMatchObject({ kind: 'tiers.review', done: 0, total: null, cancellable: true });
    runner.step();
    expect(job()).toMatchObject({ done: 0, total: 45 });
    runner.step();
    expect(job()).toMatchObject({ done: 1, total: 45 });
    runner.runToEnd();
    expect(c.t.call('jobs.list', {}, c.manager).recent[0]).toMatchObject({
      state: 'done',
      done: 45,
      result: { reviewed: 45, upgraded: 0, downgraded: 45 },
    });
  });
});
