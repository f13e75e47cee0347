import { describe, expect, it } from 'vitest';
import { failure, issuesOf } from '../fixtures';
import { refund, reportStore } from '../report-fixtures';

// Answers written by hand from docs/reports.md ("Trends and breakdowns"). Shanghai wall-clock
// times; 2 November 2026 is a Monday. Every member stays in the lowest tier, 普通会员.

/**
 * 甲 joins 30 October, 乙 2 November 09:00.
 * 2 Nov: 甲 ¥100 食品 (clerk 小李), 乙 ¥50 no category (manager 赵经理).
 * 4 Nov: 甲 ¥30 日用 (小李). 10 Nov: ¥40 of 甲's ¥100 refunded (小李).
 * 1 Dec 00:30 (still 30 Nov in UTC): 乙 ¥20 食品 (小李).
 */
function store() {
  const c = reportStore('2026-10-30T10:00');
  const jia = c.member('甲');
  c.at('2026-11-02T09:00');
  const yi = c.member('乙');
  c.at('2026-11-02T10:00');
  const food = c.buy(jia, 100, { category: '食品' }).id;
  c.at('2026-11-02T11:00');
  c.t.call('purchases.record', { memberId: yi, amount: 50 }, c.manager);
  c.at('2026-11-04T10:00');
  c.buy(jia, 30, { category: '日用' });
  c.at('2026-11-10T10:00');
  refund(c, food, 40);
  c.at('2026-12-01T00:30');
  c.buy(yi, 20, { category: '食品' });
  c.at('2026-12-02T10:00');
  return { c, jia, yi };
}

const zero = { orders: 0, salesFen: 0, refundsFen: 0, netSalesFen: 0, activeMembers: 0, newMembers: 0 };

describe('reports.trend', () => {
  it('by day, week and month, every period in the range, empty ones too', () => {
    const { c } = store();
    const days = c.t.call('reports.trend', { grain: 'day', from: '2026-11-01', to: '2026-11-05' }, c.manager);
    expect(days.points).toEqual([
      { period: '2026-11-01', from: '2026-11-01', to: '2026-11-01', ...zero },
      {
        period: '2026-11-02',
        from: '2026-11-02',
        to: '2026-11-02',
        ...zero,
        orders: 2,
        salesFen: 15000,
        netSalesFen: 15000,
        activeMembers: 2,
        newMembers: 1,
      },
      { period: '2026-11-03', from: '2026-11-03', to: '2026-11-03', ...zero },
      {
        period: '2026-11-04',
        from: '2026-11-04',
        to: '2026-11-04',
        ...zero,
        orders: 1,
        salesFen: 3000,
        netSalesFen: 3000,
        activeMembers: 1,
      },
      { period: '2026-11-05', from: '2026-11-05', to: '2026-11-05', ...zero },
    ]);
    // Weeks run Monday to Sunday; a range starting mid-week starts with that week.
    const weeks = c.t.call('reports.trend', { grain: 'week', from: '2026-10-28', to: '2026-11-15' }, c.manager);
    expect(weeks.points).toEqual([
      { period: '2026-10-26', from: '2026-10-26', to: '2026-11-01', ...zero, newMembers: 1 },
      {
        period: '2026-11-02',
        from: '2026-11-02',
        to: '2026-11-08',
        ...zero,
        orders: 3,
        salesFen: 18000,
        netSalesFen: 18000,
        activeMembers: 2,
        newMembers: 1,
      },
      { period: '2026-11-09', from: '2026-11-09', to: '2026-11-15', ...zero, refundsFen: 4000, netSalesFen: -4000 },
    ]);
    const months = c.t.call('reports.trend', { grain: 'month', from: '2026-10-15', to: '2026-12-02' }, c.manager);
    expect(months.points).toEqual([
      { period: '2026-10', from: '2026-10-01', to: '2026-10-31', ...zero, newMembers: 1 },
      {
        period: '2026-11',
        from: '2026-11-01',
        to: '2026-11-30',
        ...zero,
        orders: 3,
        salesFen: 18000,
        refundsFen: 4000,
        netSalesFen: 14000,
        activeMembers: 2,
        newMembers: 1,
      },
      { period: '2026-12', from: '2026-12-01', to: '2026-12-31', ...zero, orders: 1, salesFen: 2000, netSalesFen: 2000, activeMembers: 1 },
    ]);
  });

  it('refuses more periods than a chart can show, a range backwards, and a clerk', () => {
    const { c } = store();
    expect(issuesOf(failure(c.t, 'reports.trend', { grain: 'day', from: '2025-11-01', to: '2026-11-02' }, c.manager))).toEqual([
      { field: 'from', rule: 'too_many_periods', params: { max: 366 } },
    ]);
    expect(c.t.call('reports.trend', { grain: 'day', from: '2025-11-02', to: '2026-11-02' }, c.manager).points).toHaveLength(366);
    expect(issuesOf(failure(c.t, 'reports.trend', { grain: 'week', from: '2026-11-02', to: '2026-11-01' }, c.manager))).toEqual([
      { field: 'to', rule: 'end_before_start' },
    ]);
    expect(failure(c.t, 'reports.trend', { grain: 'day', from: '2026-11-01', to: '2026-11-02' }, c.clerk).code).toBe('FORBIDDEN');
    expect(failure(c.t, 'reports.breakdown', { period: '2026-11', dim: 'staff' }, c.clerk).code).toBe('FORBIDDEN');
    expect(failure(c.t, 'reports.sales', { from: '2026-11-01', to: '2026-11-02' }, c.clerk).code).toBe('FORBIDDEN');
  });
});

