import { z } from 'zod';
import { FollowupRules } from '../../shared/contract/followups';
import { localDay } from '../../shared/local-date';
import type { JobKindName } from '../../shared/contract/jobs';
import type { DB } from '../../db/connection';
import { jobQueries } from '../../db/queries/core/jobs';
import { generatorQueries } from '../../db/queries/followups/generator';
import type { Ctx } from '../core/context';
import { defineJobKind } from '../core/jobs/kind';
import { queueInstead } from '../core/jobs/queue';
import { finishWholeWindow, sinceLastRun, startWholeWindow } from './coverage';
import { currentBasis, generateForMembers } from './generator';

const KIND = 'followups.generate' satisfies JobKindName;

/** A job's params: the basis it runs under (rules and time zone as text, compared as the coverage compares them), and when it was asked for. */
const Params = z.object({ basis: z.string(), now: z.string() });
const Basis = z.object({ rules: FollowupRules, tz: z.string() });

/**
 * `followups.generate` as a job: the follow-up generator's run over the whole window (its first
 * run, and the first after a rule or time zone change), 4–28 s at a million members in one go.
 * The hourly run, which reads only what changed since the last (./coverage.ts), stays inline.
 *
 * Each slice makes the tasks of the next 500 members in id order, read over the whole window
 * as one run would (the rules, time zone and today it was queued under, however long it takes),
 * each rule reading only that range of ids. The cursor is the last member id done: a slice run
 * again makes nothing twice (the unique source key). The first slice takes over the members noted
 * for another look and forgets the last run's coverage; the last makes the complaints' tasks
 * (few) and records its own coverage: the sales up to the newest when it started, and its today.
 * What changes while it runs (a sale, a member edited after their slice) is thus the next
 * hourly run's to read, as it would be after an inline run.
 *
 * Cancellable: its tasks are the rules' tasks whenever it stops, and without its coverage the
 * next hourly run queues it again (the tasks made stay, and are not made twice).
 */
export const followupGeneration = defineJobKind({
  cancellable: true,
  // On the bench's 20,000-member store (2 busy cores) a slice of 500 takes about 20 ms of CPU, a
  // third of it reading, the rest making their 120 or so tasks (which the single pass made too).
  sliceRows: 500,
  params: Params,
  cursor: z.object({ after: z.string(), purchasesTo: z.number().int() }),
  total: (db) => generatorQueries(db).memberCount.get() ?? 0,
  slice(db, ctx, params, cursor, rows) {
    const start = cursor ?? { after: '', purchasesTo: startWholeWindow(db) };
    const { rules, tz } = Basis.parse(JSON.parse(params.basis));
    const basis = { rules, tz, today: localDay(params.now, tz).date, basis: params.basis };
    const next = generatorQueries(db).nextRange.get(start.after, rows)!;
    const last = next.members < rows;
    const range = { after: start.after, upTo: next.upTo ?? start.after };
    const made = generateForMembers(db, ctx, basis, range, last);
    if (last) finishWholeWindow(db, { basis: params.basis, today: basis.today, purchasesTo: start.purchasesTo });
    return { cursor: { after: range.upTo, purchasesTo: start.purchasesTo }, done: next.members, finished: last, tally: made };
  },
});

/**
 * A run of the generator under the rules in force that must read the whole window (no run under
 * them yet covers the window: ./coverage.ts) is this job. Answers it: the one already open under
 * the same rules (one at most), or a new one that supersedes any open under other rules (saved
 * since). Null when the run is inline: the last run's coverage lets it read only what changed,
 * or the store has no member yet (a new one's first run has nothing to slice).
 */
export function wholeWindowJob(db: DB, ctx: Ctx): { id: string; queued: boolean; superseded: string[] } | null {
  const basis = currentBasis(db, ctx.now);
  if (sinceLastRun(db, basis.basis, basis.today) || generatorQueries(db).nextRange.get('', 1)!.members === 0) return null;
  const same = jobQueries(db)
    .openOfKind(KIND)
    .find((job) => Params.parse(JSON.parse(job.params_json)).basis === basis.basis);
  if (same) return { id: same.id, queued: false, superseded: [] };
  return { ...queueInstead(db, ctx, KIND, { basis: basis.basis, now: ctx.now }), queued: true };
}

/**
 * After the rules are saved: a whole-window job still open under the rules before is pointless
 * (its coverage would not count under the new ones). One under the saved rules takes its place;
 * if the last run's coverage holds under them (saved back as they were), none is needed and the
 * open one is just cancelled. Nothing is queued when none was open: the next run reads what it
 * must. Answers what changed, for the save's audit row.
 */
export function afterRulesSaved(db: DB, ctx: Ctx): { jobId: string | null; superseded: string[] } | null {
  const open = jobQueries(db).openOfKind(KIND);
  if (open.length === 0) return null;
  const job = wholeWindowJob(db, ctx);
  if (job) return job.queued ? { jobId: job.id, superseded: job.superseded } : null;
  for (const stale of open) jobQueries(db).cancel(stale.id, ctx.caller?.id ?? null, null, ctx.now);
  return { jobId: null, superseded: open.map((stale) => stale.id) };
}
