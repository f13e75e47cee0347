import { describe, expect, it } from 'vitest';
import { jobRunner } from '../../../services/core/jobs/runner';
import { idleCatchUp } from '../../../services/core/maintenance';
import { catchUpSummary, computeSummary, invalidateSummary, storedSummary, summaryIsCurrent } from '../../../services/reports/summaries';
import { auditRows, failure } from '../fixtures';
import { expectResumesAlike } from '../job-fixtures';
import { exportFile, makeBranch, makeHq, merge as mergeFile } from '../hq-fixtures';
import { counter, DAY, type Counter } from '../points-fixtures';
import { plainSummary } from '../report-fixtures';

// The report summaries' build as a background job (reports.summaries, services/reports/
// summary-job.ts): sliced, resumable, equal to computeSummary, and what the reports and the idle
// catch-up do while it runs.

const mergeMembers = (c: Counter, keepId: string, mergeId: string) => c.t.call('members.merge', { keepId, mergeId }, c.manager);

/** A store with sales on several days, a refund, a void and points spent, its summaries current; `last` is its last sale, today's. */
function store(): { c: Counter; members: string[]; last: string } {
  const c = counter('2026-03-01T02:00:00.000Z');
  const members = ['甲', '乙', '丙', '丁', '戊'].map((name) => c.member(name));
  members.forEach((m, i) => c.buy(m, 100 + i * 50));
  c.advance(20 * DAY);
  c.buy(members[0], 80);
  const twice = c.buy(members[1], 60);
  c.t.call('purchases.void', { purchaseId: twice.id, reason: '重复录入' }, c.manager);
  c.t.call('purchases.refund', { purchaseId: c.buy(members[2], 300).id, amount: 100 }, c.clerk);
  c.t.call('points.redeem', { memberId: members[3], points: 100 }, c.clerk);
  c.advance(40 * DAY);
  const last = c.buy(members[4], 20).id;
  c.t.db.transaction(() => catchUpSummary(c.t.db)).immediate();
  return { c, members, last };
}

const expectComputed = (c: Counter) => {
  expect(summaryIsCurrent(c.t.db)).toBe(true);
  expect(plainSummary(storedSummary(c.t.db))).toEqual(plainSummary(computeSummary(c.t.db)));
};

const openJobs = (c: Counter) => c.t.call('jobs.list', {}, c.manager).active;

