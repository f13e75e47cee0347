import type { DB } from '../../db/connection';
import { memberQueries } from '../../db/queries/members/members';
import { BREAKDOWN_FIELDS, PERIOD_FIELDS, summaryQueries, type NewLedgerEntry, type NewPurchase } from '../../db/queries/reports/summaries';
import { dayCounter, GRAINS, periodKey, periodOf, stepPeriod } from './days';
import { timeZone } from '../core/branch';
import { isSale, refundCode, unpackMember, voidedSaleAt, type MemberSummary } from './member-events';

// What the report summaries hold (docs/reports.md "How the figures are kept"), computed from all
// the rows at once (computeSummary: the one definition the kept summaries must always equal) and
// read back as stored, with the counting every way of keeping them shares: summaries.ts catches
// them up on new rows, the build job (summary-build.ts) fills them from nothing in passes.

/** The tables the summaries are kept from, each read in rowid order up to its watermark. */
export const SOURCES = ['members', 'purchases', 'points_ledger'] as const;
type Source = (typeof SOURCES)[number];
export const F = Object.fromEntries(PERIOD_FIELDS.map((f, i) => [f, i])) as Record<(typeof PERIOD_FIELDS)[number], number>;
const BREAKDOWN_GRAINS = [2, 3, 4]; // month, quarter, year
const GRAIN_SPAN = 10_000_000; // period numbers are below this in every grain

export interface Summary {
  members: Map<string, MemberSummary>;
  /** grain × GRAIN_SPAN + period → the PERIOD_FIELDS counters */
  periods: Map<number, number[]>;
  /** `grain|period|dim|key` → the BREAKDOWN_FIELDS counters */
  breakdown: Map<string, number[]>;
}

export function counters(map: Map<number, number[]>, grain: number, period: number): number[] {
  const key = grain * GRAIN_SPAN + period;
  let c = map.get(key);
  if (!c) map.set(key, (c = new Array<number>(PERIOD_FIELDS.length).fill(0)));
  return c;
}

/**
 * By category, by the staff who recorded it, by the member's tier when they bought ('' for none:
 * not recorded before version 9). A void takes its sale out where the sale was counted.
 */
export function addBreakdown(map: Map<string, number[]>, day: number, p: NewPurchase) {
  const staff = p.kind === 'void' ? p.original_by : p.created_by;
  const sign = p.kind === 'void' ? -1 : 1;
  for (const g of BREAKDOWN_GRAINS) {
    const period = periodOf(g, day);
    for (const [dim, key] of [
      ['category', p.category ?? ''],
      ['staff', staff ?? ''],
      ['tier', p.tier_id ?? ''],
    ] as const) {
      const k = `${g}|${period}|${dim}|${key}`;
      let c = map.get(k);
      if (!c) map.set(k, (c = [0, 0, 0]));
      if (p.kind === 'refund') c[2] += p.paid_fen;
      else {
        c[0] += sign;
        c[1] += sign * p.paid_fen;
      }
    }
  }
}

export function addPoints(map: Map<number, number[]>, day: number, e: NewLedgerEntry) {
  for (let g = 0; g < GRAINS.length; g++) {
    const c = counters(map, g, periodOf(g, day));
    c[F.pts_net] += e.points;
    // A voided sale never happened: the void's take-back cancels what it earned and its give-back
    // what it redeemed, in the same periods (a void is on its sale's own local day).
    if (e.of_void) {
      if (e.points < 0) c[F.pts_issued] += e.points;
      else c[F.pts_redeemed] -= e.points;
      continue;
    }
    // A merge moves points from one member to another: nothing is issued (its two entries net 0).
    // An import's opening balance was issued by the store's old system, before BranchDesk.
    if (e.points > 0 && e.kind !== 'merge' && !e.opening) c[F.pts_issued] += e.points;
    if (e.kind === 'redeem') c[F.pts_redeemed] -= e.points;
    if (e.kind === 'expire') c[F.pts_expired] -= e.points;
    if (e.kind === 'reverse' && e.points < 0) c[F.pts_reversed] -= e.points;
  }
}

export function addMember(map: Map<number, number[]>, day: number) {
  for (let g = 0; g < GRAINS.length; g++) counters(map, g, periodOf(g, day))[F.new_members]++;
}

type DayOf = (instant: string) => number;

// One day counter per zone for as long as the app runs: it learns each quarter hour's offset once,
// where slices of the summaries' upkeep would each learn again the thousands their sales fall in.
const dayCounters = new Map<string, DayOf>();
export function daysIn(tz: string): DayOf {
  let dayOf = dayCounters.get(tz);
  if (!dayOf) dayCounters.set(tz, (dayOf = dayCounter(tz)));
  return dayOf;
}

/** What a purchase's member events need of it. */
export type PurchaseEvent = Pick<NewPurchase, 'kind' | 'occurred_at' | 'paid_fen' | 'original_at'>;

/** The local day a purchase counts on: its own; a void's is its sale's (it undoes the sale where the sale was counted). */
export function purchaseDay(p: PurchaseEvent, dayOf: DayOf): number {
  return p.kind === 'void' ? dayOf(p.original_at!) : dayOf(p.occurred_at);
}

/**
 * A purchase's sums in every grain and in the breakdown: a sale adds an order and what was paid,
 * a void takes them out again (even one whose sale its member's events do not hold), a refund
 * adds what was paid back.
 */
export function countPurchase(periods: Map<number, number[]>, breakdown: Map<string, number[]>, day: number, p: NewPurchase) {
  const sign = p.kind === 'void' ? -1 : 1;
  for (let g = 0; g < GRAINS.length; g++) {
    const c = counters(periods, g, periodOf(g, day));
    if (p.kind === 'refund') c[F.refunds_fen] += p.paid_fen;
    else {
      c[F.orders] += sign;
      c[F.sales_fen] += sign * p.paid_fen;
    }
  }
  addBreakdown(breakdown, day, p);
}

