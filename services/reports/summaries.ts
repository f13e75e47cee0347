import type { DB } from '../../db/connection';
import { summaryQueries, type SourceMark } from '../../db/queries/reports/summaries';
import { GRAINS, periodOf, stepPeriod } from './days';
import { timeZone } from '../core/branch';
import { isSale, packMember, unpackMember, voidedSaleAt, type MemberSummary } from './member-events';
import {
  addEvent,
  addMember,
  addPoints,
  countPurchase,
  counters,
  daysIn,
  F,
  purchaseDay,
  SOURCES,
  writeBreakdown,
  writePeriods,
} from './summary-compute';

export { computeSummary, parsePeriodKey, storedSummary, type Summary } from './summary-compute';

// The report summaries (migration 0009, docs/reports.md "How the figures are kept") are kept by
// catching up: reading only the rows added since the watermarks and adding their effect (a sale
// that is a member's first of a month makes them active that month, and retained if they were
// active the month before, and retained next month if they are active then). A test proves that
// whatever the order and the slicing, they equal computeSummary, the one definition.
// Sales are only ever added (a refund is a row of its own, and so is a void, which takes its sale
// out again as if it never happened), which is what makes catching up exact. When the watermarks
// cannot be trusted (the first time, the time zone changed, a watermark's row is gone, or a
// member merge moved sales: invalidateSummary), they are built again from nothing by a background
// job in short slices (summary-job.ts, summary-build.ts), never here: two minutes in one
// transaction at a million members would stop every counter.

const TZ_MARK = 'timezone';
/** The zone mark while the build job owns the summaries: never trusted, never current, so no report reads them. */
const BUILDING = 'building:';

type Marks = Map<string, SourceMark>;

const marksOf = (db: DB): Marks =>
  new Map(
    summaryQueries(db)
      .marks()
      .map((m) => [m.source, m]),
  );

/** The zone is the one the summaries were counted in and every watermark names the row it named then. */
function trusted(db: DB, marks: Marks, tz: string): boolean {
  const q = summaryQueries(db);
  return (
    marks.get(TZ_MARK)?.last_id === tz &&
    SOURCES.every((source) => {
      const m = marks.get(source);
      return m !== undefined && (m.last_rowid === 0 || q.idAt(source, m.last_rowid) === m.last_id);
    })
  );
}

/** Rows added after the watermarks (by row number: members, sales, ledger entries). */
function rowsAfter(db: DB, marks: Marks): number {
  const q = summaryQueries(db);
  return SOURCES.reduce((n, source) => n + Math.max(0, (q.maxRow(source).rowid ?? 0) - (marks.get(source)?.last_rowid ?? 0)), 0);
}

/** How many rows the summaries are behind; null when they cannot be trusted and only a build will do. */
export function summaryLag(db: DB, tz = timeZone(db)): number | null {
  const marks = marksOf(db);
  return trusted(db, marks, tz) ? rowsAfter(db, marks) : null;
}

/**
 * Makes the summaries untrusted until they are built again: for a change that is not an added row
 * (a merge moves sales to another member). Cheap here, in the caller's transaction; a build job
 * already running sees it at its next slice and starts over.
 */
export function invalidateSummary(db: DB): void {
  const q = summaryQueries(db);
  const generation = marksOf(db).get(TZ_MARK)?.last_rowid ?? 0;
  q.setMark({ source: TZ_MARK, last_rowid: generation, last_id: null });
}

/** A new store, with no rows yet: its summaries start current, caught up from nothing, with no build to wait for. */
export function startSummaryFromNothing(db: DB, tz = timeZone(db)): void {
  const q = summaryQueries(db);
  for (const source of SOURCES) q.setMark({ source, last_rowid: 0, last_id: null });
  q.setMark({ source: TZ_MARK, last_rowid: (marksOf(db).get(TZ_MARK)?.last_rowid ?? 0) + 1, last_id: tz });
}

export interface CatchUp {
  /** the watermarks cannot be trusted (or a row showed they were wrong): only a build will do */
  needsBuild: boolean;
  members: number;
  purchases: number;
  ledger: number;
  /** rows are left for the next call (the limit was reached) */
  more: boolean;
}

/**
 * Brings the summaries up to date with the rows added since the last call, at most `limit` rows
 * (members, then sales, then ledger entries) at a time. Builds nothing: summaries it cannot trust
 * it leaves marked untrusted and answers `needsBuild` (the caller queues the build job). Call
 * inside a write transaction.
 */
