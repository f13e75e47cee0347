import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { jobQueries, type JobListRow } from '../../../db/queries/core/jobs';
import { jobRunner, paced, TEST_SLICE_DELAY_ENV } from '../../../services/core/jobs/runner';
import { runMaintenance } from '../../../services/core/maintenance';
import { auditRows, snapshot } from '../fixtures';
import { copier, expectResumesAlike, expiryStore, reopen, saveTiers, tierStore } from '../job-fixtures';
import { makeTestApp, sequentialIds } from '../../helpers';
import { ledgerProblems, refused } from '../points-fixtures';

// The background job runner (services/core/jobs/runner.ts, docs/jobs.md), driven step by step:
// no timers, except where a test starts the runner to show the counter is served between slices.

const staffId = (c: ReturnType<typeof tierStore>['c'], session: string) => c.t.call('auth.me', {}, session).staff.id;

describe('a job killed half-way', () => {
  it('tiers.reevaluate: resumed after any number of slices, ends in the same database as one run straight through', () => {
    const { c } = tierStore();
    saveTiers(c);
    // 9 members, 2 a slice: 5 slices (the last finds one member and ends).
    expect(expectResumesAlike(c.t, 2)).toBe(5);
  });

  it('points.expire: resumed while counting or while expiring, ends in the same database as one run straight through', () => {
    const c = expiryStore();
    // 10 lots due: two counting slices of 10, then 9 members one a slice, and one that finds no one left.
    expect(expectResumesAlike(c.t, 1)).toBe(12);
  });

  it('runs a slice again, from an older cursor, without changing anything (a slice whose commit was lost)', () => {
    const { c } = tierStore();
    saveTiers(c);
    c.t.runJobs();
    const c2 = expiryStore();
    c2.t.runJobs();
    for (const t of [c.t, c2.t]) {
      const before = snapshot(t.db);
      t.db.exec("UPDATE jobs SET state = 'running', cursor_json = NULL, done = 0, total = NULL, result_json = NULL, audited = 0");
      expect(t.runJobs()).toBeGreaterThan(0);
      const after = snapshot(t.db);
      for (const table of Object.keys(before).filter((name) => name !== 'jobs')) expect(after[table], table).toEqual(before[table]);
    }
    expect(ledgerProblems(c2.t.db)).toEqual([]);
  });

  it('is picked up where it stopped when the runner starts, with no one calling', async () => {
    const { c } = tierStore();
    const id = saveTiers(c);
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    runner.step();
    runner.stop();
    expect(c.t.call('jobs.get', { id }, c.manager)).toMatchObject({ state: 'running', done: 2 });
    runner.start();
    await runner.idle();
    expect(c.t.call('jobs.get', { id }, c.manager)).toMatchObject({ state: 'done', done: 9, result: { reevaluated: 9, changed: 5 } });
  });
});

describe('the expiry in slices', () => {
  it('keeps the ledger whole after every slice and ends where the single pass ends, one entry per member', () => {
    const c = expiryStore();
    const now = c.t.clock.now().toISOString();
    const copy = copier(c.t);
    const sliced = reopen(copy(), now, sequentialIds('job'), { sliceRows: 1 });
    const runner = jobRunner(sliced.app);
    while (runner.step()) expect(ledgerProblems(sliced.db)).toEqual([]);
    const single = makeTestApp(copy(), { start: now, idPrefix: 'job' });
    const manager = single.call('auth.login', { name: '赵经理', pin: '1357' }).session;
    const expired = single.call('points.expire', {}, manager);
    const [job] = (sliced.db.prepare('SELECT result_json FROM jobs').pluck().all() as string[]).map((r) => JSON.parse(r));
    expect(job).toEqual(expired);
    expect(expired).toMatchObject({ members: 9, lots: 10 });
    const entries = (t: typeof single) =>
      t.db.prepare("SELECT member_id, points, detail_json FROM points_ledger WHERE kind = 'expire' ORDER BY member_id").all();
    expect(entries(sliced)).toEqual(entries(single));
    const balances = (t: typeof single) => t.db.prepare('SELECT id, points_balance FROM members ORDER BY id').all();
    expect(balances(sliced)).toEqual(balances(single));
  });
});

describe('the test-only delay between slices', () => {
  it('is read once, when the runner is made, and waits that long after each slice', async () => {
    const { c } = tierStore();
    const id = saveTiers(c);
    process.env[TEST_SLICE_DELAY_ENV] = '7';
    const runner = jobRunner(c.t.app, { sliceRows: 4 });
    delete process.env[TEST_SLICE_DELAY_ENV];
    const timers = vi.spyOn(globalThis, 'setTimeout');
    runner.start();
    await runner.idle();
    expect(timers.mock.calls.filter(([, ms]) => ms === 7)).toHaveLength(3); // 3 slices: 4, 4, 1 member
    timers.mockRestore();
    expect(c.t.call('jobs.get', { id }, c.manager)).toMatchObject({ state: 'done', done: 9 });
  });
});

