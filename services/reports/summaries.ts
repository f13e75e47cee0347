import type { DB } from '../../db/connection';
import { memberQueries } from '../../db/queries/members/members';
import { BREAKDOWN_FIELDS, PERIOD_FIELDS, summaryQueries, type NewLedgerEntry, type NewPurchase } from '../../db/queries/reports/summaries';
import { dayCounter, GRAINS, periodKey, periodOf, stepPeriod } from './days';
import { refreshDerived } from '../core/audit';
import { timeZone } from '../core/branch';
import { isSale, packMember, refundCode, unpackMember, voidedSaleAt, type MemberSummary } from './member-events';

// The report summaries (migration 0009, docs/reports.md "How the figures are kept"), kept two
// ways that a test proves equal:
// - catchUp: reads only the rows added since the watermarks and adds their effect (a sale that
//   is a member's first of a month makes them active that month, and retained if they were
//   active the month before, and retained next month if they are active then);
// - rebuild: computes every row from all the data directly (each member's set of active
//   periods), used the first time, when the time zone changes, or when a watermark's row is gone.
// Sales are only ever added (a refund is a row of its own, and so is a void, which takes its sale
// out again as if it never happened), which is what makes catching up exact.
// The one exception is a member merge, which moves a duplicate's sales to the member who stays:
// it calls invalidateSummary, and the next catch-up rebuilds.

const SOURCES = ['members', 'purchases', 'points_ledger'] as const;
type Source = (typeof SOURCES)[number];
const TZ_MARK = 'timezone';
const F = Object.fromEntries(PERIOD_FIELDS.map((f, i) => [f, i])) as Record<(typeof PERIOD_FIELDS)[number], number>;
const BREAKDOWN_GRAINS = [2, 3, 4]; // month, quarter, year
const GRAIN_SPAN = 10_000_000; // period numbers are below this in every grain

export interface Summary {
  members: Map<string, MemberSummary>;
  /** grain × GRAIN_SPAN + period → the PERIOD_FIELDS counters */
  periods: Map<number, number[]>;
  /** `grain|period|dim|key` → the BREAKDOWN_FIELDS counters */
  breakdown: Map<string, number[]>;
}

function counters(map: Map<number, number[]>, grain: number, period: number): number[] {
  const key = grain * GRAIN_SPAN + period;
  let c = map.get(key);
  if (!c) map.set(key, (c = new Array<number>(PERIOD_FIELDS.length).fill(0)));
  return c;
}

/**
 * By category, by the staff who recorded it, by the member's tier when they bought ('' for none:
 * not recorded before version 9). A void takes its sale out where the sale was counted.
 */
function addBreakdown(map: Map<string, number[]>, day: number, p: NewPurchase) {
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

function addPoints(map: Map<number, number[]>, day: number, e: NewLedgerEntry) {
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
    if (e.points > 0 && e.kind !== 'merge') c[F.pts_issued] += e.points;
    if (e.kind === 'redeem') c[F.pts_redeemed] -= e.points;
    if (e.kind === 'expire') c[F.pts_expired] -= e.points;
    if (e.kind === 'reverse' && e.points < 0) c[F.pts_reversed] -= e.points;
  }
}

function addMember(map: Map<number, number[]>, day: number) {
  for (let g = 0; g < GRAINS.length; g++) counters(map, g, periodOf(g, day))[F.new_members]++;
}

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
    const day = dayOf(m.created_at);
    s.members.set(m.id, { created: day, events: [] });
    addMember(s.periods, day);
    marks.members = { rowid: m.rowid, id: m.id };
  }
  for (const p of q.allPurchases()) {
    const m = s.members.get(p.member_id)!;
    const day = p.kind === 'void' ? dayOf(p.original_at!) : dayOf(p.occurred_at);
    if (p.kind === 'refund') {
      m.events.push(refundCode(day, dayOf(p.original_at!)), p.paid_fen);
      for (let g = 0; g < GRAINS.length; g++) counters(s.periods, g, periodOf(g, day))[F.refunds_fen] += p.paid_fen;
    } else {
      const sign = p.kind === 'sale' ? 1 : -1;
      if (sign > 0) m.events.push(day, p.paid_fen);
      else {
        const at = voidedSaleAt(m.events, day, p.paid_fen);
        if (at >= 0) m.events.splice(at, 2);
      }
      for (let g = 0; g < GRAINS.length; g++) {
        const c = counters(s.periods, g, periodOf(g, day));
        c[F.orders] += sign;
        c[F.sales_fen] += sign * p.paid_fen;
      }
    }
    addBreakdown(s.breakdown, day, p);
    marks.purchases = { rowid: p.rowid, id: p.id };
  }
  // Distinct members: each member's set of active periods, per grain.
  const seen = new Map<number, number>();
  for (const m of s.members.values()) {
    if (m.events.length === 0) continue;
    for (let g = 0; g < GRAINS.length; g++) {
      seen.clear();
      for (let i = 0; i < m.events.length; i += 2) {
        if (!isSale(m.events[i])) continue;
        const p = periodOf(g, m.events[i]);
        seen.set(p, (seen.get(p) ?? 0) + 1);
      }
      for (const [p, n] of seen) {
        const c = counters(s.periods, g, p);
        c[F.active]++;
        if (n >= 2) c[F.repeat]++;
        if (seen.has(stepPeriod(g, p, -1))) c[F.retained]++;
      }
    }
  }
  // A merged duplicate whose sales all moved is no customer of its own (it would show as a
  // prospect, and its registration as a new member): it has no summary row.
  for (const id of memberQueries(db).mergedIds()) {
    const m = s.members.get(id);
    if (!m || m.events.length > 0) continue;
    s.members.delete(id);
    for (let g = 0; g < GRAINS.length; g++) counters(s.periods, g, periodOf(g, m.created))[F.new_members]--;
  }
  for (const e of q.allLedger()) {
    addPoints(s.periods, dayOf(e.created_at), e);
    marks.points_ledger = { rowid: e.rowid, id: e.id };
  }
  return { ...s, marks };
}

