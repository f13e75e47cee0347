import { copyFileSync } from 'node:fs';
import { expect } from 'vitest';
import { closeJobRunner, jobRunner, type RunnerOptions } from '../../services/core/jobs/runner';
import { runMaintenance } from '../../services/core/maintenance';
import { makeTestApp, sequentialIds, tempDbPath, type TestApp } from '../helpers';
import { snapshot } from './fixtures';
import { counter, DAY, tierInput, type Counter } from './points-fixtures';

/** Yuan each member of the job stores has spent: under, at and over the default table's thresholds. */
export const SPENDS = [500, 1200, 1500, 1800, 2500, 6000, 9000, 12000, 0];

/** 银卡会员 from ¥1,000 instead of ¥2,000 and 金卡会员 from ¥5,000 instead of ¥10,000. */
export const LOWER = { 银卡会员: { threshold: 100000 }, 金卡会员: { threshold: 500000 } };

/** A branch whose members (in id order) spent SPENDS, and the tiers they reached at the counter. */
export function tierStore(): { c: Counter; members: string[] } {
  const c = counter();
  const members = SPENDS.map((yuan, i) => {
    const m = c.member(`会员${i + 1}`);
    if (yuan > 0) c.buy(m, yuan);
    return m;
  });
  return { c, members };
}

/** Saves the tier table with `change`, as a manager; answers the re-evaluation job's id. */
export function saveTiers(c: Counter, change: Parameters<typeof tierInput>[2] = LOWER): string {
  const tiers = tierInput(c.t, c.manager, change);
  const saved = c.t.call('tiers.save', { basis: 'spend', windowMonths: 12, reviewMonths: 12, tiers }, c.manager);
  return saved.jobId!;
}

/**
 * A branch whose 9 members earned points that expire after 10 days (one with two lots alike,
 * one with a lot not yet due), 11 days on, with the expiry job queued by the hourly chores.
 */
export function expiryStore(): Counter {
  const c = counter();
  // The follow-up generator's first run, while the store has no member yet (inline): the
  // chores below queue only the expiry, the generator's next run reading only what changed.
  c.t.call('followups.generate', {}, c.manager);
  c.setRules({ expiry: { kind: 'days', days: 10 } });
  const members = SPENDS.map((_, i) => c.member(`会员${i + 1}`));
  members.forEach((m, i) => c.buy(m, 100 + i));
  c.buy(members[3], 103);
  c.advance(5 * DAY);
  c.buy(members[4], 50);
  c.advance(6 * DAY);
  runMaintenance(c.t.app);
  return c;
}

/** Closes the store (its runner too) and answers a function that copies its file: stores alike to run its open job on in different ways. */
export function copier(t: TestApp): () => string {
  closeJobRunner(t.app);
  t.db.close();
  return () => {
    const path = tempDbPath();
    copyFileSync(t.path, path);
    return path;
  };
}

/** Opens a store copied at `at` as the app would at start, with the given ids, its runner taking `sliceRows` a slice. */
export function reopen(path: string, at: string, newId: () => string, options: RunnerOptions): TestApp {
  const t = makeTestApp(path, { start: at, newId });
  jobRunner(t.app, options);
  return t;
}

/** The states of the open jobs, in the order the runner takes them. */
const openJobs = (db: TestApp['db']) =>
  db.prepare("SELECT kind, state FROM jobs WHERE state IN ('queued', 'running') ORDER BY state = 'queued', id").all();

/**
 * Runs the open job of the store at `path` straight through, then on a fresh copy for each k
 * from 1 on: k slices, the runner stopped and both connections closed (as a killed app leaves
 * it), a new app opened on the file whose runner finishes the job. Each ends in the very same
 * database, row for row. A job that queues others (an import queues the tiers and the report
 * summaries) is followed through them: after k slices the same jobs are open as after the
 * straight run's k-th. Answers the slices the straight run took.
 */
export function expectResumesAlike(t: TestApp, sliceRows: number): number {
  const at = t.clock.now().toISOString();
  const copy = copier(t);
  const straight = reopen(copy(), at, sequentialIds('job'), { sliceRows });
  const openAfter: unknown[][] = [];
  while (jobRunner(straight.app).step()) openAfter.push(openJobs(straight.db));
  const slices = openAfter.length;
  const expected = snapshot(straight.db);
  expect(slices).toBeGreaterThan(2);
  for (let k = 1; k < slices; k++) {
    const path = copy();
    const ids = sequentialIds('job');
    const killed = reopen(path, at, ids, { sliceRows });
    for (let i = 0; i < k; i++) expect(jobRunner(killed.app).step()).toBe(true);
    expect(openJobs(killed.db), `after ${k}`).toEqual(openAfter[k - 1]);
    expect(openAfter[k - 1].length, `a job is open after ${k}`).toBeGreaterThan(0);
    closeJobRunner(killed.app);
    killed.db.close();
    const resumed = reopen(path, at, ids, { sliceRows });
    expect(resumed.runJobs(), `slices left after ${k}`).toBe(slices - k);
    expect(snapshot(resumed.db), `killed after ${k} slices`).toEqual(expected);
  }
  return slices;
}
