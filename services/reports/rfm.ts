import { subMonths } from 'date-fns';
import type { RfmScores, RfmSegment, RfmSummary, SegmentMember } from '../../shared/contract/reports';
import { RFM_SEGMENTS } from '../../shared/contract/reports';
import { AppError } from '../../shared/errors';
import { addDaysTo } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { memberQueries } from '../../db/queries/members/members';
import { reportQueries } from '../../db/queries/reports/reports';
import { summaryQueries } from '../../db/queries/reports/summaries';
import { isSale, refundDay, refundSaleDay } from './member-events';
import { summaryUpToDate } from './summary-job';
import { dayNumber } from './days';
import type { Ctx } from '../core/context';
import { storeToday, timeZone } from '../core/branch';

// RFM and CLV, defined in docs/reports.md (lifecycle stages: lifecycle.ts). One pass of SQL per report; the
// scoring is plain arithmetic over typed arrays so a million members stay well inside seconds.

export interface RfmWindow {
  asOf?: string;
  windowMonths: number;
  marginPct: number;
  expectedYears: number;
}

/**
 * Every scored member of one RFM run, by index: member number nos[i] (report_members, in
 * ascending order) has recency[i], r[i], segment[i] (an index into RFM_SEGMENTS)…; memberIdsOf
 * turns indices into member ids.
 */
export interface Scored {
  asOf: string;
  from: string;
  nos: Int32Array;
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

/** The value of rank k (0-based) in a[lo, hi) once sorted; reorders a (Hoare's selection, O(n) on average). */
function select(a: Int32Array | Float64Array, k: number, lo: number, hi: number): number {
  let [l, r] = [lo, hi - 1];
  while (l < r) {
    const pivot = a[(l + r) >> 1];
    let [i, j] = [l, r];
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const x = a[i];
        a[i++] = a[j];
        a[j--] = x;
      }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else break;
  }
  return a[k];
}

/** quintileEdges without sorting: the four ranks picked in turn from a copy, each from what is right of the last. */
export function quintileEdgesOf(values: Int32Array | Float64Array): number[] {
  const n = values.length;
  if (n === 0) return [];
  const a = values.slice();
  const edges: number[] = [];
  let lo = 0;
  for (const k of [1, 2, 3, 4]) {
    const rank = Math.ceil((k * n) / 5) - 1;
    edges.push(select(a, rank, lo, n));
    lo = rank;
  }
  return edges;
}

/** 1 + how many edges the value is above: ties always share a score, and they fall to the lower one. */
export function scoreAbove(value: number, edges: number[]): number {
  let s = 1;
  for (const e of edges) if (value > e) s++;
  return s;
}

