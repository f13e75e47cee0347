import type { JobKindName } from '../../../shared/contract/jobs';
import type { DB } from '../../../db/connection';
import { jobQueries } from '../../../db/queries/core/jobs';
import type { Ctx } from '../context';

/**
 * Queues a job, in the caller's transaction: it exists only if the call commits, and the runner
 * (told through `onJobQueued`, which runs it from the next turn of the event loop, after the
 * commit) starts it then. Who queued it is the job's starter: its audit rows and any it cancels
 * name them.
 */
export function queueJob(db: DB, ctx: Ctx, kind: JobKindName, params: Record<string, unknown> = {}): string {
  const id = ctx.newId();
  jobQueries(db).insert({ id, kind, params_json: JSON.stringify(params), started_by: ctx.caller?.id ?? null, at: ctx.now });
  ctx.app.onJobQueued?.();
  return id;
}

/**
 * Queues a job of a kind that must never run twice at once, cancelling the open ones it makes
 * pointless (a tier table saved again re-evaluates everyone anyway). Answers the new job's id
 * and those it superseded.
 */
export function queueInstead(db: DB, ctx: Ctx, kind: JobKindName, params: Record<string, unknown> = {}) {
  const q = jobQueries(db);
  const open = q.openOfKind(kind);
  const id = queueJob(db, ctx, kind, params);
  for (const job of open) q.cancel(job.id, ctx.caller?.id ?? null, id, ctx.now);
  return { id, superseded: open.map((job) => job.id) };
}
