import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { byTable, exportFile, makeBranch, makeHq, merge, type Site } from '../hq-fixtures';

// A member merged into another at a branch reaches HQ as a tombstone (docs/hq.md "Merge").

const rowsOf = (db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);

describe('a member merged at a branch (tombstone)', () => {
  function duplicate() {
    const hq = makeHq();
    const a = makeBranch('SH01', hq.chainCode, '2026-06-15T02:00:00.000Z', '徐汇店');
    const keep = a.member('张三', '13800000001');
    const dup = a.member('张三', '13800000009'); // registered twice, with another phone
    a.buy(keep, '100.00');
    a.buy(dup, '40.00');
    return { hq, a, keep, dup };
  }
  const branchRows = (site: Site, table: string) => rowsOf(site.t.db, `SELECT * FROM ${table} ORDER BY 1`);
  const hqRows = (hq: Site, site: Site, table: string) =>
    rowsOf(hq.t.db, `SELECT * FROM ${table} WHERE branch_id = ? ORDER BY 1`, site.branchId);
  function sameAsBranch(hq: Site, a: Site) {
    for (const table of ['members', 'points_ledger', 'followups', 'feedback'])
      expect(hqRows(hq, a, table), table).toEqual(branchRows(a, table));
    expect(hqRows(hq, a, 'purchases')).toEqual(branchRows(a, 'purchases').map((p) => ({ ...(p as object), rules_id: null })));
    expect(
      rowsOf(
        hq.t.db,
        'SELECT id FROM members m WHERE points_balance <> (SELECT COALESCE(SUM(points), 0) FROM points_ledger WHERE member_id = m.id)',
      ),
    ).toEqual([]);
  }

  it('resolves at HQ when it arrives after the duplicate’s sales: HQ moves them to the survivor, and the reports agree', () => {
    const { hq, a, keep, dup } = duplicate();
    merge(hq, exportFile(a, 'full').path);
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM purchases WHERE member_id = ?').pluck().get(dup)).toBe(1);
    hq.t.call('hq.compare', { period: '2026-06' }, hq.manager); // the HQ summaries are built before the merge arrives
    a.t.clock.advance(60_000);
    a.t.call('members.merge', { keepId: keep, mergeId: dup }, a.manager);
    a.buy(keep, '5.00');
    const r = merge(hq, exportFile(a).path);
    expect(byTable(r).members).toEqual([0, 2, 0]);
    expect(hq.t.db.prepare('SELECT merged_into FROM members WHERE id = ?').pluck().get(dup)).toBe(keep);
    sameAsBranch(hq, a);
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM purchases WHERE member_id = ?').pluck().get(keep)).toBe(3);
    // The chain's dashboard counts one active customer, as the branch's does (its summaries built
    // again after the merge, by the job the merge queued).
    a.t.runJobs();
    const own = a.t.call('reports.summary', { period: '2026-06' }, a.manager).current;
    const cmp = hq.t.call('hq.compare', { period: '2026-06' }, hq.manager);
    expect(own.activeMembers).toBe(1);
    expect(cmp.branches[0].kpis).toEqual(own);
    expect(cmp.chain).toMatchObject({ activeMembers: 1, orders: 3, netSalesFen: 14500 });
  });

  it('arrives in one file with everything when HQ first hears of the branch after the merge', () => {
    const { hq, a, keep, dup } = duplicate();
    a.t.call('members.merge', { keepId: keep, mergeId: dup }, a.manager);
    merge(hq, exportFile(a, 'full').path);
    sameAsBranch(hq, a);
    expect(hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person).toMatchObject({
      orders: 2,
      netSalesFen: 14000,
      pointsBalance: 140,
    });
    // The duplicate's phone still finds its card, which says where it went.
    const keepCard = hq.t.db.prepare('SELECT card_no FROM members WHERE id = ?').pluck().get(keep);
    expect(hq.t.call('hq.person', { phone: '13800000009' }, hq.manager).person.branches).toMatchObject([
      { memberId: dup, merged: true, mergedIntoCardNo: keepCard, orders: 0 },
    ]);
  });
});
