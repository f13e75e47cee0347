import { z } from 'zod';
import type { DB } from '../../db/connection';
import { expiryQueries } from '../../db/queries/loyalty/points-expiry';
import { defineJobKind } from '../core/jobs/kind';
import { expireLots } from './ledger';

const DueKey = z.object({ expires_at: z.string(), member_id: z.string(), remaining: z.number(), lot: z.number() });

/** A counting slice reads this many times the lots an expiring slice closes: counting only reads. */
const COUNT_PER_SLICE = 10;

/**
 * `points.expire` as a job, queued by the app's hourly chores when lots are due (the start of
 * the month's expiry took 34 s at a million members in one transaction). Every lot is judged due
 * at one instant, `now`, fixed when the job is queued, as the single pass judged them.
 *
 * The slices first count the lots due, 8,000 a slice along the expiry index (the cursor is the
 * last lot counted), for the progress's total. Then each slice expires the next 800 due lots
 * in the index's order (date, then member), and the last member's other lots due that day:
 * one `expire` entry per member, their balance lowered and the lots closed in one transaction,
 * so the ledger (balance = ledger sum = open lots) holds after every slice. The lots still due
 * are then the cursor: a slice closes what it expires, so the next one (or the same one run
 * again) starts at the first lot still due and never expires anything twice. A member with lots
 * due on two dates a slice boundary falls between (the app was off on the first) gets an entry
 * for each. Progress counts lots.
 *
 * Cancellable: each slice leaves every member whole, and the next hourly run expires the rest.
 */
export const pointsExpiry = defineJobKind({
  cancellable: true,
  sliceRows: 800,
  params: z.object({ now: z.string() }),
  cursor: z.object({ counted: z.number().int(), after: DueKey.nullable(), expiring: z.boolean() }),
  total: () => null,
  slice(db, ctx, params, cursor, rows) {
    const q = expiryQueries(db);
    if (!cursor?.expiring) {
      const limit = rows * COUNT_PER_SLICE;
      const keys = q.dueKeysAfter(params.now, cursor?.after ?? null, limit);
      const counted = (cursor?.counted ?? 0) + keys.length;
      if (keys.length === limit)
        return { cursor: { counted, after: keys[keys.length - 1], expiring: false }, done: 0, finished: false, tally: {} };
      const tally: Record<string, number> = counted === 0 ? { members: 0, points: 0, lots: 0 } : {};
      return { cursor: { counted, after: null, expiring: true }, done: 0, finished: counted === 0, tally, total: counted };
    }
    const first = q.dueKeysAfter(params.now, null, rows);
    // A member's lots due the same day are never split between two slices (nor two entries).
    const lots = first.length === rows ? [...first, ...q.sameDateAfter(first[first.length - 1])] : first;
    const expired = expireLots(db, ctx, params.now, lots);
    return { cursor, done: expired.lots, finished: first.length < rows, tally: { ...expired } };
  },
});

/** Whether any lot is due at `now`: the hourly chores queue the job only then. */
export function expiryDue(db: DB, now: string): boolean {
  return expiryQueries(db).anyDue(now);
}