function writePeriods(db: DB, periods: Map<number, number[]>) {
  const q = summaryQueries(db);
  for (const [key, values] of periods) {
    const grain = Math.floor(key / GRAIN_SPAN);
    q.addPeriod(GRAINS[grain], periodKey(grain, key % GRAIN_SPAN), values);
  }
}

function writeBreakdown(db: DB, breakdown: Map<string, number[]>) {
  const q = summaryQueries(db);
  for (const [key, values] of breakdown) {
    const [g, period, dim, k] = key.split('|');
    q.addBreakdown(GRAINS[Number(g)], periodKey(Number(g), Number(period)), dim, k, values);
  }
}

/** Replaces every summary row with a fresh computation. Call inside a transaction. */
export function rebuildSummary(db: DB, tz = timeZone(db)): void {
  const q = summaryQueries(db);
  const s = computeSummary(db, tz);
  // Each rebuild is a new generation, so the summaries' stamp (which report caches key on)
  // changes even when no row was added since the last build, as after a merge.
  const generation = (q.marks().find((m) => m.source === TZ_MARK)?.last_rowid ?? 0) + 1;
  q.clearAll();
  for (const [id, m] of s.members) q.addMember(id, packMember(m)); // in registration order: members 1, 2, 3…
  writePeriods(db, s.periods);
  writeBreakdown(db, s.breakdown);
  for (const source of SOURCES) q.setMark({ source, last_rowid: s.marks[source].rowid, last_id: s.marks[source].id });
  q.setMark({ source: TZ_MARK, last_rowid: generation, last_id: tz });
}

/**
 * Makes the next catch-up rebuild everything: for a change that is not an added row (a merge
 * moves sales to another member). Cheap here, in the caller's transaction; the rebuild happens
 * between customers or before the next report.
 */
export function invalidateSummary(db: DB): void {
  const q = summaryQueries(db);
  const generation = q.marks().find((m) => m.source === TZ_MARK)?.last_rowid ?? 0;
  q.setMark({ source: TZ_MARK, last_rowid: generation, last_id: null });
}

export interface CatchUp {
  rebuilt: boolean;
  members: number;
  purchases: number;
  ledger: number;
  /** rows are left for the next call (a limit was given) */
  more: boolean;
}

/**
 * Brings the summaries up to date with the rows added since the last call, at most `limit`
 * purchases and ledger entries at a time (the idle catch-up); rebuilds when it cannot trust its
 * watermarks. Call inside a write transaction.
 */
