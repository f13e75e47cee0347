import { subMonths } from 'date-fns';
import type { LifecycleStage, RfmScores, RfmSegment, RfmSummary, SegmentMember } from '../shared/contract/reports';
import { LIFECYCLE_STAGES, RFM_SEGMENTS } from '../shared/contract/reports';
import { AppError } from '../shared/errors';
import { addDaysTo, daysBetween, startOfLocalDate } from '../shared/local-date';
import { localDay } from '../shared/points';
import type { DB } from '../db/connection';
import { memberQueries } from '../db/queries/members';
import { reportQueries } from '../db/queries/reports';
import type { Ctx } from './context';
import { timeZone } from './points';

// RFM, CLV and lifecycle stages, defined in docs/reports.md. One pass of SQL per report; the
// scoring is plain arithmetic over typed arrays so a million members stay well inside seconds.

export interface RfmWindow {
  asOf?: string;
  windowMonths: number;
  marginPct: number;
  expectedYears: number;
}

/** Every scored member of one RFM run, by index: ids[i] has recency[i], r[i], segment[i] (index into RFM_SEGMENTS)… */
export interface Scored {
  asOf: string;
  from: string;
  ids: string[];
  index: Map<string, number>;
  recency: Int32Array;
  frequency: Int32Array;
  monetary: Float64Array;
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  segment: Uint8Array;
  edges: { recencyDays: number[]; frequency: number[]; monetaryFen: number[] };
  means: { r: number; f: number; m: number };
  unscored: number;
}

/** The 20th, 40th, 60th and 80th percentiles, nearest rank: the value at ⌈k·n/5⌉ in sorted order. */
export function quintileEdges(sorted: ArrayLike<number>): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  return [1, 2, 3, 4].map((k) => sorted[Math.ceil((k * n) / 5) - 1]);
}

/** 1 + how many edges the value is above: ties always share a score, and they fall to the lower one. */
export function scoreAbove(value: number, edges: number[]): number {
  let s = 1;
  for (const e of edges) if (value > e) s++;
  return s;
}

/** Segments in the order of RFM_SEGMENTS, by R, F, M high (above the mean score) or not. */
export function segmentOf(rHigh: boolean, fHigh: boolean, mHigh: boolean): RfmSegment {
  const important = mHigh;
  const base = important ? 0 : 4;
  if (rHigh && fHigh) return RFM_SEGMENTS[base];
  if (rHigh) return RFM_SEGMENTS[base + 1];
  if (fHigh) return RFM_SEGMENTS[base + 2];
  return RFM_SEGMENTS[base + 3];
}

export function clvOf(monetaryFen: number, w: RfmWindow): number {
  return Math.round(monetaryFen * (12 / w.windowMonths) * (w.marginPct / 100) * w.expectedYears);
}

function today(db: DB, ctx: Ctx): string {
  return localDay(ctx.now, timeZone(db)).date;
}

const cache = new WeakMap<DB, Map<string, Scored>>();