describe('reports.breakdown', () => {
  it('a month by category, by staff and by tier, largest first, with shares of net sales', () => {
    const { c } = store();
    const category = c.t.call('reports.breakdown', { period: '2026-11', dim: 'category' }, c.manager);
    expect(category.rows).toEqual([
      {
        key: '食品',
        label: '食品',
        orders: 1,
        salesFen: 10000,
        refundsFen: 4000,
        netSalesFen: 6000,
        share: expect.closeTo(6000 / 14000, 12),
      },
      { key: '', label: null, orders: 1, salesFen: 5000, refundsFen: 0, netSalesFen: 5000, share: expect.closeTo(5000 / 14000, 12) },
      { key: '日用', label: '日用', orders: 1, salesFen: 3000, refundsFen: 0, netSalesFen: 3000, share: expect.closeTo(3000 / 14000, 12) },
    ]);
    expect(category.total).toEqual({ orders: 3, salesFen: 18000, refundsFen: 4000, netSalesFen: 14000 });
    const staff = c.t.call('reports.breakdown', { period: '2026-11', dim: 'staff' }, c.manager);
    expect(staff.rows.map((r) => [r.label, r.orders, r.salesFen, r.refundsFen, r.netSalesFen])).toEqual([
      ['小李', 2, 13000, 4000, 9000], // the refund counts for who made it
      ['赵经理', 1, 5000, 0, 5000],
    ]);
    const tier = c.t.call('reports.breakdown', { period: '2026-Q4', dim: 'tier' }, c.manager);
    expect(tier.rows.map((r) => [r.label, r.orders, r.salesFen, r.refundsFen])).toEqual([['普通会员', 4, 20000, 4000]]);
    expect(c.t.call('reports.breakdown', { period: '2026-10', dim: 'tier' }, c.manager)).toEqual({
      period: '2026-10',
      dim: 'tier',
      rows: [],
      total: { orders: 0, salesFen: 0, refundsFen: 0, netSalesFen: 0 },
    });
  });
});

describe('reports.sales', () => {
  it('lists the sales behind a bar, newest first, filtered and paged', () => {
    const { c, jia, yi } = store();
    const all = c.t.call('reports.sales', { from: '2026-11-01', to: '2026-11-30' }, c.manager);
    expect(all.total).toBe(4); // 乙's 1 December sale is not in November
    expect(all.items.map((s) => [s.kind, s.memberName, s.paidFen, s.category, s.staffName, s.tierName])).toEqual([
      ['refund', '甲', 4000, '食品', '小李', '普通会员'],
      ['sale', '甲', 3000, '日用', '小李', '普通会员'],
      ['sale', '乙', 5000, null, '赵经理', '普通会员'],
      ['sale', '甲', 10000, '食品', '小李', '普通会员'],
    ]);
    const food = c.t.call('reports.sales', { from: '2026-11-01', to: '2026-12-01', only: { dim: 'category', key: '食品' } }, c.manager);
    expect(food.items.map((s) => [s.memberId, s.kind, s.paidFen])).toEqual([
      [yi, 'sale', 2000],
      [jia, 'refund', 4000],
      [jia, 'sale', 10000],
    ]);
    const none = c.t.call('reports.sales', { from: '2026-11-01', to: '2026-11-30', only: { dim: 'category', key: '' } }, c.manager);
    expect(none.items.map((s) => s.memberId)).toEqual([yi]);
    const first = c.t.call('reports.sales', { from: '2026-11-01', to: '2026-11-30', limit: 2, offset: 0 }, c.manager);
    expect(first.asOf).toBe(c.t.clock.now().toISOString());
    // A sale recorded between two pages (the clock moves on) does not shift the second page.
    c.advance(60_000);
    c.t.db
      .prepare(
        "INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, occurred_at, created_at) SELECT 'late', id, ?, 'sale', 700, 700, '2026-11-29T02:00:00.000Z', ? FROM branches",
      )
      .run(jia, c.t.clock.now().toISOString());
    const page = c.t.call('reports.sales', { from: '2026-11-01', to: '2026-11-30', limit: 2, offset: 2, upTo: first.asOf }, c.manager);
    expect(page.total).toBe(4);
    expect(page.items.map((s) => s.paidFen)).toEqual([5000, 10000]);
    expect(c.t.call('reports.sales', { from: '2026-11-01', to: '2026-11-30' }, c.manager).total).toBe(5);
  });
});