export function catchUpSummary(db: DB, limit = Number.MAX_SAFE_INTEGER, tz = timeZone(db)): CatchUp {
  const q = summaryQueries(db);
  const marks = new Map(q.marks().map((m) => [m.source, m]));
  const trusted =
    marks.get(TZ_MARK)?.last_id === tz &&
    SOURCES.every((source) => {
      const m = marks.get(source);
      if (!m) return false;
      return m.last_rowid === 0 || q.idAt(source, m.last_rowid) === m.last_id;
    });
  if (!trusted) {
    rebuildSummary(db, tz);
    return { rebuilt: true, members: 0, purchases: 0, ledger: 0, more: false };
  }
  const dayOf = dayCounter(tz);
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
  const result: CatchUp = { rebuilt: false, members: 0, purchases: 0, ledger: 0, more: false };

  let mark = marks.get('members')!;
  for (const m of q.newMembers(mark.last_rowid)) {
    const day = dayOf(m.created_at);
    touched.set(m.id, { created: day, events: [], no: null });
    addMember(periods, day);
    mark = { source: 'members', last_rowid: m.rowid, last_id: m.id };
    result.members++;
  }
  q.setMark(mark);

  mark = marks.get('purchases')!;
  const purchases = q.newPurchases(mark.last_rowid, limit);
  for (const p of purchases) {
    const m = load(p.member_id);
    if (m === null) {
      // A sale for a merged duplicate left without a row (only a merged branch file brings one): start over.
      rebuildSummary(db, tz);
      return { rebuilt: true, members: 0, purchases: 0, ledger: 0, more: false };
    }
    // A void undoes its sale on the sale's day.
    const day = p.kind === 'void' ? dayOf(p.original_at!) : dayOf(p.occurred_at);
    if (p.kind === 'refund') {
      for (let g = 0; g < GRAINS.length; g++) counters(periods, g, periodOf(g, day))[F.refunds_fen] += p.paid_fen;
      m.events.push(refundCode(day, dayOf(p.original_at!)), p.paid_fen);
    } else {
      const sign = p.kind === 'sale' ? 1 : -1;
      const at = sign > 0 ? m.events.length : voidedSaleAt(m.events, day, p.paid_fen);
      if (at < 0) {
        // A void whose sale this member's summary does not hold: trust nothing, start over.
        rebuildSummary(db, tz);
        return { rebuilt: true, members: 0, purchases: 0, ledger: 0, more: false };
      }
      for (let g = 0; g < GRAINS.length; g++) {
        const period = periodOf(g, day);
        const [before, after] = [stepPeriod(g, period, -1), stepPeriod(g, period, 1)];
        let [here, hasBefore, hasAfter] = [0, false, false];
        for (let i = 0; i < m.events.length; i += 2) {
          if (!isSale(m.events[i])) continue;
          const other = periodOf(g, m.events[i]);
          if (other === period) here++;
          else if (other === before) hasBefore = true;
          else if (other === after) hasAfter = true;
        }
        const c = counters(periods, g, period);
        c[F.orders] += sign;
        c[F.sales_fen] += sign * p.paid_fen;
        // A member's first sale in the period makes them active here, retained from the period
        // before, and retained in the period after if they bought then (a sale recorded late);
        // the second makes them a repeat buyer. A void undoes the same, its sale counted in `here`.
        const first = sign > 0 ? here === 0 : here === 1;
        if (first) {
          c[F.active] += sign;
          if (hasBefore) c[F.retained] += sign;
          if (hasAfter) counters(periods, g, after)[F.retained] += sign;
        } else if (here === (sign > 0 ? 1 : 2)) c[F.repeat] += sign;
      }
      if (sign > 0) m.events.push(day, p.paid_fen);
      else m.events.splice(at, 2);
    }
    addBreakdown(breakdown, day, p);
    mark = { source: 'purchases', last_rowid: p.rowid, last_id: p.id };
  }
  result.purchases = purchases.length;
  q.setMark(mark);

  mark = marks.get('points_ledger')!;
  const ledger = q.newLedger(mark.last_rowid, limit);
  for (const e of ledger) {
    addPoints(periods, dayOf(e.created_at), e);
    mark = { source: 'points_ledger', last_rowid: e.rowid, last_id: e.id };
  }
  result.ledger = ledger.length;
  q.setMark(mark);

  for (const [id, m] of touched) {
    if (m.no === null) q.addMember(id, packMember(m));
    else q.setMember(m.no, packMember(m));
  }
  writePeriods(db, periods);
  writeBreakdown(db, breakdown);
  result.more = purchases.length === limit || ledger.length === limit;
  return result;
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

/** True when no row was added since the last catch-up (and the zone is the same): four tiny reads, no lock. */
export function summaryIsCurrent(db: DB, tz = timeZone(db)): boolean {
  const q = summaryQueries(db);
  const marks = new Map(q.marks().map((m) => [m.source, m]));
  if (marks.get(TZ_MARK)?.last_id !== tz) return false;
  return SOURCES.every((source) => {
    const [mark, newest] = [marks.get(source), q.maxRow(source)];
    return mark !== undefined && mark.last_rowid === (newest.rowid ?? 0) && mark.last_id === newest.id;
  });
}

/**
 * Catches the summaries up with every row there is, in a write transaction of its own, unless
 * nothing changed since the last time; the reports call this first.
 */
export function summaryUpToDate(db: DB): CatchUp | null {
  const tz = timeZone(db);
  if (summaryIsCurrent(db, tz)) return null;
  return refreshDerived(db, () => db.transaction(() => catchUpSummary(db, Number.MAX_SAFE_INTEGER, tz)).immediate());
}
