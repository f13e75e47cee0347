import { describe, expect, it } from 'vitest';
import { makeTestApp, ADMIN } from '../helpers';

describe('demo data', () => {
  it('gives demo members a year of sales whose points add up', () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 30 });
    const count = (sql: string) => (t.db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM members')).toBe(30);
    expect(count("SELECT COUNT(*) AS n FROM purchases WHERE kind = 'sale'")).toBe(120);
    expect(count("SELECT COUNT(*) AS n FROM purchases WHERE occurred_at < '2025-06-15T02:00:00.000Z' OR occurred_at > '2026-06-15T02:00:00.000Z'")).toBe(0);
    // Every member's cached balance is the sum of their ledger and of their open lots.
    expect(
      count(`SELECT COUNT(*) AS n FROM members m
              WHERE m.points_balance != (SELECT COALESCE(SUM(points), 0) FROM points_ledger l WHERE l.member_id = m.id)
                 OR m.points_balance != (SELECT COALESCE(SUM(remaining), 0) FROM points_lots o WHERE o.member_id = m.id AND o.expired_by IS NULL)`),
    ).toBe(0);
    expect(count('SELECT SUM(points_balance) AS n FROM members')).toBeGreaterThan(0);
  });
});
