import { jobsContract, type Job, type JobStep } from '../../../shared/contract/jobs';
import { AppError } from '../../../shared/errors';
import { roleAtLeast } from '../../../shared/roles';
import type { DB } from '../../../db/connection';
import { jobQueries, type JobListRow } from '../../../db/queries/core/jobs';
import { writeAudit } from '../audit';
import { callerOf } from '../context';
import type { DomainHandlers } from '../handler-types';
import { isJobKind, jobKinds, kindOf } from './kinds';

const isOpen = (row: JobListRow) => row.state === 'queued' || row.state === 'running';

/**
 * Time left at this run's rate so far: from the run's start (a job resumed after a restart is
 * timed from its resumption) to its last slice. Unknown until a slice of this run has ended.
 */
function etaSeconds(row: JobListRow, step: string | null): number | null {
  if (row.state === 'done') return 0;
  // A step that reads differently (an import undone) has no rate of its own yet.
  if (step !== null) return null;
  if (row.state !== 'running' || row.total === null || row.run_started_at === null || row.run_started_done === null) return null;
  const doneThisRun = row.done - row.run_started_done;
  const elapsedMs = Date.parse(row.updated_at) - Date.parse(row.run_started_at);
  if (doneThisRun <= 0 || elapsedMs <= 0) return null;
  return Math.ceil((Math.max(0, row.total - row.done) * elapsedMs) / doneThisRun / 1000);
}

/** The step an open job is at, from its kind (an import being undone reads 正在撤销…, not 正在导入…). */
function stepOf(db: DB, row: JobListRow): JobStep | null {
  if (!isOpen(row) || !isJobKind(row.kind)) return null;
  return jobKinds[row.kind].step(db, JSON.parse(row.params_json));
}

export function jobView(db: DB, row: JobListRow): Job {
  const step = stepOf(db, row);
  return {
    id: row.id,
    kind: row.kind as Job['kind'],
    state: row.state,
    done: row.done,
    total: row.total,
    etaSeconds: etaSeconds(row, step),
    step,
    cancellable: isOpen(row) && isJobKind(row.kind) && jobKinds[row.kind].cancellable,
    result: JSON.parse(row.result_json ?? '{}') as Record<string, number>,
    error: row.error,
    startedBy: row.started_by ? { id: row.started_by, name: row.started_by_name ?? '' } : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    supersededBy: row.superseded_by,
  };
}

function requireJob(db: DB, id: string): JobListRow {
  const row = jobQueries(db).byId(id);
  if (!row) throw new AppError('NOT_FOUND', 'No such job', { entity: 'job', id });
  return row;
}

export const jobsHandlers = {
  'jobs.list': (db, _ctx, input) => {
    const q = jobQueries(db);
    return { active: q.open().map((row) => jobView(db, row)), recent: q.finishedRecently(input.limit).map((row) => jobView(db, row)) };
  },

  'jobs.get': (db, _ctx, input) => jobView(db, requireJob(db, input.id)),

  // The runner reads the job's state in each slice's transaction: it stops before the next slice.
  'jobs.cancel': (db, ctx, input) => {
    const job = requireJob(db, input.id);
    const caller = callerOf(ctx);
    if (!roleAtLeast(caller.role, 'manager') && job.started_by !== caller.id) {
      throw new AppError('FORBIDDEN', 'Only a manager or whoever started a job can cancel it', {
        method: 'jobs.cancel',
        needed: 'manager',
        role: caller.role,
      });
    }
    if (!isOpen(job)) throw new AppError('INVALID_TRANSITION', 'The job has ended', { from: job.state, to: 'cancelled' });
    if (!kindOf(job.kind).cancellable) {
      throw new AppError('INVALID_TRANSITION', 'This kind of job cannot stop half-way', {
        from: job.state,
        to: 'cancelled',
        kind: job.kind,
      });
    }
    jobQueries(db).cancel(job.id, caller.id, null, ctx.now);
    writeAudit(ctx, {
      action: 'jobs.cancel',
      entity: 'job',
      entityId: job.id,
      before: { kind: job.kind, state: job.state, done: job.done, total: job.total },
      after: { state: 'cancelled' },
    });
    return jobView(db, requireJob(db, job.id));
  },
} satisfies DomainHandlers<typeof jobsContract>;
