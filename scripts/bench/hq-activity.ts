import type { Statement } from 'better-sqlite3';
import type { DB } from '../../db/connection';
import { prng } from '../../services/demo/members';

// A generated branch's sales over its members' lifetimes, in the order of their time as a real
// file grows: each sale with its earn entry (and a redeem entry when points paid part of it),
// refunds of about 3 % of sales with their reverse entries, standalone redemptions, a call after
// some sales, feedback with the calls complaints cause, and a till total per day. Balances are
// followed as the rows go in, so no balance ever goes below zero and each ends as its ledger's sum.

const CATEGORIES = ['服装', '鞋包', '美妆', '食品', '日用', '母婴', '数码', '家居'];
const MULTIPLIER_PCT = [100, 120, 150, 200];
const DAY = 86_400_000;
const REFUND_SHARE = 0.03;
const REDEEM_SHARE = 0.01;
const SHANGHAI = 8 * 3_600_000;
const localDate = (t: number) => new Date(t + SHANGHAI).toISOString().slice(0, 10);

type FollowupInsert = Statement<unknown[]>;

/** The branch's staff ids, made before its sales: the admin and the clerks who ring them up. */
export interface Staff {
  admin: string;
  clerks: string[];
}

/** A member the sales are spread over: joined at `created` (epoch ms), her tier by index, lowest first. */
export interface MemberSlot {
  id: string;
  created: number;
  tier: number;
}

export interface ActivityOptions {
  branchId: string;
  staff: Staff;
  members: MemberSlot[];
  sales: number;
  now: number;
  seed: number;
  /** a fresh id made at that time */
  idAt: (ms: number) => string;
}

const SALE = 0;
const REFUND = 1;
const REDEEM = 2;

