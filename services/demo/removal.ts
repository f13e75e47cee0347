import type { demoContract, DemoData } from '../../shared/contract/demo';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { demoRemovalQueries } from '../../db/queries/demo/removal';
import { exportQueries } from '../../db/queries/hq/export';
import { jobQueries } from '../../db/queries/core/jobs';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { queueJob } from '../core/jobs/queue';
import { requestInCall } from '../backup/requests';

// 删除演示数据: the first run's demo members go, with everything recorded on them, once the store
// starts for real (README "First run"). The deleting is the `demo.remove` job (removal-job.ts).

/** What the removal would take now, whether it may run, and the one running. */
export function demoData(db: DB): DemoData {
  const { marked, ...counts } = demoRemovalQueries(db).counts();
  // An export file carries every member: once one was made the demo members may be at HQ, and
  // removing them here would leave HQ's copies with no branch behind them.
  const refusal = exportQueries(db).exportedFileCount() > 0 ? 'sent_to_hq' : null;
  const job = jobQueries(db).openOfKind('demo.remove')[0] ?? null;
  return { ...counts, kept: marked - counts.members, refusal, jobId: job?.id ?? null };
}

/** What goes, for the audit row: the counts alone. */
const counts = ({ refusal: _refusal, jobId: _jobId, ...rest }: DemoData) => rest;

export const demoHandlers = {
  'demo.status': (db) => demoData(db),

  'demo.remove': (db, ctx) => {
    const data = demoData(db);
    if (data.jobId) return { jobId: data.jobId, members: data.members };
    if (data.refusal) throw new AppError('CONFLICT', 'The demo members went to HQ in an export file', { reason: data.refusal });
    if (data.members === 0) throw new AppError('CONFLICT', 'There is no demo data to remove', { reason: 'no_demo_data' });
    const removalId = ctx.newId();
    const jobId = queueJob(db, ctx, 'demo.remove', { removalId });
    // The store as it was, copied and checked by the side host before the job deletes a row (the
    // backup an import takes first; a database in memory has no file to copy). A manual backup by
    // kind: the backups list shows it among those an admin asked for.
    const backup = db.memory ? null : requestInCall(ctx, 'manual', removalId).row;
    writeAudit(ctx, {
      action: 'demo.remove',
      entity: 'job',
      entityId: jobId,
      after: { ...counts(data), backupId: backup?.id ?? null },
    });
    return { jobId, members: data.members };
  },
} satisfies DomainHandlers<typeof demoContract>;