describe('the report summaries built by a job', () => {
  it('reports.summaries: resumed after any number of slices, ends in the same database as one run straight through', () => {
    const { c, members } = store();
    mergeMembers(c, members[0], members[4]); // queues the build, and leaves a duplicate without sales
    // 2 rows a slice: the start; the old members' rows cleared (10 a slice); 11 sales, 2 a slice;
    // 14 ledger entries, 8 a slice; 5 members, 1 a slice; the catching up that ends it.
    expect(expectResumesAlike(c.t, 2)).toBe(16);
  });

  it('built in many small slices, with sales, refunds, voids, registrations and points between them, equals computeSummary', () => {
    const { c, members, last } = store();
    mergeMembers(c, members[0], members[4]);
    const runner = jobRunner(c.t.app, { sliceRows: 1 });
    let slices = 0;
    // The counter goes on between slices: changes to rows the passes read up to, and rows after.
    while (runner.step()) {
      slices++;
      if (slices === 3)
        c.t.call(
          'purchases.refund',
          { purchaseId: c.t.db.prepare('SELECT id FROM purchases LIMIT 1').pluck().get() as string, amount: 5 },
          c.clerk,
        );
      if (slices === 7) c.t.call('purchases.void', { purchaseId: last, reason: '记错会员' }, c.manager);
      if (slices % 4 === 0) c.buy(members[slices % 3], 10 + slices);
      if (slices === 10) c.t.call('purchases.void', { purchaseId: c.buy(members[2], 66).id, reason: '重复录入' }, c.manager);
      if (slices === 17) members.push(c.member('己'));
      if (slices === 21) c.t.call('points.adjust', { memberId: members[1], points: 30, reason: '补录' }, c.manager);
      if (slices > 22) c.advance(DAY);
    }
    expect(slices).toBeGreaterThan(30);
    // A sale the loop made after the last slice is caught up on as any other.
    expect(c.t.db.transaction(() => catchUpSummary(c.t.db)).immediate().needsBuild).toBe(false);
    expectComputed(c);
    expect(storedSummary(c.t.db).members.has(members[4])).toBe(false); // a duplicate merged without sales has no row
    // Later rows are caught up on as before.
    c.buy(members[5], 42);
    expect(c.t.db.transaction(() => catchUpSummary(c.t.db)).immediate()).toMatchObject({ needsBuild: false, purchases: 1 });
    expectComputed(c);
  });

  it('starts over when a merge or a zone change comes half-way: a member merge supersedes it, anything else it sees itself', () => {
    const { c, members } = store();
    mergeMembers(c, members[0], members[4]);
    const runner = jobRunner(c.t.app, { sliceRows: 1 });
    for (let i = 0; i < 8; i++) runner.step();
    const [first] = openJobs(c);
    // Another merge: the open build has read some of the sales it moves, where they were.
    mergeMembers(c, members[1], members[3]);
    const [second] = openJobs(c);
    expect(c.t.call('jobs.get', { id: first.id }, c.manager)).toMatchObject({ state: 'cancelled', supersededBy: second.id });
    for (let i = 0; i < 8; i++) runner.step();
    // What an HQ merge does (no job of its own there), and a zone change: the same job starts over.
    c.t.db.transaction(() => invalidateSummary(c.t.db)).immediate();
    for (let i = 0; i < 8; i++) runner.step();
    c.t.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('timezone', 'America/New_York')").run();
    runner.runToEnd();
    expect(c.t.call('jobs.get', { id: second.id }, c.manager)).toMatchObject({ state: 'done' });
    expectComputed(c);
  });

  it('a report meanwhile answers REPORTS_BUILDING with the job and how far it is, never half-built figures; then the figures', () => {
    const { c, members } = store();
    const before = c.t.call('reports.summary', { period: '2026-03' }, c.manager).current;
    expect(before).toMatchObject({ activeMembers: 5, orders: 7, newMembers: 5, repurchaseRate: 0.4 });
    mergeMembers(c, members[0], members[1]);
    const [job] = openJobs(c);
    const building = (method: string, input: unknown) => failure(c.t, method, input, c.manager);
    expect(building('reports.summary', { period: '2026-03' })).toMatchObject({
      code: 'REPORTS_BUILDING',
      details: { jobId: job.id, done: 0, total: null },
    });
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    for (let i = 0; i < 6; i++) runner.step();
    const halfway = c.t.call('jobs.get', { id: job.id }, c.manager);
    expect(halfway.done).toBeGreaterThan(0);
    for (const [method, input] of [
      ['reports.summary', { period: '2026-03' }],
      ['reports.trend', { grain: 'month', from: '2026-03-01', to: '2026-04-30' }],
      ['reports.breakdown', { period: '2026-03', dim: 'category' }],
      ['reports.rfm', {}],
      ['reports.memberRfm', { memberId: members[0] }],
      ['reports.lifecycle', { compareDays: 30 }],
    ] as const) {
      expect(building(method, input), method).toMatchObject({
        code: 'REPORTS_BUILDING',
        details: { jobId: job.id, done: halfway.done, total: halfway.total },
      });
    }
    expect(openJobs(c)).toHaveLength(1); // asking again queued nothing more
    runner.runToEnd();
    // 乙's sale is 甲's now: one active member fewer, the same orders.
    expect(c.t.call('reports.summary', { period: '2026-03' }, c.manager).current).toMatchObject({
      orders: 7,
      activeMembers: 4,
      newMembers: 4, // 乙 is no customer of their own any more
      repurchaseRate: 0.5,
    });
    // Written by a job, in the name of whoever merged: audited as it started and as it ended.
    expect(
      auditRows(c.t.db)
        .filter((a) => a.entity_id === job.id)
        .map((a) => a.action),
    ).toEqual(['jobs.started', 'jobs.finished']);
  });

  it('the idle catch-up leaves the watermarks to the open build, and queues one only when none is open', () => {
    const { c, members } = store();
    const { db, app } = c.t;
    const marks = () => db.prepare('SELECT * FROM report_state ORDER BY source').all();
    mergeMembers(c, members[0], members[1]);
    const runner = jobRunner(app, { sliceRows: 2 });
    for (let i = 0; i < 5; i++) runner.step();
    c.buy(members[2], 25);
    const held = marks();
    idleCatchUp(app);
    expect(marks()).toEqual(held);
    expect(openJobs(c)).toHaveLength(1);
    runner.runToEnd();
    expectComputed(c);

    // Untrusted with no build open (a zone change): the idle moment queues one, once.
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('timezone', 'Asia/Tokyo')").run();
    idleCatchUp(app);
    idleCatchUp(app);
    expect(openJobs(c)).toMatchObject([{ kind: 'reports.summaries', state: 'queued', startedBy: null }]);
    runner.runToEnd();
    expectComputed(c);
  });

  it('catches up summaries it can trust from their watermarks instead of emptying them', () => {
    const { c, members } = store();
    const rows = () => c.t.db.prepare('SELECT member_no, member_id FROM report_members ORDER BY member_no').all();
    const kept = rows();
    c.buy(members[0], 70);
    c.member('庚');
    jobRunner(c.t.app).queueChore('reports.summaries', {}); // as a report far behind queues it
    expect(c.t.runJobs()).toBe(2); // taking them over, then one slice of catching up
    expect(rows().slice(0, kept.length)).toEqual(kept);
    expectComputed(c);
  });

  it('HQ keeps none: its idle moments build nothing, whatever its merges moved', () => {
    const hq = makeHq();
    const a = makeBranch('SH01', hq.chainCode);
    const [keep, dup] = [a.member('张三', '13800000001'), a.member('张三', '13800000009')];
    a.buy(keep, '100.00');
    a.buy(dup, '40.00');
    mergeFile(hq, exportFile(a, 'full').path);
    a.t.call('members.merge', { keepId: keep, mergeId: dup }, a.manager);
    mergeFile(hq, exportFile(a).path); // HQ moves the duplicate's sale too
    const marks = hq.t.db.prepare('SELECT * FROM report_state ORDER BY source').all();
    idleCatchUp(hq.t.app);
    expect(hq.t.db.prepare('SELECT * FROM report_state ORDER BY source').all()).toEqual(marks);
    expect(hq.t.call('jobs.list', {}, hq.manager).active).toEqual([]);
  });
});
