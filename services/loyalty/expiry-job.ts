import { z } from 'zod';
import type { DB } from '../../db/connection';
import { expiryQueries } from '../../db/queries/loyalty/points-expiry';
import { defineJobKind } from '../core/jobs/kind';
import { expireDueLots } from './ledger';

const DueKey = z.object({ expires_at: z.string(), member_id: z.string(), remaining: z.number(), lot: z.number() });

/** Due lots a counting slice reads per member an expiring slice takes (a member has a lot or a few due). */
const COUNT_PER_MEMBER = 10;

/**
 * `points.expire` as a job, queued by the app's hourly chores when lots are due (the start of
 * the month's expiry took 34 s at a million members in one transaction). Everything is judged
 * at one instant, `now`, fixed when the job is queued, as the single pass judged it.
 *
 * The slices first count the lots due, 20,000 a slice along the expiry index (the cursor is the
 * last lot counted), for the progress's total. Then each slice expires the first 2,000 members
 * with lots due, each with all their due lots: one `expire` entry per member, their balance
 * lowered and the lots closed in the same transaction, so the ledger (balance = ledger sum =
 * open lots) holds after every slice. The lots still due are then the cursor: a slice closes
 * what it expires, so the next one (or the same one run again) starts at the first lot still
 * due and never expires anything twice. Progress counts lots.
 *
 * Cancellable: each slice leaves every member whole, and the next hourly run expires the rest.
 */
export const pointsExpiry = defineJobKind({
  cancellable: true,
  sliceRows: 2000,
  params: z.object({ now: z.string() }),
  cursor: z.object({ counted: z.number().int(), after: DueKey.nullable(), expiring: z.boolean() }),
  total: () => null,
  slice(db, ctx, params, cursor, rows) {
    if (!cursor?.expiring) {
      const limit = rows * COUNT_PER_MEMBER;
      const keys = expiryQueries(db).dueKeysAfter(params.now, cursor?.after ?? null, limit);
      const counted = (cursor?.counted ?? 0) + keys.length;
      if (keys.length === limit)
        return { cursor: { counted, after: keys[keys.length - 1], expiring: false }, done: 0, finished: false, tally: {} };
      const tally: Record<string, number> = counted === 0 ? { members: 0, points: 0, lots: 0 } : {};
      return { cursor: { counted, after: null, expiring: true }, done: 0, finished: counted === 0, tally, total: counted };
    }
    const expired = expireDueLots(db, ctx, params.now, rows);
    return { cursor, done: expired.lots, finished: expired.members < rows, tally: { ...expired } };
  },
});

/** Whether any lot is due at `now`: the hourly chores queue the job only then. */
export function expiryDue(db: DB, now: string): boolean {
  return expiryQueries(db).anyDue(now);
}
