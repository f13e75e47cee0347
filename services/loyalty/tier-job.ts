import { z } from 'zod';
import { tierQueries } from '../../db/queries/loyalty/tiers';
import { defineJobKind } from '../core/jobs/kind';
import { reevaluateSlice } from './tiers';

/**
 * `tiers.reevaluate`, queued by tiers.save: every member, in id order, moved to the tier the
 * saved table gives them (up at once; down only out of a removed tier, the rest at the review
 * date). A slice is 1,000 members: their window's figures in one query over their own sales,
 * then the few whose tier changes written. The cursor is the last member id done; a slice run
 * again finds its members already where they belong and moves no one. Until the job reaches a
 * member, their next sale applies the new table to them (afterSale).
 *
 * Not cancellable: stopped half-way, two members with the same spend would sit in different
 * tiers until one of them buys again. A newer save supersedes it instead, and re-evaluates everyone.
 */
export const tierReevaluation = defineJobKind({
  cancellable: false,
  sliceRows: 1000,
  params: z.object({}),
  cursor: z.object({ after: z.string() }),
  total: (db) => tierQueries(db).memberCount(),
  slice(db, ctx, _params, cursor, rows) {
    const after = cursor?.after ?? '';
    const r = reevaluateSlice(db, ctx, after, rows);
    return {
      cursor: { after: r.last ?? after },
      done: r.reviewed,
      finished: r.reviewed < rows,
      tally: { reevaluated: r.reviewed, changed: r.upgraded + r.downgraded },
    };
  },
});
