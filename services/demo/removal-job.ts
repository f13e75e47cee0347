import { z } from 'zod';
import { DEMO_BACKUP_FAILED } from '../../shared/contract/demo';
import { demoRemovalQueries } from '../../db/queries/demo/removal';
import { jobQueries } from '../../db/queries/core/jobs';
import { writeAudit } from '../core/audit';
import { defineJobKind, type SliceOutcome } from '../core/jobs/kind';
import { backupGate } from '../backup/requests';
import { rebuildSummaryLater } from '../reports/summary-job';

/**
 * `demo.remove`, queued by demo.remove: the demo members still marked, a slice at a time in id
 * order, each with every row recorded on them. The members still marked are the cursor: a slice
 * deletes their marks with them, so a slice run again, or a job resumed after a kill, takes the
 * next ones, and nothing is deleted twice. Not cancellable: half the demo store gone and half
 * left would show a shop reports of neither, and the same call would only start it again. The
 * slice that finds none left queues the report summaries' rebuild (the import's undo does the
 * same) and says so in the audit trail.
 */
export const demoRemoval = defineJobKind({
  cancellable: false,
  // A demo member has about four sales, their points and lots, a few tags and some forty search
  // keys: 100 members are about 5,000 rows deleted, the size of an import's slice of members.
  sliceRows: 100,
  params: z.object({ removalId: z.string() }),
  cursor: z.null(),
  step: (db, params) => (backupGate(db, 'manual', params.removalId) === 'wait' ? 'backup' : null),
  total: (db) => demoRemovalQueries(db).removable(),
  slice(db, ctx, params, _cursor, rows): SliceOutcome<null> {
    // Nothing is deleted before the backup demo.remove asked for is taken and checked.
    const gate = backupGate(db, 'manual', params.removalId);
    if (gate === 'wait') return { cursor: null, done: 0, finished: false, tally: {}, wait: true };
    if (gate === 'failed') throw new Error(DEMO_BACKUP_FAILED);
    const q = demoRemovalQueries(db);
    const members = q.next(rows);
    if (members.length > 0) q.remove(members);
    if (members.length === rows) return { cursor: null, done: members.length, finished: false, tally: { members: members.length } };
    rebuildSummaryLater(db, ctx);
    writeAudit(ctx, {
      action: 'demo.removed',
      entity: 'job',
      entityId: jobQueries(db).openOfKind('demo.remove')[0]?.id,
      after: { kept: q.counts().marked },
    });
    return { cursor: null, done: members.length, finished: true, tally: { members: members.length } };
  },
});
