import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import { branchQueries } from '../../../db/queries/core/branch';
import { insertDemoMembers } from '../../../services/demo/members';
import { insertDemoPurchases } from '../../../services/demo/purchases';
import { makeTestApp, ADMIN, sequentialIds, setUpBranch } from '../../helpers';

const count = (db: DB, sql: string) => (db.prepare(sql).get() as { n: number }).n;

/** Sales dated before their member registered; none may exist. */
const SALES_BEFORE_REGISTRATION = `SELECT COUNT(*) AS n FROM purchases p JOIN members m ON m.id = p.member_id WHERE p.occurred_at < m.created_at`;

describe('demo data', () => {
  it('gives demo members a year of sales whose points add up', () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 30 });
    expect(count(t.db, 'SELECT COUNT(*) AS n FROM members')).toBe(30);
    expect(count(t.db, "SELECT COUNT(*) AS n FROM purchases WHERE kind = 'sale'")).toBe(120);
    expect(
      count(
        t.db,
        "SELECT COUNT(*) AS n FROM purchases WHERE occurred_at < '2025-06-15T02:00:00.000Z' OR occurred_at > '2026-06-15T02:00:00.000Z'",
      ),
    ).toBe(0);
    // Every member's cached balance is the sum of their ledger and of their open lots.
    expect(
      count(
        t.db,
        `SELECT COUNT(*) AS n FROM members m
              WHERE m.points_balance != (SELECT COALESCE(SUM(points), 0) FROM points_ledger l WHERE l.member_id = m.id)
                 OR m.points_balance != (SELECT COALESCE(SUM(remaining), 0) FROM points_lots o WHERE o.member_id = m.id AND o.expired_by IS NULL)`,
      ),
    ).toBe(0);
    expect(count(t.db, 'SELECT SUM(points_balance) AS n FROM members')).toBeGreaterThan(0);
  });

  it('gives two demo branches of a chain different customers', () => {
    const demo = (code: string) => {
      const t = makeTestApp();
      t.call('setup.init', { branchName: `${code}店`, branchCode: code, adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 200 });
      return t.db.prepare('SELECT name, phone FROM members').all() as { name: string; phone: string }[];
    };
    const [a, b] = [demo('SH01'), demo('BJ01')];
    const phones = new Set(a.map((m) => m.phone));
    expect(b.filter((m) => phones.has(m.phone))).toEqual([]);
    // Not just other numbers: other people (a few names recur, as in any city).
    const names = new Set(a.map((m) => m.name));
    expect(b.filter((m) => names.has(m.name)).length).toBeLessThan(20);
    // And the same branch code gives the same demo store every time.
    expect(demo('SH01')).toEqual(a);
  });

  it('never dates a demo sale before its member registered, and newly registered members come in as new customers', () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 300 });
    expect(count(t.db, SALES_BEFORE_REGISTRATION)).toBe(0);
    // The symptom this guards against: 新注册 → 衰退 in the lifecycle report. Members registered
    // within the compared days can only be prospects or new customers, and some are new.
    const session = t.call('auth.login', ADMIN).session;
    const { movement } = t.call('reports.lifecycle', { asOf: '2026-06-15', compareDays: 30 }, session);
    const joined = movement.filter((m) => m.from === 'unregistered');
    for (const move of joined) expect(['prospect', 'new'], JSON.stringify(move)).toContain(move.to);
    expect(joined.find((m) => m.to === 'new')?.members).toBeGreaterThan(0);
  });

  it('does the same for the bench seeder: three years of sales over three years of members', () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
    const branch = branchQueries(t.db).self()!;
    const staffId = (t.db.prepare('SELECT id FROM staff').get() as { id: string }).id;
    const now = t.clock.now().toISOString();
    insertDemoMembers(t.db, { branch, staffId, count: 2000, now, newId: sequentialIds('m'), seed: 7 });
    const registered = t.db.prepare('SELECT id, created_at FROM members ORDER BY id').all();
    expect(insertDemoPurchases(t.db, { branchId: branch.id, staffId, count: 10000, now, seed: 7 })).toBe(10000);
    expect(count(t.db, SALES_BEFORE_REGISTRATION)).toBe(0);
    // Sales are fitted to registrations, never the other way round.
    expect(t.db.prepare('SELECT id, created_at FROM members ORDER BY id').all()).toEqual(registered);
    // Most members joined at the till, buying; and who joined lately has had less time to buy.
    const atTill = count(
      t.db,
      `SELECT COUNT(*) AS n FROM members m WHERE EXISTS (SELECT 1 FROM purchases p WHERE p.member_id = m.id
      AND p.occurred_at BETWEEN m.created_at AND strftime('%Y-%m-%dT%H:%M:%fZ', m.created_at, '+30 minutes'))`,
    );
    expect(atTill / 2000).toBeGreaterThan(0.6);
    const salesPerMember = (where: string) =>
      (
        t.db
          .prepare(`SELECT AVG((SELECT COUNT(*) FROM purchases p WHERE p.member_id = m.id)) AS avg FROM members m WHERE ${where}`)
          .get() as { avg: number }
      ).avg;
    expect(salesPerMember("created_at > '2026-03-17'")).toBeLessThan(salesPerMember("created_at < '2024-06-15'") / 2);
  });

  it('gives a demo member the row and search keys registration gives the same person', () => {
    // One branch code, two stores: demo data in one, the same people registered at the other's counter.
    const demo = makeTestApp();
    demo.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
    const staffId = (demo.db.prepare('SELECT id FROM staff').get() as { id: string }).id;
    insertDemoMembers(demo.db, {
      branch: branchQueries(demo.db).self()!,
      staffId,
      count: 300,
      now: demo.clock.now().toISOString(),
      newId: sequentialIds('m'),
      seed: 5,
    });
    const people = demo.db
      .prepare('SELECT name, phone, gender, birthday, email, address, consent_marketing FROM members ORDER BY card_no')
      .all() as Array<{
      name: string;
      phone: string;
      gender: 'female' | 'male' | 'unspecified';
      birthday: string | null;
      email: string | null;
      address: string | null;
      consent_marketing: 0 | 1;
    }>;
    // Names the pinyin must read by the surname table, not character by character.
    expect(people.some((p) => /^(欧阳|司马|上官|诸葛|东方)/.test(p.name))).toBe(true);

    const counter = makeTestApp();
    const session = setUpBranch(counter);
    for (const p of people) {
      counter.call(
        'members.create',
        {
          name: p.name,
          phone: p.phone,
          gender: p.gender,
          consentData: true,
          consentMarketing: p.consent_marketing === 1,
          ...(p.birthday ? { birthday: p.birthday } : {}),
          ...(p.email ? { email: p.email } : {}),
          ...(p.address ? { address: p.address } : {}),
        },
        session,
      );
    }
    const rows = (db: DB) =>
      db
        .prepare(
          `SELECT card_no, name, py_initials, py_full, phone, phone_rev, gender, birthday, email, address, notes, consent_marketing,
                         home_branch_id = branch_id AS at_home, version FROM members ORDER BY card_no`,
        )
        .all();
    const keys = (db: DB) =>
      db.prepare('SELECT m.card_no, k.kind, k.key FROM member_keys k JOIN members m ON m.id = k.member_id ORDER BY 1, 2, 3').all();
    expect(rows(demo.db)).toHaveLength(300);
    expect(rows(demo.db)).toEqual(rows(counter.db));
    expect(keys(demo.db)).toEqual(keys(counter.db));
  });
});