export function insertActivity(db: DB, o: ActivityOptions): Record<string, number> {
  const rand = prng(o.seed * 7919);
  const refunds = Math.floor(o.sales * REFUND_SHARE);
  const redeems = Math.floor(o.sales * REDEEM_SHARE);
  const total = o.sales + refunds + redeems;
  // Every event first (typed arrays), then written in time order.
  const time = new Float64Array(total);
  const kind = new Uint8Array(total);
  const ref = new Int32Array(total); // sale: member; refund: the sale's event; redeem: member
  const amount = new Int32Array(total);
  const pickMember = () => Math.floor(o.members.length * rand() ** 1.5); // some members buy far more often
  const during = (mi: number) => o.members[mi].created + Math.floor(rand() * (o.now - o.members[mi].created));
  for (let e = 0; e < o.sales; e++) {
    const mi = pickMember();
    kind[e] = SALE;
    ref[e] = mi;
    time[e] = during(mi);
    amount[e] = 500 + Math.floor(rand() * rand() * 200_000);
  }
  let made = o.sales;
  const refunded = new Uint8Array(o.sales);
  for (let i = 0; i < refunds; i++) {
    const sale = Math.floor(rand() * o.sales);
    const at = time[sale] + Math.floor(rand() * 14 * DAY);
    if (at > o.now || refunded[sale]) continue;
    refunded[sale] = 1;
    kind[made] = REFUND;
    ref[made] = sale;
    time[made] = at;
    amount[made] = rand() < 0.6 ? amount[sale] : 1 + Math.floor(rand() * amount[sale]);
    made++;
  }
  for (let i = 0; i < redeems; i++) {
    const mi = pickMember();
    kind[made] = REDEEM;
    ref[made] = mi;
    time[made] = during(mi);
    made++;
  }
  const order = new Uint32Array(made);
  for (let i = 0; i < made; i++) order[i] = i;
  order.sort((a, b) => time[a] - time[b] || a - b);

  const rules = db.prepare('SELECT id FROM points_rules ORDER BY effective_from LIMIT 1').pluck().get() as string;
  const tierIds = db.prepare('SELECT id FROM tiers WHERE branch_id IS NULL AND retired_at IS NULL ORDER BY rank').pluck().all() as string[];
  const insertPurchase = db.prepare(
    `INSERT INTO purchases (id, branch_id, member_id, kind, original_id, receipt_no, amount_fen, redeemed_points, redeemed_fen, paid_fen,
                            category, note, rules_id, occurred_at, created_at, created_by, tier_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEntry = db.prepare(
    `INSERT INTO points_ledger (id, branch_id, member_id, kind, points, shortfall, purchase_id, reason, detail_json, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFollowup: FollowupInsert = db.prepare(
    `INSERT INTO followups (id, branch_id, member_id, kind, channel, due_date, assignee_id, status, source_key, purchase_id, feedback_id,
                            outcome, satisfaction, nps, attempts, completed_at, completed_by, created_at, created_by, updated_at)
     VALUES (?, ?, ?, ?, 'phone', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT DO NOTHING`,
  );
  const balances = new Int32Array(o.members.length);
  const saleId: string[] = new Array(o.sales);
  const earnedOf = new Int32Array(o.sales);
  const redeemedOf = new Int32Array(o.sales);
  const counts = { purchases: 0, refunds: 0, ledger: 0, followups: 0, feedback: 0, takings: 0 };
  const clerk = () => o.staff.clerks[Math.floor(rand() * o.staff.clerks.length)];
  const entry = (
    mi: number,
    k: string,
    points: number,
    shortfall: number,
    purchase: string | null,
    detail: string | null,
    at: string,
    by: string,
    t: number,
  ) => {
    insertEntry.run(o.idAt(t), o.branchId, o.members[mi].id, k, points, shortfall, purchase, null, detail, at, by);
    balances[mi] += points;
    counts.ledger++;
  };
  /** A call three days after some sales: done, missed or cancelled once its day has passed. */
  const followup = (mi: number, t: number, purchase: string, by: string) => {
    const due = localDate(t + 3 * DAY);
    const past = t + 5 * DAY < o.now;
    const r = rand();
    const status = !past ? 'planned' : r < 0.8 ? 'done' : r < 0.95 ? 'missed' : 'cancelled';
    const done = status === 'done';
    const at = new Date(t).toISOString();
    const closedAt = past ? new Date(t + 3 * DAY + 3_600_000).toISOString() : null;
    const member = o.members[mi].id;
    const made = insertFollowup.run(
      o.idAt(t),
      o.branchId,
      member,
      'post_purchase',
      due,
      by,
      status,
      `post_purchase:${member}:${localDate(t)}`,
      purchase,
      null,
      done ? 'reached' : null,
      done ? 1 + Math.floor(rand() * 5) : null,
      done ? Math.floor(rand() * 11) : null,
      past ? 1 : 0,
      done ? closedAt : null,
      done ? by : null,
      at,
      closedAt ?? at,
    );
    counts.followups += made.changes;
  };

  const write = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const e = order[k];
      const t = time[e];
      const at = new Date(t).toISOString();
      const by = clerk();
      if (kind[e] === SALE) {
        const mi = ref[e];
        const m = o.members[mi];
        const bill = amount[e];
        // Now and then points pay up to half the bill, in hundreds (100 points = ¥1).
        const redeem = rand() < 0.05 ? Math.min(Math.floor(balances[mi] / 100), Math.floor(bill / 200)) * 100 : 0;
        const paid = bill - redeem;
        const earned = Math.floor((Math.floor(paid / 100) * MULTIPLIER_PCT[m.tier]) / 100);
        const id = o.idAt(t);
        insertPurchase.run(
          id,
          o.branchId,
          m.id,
          'sale',
          null,
          rand() < 0.5 ? `R${e}` : null,
          bill,
          redeem,
          redeem,
          paid,
          CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
          null,
          rules,
          at,
          at,
          by,
          tierIds[m.tier],
        );
        counts.purchases++;
        if (redeem > 0) entry(mi, 'redeem', -redeem, 0, id, `{"valueFen":${redeem},"billFen":${bill}}`, at, by, t);
        if (earned > 0)
          entry(mi, 'earn', earned, 0, id, `{"points":${earned},"paidFen":${paid},"multiplierPct":${MULTIPLIER_PCT[m.tier]}}`, at, by, t);
        saleId[e] = id;
        earnedOf[e] = earned;
        redeemedOf[e] = redeem;
        if (rand() < 0.05) followup(mi, t, id, by);
      } else if (kind[e] === REFUND) {
        const sale = ref[e];
        const mi = ref[sale];
        const bill = amount[sale];
        const back = amount[e];
        // One refund per sale: its shares are plain proportions (the service's cumulative floors agree for a first refund).
        const restore = Math.floor((redeemedOf[sale] * back) / bill);
        const reverse = Math.floor((earnedOf[sale] * back) / bill);
        const id = o.idAt(t);
        insertPurchase.run(
          id,
          o.branchId,
          o.members[mi].id,
          'refund',
          saleId[sale],
          null,
          back,
          restore,
          restore,
          back - restore,
          null,
          '退货',
          rules,
          at,
          at,
          by,
          tierIds[o.members[mi].tier],
        );
        counts.refunds++;
        if (restore > 0) entry(mi, 'reverse', restore, 0, id, `{"of":"redeem","saleId":"${saleId[sale]}"}`, at, by, t);
        if (reverse > 0) {
          const taken = Math.min(reverse, balances[mi]);
          entry(mi, 'reverse', -taken, reverse - taken, id, `{"of":"earn","saleId":"${saleId[sale]}"}`, at, by, t);
        }
      } else {
        const mi = ref[e];
        const points = Math.min(Math.floor(balances[mi] / 100), 1 + Math.floor(rand() * 20)) * 100;
        if (points > 0) entry(mi, 'redeem', -points, 0, null, '{"gift":true}', at, by, t);
      }
    }
  };
  for (let from = 0; from < made; from += 100_000) db.transaction(() => write(from, Math.min(made, from + 100_000))).immediate();

  const setBalance = db.prepare('UPDATE members SET points_balance = ? WHERE id = ?');
  db.transaction(() => {
    for (let mi = 0; mi < o.members.length; mi++) if (balances[mi] > 0) setBalance.run(balances[mi], o.members[mi].id);
  }).immediate();
  db.transaction(() => {
    counts.feedback = insertFeedback(db, o, rand, insertFollowup, counts);
    counts.takings = insertTakings(db, o, rand);
  }).immediate();
  return counts;
}

