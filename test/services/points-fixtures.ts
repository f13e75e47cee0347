import { expect } from 'vitest';
import type { DB } from '../../db/connection';
import type { PointsRules } from '../../shared/points';
import { loginAs, makeTestApp, setUpBranch, type TestApp } from '../helpers';
import { failure, memberInput, snapshot } from './fixtures';

export const DAY = 86_400_000;
const SESSION_STEP = DAY / 4;

/** What migration 0002 installs: 1 point per ¥1, 100 points = ¥1 (at least 100), expiry at the end of the 12th month. */
export const DEFAULT_RULES: PointsRules = {
  earn: { points: 1, perYuan: 1 },
  minPurchaseFen: 0,
  redeem: { pointsPerYuan: 100, minPoints: 100 },
  expiry: { kind: 'endOfMonth', months: 12 },
  lockDays: 0,
  memberDay: { multiplierPct: 100, weekdays: [], dateRanges: [] },
  birthdayMonthMultiplierPct: 100,
};

export interface Counter {
  t: TestApp;
  admin: string;
  clerk: string;
  manager: string;
  /** registers an active member (phones 13800000001, …) and returns their id */
  member(name?: string, extra?: Record<string, unknown>): string;
  /** a new rules version from now */
  setRules(patch: Partial<PointsRules>): void;
  balance(memberId: string): number;
  /**
   * a sale, returning its purchase id and what it earned. Confirmed as no duplicate: the clock
   * stands still, so every sale of a test is at the same instant (the duplicate question has its
   * own tests, which call purchases.record).
   */
  buy(memberId: string, amount: string | number, extra?: Record<string, unknown>): { id: string; earned: number };
  /** moves the clock on, keeping the three sessions alive (they end after 12 idle hours) */
  advance(ms: number): void;
  clockTo(iso: string): void;
}

/**
 * A branch with a clerk (小李) and a manager (赵经理) logged in, the clock at 2026-06-15T02:00Z
 * (10:00 in Shanghai) unless `start` sets it elsewhere.
 */
export function counter(start?: string): Counter {
  const t = makeTestApp();
  if (start) t.clock.advance(Date.parse(start) - t.clock.now().getTime());
  const admin = setUpBranch(t);
  const clerk = loginAs(t, admin, 'clerk', '小李');
  const manager = loginAs(t, admin, 'manager', '赵经理');
  let phones = 0;
  const advance = (ms: number) => {
    for (let left = ms; left > 0; left -= SESSION_STEP) {
      t.clock.advance(Math.min(left, SESSION_STEP));
      for (const session of [admin, clerk, manager]) t.call('auth.me', {}, session);
    }
  };
  return {
    t,
    admin,
    clerk,
    manager,
    member: (name = `会员${phones + 1}`, extra = {}) =>
      t.call('members.create', memberInput(name, `138${String(++phones).padStart(8, '0')}`, extra), clerk).id,
    setRules: (patch) => void t.call('points.setRules', { rules: { ...DEFAULT_RULES, ...patch } }, manager),
    balance: (memberId) => t.call('points.balance', { memberId }, clerk).balance,
    buy: (memberId, amount, extra = {}) => {
      const r = t.call('purchases.record', { memberId, amount, confirmDuplicate: true, ...extra }, clerk);
      return { id: r.purchase.id, earned: r.earned };
    },
    advance,
    clockTo: (iso) => {
      const delta = Date.parse(iso) - t.clock.now().getTime();
      if (delta < 0) throw new Error(`the clock only moves forward (now ${t.clock.now().toISOString()})`);
      advance(delta);
    },
  };
}

/** Calls the method, expects the given error code, and checks that no table changed. */
export function refused(t: TestApp, name: string, input: unknown, session: string | null, code: string) {
  const before = snapshot(t.db);
  const error = failure(t, name, input, session);
  expect(error.code, `${name} ${JSON.stringify(input)}`).toBe(code);
  expect(snapshot(t.db)).toEqual(before);
  return error;
}

export interface LotState {
  points: number;
  remaining: number;
  earned_at: string;
  available_at: string;
  expires_at: string | null;
}

export function lotsOf(db: DB, memberId: string): LotState[] {
  return (
    db
      // `remaining` as the member has it: a lot closed by an expiry gives nothing
      .prepare(
        'SELECT points, CASE WHEN expired_by IS NULL THEN remaining ELSE 0 END AS remaining, earned_at, available_at, expires_at FROM points_lots WHERE member_id = ? ORDER BY earned_at, id',
      )
      .all(memberId) as LotState[]
  );
}

/**
 * Every way the ledger could disagree with itself, over every member: the cached balance against
 * the ledger sum and the open lots, a negative balance, a lot giving out more than it held
 * (spent through consumption rows; closed by an expiry that took exactly what was left), a debit whose lots gave other
 * than its points, a credit without exactly its own lot. Empty when sound. `memberId` narrows it
 * to one member (the property test checks after every step).
 */
