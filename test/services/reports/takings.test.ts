import { describe, expect, it } from 'vitest';
import { takingsBetween } from '../../../services/reports/takings';
import { auditRows, issuesOf } from '../fixtures';
import { counter, refused } from '../points-fixtures';

// The clock stands at 2026-06-15T02:00Z: 10:00 on 15 June in Shanghai, the store's zone.
const T0 = '2026-06-15T02:00:00.000Z';

describe('takings.set, get and list', () => {
  it("records a day's takings in fen, reads it back and lists the days that have one", () => {
    const c = counter();
    const saved = c.t.call('takings.set', { date: '2026-06-14', amount: '¥12,345.60', note: ' 含团购 ' }, c.clerk);
    expect(saved).toEqual({ date: '2026-06-14', totalFen: 1234560, note: '含团购', updatedAt: T0, updatedByName: '小李' });
    c.t.call('takings.set', { date: '2026-06-15', amount: 800 }, c.clerk);
    c.t.call('takings.set', { date: '2026-06-01', amount: '99.9' }, c.manager);

    expect(c.t.call('takings.get', { date: '2026-06-14' }, c.clerk)).toEqual({ takings: saved });
    expect(c.t.call('takings.get', { date: '2026-06-13' }, c.clerk)).toEqual({ takings: null });
    const list = c.t.call('takings.list', { from: '2026-06-02', to: '2026-06-15' }, c.clerk);
    expect(list.items.map((d) => [d.date, d.totalFen, d.note])).toEqual([
      ['2026-06-14', 1234560, '含团购'],
      ['2026-06-15', 80000, null],
    ]);
    expect(list.totalFen).toBe(1314560);

    const audit = auditRows(c.t.db, 'takings.set');
    expect(audit.map((a) => [a.entity, a.entity_id, a.before_json, a.after_json])).toEqual([
      ['takings', '2026-06-14', null, JSON.stringify({ totalFen: 1234560, note: '含团购' })],
      ['takings', '2026-06-15', null, JSON.stringify({ totalFen: 80000, note: null })],
      ['takings', '2026-06-01', null, JSON.stringify({ totalFen: 9990, note: null })],
    ]);
  });

  it("refuses a negative or zero amount, a date in the store's future and a date that is not one, changing nothing", () => {
    const c = counter();
    const amountRule = (amount: unknown) => issuesOf(refused(c.t, 'takings.set', { date: '2026-06-14', amount }, c.manager, 'VALIDATION'));
    expect(amountRule('-5')).toEqual([{ field: 'amount', rule: 'not_positive' }]);
    expect(amountRule(-5)).toEqual([{ field: 'amount', rule: 'not_positive' }]);
    expect(amountRule('0')).toEqual([{ field: 'amount', rule: 'not_positive' }]);
    expect(amountRule('12.345')).toEqual([{ field: 'amount', rule: 'too_many_decimals' }]);
    expect(amountRule('十元')).toEqual([{ field: 'amount', rule: 'invalid_amount' }]);
    const dateRule = (date: unknown) => issuesOf(refused(c.t, 'takings.set', { date, amount: '100' }, c.manager, 'VALIDATION'));
    expect(dateRule('2026-06-16')).toEqual([{ field: 'date', rule: 'in_the_future' }]);
    expect(dateRule('2026-02-30')).toEqual([{ field: 'date', rule: 'invalid_date' }]);
    expect(dateRule('2026/06/14')).toEqual([{ field: 'date', rule: 'invalid_date' }]);
    expect(dateRule(undefined)).toEqual([{ field: 'date', rule: 'required' }]);
    expect(issuesOf(refused(c.t, 'takings.set', { date: '2026-06-14', amount: '1', till: 2 }, c.manager, 'VALIDATION'))).toEqual([
      expect.objectContaining({ rule: 'unknown_field' }),
    ]);
    refused(c.t, 'takings.set', { date: '2026-06-14', amount: '100' }, null, 'UNAUTHENTICATED');
    refused(c.t, 'takings.get', { date: '2026-06-14' }, null, 'UNAUTHENTICATED');
  });

  it('takes "today" in the store\'s time zone, not UTC', () => {
    // 01:00 on 16 June in Shanghai, still 15 June in UTC.
    const c = counter('2026-06-15T17:00:00.000Z');
    expect(c.t.call('takings.set', { date: '2026-06-16', amount: '500' }, c.clerk)).toMatchObject({ date: '2026-06-16', totalFen: 50000 });
    expect(issuesOf(refused(c.t, 'takings.set', { date: '2026-06-17', amount: '500' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'date', rule: 'in_the_future' },
    ]);
  });

  it('lets a clerk enter a day once: a different figure is CONFLICT, the same one again changes nothing', () => {
    const c = counter();
    const first = c.t.call('takings.set', { date: '2026-06-14', amount: '1000', note: '晚班' }, c.clerk);
    const e = refused(c.t, 'takings.set', { date: '2026-06-14', amount: '1200' }, c.clerk, 'CONFLICT');
    expect(e.details).toEqual({ reason: 'takings_exists', date: '2026-06-14' });
    refused(c.t, 'takings.set', { date: '2026-06-14', amount: '1000', note: '改了备注' }, c.clerk, 'CONFLICT');
    // A retried save (a double Enter, a lost answer) is not an overwrite.
    c.t.clock.advance(60_000);
    expect(c.t.call('takings.set', { date: '2026-06-14', amount: '1000.00', note: '晚班' }, c.clerk)).toEqual(first);
    expect(auditRows(c.t.db, 'takings.set')).toHaveLength(1);
  });

  it("lets a manager or admin replace a day's figure, auditing what it was and what it became", () => {
    const c = counter();
    c.t.call('takings.set', { date: '2026-06-14', amount: '1000', note: '晚班' }, c.clerk);
    c.t.clock.advance(3_600_000);
    const fixed = c.t.call('takings.set', { date: '2026-06-14', amount: '1100.50', note: '漏了一张小票' }, c.manager);
    expect(fixed).toEqual({
      date: '2026-06-14',
      totalFen: 110050,
      note: '漏了一张小票',
      updatedAt: '2026-06-15T03:00:00.000Z',
      updatedByName: '赵经理',
    });
    c.t.call('takings.set', { date: '2026-06-14', amount: '1100' }, c.admin);

    const audit = auditRows(c.t.db, 'takings.set');
    expect(audit.map((a) => [a.before_json && JSON.parse(a.before_json), JSON.parse(a.after_json!)])).toEqual([
      [null, { totalFen: 100000, note: '晚班' }],
      [
        { totalFen: 100000, note: '晚班' },
        { totalFen: 110050, note: '漏了一张小票' },
      ],
      [
        { totalFen: 110050, note: '漏了一张小票' },
        { totalFen: 110000, note: null },
      ],
    ]);
    // Who first entered the day stays on the row; the last writer is shown.
    expect(
      c.t.db.prepare("SELECT s.name FROM store_takings t JOIN staff s ON s.id = t.created_by WHERE t.date = '2026-06-14'").get(),
    ).toEqual({ name: '小李' });
    expect(c.t.call('takings.get', { date: '2026-06-14' }, c.clerk).takings).toMatchObject({
      totalFen: 110000,
      note: null,
      updatedByName: '王店长',
    });
  });

  it('lists at most 366 days, from before to', () => {
    const c = counter();
    expect(c.t.call('takings.list', { from: '2025-06-15', to: '2026-06-15' }, c.clerk)).toEqual({ items: [], totalFen: 0 });
    expect(issuesOf(refused(c.t, 'takings.list', { from: '2025-06-14', to: '2026-06-15' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'to', rule: 'range_too_long' },
    ]);
    expect(issuesOf(refused(c.t, 'takings.list', { from: '2026-06-15', to: '2026-06-14' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'to', rule: 'end_before_start' },
    ]);
    expect(issuesOf(refused(c.t, 'takings.list', { from: '2026-06-31', to: '2026-07-01' }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'from', rule: 'invalid_date' },
    ]);
  });
});

describe('takingsBetween', () => {
  it('sums the days in the range that have a figure and names them, for a member share on the same days', () => {
    const c = counter();
    for (const [date, amount] of [
      ['2026-05-31', '7000'],
      ['2026-06-01', '1000.10'],
      ['2026-06-03', '2000'],
      ['2026-06-15', '500'],
    ]) {
      c.t.call('takings.set', { date, amount }, c.manager);
    }
    expect(takingsBetween(c.t.db, '2026-06-01', '2026-06-30')).toEqual({
      days: ['2026-06-01', '2026-06-03', '2026-06-15'],
      totalFen: 350010,
    });
    expect(takingsBetween(c.t.db, '2026-06-02', '2026-06-02')).toEqual({ days: [], totalFen: 0 });
    expect(takingsBetween(c.t.db, '2026-05-31', '2026-05-31')).toEqual({ days: ['2026-05-31'], totalFen: 700000 });
  });
});