const FEEDBACK_KINDS = ['complaint', 'complaint', 'suggestion', 'praise'] as const;
const FEEDBACK_CATEGORIES = ['product', 'service', 'environment', 'price', 'staff', 'other'];

/** Feedback from about one member in 200; complaints past their week resolved or closed, each resolved one with its call. */
function insertFeedback(
  db: DB,
  o: ActivityOptions,
  rand: () => number,
  insertFollowup: FollowupInsert,
  counts: { followups: number },
): number {
  const insert = db.prepare(
    `INSERT INTO feedback (id, branch_id, member_id, contact, kind, category, severity, channel, description, status, resolution,
                           created_at, created_by, started_at, started_by, resolved_at, resolved_by, closed_at, closed_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'in_store', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const n = Math.max(1, Math.floor(o.members.length / 200));
  const times = Array.from({ length: n }, () => o.now - Math.floor(rand() * 365 * DAY)).sort((a, b) => a - b);
  for (const t of times) {
    const mi = Math.floor(rand() * o.members.length);
    const anonymous = rand() < 0.1;
    const kind = FEEDBACK_KINDS[Math.floor(rand() * FEEDBACK_KINDS.length)];
    const old = t + 7 * DAY < o.now;
    const status = !old ? (rand() < 0.5 ? 'open' : 'in_progress') : rand() < 0.6 ? 'closed' : 'resolved';
    const by = o.staff.clerks[0];
    const iso = (d: number) => new Date(t + d * DAY).toISOString();
    const started = status !== 'open';
    const resolved = status === 'resolved' || status === 'closed';
    const id = o.idAt(t);
    insert.run(
      id,
      o.branchId,
      anonymous ? null : o.members[mi].id,
      anonymous ? '顾客留言' : null,
      kind,
      FEEDBACK_CATEGORIES[Math.floor(rand() * FEEDBACK_CATEGORIES.length)],
      rand() < 0.2 ? 'high' : 'medium',
      `${kind === 'praise' ? '表扬' : '反映'}：第${mi}号会员的意见`,
      status,
      resolved ? '已致电说明并处理' : null,
      iso(0),
      by,
      started ? iso(1) : null,
      started ? o.staff.admin : null,
      resolved ? iso(2) : null,
      resolved ? o.staff.admin : null,
      status === 'closed' ? iso(3) : null,
      status === 'closed' ? o.staff.admin : null,
      iso(status === 'closed' ? 3 : resolved ? 2 : started ? 1 : 0),
    );
    if (kind === 'complaint' && resolved && !anonymous) {
      const member = o.members[mi].id;
      const made = insertFollowup.run(
        o.idAt(t),
        o.branchId,
        member,
        'complaint',
        localDate(t + 3 * DAY),
        by,
        'done',
        `complaint:${id}`,
        null,
        id,
        'reached',
        4,
        8,
        1,
        iso(3),
        by,
        iso(2),
        iso(3),
      );
      counts.followups += made.changes;
    }
  }
  return n;
}

/** The till's total for every day of the last two years. */
function insertTakings(db: DB, o: ActivityOptions, rand: () => number): number {
  const insert = db.prepare(
    'INSERT INTO store_takings (branch_id, date, total_fen, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  let n = 0;
  for (let t = o.now - 730 * DAY; t < o.now - DAY; t += DAY) {
    const at = new Date(t + 14 * 3_600_000).toISOString();
    insert.run(o.branchId, localDate(t), 500_000 + Math.floor(rand() * 3_000_000), at, o.staff.admin, at, o.staff.admin);
    n++;
  }
  return n;
}
