import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';

// Long work runs as a background job in short slices (docs/jobs.md): the call that starts one
// answers at once with the job's id, and these methods follow it to its end.

/** Every kind of job, named after the work it does. */
export const JOB_KINDS = [
  'tiers.reevaluate',
  'points.expire',
  'followups.generate',
  'tiers.review',
  'reports.summaries',
  'import.members',
  'import.sales',
  'demo.remove',
] as const;
export type JobKindName = (typeof JOB_KINDS)[number];

/** Steps a job can be at that the app names apart from its kind's work (messages `jobs.steps.<kind>.<step>`). */
export const JOB_STEPS = ['undo', 'backup'] as const;
export type JobStep = (typeof JOB_STEPS)[number];

/** queued → running → done | failed | cancelled (a newer job of its kind may cancel it: `supersededBy`). */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const Job = z.object({
  id: Id,
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  /** units of work done (members, lots: docs/jobs.md) of `total`, which is null until the first slice counts it */
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** time left at the rate of this run so far; null before a rate is known or once the job has ended */
  etaSeconds: z.number().int().nullable(),
  /** the step an open job is at when it reads differently from its kind's work (an import being undone: 'undo'; waiting for its backup: 'backup'); else null */
  step: z.enum(JOB_STEPS).nullable(),
  /** the job is still open and its kind can be stopped half-way safely */
  cancellable: z.boolean(),
  /** what the slices have done so far (the tier job: reevaluated, changed; the expiry: lots, points, members; the report summaries: members, purchases, ledger) */
  result: z.record(z.string(), z.number()),
  /** why a failed job failed (for the log; the page says it failed) */
  error: z.string().nullable(),
  startedBy: z.object({ id: Id, name: z.string() }).nullable(),
  createdAt: IsoTime,
  startedAt: IsoTime.nullable(),
  updatedAt: IsoTime,
  finishedAt: IsoTime.nullable(),
  supersededBy: Id.nullable(),
});
export type Job = z.infer<typeof Job>;

export const jobsContract = {
  /** The jobs still open (queued or running, oldest first) and the latest that ended (newest first). */
  'jobs.list': method({
    input: z.strictObject({ limit: z.number().int().min(1).max(100).default(20) }),
    output: z.object({ active: z.array(Job), recent: z.array(Job) }),
    access: 'staff',
    write: false,
  }),
  'jobs.get': method({ input: z.strictObject({ id: Id }), output: Job, access: 'staff', write: false }),
  /**
   * Stops an open job between two slices: what its slices did stays. Only a kind that can stop
   * half-way safely (`cancellable`), by a manager or whoever started it.
   */
  'jobs.cancel': method({ input: z.strictObject({ id: Id }), output: Job, access: 'staff', write: true }),
};
