import { v7 as uuidv7 } from 'uuid';
import { earnPoints, expiresAt, PointsRules } from '../../shared/points';
import { localDay } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { pointsQueries } from '../../db/queries/loyalty/points';
import { categoryQueries } from '../../db/queries/loyalty/categories';
import { demoQueries } from '../../db/queries/demo/demo';
import { tierQueries } from '../../db/queries/loyalty/tiers';
import { prng } from './members';
import { timeZone } from '../core/branch';

/** A demo store's category list (品类列表), when it has none yet. */
export const DEMO_CATEGORIES = ['服装', '鞋包', '美妆', '食品', '日用', '母婴', '数码', '家居'];
/** The share of members who joined within the span that joined at the till, buying. */
const JOINED_AT_A_SALE = 0.7;

export interface DemoPurchaseOptions {
  branchId: string;
  staffId: string;
  /** how many sales in all, spread over every member */
  count: number;
  now: string;
  /** how far back sales go */
  days?: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

/**
 * Sales with their earn entries and lots, written straight to the tables (the same rows the
 * service writes, without the per-sale checks), for demo data and the bench's ten million.
 * Rows go in in the order of their time, with ids made at that time, as a store's file grows
 * day by day: a month's lots lie together, as they would after years at the counter.
 * Each member's balance is set once at the end from what was inserted, so balance = ledger sum
 * holds. Lots are left open: expiring the old ones is the first maintenance run's job.
 * Nobody buys before they joined: a member's sales fall between their registration (or the
 * span's start) and now, and members who joined lately have had less time to buy.
 */
export function insertDemoPurchases(db: DB, o: DemoPurchaseOptions): number {
  const rand = prng(o.seed ?? 11);
  const points = pointsQueries(db);
  const demo = demoQueries(db);
  const rulesRow = points.rulesAt(o.now);
  const rules = PointsRules.parse(JSON.parse(rulesRow.rules_json));
  const tz = timeZone(db);
  const members = demo.buyers();
  if (members.length === 0 || o.count === 0) return 0;
  const categories = demoCategories(db, o.now);
  // Demo sales earn at ×1, the lowest tier's rate, and say so for the by-tier report.
  const lowestTier = tierQueries(db).active()[0]?.id ?? null;
  const nowMs = Date.parse(o.now);
  const spanMs = (o.days ?? 3 * 365) * 86400000;
  const { since, pick } = buyingMembers(members, nowMs - spanMs, nowMs, rand);
  if (!pick) return 0; // everyone joined just now

  // First every sale's member, time, amount and category (typed arrays: ten million fit).
  const times = new Float64Array(o.count);
  const who = new Int32Array(o.count);
  const amounts = new Int32Array(o.count);
  const category = new Uint8Array(o.count);
  let made = 0;
  const sale = (mi: number, t: number) => {
    times[made] = t;
    who[made] = mi;
    amounts[made] = 500 + Math.floor(rand() * rand() * 200000);
    category[made] = Math.floor(rand() * categories.length);
    made++;
  };
  // Most people join at the till, paying for their first purchase a few minutes later.
  for (let mi = 0; mi < members.length && made < o.count; mi++) {
    if (since[mi] > nowMs - spanMs && rand() < JOINED_AT_A_SALE) sale(mi, Math.min(nowMs, since[mi] + Math.floor(rand() * 1_800_000)));
  }
  while (made < o.count) {
    const mi = pick();
    sale(mi, since[mi] + Math.floor(rand() * (nowMs - since[mi])));
  }
  const order = new Uint32Array(made);
  for (let i = 0; i < made; i++) order[i] = i;
  order.sort((a, b) => times[a] - times[b] || a - b);

  const balances = new Int32Array(members.length);
  const expiryByDay = new Map<string, string | null>();
  const runSales = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const i = order[k];
      const member = members[who[i]];
      const t = times[i];
      const at = new Date(t).toISOString();
      const amount = amounts[i];
      const day = localDay(at, tz);
      const earned = earnPoints(rules, {
        paidFen: amount,
        tierMultiplierPct: 100,
        localDate: day.date,
        weekday: day.weekday,
        birthday: member.birthday,
      });
      const saleId = uuidv7({ msecs: t });
      demo.insertSale({
        id: saleId,
        branchId: o.branchId,
        memberId: member.id,
        amountFen: amount,
        category: categories[category[i]],
        rulesId: rulesRow.id,
        at,
        by: o.staffId,
        tierId: lowestTier,
      });
      if (earned.points > 0) {
        const entryId = uuidv7({ msecs: t });
        demo.insertEarnEntry({ id: entryId, branchId: o.branchId, memberId: member.id, points: earned.points, saleId, at, by: o.staffId });
        let expires = expiryByDay.get(day.date);
        if (expires === undefined) {
          expires = expiresAt(rules.expiry, at, tz);
          expiryByDay.set(day.date, expires);
        }
        demo.insertLot({ id: uuidv7({ msecs: t }), memberId: member.id, ledgerId: entryId, points: earned.points, at, expiresAt: expires });
        balances[who[i]] += earned.points;
      }
      if (o.onProgress && (k + 1) % 100000 === 0) o.onProgress(k + 1);
    }
  };
  const setBalances = (from: number, to: number) => {
    for (let mi = from; mi < to; mi++) if (balances[mi] > 0) points.bumpBalance(members[mi].id, balances[mi]);
  };
  // Large seeds commit every 200,000 rows so the WAL stays small; inside a caller's
  // transaction (setup's demo data) everything joins that one.
  const inChunks = (total: number, size: number, fn: (from: number, to: number) => void) => {
    for (let from = 0; from < total; from += size) {
      const to = Math.min(total, from + size);
      if (db.inTransaction) fn(from, to);
      else db.transaction(() => fn(from, to)).immediate();
    }
  };
  inChunks(made, 200000, runSales);
  inChunks(members.length, 200000, setBalances);
  return made;
}

/**
 * Demo sales are of the store's own categories, as the counter's would be: the list a manager
 * keeps, given the demo one first when there is none. (At most 256 are drawn from: the
 * categories of ten million sales are kept in bytes.)
 */
function demoCategories(db: DB, now: string): string[] {
  const q = categoryQueries(db);
  if (q.names().length === 0) DEMO_CATEGORIES.forEach((name, position) => q.insert({ name, position, created_at: now, created_by: null }));
  return q.names().slice(0, 256);
}

/**
 * Who makes each sale: a member is drawn with odds of a pace of their own (0 to 2, at random)
 * times how long they have been a member within the span (from joining, or from `spanStart` for
 * those who joined before it, to now). So nobody buys before registering, and someone who joined
 * last week has had a week to buy, not a year. `since[i]`: when member i's sales may begin.
 */
function buyingMembers(members: Array<{ created_at: string }>, spanStart: number, nowMs: number, rand: () => number) {
  const since = new Float64Array(members.length);
  const cumulative = new Float64Array(members.length);
  let total = 0;
  for (let mi = 0; mi < members.length; mi++) {
    since[mi] = Math.min(nowMs, Math.max(spanStart, Date.parse(members[mi].created_at)));
    total += ((nowMs - since[mi]) / 86400000) * 2 * rand(); // in days: the sum stays exact enough for millions
    cumulative[mi] = total;
  }
  /** The first member whose running total passes a random point below the total (binary search). */
  const pick = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = members.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return { since, pick: total > 0 ? pick : null };
}
