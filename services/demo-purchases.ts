import { v7 as uuidv7 } from 'uuid';
import { earnPoints, expiresAt, localDay, PointsRules } from '../shared/points';
import type { DB } from '../db/connection';
import { pointsQueries } from '../db/queries/points';
import { prng } from './demo';
import { timeZone } from './points';

const CATEGORIES = ['服装', '鞋包', '美妆', '食品', '日用', '母婴', '数码', '家居'];

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
 * Each member's balance is set once at the end from what was inserted, so balance = ledger sum
 * holds. Lots are left open: expiring the old ones is the first maintenance run's job.
 */
export function insertDemoPurchases(db: DB, o: DemoPurchaseOptions): number {
  const rand = prng(o.seed ?? 11);
  const rulesRow = pointsQueries(db).rulesAt(o.now);
  const rules = PointsRules.parse(JSON.parse(rulesRow.rules_json));
  const tz = timeZone(db);
  const members = db.prepare('SELECT id, birthday FROM members').all() as Array<{ id: string; birthday: string | null }>;
  if (members.length === 0 || o.count === 0) return 0;
  const insertSale = db.prepare(
    `INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, category, rules_id, occurred_at, created_at, created_by)
     VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEntry = db.prepare(
    `INSERT INTO points_ledger (id, branch_id, member_id, kind, points, purchase_id, created_at, created_by)
     VALUES (?, ?, ?, 'earn', ?, ?, ?, ?)`,
  );
  const insertLot = db.prepare(
    `INSERT INTO points_lots (id, member_id, ledger_id, points, remaining, earned_at, available_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setBalance = db.prepare('UPDATE members SET points_balance = points_balance + ? WHERE id = ?');
  const nowMs = Date.parse(o.now);
  const spanMs = (o.days ?? 3 * 365) * 86400000;
  const expiryByDay = new Map<string, string | null>();
  let done = 0;
  const runMembers = (from: number, to: number) => {
    for (let mi = from; mi < to && done < o.count; mi++) {
      const member = members[mi];
      // Spread the remaining sales evenly over the remaining members, with some scatter.
      const share = (o.count - done) / (members.length - mi);
      const n = Math.min(o.count - done, Math.floor(share * 2 * rand() + (mi === members.length - 1 ? o.count : 0)));
      let balance = 0;
      const times = Array.from({ length: n }, () => nowMs - Math.floor(rand() * spanMs)).sort((a, b) => a - b);
      for (const t of times) {
        const at = new Date(t).toISOString();
        const amount = 500 + Math.floor(rand() * rand() * 200000);
        const day = localDay(at, tz);
        const earned = earnPoints(rules, { paidFen: amount, tierMultiplierPct: 100, localDate: day.date, weekday: day.weekday, birthday: member.birthday });
        const saleId = uuidv7();
        insertSale.run(saleId, o.branchId, member.id, amount, amount, CATEGORIES[Math.floor(rand() * CATEGORIES.length)], rulesRow.id, at, at, o.staffId);
        if (earned.points > 0) {
          const entryId = uuidv7();
          insertEntry.run(entryId, o.branchId, member.id, earned.points, saleId, at, o.staffId);
          let expires = expiryByDay.get(day.date);
          if (expires === undefined) {
            expires = expiresAt(rules.expiry, at, tz);
            expiryByDay.set(day.date, expires);
          }
          insertLot.run(uuidv7(), member.id, entryId, earned.points, earned.points, at, at, expires);
          balance += earned.points;
        }
        done++;
        if (o.onProgress && done % 100000 === 0) o.onProgress(done);
      }
      if (balance > 0) setBalance.run(balance, member.id);
    }
  };
  // Large seeds commit every 20,000 members so the WAL stays small; inside a caller's
  // transaction (setup's demo data) everything joins that one.
  const CHUNK = 20000;
  for (let from = 0; from < members.length && done < o.count; from += CHUNK) {
    const to = Math.min(members.length, from + CHUNK);
    if (db.inTransaction) runMembers(from, to);
    else db.transaction(() => runMembers(from, to)).immediate();
  }
  return done;
}