describe('progress', () => {
  it('tells done of total and the time left at the rate so far, and lists the job while it runs and after', () => {
    const { c } = tierStore();
    const id = saveTiers(c);
    const manager = { id: staffId(c, c.manager), name: '赵经理' };
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    const job = () => c.t.call('jobs.get', { id }, c.clerk);
    expect(job()).toMatchObject({ kind: 'tiers.reevaluate', state: 'queued', done: 0, total: null, etaSeconds: null, startedAt: null });
    expect(job().startedBy).toEqual(manager);
    runner.step();
    const started = c.t.clock.now().toISOString();
    // The clock stands still: no rate yet.
    expect(job()).toMatchObject({ state: 'running', done: 2, total: 9, etaSeconds: null, startedAt: started, cancellable: false });
    c.t.clock.advance(1000);
    runner.step();
    // 4 members in 1 s: the 5 left take 1.25 s, rounded up.
    expect(job()).toMatchObject({ done: 4, total: 9, etaSeconds: 2 });
    c.t.clock.advance(1000);
    runner.step();
    expect(job()).toMatchObject({ done: 6, etaSeconds: 1, result: { reevaluated: 6 } });
    expect(c.t.call('jobs.list', {}, c.clerk)).toMatchObject({ active: [{ id, state: 'running' }], recent: [] });
    runner.runToEnd();
    expect(job()).toMatchObject({ state: 'done', done: 9, total: 9, etaSeconds: 0, finishedAt: c.t.clock.now().toISOString() });
    expect(c.t.call('jobs.list', { limit: 5 }, c.clerk)).toMatchObject({ active: [], recent: [{ id, state: 'done' }] });
    refused(c.t, 'jobs.get', { id: 'no-such-job' }, c.clerk, 'NOT_FOUND');
    refused(c.t, 'jobs.list', {}, null, 'UNAUTHENTICATED');
  });
});

