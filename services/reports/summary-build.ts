import { z } from 'zod';
import type { DB } from '../../db/connection';
import { summaryQueries } from '../../db/queries/reports/summaries';
import { packMember, type MemberSummary } from './member-events';
import {
  addEvent,
  addMember,
  addPoints,
  countActivity,
  countPurchase,
  daysIn,
  hasSummaryRow,
  purchaseDay,
  writeBreakdown,
  writePeriods,
} from './summary-compute';
import type { SourceRows } from './summaries';

// The report summaries built from nothing in slices (the build job's, summary-job.ts), counting
// exactly what computeSummary counts, with the same functions, in passes a slice at a time over
// the rows up to where each table ended when the build began (`upTo`):
// 1. clear: the members' rows of the last build deleted (a million take seconds);
// 2. sales, refunds and voids in row order: their sums (orders, sales, refunds, the breakdown);
// 3. ledger entries in row order: the points;
// 4. members in row order: each one's events from their own purchases (one covering index's
//    rows side by side), their registration and distinct counts, and their row, written once.
// Catching up as the rows come instead rewrote each member's row once for every slice their
// sales fell in: at a million members, gigabytes through the WAL.

const Row = z.object({ rowid: z.number().int(), id: z.string().nullable() });

/** Where a build from nothing stands: the pass, the last row it counted, the rows it counts up to. */
export const BuildCursor = z.object({
  pass: z.enum(['clear', 'sales', 'ledger', 'members']),
  after: z.number().int(),
  upTo: z.object({ members: Row, purchases: Row, points_ledger: Row }),
});
export type BuildCursor = z.infer<typeof BuildCursor>;
type Pass = BuildCursor['pass'];

const PASSES: readonly Pass[] = ['clear', 'sales', 'ledger', 'members'];

/**
 * Rows a slice takes in each pass, per row of the job's slice size (a sale's worth of work): a
 * deleted row or a ledger entry costs a fraction of a sale, a member (their purchases read, their
 * row written) several.
 */
const SHARE: Record<Pass, number> = { clear: 5, sales: 1, ledger: 4, members: 0.25 };

export function firstPass(upTo: SourceRows): BuildCursor {
  return { pass: 'clear', after: 0, upTo };
}

/** One slice of a pass: the rows it took, and the last one's number. */
function runPass(db: DB, cursor: BuildCursor, asked: number, tz: string): { taken: number; after: number } {
  const q = summaryQueries(db);
  const dayOf = daysIn(tz);
  const periods = new Map<number, number[]>();
  const breakdown = new Map<string, number[]>();
  let rows: Array<{ rowid: number }> = [];
  if (cursor.pass === 'clear') return { taken: q.clearMembers(asked), after: 0 };
  if (cursor.pass === 'sales') {
    const purchases = q.newPurchases(cursor.after, asked).filter((p) => p.rowid <= cursor.upTo.purchases.rowid);
    for (const p of purchases) countPurchase(periods, breakdown, purchaseDay(p, dayOf), p);
    rows = purchases;
  } else if (cursor.pass === 'ledger') {
    const entries = q.newLedger(cursor.after, asked).filter((e) => e.rowid <= cursor.upTo.points_ledger.rowid);
    for (const e of entries) addPoints(periods, dayOf(e.created_at), e);
    rows = entries;
  } else {
    const members = q.membersFrom(cursor.after, asked).filter((m) => m.rowid <= cursor.upTo.members.rowid);
    for (const m of members) {
      const s: MemberSummary = { created: dayOf(m.created_at), events: [] };
      for (const p of q.memberPurchases(m.id, cursor.upTo.purchases.rowid)) addEvent(s.events, purchaseDay(p, dayOf), p, dayOf);
      if (!hasSummaryRow(m.merged === 1, s)) continue;
      addMember(periods, s.created);
      countActivity(periods, s.events);
      q.addMember(m.id, packMember(s)); // in registration order: members 1, 2, 3…
    }
    rows = members;
  }
  writePeriods(db, periods);
  writeBreakdown(db, breakdown);
  return { taken: rows.length, after: rows.at(-1)?.rowid ?? cursor.after };
}

/**
 * One slice: the next rows of the pass the cursor is in, `rows × SHARE` of them. Answers where
 * the next slice starts (null: every pass is done, every row up to `upTo` counted) and the rows
 * it read. A pass is over when it finds fewer rows than it asked for (a row past its last among
 * them: every one before it is counted), or reaches its last row.
 */
export function buildSlice(db: DB, cursor: BuildCursor, rows: number, tz: string): { next: BuildCursor | null; read: number } {
  const asked = Math.max(1, Math.round(rows * SHARE[cursor.pass]));
  const { taken, after } = runPass(db, cursor, asked, tz);
  const read = cursor.pass === 'clear' ? 0 : taken;
  const last = {
    clear: Infinity,
    sales: cursor.upTo.purchases.rowid,
    ledger: cursor.upTo.points_ledger.rowid,
    members: cursor.upTo.members.rowid,
  };
  if (taken === asked && after < last[cursor.pass]) return { next: { ...cursor, after }, read };
  const pass = PASSES[PASSES.indexOf(cursor.pass) + 1];
  return { next: pass ? { ...cursor, pass, after: 0 } : null, read };
}
