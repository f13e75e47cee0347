import { z } from 'zod';
import type { DB } from '../../db/connection';
import { tierQueries } from '../../db/queries/loyalty/tiers';
import { defineJobKind } from '../core/jobs/kind';
import { reviewSlice } from './tiers';

/** A counting slice reads this many times the members a reviewing slice moves: counting reads the index alone. */
const COUNT_PER_SLICE = 20;

/**
 * `tiers.review` as a job, queued by the app's hourly chores when a member's review date has
 * passed (the review read every sale of the window, seconds at a million members, for one
 * member due). Every member is judged due at one instant, `now`, fixed when the job is queued.
 *
 * The slices first count the members due, 5,000 a slice along the review-date index (the
 * cursor is the date counted to), for the progress's total. Then each slice reviews the first
 * 250 members still due, in the index's order: their window's figures from their own sales in
 * one query, and each moved where the figures put them (up, down, or renewed) with a new review
 * date or none, so they are no longer due. The members still due are the cursor: the next slice
 * (or the same one run again) starts at the first of them and reviews no one twice. A member a
 * sale moves up meanwhile gets a later review date and is left alone. Progress counts members.
 *
 * Cancellable: each member is reviewed whole in one slice, and those not reached are still due,
 * so the next hourly run reviews them, as it would had the app been closed for that hour.
 */
export const tierReview = defineJobKind({
  cancellable: true,
  sliceRows: 250,
  params: z.object({ now: z.string() }),
  cursor: z.object({ counted: z.number().int(), after: z.string(), reviewing: z.boolean() }),
  total: () => null,
  slice(db, ctx, params, cursor, rows) {
    if (!cursor?.reviewing) {
      const after = cursor?.after ?? '';
      const { counted, upTo } = tierQueries(db).countDueForReview(params.now, after, rows * COUNT_PER_SLICE);
      const total = (cursor?.counted ?? 0) + counted;
      if (upTo !== null) return { cursor: { counted: total, after: upTo, reviewing: false }, done: 0, finished: false, tally: {} };
      const tally: Record<string, number> = total === 0 ? { reviewed: 0, upgraded: 0, downgraded: 0 } : {};
      return { cursor: { counted: total, after: '', reviewing: true }, done: 0, finished: total === 0, tally, total };
    }
    const reviewed = reviewSlice(db, ctx, params.now, rows);
    return { cursor, done: reviewed.reviewed, finished: reviewed.reviewed < rows, tally: { ...reviewed } };
  },
});

/** Whether any member's review date has passed at `now`: the hourly chores queue the job only then. */
export function tierReviewDue(db: DB, now: string): boolean {
  return tierQueries(db).anyDueForReview(now);
}