/** Scores every member with a sale in the window (cached per database while the data is unchanged). */
export function scoreRfm(db: DB, ctx: Ctx, w: RfmWindow): Scored {
  const tz = timeZone(db);
  const asOf = w.asOf ?? today(db, ctx);
  // The window: the local dates after the same day `windowMonths` earlier, up to asOf.
  const from = addDaysTo(subMonths(new Date(`${asOf}T00:00:00Z`), w.windowMonths).toISOString().slice(0, 10), 1);
  const q = reportQueries(db);
  const key = `${asOf}|${w.windowMonths}|${tz}|${q.dataStamp()}`;
  const known = cache.get(db)?.get(key);
  if (known) return known;

  const range = { from: startOfLocalDate(from, tz), to: startOfLocalDate(addDaysTo(asOf, 1), tz) };
  const rows = q.rfm(range);
  const refunds = new Map(q.rfmRefunds(range).map((r) => [r.member_id, r.refunded]));
  // Local day starts of the window, to turn a last sale's instant into days before asOf.
  const days = daysBetween(from, asOf) + 1;
  const starts = Array.from({ length: days }, (_, i) => startOfLocalDate(addDaysTo(from, i), tz));
  const dayIndex = (instant: string) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= instant) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const n = rows.length;
  const s: Scored = {
    asOf,
    from,
    ids: new Array<string>(n),
    index: new Map(),
    recency: new Int32Array(n),
    frequency: new Int32Array(n),
    monetary: new Float64Array(n),
    r: new Uint8Array(n),
    f: new Uint8Array(n),
    m: new Uint8Array(n),
    segment: new Uint8Array(n),
    edges: { recencyDays: [], frequency: [], monetaryFen: [] },
    means: { r: 0, f: 0, m: 0 },
    unscored: 0,
  };
  rows.forEach((row, i) => {
    s.ids[i] = row.member_id;
    s.index.set(row.member_id, i);
    s.recency[i] = days - 1 - dayIndex(row.last_at);
    s.frequency[i] = row.orders;
    s.monetary[i] = row.paid_fen - (refunds.get(row.member_id) ?? 0);
  });
  const sorted = (a: Int32Array | Float64Array) => (a.slice() as Int32Array | Float64Array).sort();
  s.edges = { recencyDays: quintileEdges(sorted(s.recency)), frequency: quintileEdges(sorted(s.frequency)), monetaryFen: quintileEdges(sorted(s.monetary)) };
  let [sr, sf, sm] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    // Recency: fewer days is better, so the most recent fifth scores 5.
    s.r[i] = 6 - scoreAbove(s.recency[i], s.edges.recencyDays);
    s.f[i] = scoreAbove(s.frequency[i], s.edges.frequency);
    s.m[i] = scoreAbove(s.monetary[i], s.edges.monetaryFen);
    sr += s.r[i];
    sf += s.f[i];
    sm += s.m[i];
  }
  s.means = n > 0 ? { r: sr / n, f: sf / n, m: sm / n } : { r: 0, f: 0, m: 0 };
  for (let i = 0; i < n; i++) {
    s.segment[i] = RFM_SEGMENTS.indexOf(segmentOf(s.r[i] > s.means.r, s.f[i] > s.means.f, s.m[i] > s.means.m));
  }
  s.unscored = q.memberCount(range.to) - n;
  const byDb = cache.get(db) ?? new Map<string, Scored>();
  byDb.clear(); // one result per database: the newest asked for
  byDb.set(key, s);
  cache.set(db, byDb);
  return s;
}

function scoresAt(s: Scored, i: number): RfmScores {
  return {
    recencyDays: s.recency[i],
    frequency: s.frequency[i],
    monetaryFen: s.monetary[i],
    r: s.r[i],
    f: s.f[i],
    m: s.m[i],
    segment: RFM_SEGMENTS[s.segment[i]],
  };
}

export function rfmSummary(db: DB, ctx: Ctx, w: RfmWindow): RfmSummary {
  const s = scoreRfm(db, ctx, w);
  const n = s.ids.length;
  const acc = RFM_SEGMENTS.map(() => ({ members: 0, monetary: 0, recency: 0, frequency: 0 }));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = acc[s.segment[i]];
    a.members++;
    a.monetary += s.monetary[i];
    a.recency += s.recency[i];
    a.frequency += s.frequency[i];
    total += s.monetary[i];
  }
  return {
    asOf: s.asOf,
    from: s.from,
    windowMonths: w.windowMonths,
    scored: n,
    unscored: s.unscored,
    edges: s.edges,
    means: s.means,
    segments: RFM_SEGMENTS.map((segment, k) => {
      const a = acc[k];
      return {
        segment,
        members: a.members,
        monetaryFen: a.monetary,
        share: total > 0 ? a.monetary / total : 0,
        avgRecencyDays: a.members ? a.recency / a.members : null,
        avgFrequency: a.members ? a.frequency / a.members : null,
        clvFen: a.members ? clvOf(a.monetary / a.members, w) : null,
      };
    }),
    clv: { marginPct: w.marginPct, expectedYears: w.expectedYears },
  };
}