export function catchUpSummary(db: DB, limit = Number.MAX_SAFE_INTEGER, tz = timeZone(db)): CatchUp {
  const marks = marksOf(db);
  if (!trusted(db, marks, tz)) return { needsBuild: true, members: 0, purchases: 0, ledger: 0, more: false };
  const done = addNewRows(db, marks, limit, tz);
  if (done.needsBuild) invalidateSummary(db);
  return done;
}

/**
 * A sale's effect on the distinct counts of its period in grain `g`: a member's first sale in
 * the period makes them active here, retained from the period before, and retained in the period
 * after if they bought then (a sale recorded late); the second makes them a repeat buyer. A void
 * (sign −1) undoes the same, its sale still among `events`.
 */
function countSaleActivity(periods: Map<number, number[]>, g: number, period: number, events: number[], sign: number) {
  const [before, after] = [stepPeriod(g, period, -1), stepPeriod(g, period, 1)];
  let [here, hasBefore, hasAfter] = [0, false, false];
  for (let i = 0; i < events.length; i += 2) {
    if (!isSale(events[i])) continue;
    const other = periodOf(g, events[i]);
    if (other === period) here++;
    else if (other === before) hasBefore = true;
    else if (other === after) hasAfter = true;
  }
  const c = counters(periods, g, period);
  const first = sign > 0 ? here === 0 : here === 1;
  if (first) {
    c[F.active] += sign;
    if (hasBefore) c[F.retained] += sign;
    if (hasAfter) counters(periods, g, after)[F.retained] += sign;
  } else if (here === (sign > 0 ? 1 : 2)) c[F.repeat] += sign;
}

/**
 * Adds the rows after the watermarks, at most `limit` of them: members first (a sale's member
 * must have a row before the sale is counted), then sales, then ledger entries. At a row it
 * cannot add to what it holds it stops and answers `needsBuild`; its caller marks the summaries
 * untrusted (the watermarks it moved mean nothing then).
 */
function addNewRows(db: DB, marks: Marks, limit: number, tz: string): CatchUp {
  const q = summaryQueries(db);
  const dayOf = daysIn(tz);
  const periods = new Map<number, number[]>();
  const breakdown = new Map<string, number[]>();
  // Members this batch changed: by number, or (new ones, numbered when added at the end) by id.
  const touched = new Map<string, MemberSummary & { no: number | null }>();
  const load = (id: string) => {
    let m = touched.get(id);
    if (!m) {
      const row = q.memberRow(id);
      if (!row) return null;
      m = { ...unpackMember(row.data), no: row.member_no };
      touched.set(id, m);
    }
    return m;
  };
  const result: CatchUp = { needsBuild: false, members: 0, purchases: 0, ledger: 0, more: false };
  const distrust = (): CatchUp => ({ needsBuild: true, members: 0, purchases: 0, ledger: 0, more: false });

  let mark = marks.get('members')!;
  for (const m of q.newMembers(mark.last_rowid, limit)) {
    const day = dayOf(m.created_at);
    touched.set(m.id, { created: day, events: [], no: null });
    addMember(periods, day);
    mark = { source: 'members', last_rowid: m.rowid, last_id: m.id };
    result.members++;
  }
  q.setMark(mark);
  let left = limit - result.members;

  mark = marks.get('purchases')!;
  const purchases = left > 0 ? q.newPurchases(mark.last_rowid, left) : [];
  for (const p of purchases) {
    const m = load(p.member_id);
    // A sale for a merged duplicate left without a row (only a merged branch file brings one).
    if (m === null) return distrust();
    const day = purchaseDay(p, dayOf);
    if (p.kind !== 'refund') {
      const sign = p.kind === 'sale' ? 1 : -1;
      const at = sign > 0 ? m.events.length : voidedSaleAt(m.events, day, p.paid_fen);
      // A void whose sale this member's summary does not hold: trust nothing, build them again.
      if (at < 0) return distrust();
      for (let g = 0; g < GRAINS.length; g++) countSaleActivity(periods, g, periodOf(g, day), m.events, sign);
    }
    countPurchase(periods, breakdown, day, p);
    addEvent(m.events, day, p, dayOf);
    mark = { source: 'purchases', last_rowid: p.rowid, last_id: p.id };
  }
  result.purchases = purchases.length;
  q.setMark(mark);
  left -= purchases.length;

  mark = marks.get('points_ledger')!;
  const ledger = left > 0 ? q.newLedger(mark.last_rowid, left) : [];
  for (const e of ledger) {
    addPoints(periods, dayOf(e.created_at), e);
    mark = { source: 'points_ledger', last_rowid: e.rowid, last_id: e.id };
  }
  result.ledger = ledger.length;
  q.setMark(mark);
  left -= ledger.length;

  for (const [id, m] of touched) {
    if (m.no === null) q.addMember(id, packMember(m));
    else q.setMember(m.no, packMember(m));
  }
  writePeriods(db, periods);
  writeBreakdown(db, breakdown);
  result.more = left === 0;
  return result;
}