/**
 * A purchase among its member's events, taken in row order: a sale's pair and a refund's are
 * added; a void takes its sale's pair out, if the events hold it by then (a merged file may bring
 * a void before its sale).
 */
export function addEvent(events: number[], day: number, p: PurchaseEvent, dayOf: DayOf) {
  if (p.kind === 'refund') events.push(refundCode(day, dayOf(p.original_at!)), p.paid_fen);
  else if (p.kind === 'sale') events.push(day, p.paid_fen);
  else {
    const at = voidedSaleAt(events, day, p.paid_fen);
    if (at >= 0) events.splice(at, 2);
  }
}

const seen = new Map<number, number>();

/**
 * A member's distinct counts, from their events: in every period of every grain they bought in,
 * active; with two sales or more there, a repeat buyer; having bought in the period before too,
 * retained.
 */
export function countActivity(periods: Map<number, number[]>, events: number[]) {
  if (events.length === 0) return;
  for (let g = 0; g < GRAINS.length; g++) {
    seen.clear();
    for (let i = 0; i < events.length; i += 2) {
      if (!isSale(events[i])) continue;
      const p = periodOf(g, events[i]);
      seen.set(p, (seen.get(p) ?? 0) + 1);
    }
    for (const [p, n] of seen) {
      const c = counters(periods, g, p);
      c[F.active]++;
      if (n >= 2) c[F.repeat]++;
      if (seen.has(stepPeriod(g, p, -1))) c[F.retained]++;
    }
  }
}

/**
 * A merged duplicate whose sales all moved is no customer of its own (it would show as a
 * prospect, and its registration as a new member): it has no summary row.
 */
export const hasSummaryRow = (merged: boolean, m: MemberSummary) => !merged || m.events.length > 0;

/** Everything, from all the rows, computed directly: what catching up must always agree with. */
export function computeSummary(db: DB, tz = timeZone(db)): Summary & { marks: Record<Source, { rowid: number; id: string | null }> } {
  const q = summaryQueries(db);
  const dayOf = dayCounter(tz);
  const s: Summary = { members: new Map(), periods: new Map(), breakdown: new Map() };
  const marks = { members: { rowid: 0, id: null }, purchases: { rowid: 0, id: null }, points_ledger: { rowid: 0, id: null } } as Record<
    Source,
    { rowid: number; id: string | null }
  >;
  for (const m of q.allMembers()) {
    s.members.set(m.id, { created: dayOf(m.created_at), events: [] });
    marks.members = { rowid: m.rowid, id: m.id };
  }
  for (const p of q.allPurchases()) {
    const day = purchaseDay(p, dayOf);
    countPurchase(s.periods, s.breakdown, day, p);
    addEvent(s.members.get(p.member_id)!.events, day, p, dayOf);
    marks.purchases = { rowid: p.rowid, id: p.id };
  }
  const merged = new Set(memberQueries(db).mergedIds());
  for (const [id, m] of s.members) {
    if (!hasSummaryRow(merged.has(id), m)) s.members.delete(id);
    else {
      addMember(s.periods, m.created);
      countActivity(s.periods, m.events);
    }
  }
  for (const e of q.allLedger()) {
    addPoints(s.periods, dayOf(e.created_at), e);
    marks.points_ledger = { rowid: e.rowid, id: e.id };
  }
  return { ...s, marks };
}

export function writePeriods(db: DB, periods: Map<number, number[]>) {
  const q = summaryQueries(db);
  for (const [key, values] of periods) {
    const grain = Math.floor(key / GRAIN_SPAN);
    q.addPeriod(GRAINS[grain], periodKey(grain, key % GRAIN_SPAN), values);
  }
}

export function writeBreakdown(db: DB, breakdown: Map<string, number[]>) {
  const q = summaryQueries(db);
  for (const [key, values] of breakdown) {
    const [g, period, dim, k] = key.split('|');
    q.addBreakdown(GRAINS[Number(g)], periodKey(Number(g), Number(period)), dim, k, values);
  }
}

/** The summaries as stored, in the shape computeSummary gives (for the equality test and tools). */
export function storedSummary(db: DB): Summary {
  const q = summaryQueries(db);
  const members = new Map(q.storedMembers().map((r) => [r.member_id, unpackMember(r.data)]));
  const grainOf = new Map(GRAINS.map((g, i) => [g, i]));
  const periods = new Map<number, number[]>();
  for (const r of q.storedPeriods()) {
    const g = grainOf.get(r.grain as (typeof GRAINS)[number])!;
    const values = PERIOD_FIELDS.map((f) => r[f]);
    if (values.every((v) => v === 0)) continue;
    periods.set(g * GRAIN_SPAN + parsePeriodKey(g, r.period), values);
  }
  const breakdown = new Map<string, number[]>();
  for (const r of q.storedBreakdown()) {
    const g = grainOf.get(r.grain as (typeof GRAINS)[number])!;
    breakdown.set(
      `${g}|${parsePeriodKey(g, r.period)}|${r.dim}|${r.key}`,
      BREAKDOWN_FIELDS.map((f) => r[f]),
    );
  }
  return { members, periods, breakdown };
}

/** The inverse of periodKey. */
export function parsePeriodKey(grain: number, key: string): number {
  if (grain <= 1) return Date.parse(`${key}T00:00:00Z`) / 86_400_000;
  const year = Number(key.slice(0, 4));
  if (grain === 2) return year * 12 + Number(key.slice(5, 7)) - 1;
  if (grain === 3) return year * 4 + Number(key.slice(6)) - 1;
  return year;
}