export function segmentMembers(db: DB, ctx: Ctx, input: RfmWindow & { segment: RfmSegment; limit: number; offset: number }): { total: number; items: SegmentMember[] } {
  const s = scoreRfm(db, ctx, input);
  const k = RFM_SEGMENTS.indexOf(input.segment);
  const members: number[] = [];
  for (let i = 0; i < s.ids.length; i++) if (s.segment[i] === k) members.push(i);
  members.sort((a, b) => s.monetary[b] - s.monetary[a] || (s.ids[a] < s.ids[b] ? -1 : 1));
  const page = members.slice(input.offset, input.offset + input.limit);
  const cards = new Map(reportQueries(db).memberCards(page.map((i) => s.ids[i])).map((c) => [c.id, c]));
  return {
    total: members.length,
    items: page.map((i) => {
      const c = cards.get(s.ids[i])!;
      return {
        memberId: c.id,
        name: c.name,
        cardNo: c.card_no,
        phone: c.phone,
        tierName: c.tier_name,
        marketingConsent: c.consent_marketing === 1,
        scores: scoresAt(s, i),
        clvFen: clvOf(s.monetary[i], input),
      };
    }),
  };
}

export function memberRfm(db: DB, ctx: Ctx, input: RfmWindow & { memberId: string }) {
  if (!memberQueries(db).byId(input.memberId)) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
  const s = scoreRfm(db, ctx, input);
  const i = s.index.get(input.memberId);
  return {
    asOf: s.asOf,
    from: s.from,
    scores: i === undefined ? null : scoresAt(s, i),
    edges: s.edges,
    means: s.means,
    clvFen: i === undefined ? null : clvOf(s.monetary[i], input),
  };
}

/**
 * A member's stage on a local date, from their sales up to it: none yet → prospect; first sale
 * in the last 90 days → new; none in the last 365 → lost; none in the last 180, or fewer than in
 * the 180 before → declining; more → growing; as many → mature.
 */
export function stageOf(m: { first: string | null; last: string | null; c1: number; c0: number }, d90: string, d365: string): LifecycleStage {
  if (m.first === null || m.last === null) return 'prospect';
  if (m.first >= d90) return 'new';
  if (m.last < d365) return 'lost';
  if (m.c1 === 0 || m.c1 < m.c0) return 'declining';
  return m.c1 > m.c0 ? 'growing' : 'mature';
}

export function lifecycleReport(db: DB, ctx: Ctx, input: { asOf?: string; compareDays: number }) {
  const tz = timeZone(db);
  const asOf = input.asOf ?? today(db, ctx);
  const previousAsOf = addDaysTo(asOf, -input.compareDays);
  // Day n back: the start of the local date n−1 days before, so "the last 90 days" includes asOf.
  const back = (date: string, n: number) => startOfLocalDate(addDaysTo(date, -(n - 1)), tz);
  const end = startOfLocalDate(addDaysTo(asOf, 1), tz);
  const pend = startOfLocalDate(addDaysTo(previousAsOf, 1), tz);
  const q = reportQueries(db);
  const rows = q.lifecycle({ end, d180: back(asOf, 180), d360: back(asOf, 360), pend, p180: back(previousAsOf, 180), p360: back(previousAsOf, 360) });
  const sales = new Map(rows.map((r) => [r.member_id, r]));
  const stages = new Map(LIFECYCLE_STAGES.map((s) => [s, { members: 0, previous: 0 }]));
  const moves = new Map<string, number>();
  const [d90, d365, p90, p365] = [back(asOf, 90), back(asOf, 365), back(previousAsOf, 90), back(previousAsOf, 365)];
  for (const m of q.memberCreated()) {
    if (m.created_at >= end) continue;
    const r = sales.get(m.id);
    const now = stageOf(r ? { first: r.first_at, last: r.last_at, c1: r.c1, c0: r.c0 } : { first: null, last: null, c1: 0, c0: 0 }, d90, d365);
    stages.get(now)!.members++;
    let before: LifecycleStage | 'unregistered' = 'unregistered';
    if (m.created_at < pend) {
      const first = r && r.p_last !== null ? r.first_at : null;
      before = stageOf({ first, last: r?.p_last ?? null, c1: r?.p_c1 ?? 0, c0: r?.p_c0 ?? 0 }, p90, p365);
      stages.get(before)!.previous++;
    }
    const k = `${before}>${now}`;
    moves.set(k, (moves.get(k) ?? 0) + 1);
  }
  return {
    asOf,
    previousAsOf,
    stages: LIFECYCLE_STAGES.map((stage) => ({ stage, ...stages.get(stage)! })),
    movement: [...moves.entries()].map(([k, members]) => {
      const [from, to] = k.split('>') as [LifecycleStage | 'unregistered', LifecycleStage];
      return { from, to, members };
    }),
  };
}