export function ledgerProblems(db: DB, memberId: string | null = null): string[] {
  const rows = (sql: string) => db.prepare(sql).all({ member: memberId }) as Array<Record<string, unknown>>;
  const problems: string[] = [];
  const report = (what: string, sql: string) => {
    for (const r of rows(sql)) problems.push(`${what}: ${JSON.stringify(r)}`);
  };
  report(
    'balance',
    `WITH ledger AS (SELECT member_id, SUM(points) AS points FROM points_ledger WHERE @member IS NULL OR member_id = @member GROUP BY member_id),
          lots AS (SELECT member_id, SUM(remaining) AS points FROM points_lots WHERE expired_by IS NULL AND (@member IS NULL OR member_id = @member) GROUP BY member_id)
     SELECT m.id, m.points_balance, COALESCE(ledger.points, 0) AS ledger, COALESCE(lots.points, 0) AS lots
       FROM members m LEFT JOIN ledger ON ledger.member_id = m.id LEFT JOIN lots ON lots.member_id = m.id
      WHERE (@member IS NULL OR m.id = @member)
        AND (m.points_balance < 0 OR COALESCE(ledger.points, 0) != m.points_balance OR COALESCE(lots.points, 0) != m.points_balance)`,
  );
  report(
    'lot',
    `SELECT l.id, l.points, l.remaining, l.expired_points, (SELECT COALESCE(SUM(points), 0) FROM lot_consumptions WHERE lot_id = l.id) AS consumed
       FROM points_lots l
      WHERE (@member IS NULL OR l.member_id = @member) AND (l.remaining < 0 OR l.remaining > l.points OR consumed != l.points - l.remaining
         OR (l.expired_by IS NOT NULL) != (l.expired_points > 0) OR (l.expired_by IS NOT NULL AND l.expired_points != l.remaining))`,
  );
  report(
    'debit',
    `WITH consumed AS (SELECT ledger_id, SUM(points) AS points FROM lot_consumptions
                     WHERE @member IS NULL OR ledger_id IN (SELECT id FROM points_ledger WHERE member_id = @member) GROUP BY ledger_id),
          expired AS (SELECT expired_by, SUM(expired_points) AS points FROM points_lots
                    WHERE expired_by IS NOT NULL AND (@member IS NULL OR member_id = @member) GROUP BY expired_by)
     SELECT e.id, e.kind, e.points, COALESCE(consumed.points, 0) + COALESCE(expired.points, 0) AS taken
       FROM points_ledger e LEFT JOIN consumed ON consumed.ledger_id = e.id LEFT JOIN expired ON expired.expired_by = e.id
      WHERE (@member IS NULL OR e.member_id = @member) AND e.points <= 0 AND taken != -e.points`,
  );
  report(
    'credit',
    `SELECT e.id, e.kind, e.points, COUNT(l.id) AS lots, COALESCE(SUM(l.points), 0) AS lot_points
       FROM points_ledger e LEFT JOIN points_lots l ON l.ledger_id = e.id
      WHERE (@member IS NULL OR e.member_id = @member) AND e.points > 0 GROUP BY e.id HAVING lots != 1 OR lot_points != e.points`,
  );
  report(
    'taken by a credit',
    `SELECT e.id FROM points_ledger e WHERE (@member IS NULL OR e.member_id = @member) AND e.points > 0
        AND (e.id IN (SELECT ledger_id FROM lot_consumptions) OR e.id IN (SELECT expired_by FROM points_lots WHERE expired_by IS NOT NULL))`,
  );
  return problems;
}

/**
 * ledgerProblems over every member, less the two things it says of `merge` entries by design: a
 * merge moves points together with the lots that hold them (the lots change member, keeping their
 * dates), so its credit made no lot and its debit consumed none. What must hold of them instead
 * is checked here: every merge is a pair, −n on one member and +n on the other, naming each other.
 */
export function problemsAfterMerges(db: DB): string[] {
  const all = ledgerProblems(db);
  const byDesign = all.filter((p) => /^(credit|debit): .*"kind":"merge"/.test(p));
  const rows = db
    .prepare("SELECT id, member_id, points, detail_json FROM points_ledger WHERE kind = 'merge' ORDER BY rowid")
    .all() as Array<{
    id: string;
    member_id: string;
    points: number;
    detail_json: string;
  }>;
  const problems = all.filter((p) => !byDesign.includes(p));
  if (byDesign.length !== rows.length) problems.push(`merge entries flagged ${byDesign.length}, written ${rows.length}`);
  for (let i = 0; i < rows.length; i += 2) {
    const [out, into] = [rows[i], rows[i + 1]];
    const names = (r: typeof out) => (JSON.parse(r.detail_json) as { memberId: string }).memberId;
    if (!into || out.points >= 0 || out.points !== -into.points || names(out) !== into.member_id || names(into) !== out.member_id) {
      problems.push(`merge pair: ${JSON.stringify([out, into])}`);
    }
  }
  return problems;
}

/** The tier table as tiers.save takes it, with a change to some tiers by name. */
export function tierInput(t: TestApp, session: string, change: Record<string, { threshold?: number; remove?: boolean }> = {}) {
  return t
    .call('tiers.list', {}, session)
    .tiers.filter((tier) => !change[tier.name]?.remove)
    .map((tier) => ({
      id: tier.id,
      name: tier.name,
      threshold: change[tier.name]?.threshold ?? tier.threshold,
      pointsMultiplierPct: tier.pointsMultiplierPct,
      discountPct: tier.discountPct,
      benefits: tier.benefits,
    }));
}

/** What each lot of a debit gave, as [lot size, points taken]. */
export function consumptionsOf(db: DB, ledgerId: string): Array<[number, number]> {
  const rows = db
    .prepare(
      'SELECT l.points AS lot, c.points AS taken FROM lot_consumptions c JOIN points_lots l ON l.id = c.lot_id WHERE c.ledger_id = ? ORDER BY l.earned_at, l.id',
    )
    .all(ledgerId) as Array<{ lot: number; taken: number }>;
  return rows.map((r) => [r.lot, r.taken]);
}