/** scoreAbove for the four quintile edges (none when nobody is scored), unrolled: it runs three times per member. */
function scoreAbove4(value: number, e: Float64Array): number {
  return 1 + +(value > e[0]) + +(value > e[1]) + +(value > e[2]) + +(value > e[3]);
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

const cache = new WeakMap<DB, Map<string, Scored>>();

/** Scores every member with a sale in the window (cached per database while the data is unchanged). */
export function scoreRfm(db: DB, ctx: Ctx, w: RfmWindow): Scored {
  const tz = timeZone(db);
  const asOf = w.asOf ?? storeToday(db, ctx.now);
  // The window: the local dates after the same day `windowMonths` earlier, up to asOf.
  const from = addDaysTo(
    subMonths(new Date(`${asOf}T00:00:00Z`), w.windowMonths)
      .toISOString()
      .slice(0, 10),
    1,
  );
  summaryUpToDate(db, ctx);
  const sq = summaryQueries(db);
  const key = `${asOf}|${w.windowMonths}|${tz}|${sq.stamp()}`;
  const known = cache.get(db)?.get(key);
  if (known) return known;

  // One pass over every member's packed sales (report_members): a sale counts if its local day
  // is in the window, a refund if its sale's day is and it was made by the end of asOf.
  const [fromDay, asOfDay] = [dayNumber(from), dayNumber(asOf)];
  const capacity = sq.lastMemberNo();
  const nos = new Int32Array(capacity);
  const recency = new Int32Array(capacity);
  const frequency = new Int32Array(capacity);
  const monetary = new Float64Array(capacity);
  let [registered, n] = [0, 0];
  sq.eachMember((no, v, start, end) => {
    if (v[start] <= asOfDay) registered++;
    let [last, count, paid] = [-1, 0, 0];
    for (let o = start + 1; o < end; o += 2) {
      const code = v[o];
      if (isSale(code)) {
        if (code < fromDay || code > asOfDay) continue;
        count++;
        paid += v[o + 1];
        if (code > last) last = code;
      } else {
        const saleDay = refundSaleDay(code);
        if (saleDay >= fromDay && saleDay <= asOfDay && refundDay(code) <= asOfDay) paid -= v[o + 1];
      }
    }
    if (count === 0) return;
    nos[n] = no;
    recency[n] = asOfDay - last;
    frequency[n] = count;
    monetary[n++] = paid;
  });
  const s: Scored = {
    asOf,
    from,
    nos: nos.slice(0, n),
    recency: recency.slice(0, n),
    frequency: frequency.slice(0, n),
    monetary: monetary.slice(0, n),
    r: new Uint8Array(n),
    f: new Uint8Array(n),
    m: new Uint8Array(n),
    segment: new Uint8Array(n),
    edges: { recencyDays: [], frequency: [], monetaryFen: [] },
    means: { r: 0, f: 0, m: 0 },
    unscored: registered - n,
  };
  s.edges = { recencyDays: quintileEdgesOf(s.recency), frequency: quintileEdgesOf(s.frequency), monetaryFen: quintileEdgesOf(s.monetary) };
  // Edges as typed arrays; with nobody scored the loop below does not run.
  const [rEdges, fEdges, mEdges] = [s.edges.recencyDays, s.edges.frequency, s.edges.monetaryFen].map((e) => Float64Array.from(e));
  let [sr, sf, sm] = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    // Recency: fewer days is better, so the most recent fifth scores 5.
    s.r[i] = 6 - scoreAbove4(s.recency[i], rEdges);
    s.f[i] = scoreAbove4(s.frequency[i], fEdges);
    s.m[i] = scoreAbove4(s.monetary[i], mEdges);
    sr += s.r[i];
    sf += s.f[i];
    sm += s.m[i];
  }
  s.means = n > 0 ? { r: sr / n, f: sf / n, m: sm / n } : { r: 0, f: 0, m: 0 };
  for (let i = 0; i < n; i++) {
    s.segment[i] = RFM_SEGMENTS.indexOf(segmentOf(s.r[i] > s.means.r, s.f[i] > s.means.f, s.m[i] > s.means.m));
  }
  const byDb = cache.get(db) ?? new Map<string, Scored>();
  byDb.clear(); // one result per database: the newest asked for
  byDb.set(key, s);
  cache.set(db, byDb);
  return s;
}

/** The indices of a segment's members, highest monetary first (then in registration order). */
export function segmentIndices(s: Scored, segment: RfmSegment): number[] {
  const k = RFM_SEGMENTS.indexOf(segment);
  const members: number[] = [];
  for (let i = 0; i < s.nos.length; i++) if (s.segment[i] === k) members.push(i);
  return members.sort((a, b) => s.monetary[b] - s.monetary[a] || s.nos[a] - s.nos[b]);
}

/** The member ids of some of a run's indices, in their order. */
export function memberIdsOf(db: DB, s: Scored, indices: number[]): string[] {
  const byNo = summaryQueries(db).memberIds(indices.map((i) => s.nos[i]));
  return indices.map((i) => byNo.get(s.nos[i])!);
}

/** Where member number `no` is in a run (numbers are in ascending order), if scored. */
function indexOfNo(s: Scored, no: number): number | undefined {
  let [lo, hi] = [0, s.nos.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.nos[mid] === no) return mid;
    if (s.nos[mid] < no) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** One scored member's values, scores and segment. */
export function scoresAt(s: Scored, i: number): RfmScores {
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
  const n = s.nos.length;
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

export function segmentMembers(
  db: DB,
  ctx: Ctx,
  input: RfmWindow & { segment: RfmSegment; limit: number; offset: number },
): { total: number; items: SegmentMember[] } {
  const s = scoreRfm(db, ctx, input);
  const members = segmentIndices(s, input.segment);
  const page = members.slice(input.offset, input.offset + input.limit);
  const ids = memberIdsOf(db, s, page);
  const cards = new Map(
    reportQueries(db)
      .memberCards(ids)
      .map((c) => [c.id, c]),
  );
  return {
    total: members.length,
    items: page.map((i, k) => {
      const c = cards.get(ids[k])!;
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
  const no = summaryQueries(db).memberNo(input.memberId);
  const i = no === null ? undefined : indexOfNo(s, no);
  return {
    asOf: s.asOf,
    from: s.from,
    scores: i === undefined ? null : scoresAt(s, i),
    edges: s.edges,
    means: s.means,
    clvFen: i === undefined ? null : clvOf(s.monetary[i], input),
  };
}