/** The newest row of each source: where a build from nothing reads up to (rows added since, it catches up on). */
export type SourceRows = Record<(typeof SOURCES)[number], { rowid: number; id: string | null }>;

/**
 * The build job's first slice (and its first again when it must start over): from now on the job
 * owns the summaries, and the zone mark says so (`building:`), so no report reads them and the
 * idle catch-up leaves them alone. Summaries it cannot trust are built from nothing, a new
 * generation (the reports' caches key on the marks), up to the rows there are now (`upTo`;
 * summary-build.ts empties the members' rows first); summaries it can trust but far behind are
 * caught up from their watermarks (`upTo` null). Answers which, and how many rows there are to read.
 */
export function startSummaryBuild(db: DB, tz = timeZone(db)): { upTo: SourceRows | null; rows: number } {
  const q = summaryQueries(db);
  const marks = marksOf(db);
  const generation = marks.get(TZ_MARK)?.last_rowid ?? 0;
  if (trusted(db, marks, tz)) {
    q.setMark({ source: TZ_MARK, last_rowid: generation, last_id: BUILDING + tz });
    return { upTo: null, rows: rowsAfter(db, marks) };
  }
  q.clearTotals(); // the members' rows are the build's first pass: too many for one slice
  q.setMark({ source: TZ_MARK, last_rowid: generation + 1, last_id: BUILDING + tz });
  const upTo = Object.fromEntries(
    SOURCES.map((source) => {
      const newest = q.maxRow(source);
      return [source, { rowid: newest.rowid ?? 0, id: newest.id }];
    }),
  ) as SourceRows;
  return { upTo, rows: SOURCES.reduce((n, source) => n + upTo[source].rowid, 0) };
}

/** The build from nothing has counted every row up to `upTo`: catching up goes on from there. Answers the rows added since. */
export function builtUpTo(db: DB, upTo: SourceRows): number {
  const q = summaryQueries(db);
  for (const source of SOURCES) q.setMark({ source, last_rowid: upTo[source].rowid, last_id: upTo[source].id });
  return rowsAfter(db, marksOf(db));
}

/** The build still owns the summaries as it left them: no merge invalidated them and the zone is the same. */
export function summaryBuildHolds(db: DB, tz = timeZone(db)): boolean {
  return marksOf(db).get(TZ_MARK)?.last_id === BUILDING + tz;
}

/**
 * One slice of the build's catching up: at most `limit` rows added from the watermarks. The slice
 * that finds no more left makes the summaries current, in the same transaction. A row catching up
 * cannot add (a merged file's sale for a duplicate merged without sales, or a void before its
 * sale) makes the build start over, from nothing: its passes count it as computeSummary does.
 */
export function catchUpBuild(db: DB, limit: number, tz = timeZone(db)): CatchUp {
  const done = addNewRows(db, marksOf(db), limit, tz);
  if (done.needsBuild) invalidateSummary(db);
  else if (!done.more) {
    const generation = marksOf(db).get(TZ_MARK)?.last_rowid ?? 0;
    summaryQueries(db).setMark({ source: TZ_MARK, last_rowid: generation, last_id: tz });
  }
  return done;
}

/** True when no row was added since the last catch-up (and the zone is the same): four tiny reads, no lock. */
export function summaryIsCurrent(db: DB, tz = timeZone(db)): boolean {
  const q = summaryQueries(db);
  const marks = marksOf(db);
  if (marks.get(TZ_MARK)?.last_id !== tz) return false;
  return SOURCES.every((source) => {
    const [mark, newest] = [marks.get(source), q.maxRow(source)];
    return mark !== undefined && mark.last_rowid === (newest.rowid ?? 0) && mark.last_id === newest.id;
  });
}