describe('cancel', () => {
  it('stops a cancellable job between slices, keeping what its slices did; the next hourly run does the rest', () => {
    const c = expiryStore();
    const [job] = c.t.call('jobs.list', {}, c.manager).active;
    expect(job).toMatchObject({ kind: 'points.expire', state: 'queued', cancellable: true, startedBy: null });
    const runner = jobRunner(c.t.app, { sliceRows: 1 });
    for (let i = 0; i < 4; i++) runner.step(); // two counting slices, then two members
    expect(c.t.call('jobs.get', { id: job.id }, c.manager)).toMatchObject({ state: 'running', done: 2, total: 10 });
    refused(c.t, 'jobs.cancel', { id: job.id }, c.clerk, 'FORBIDDEN');
    const cancelled = c.t.call('jobs.cancel', { id: job.id }, c.manager);
    expect(cancelled).toMatchObject({ state: 'cancelled', done: 2, cancellable: false, etaSeconds: null, result: { members: 2, lots: 2 } });
    expect(runner.step()).toBe(false);
    expect(ledgerProblems(c.t.db)).toEqual([]);
    expect(auditRows(c.t.db, 'jobs.cancel').map((a) => [a.entity_id, a.staff_id])).toEqual([[job.id, staffId(c, c.manager)]]);
    refused(c.t, 'jobs.cancel', { id: job.id }, c.manager, 'INVALID_TRANSITION');

    runMaintenance(c.t.app);
    runner.runToEnd();
    const [again] = c.t.call('jobs.list', {}, c.manager).recent;
    expect(again).toMatchObject({ state: 'done', done: 8, total: 8, result: { members: 7, lots: 8 } });
    expect(c.t.db.prepare("SELECT COUNT(*) FROM points_ledger WHERE kind = 'expire'").pluck().get()).toBe(9);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('is refused for a kind that cannot stop half-way, and allowed to the clerk who started a job', () => {
    const { c } = tierStore();
    const id = saveTiers(c);
    expect(c.t.raw('jobs.cancel', { id }, c.manager)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION', details: { kind: 'tiers.reevaluate' } },
    });
    const clerkId = staffId(c, c.clerk);
    jobQueries(c.t.db).insert({
      id: 'job-by-clerk',
      kind: 'points.expire',
      params_json: '{"now":"2026-06-15T02:00:00.000Z"}',
      started_by: clerkId,
      at: 'x',
    });
    expect(c.t.call('jobs.cancel', { id: 'job-by-clerk' }, c.clerk)).toMatchObject({ state: 'cancelled' });
    refused(c.t, 'jobs.cancel', { id: 'no-such-job' }, c.manager, 'NOT_FOUND');
  });
});

describe('audit and failure', () => {
  it('audits a job that changes data once as it starts and once as it ends, in its starter’s name', () => {
    const { c } = tierStore();
    const id = saveTiers(c);
    c.t.runJobs();
    const manager = staffId(c, c.manager);
    const rows = auditRows(c.t.db).filter((a) => a.entity_id === id);
    expect(rows.map((a) => [a.action, a.staff_id, JSON.parse(a.after_json!)])).toEqual([
      ['jobs.started', manager, { kind: 'tiers.reevaluate', params: {} }],
      ['jobs.finished', manager, { kind: 'tiers.reevaluate', state: 'done', result: { reevaluated: 9, changed: 5 } }],
    ]);
    expect(auditRows(c.t.db, 'tiers.upgrade').filter((a) => a.staff_id === manager)).toHaveLength(5);
    // Saved again as it is, the table moves no one: the job changes nothing and leaves no row.
    const idle = saveTiers(c, {});
    c.t.runJobs();
    expect(auditRows(c.t.db).filter((a) => a.entity_id === idle)).toEqual([]);
  });

  it('leaves a job whose slice finds another writer holding the database as it was, and runs it once the writer is done', () => {
    const { c } = tierStore();
    const id = saveTiers(c);
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    const other = new Database(c.t.path);
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    expect(runner.step()).toBe(false);
    // Not the connection's five seconds: the runner shares the counter's thread.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(c.t.call('jobs.get', { id }, c.manager)).toMatchObject({ state: 'queued', done: 0 });
    other.exec('ROLLBACK');
    other.close();
    expect(runner.runToEnd()).toBe(5);
    expect(c.t.call('jobs.get', { id }, c.manager)).toMatchObject({ state: 'done', done: 9 });
  });

  it('fails a job whose slice throws, leaving nothing of that slice, and goes on with the next', () => {
    const c = expiryStore();
    const before = snapshot(c.t.db);
    jobQueries(c.t.db).insert({ id: 'id-broken', kind: 'points.expire', params_json: '{}', started_by: null, at: 'x' });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const runner = jobRunner(c.t.app);
    runner.runToEnd();
    quiet.mockRestore();
    const broken = c.t.call('jobs.get', { id: 'id-broken' }, c.manager);
    expect(broken).toMatchObject({ state: 'failed', done: 0, cancellable: false });
    expect(broken.error).toContain('now');
    expect(c.t.call('jobs.list', {}, c.manager).recent.map((j) => j.state)).toEqual(['failed', 'done']);
    expect(snapshot(c.t.db).points_lots).not.toEqual(before.points_lots);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});

describe('the counter during a job', () => {
  it('answers a sale between two slices of a long job, before the job ends, and the job counts the sale', async () => {
    const { c, members } = tierStore();
    let release: () => void = () => {};
    let held: ((job: JobListRow) => void) | null = null;
    const halfway = new Promise<JobListRow>((resolve) => (held = resolve));
    // Held after its second slice: deterministically "long", with no clock or timer in the way.
    const runner = jobRunner(c.t.app, {
      sliceRows: 2,
      betweenSlices: (job) => {
        if (job.done !== 4 || !held) return;
        held(job);
        held = null;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    runner.start();
    const id = saveTiers(c); // the save wakes the started runner
    const job = await halfway;
    expect(job).toMatchObject({ id, state: 'running', done: 4, total: 9 });
    // The last member, not reached yet, buys: the sale commits at once, on the app's connection.
    const sale = c.t.call('purchases.record', { memberId: members[8], amount: 1000, confirmDuplicate: true }, c.clerk);
    expect(sale).toMatchObject({ upgraded: true, tier: { tier: { name: '银卡会员' } } });
    expect(c.t.call('jobs.get', { id }, c.clerk)).toMatchObject({ state: 'running', done: 4 });
    release();
    await runner.idle();
    expect(c.t.call('jobs.get', { id }, c.clerk)).toMatchObject({ state: 'done', done: 9, result: { changed: 5 } });
  });
});

describe('the started runner’s pace', () => {
  it('sizes the next slice toward 25 ms, a step at most half or one and a half times, within an eighth and one and a half of the kind’s size', () => {
    expect(paced(1, 25)).toBe(1);
    expect(paced(1, 50)).toBe(0.5);
    expect(paced(1, 400)).toBe(0.5); // one slow slice halves it, no more
    expect(paced(1, 10)).toBe(1.5);
    expect(paced(1.5, 1)).toBe(1.5); // a cheap phase (counting) grows it no further
    let scale = 1;
    for (let i = 0; i < 20; i++) scale = paced(scale, 1000);
    expect(scale).toBe(1 / 8);
    // A slice that costs twice the target at its kind's size settles near half of it.
    scale = 1;
    for (let i = 0; i < 20; i++) scale = paced(scale, 50 * scale);
    expect(scale).toBeCloseTo(0.5, 5);
  });
});
