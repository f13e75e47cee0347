import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../services/core/dispatch';
import { runMaintenance } from '../../../services/core/maintenance';
import { auditRows, issuesOf, snapshot } from '../fixtures';
import { DAY, consumptionsOf, counter, ledgerProblems, lotsOf, refused } from '../points-fixtures';

const lots = (c: ReturnType<typeof counter>, m: string) => lotsOf(c.t.db, m).map((l) => [l.points, l.remaining]);

describe('lots, oldest first', () => {
  it('redemptions and adjustments consume the oldest lot first, each point once', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 300);
    c.advance(DAY);
    c.buy(m, 200);
    c.advance(DAY);
    c.buy(m, 100);
    const r = c.t.call('points.redeem', { memberId: m, points: 400, reason: '兑换礼品' }, c.clerk);
    expect(r.valueFen).toBe(400);
    expect(r.entry).toMatchObject({
      kind: 'redeem',
      points: -400,
      shortfall: 0,
      reason: '兑换礼品',
      createdByName: '小李',
      balanceAfter: 200,
    });
    expect(r.balance).toMatchObject({ balance: 200, available: 200, locked: 0, availableValueFen: 200 });
    expect(consumptionsOf(c.t.db, r.entry.id)).toEqual([
      [300, 300],
      [200, 100],
    ]);
    expect(lots(c, m)).toEqual([
      [300, 0],
      [200, 100],
      [100, 100],
    ]);

    const a = c.t.call('points.adjust', { memberId: m, points: -150, reason: '录入错误' }, c.manager);
    expect(consumptionsOf(c.t.db, a.entry.id)).toEqual([
      [200, 100],
      [100, 50],
    ]);
    expect(lots(c, m)).toEqual([
      [300, 0],
      [200, 0],
      [100, 50],
    ]);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('spends around a lot past its date before the expiry run, which then takes it', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 1 } });
    const m = c.member();
    c.buy(m, 300); // expires 2026-06-16T16:00Z, the end of 16 June in Shanghai
    c.clockTo('2026-06-17T02:00:00.000Z');
    c.buy(m, 200);
    expect(c.t.call('points.balance', { memberId: m }, c.clerk)).toMatchObject({ balance: 500, available: 200, locked: 0 });
    const short = refused(c.t, 'points.redeem', { memberId: m, points: 300 }, c.clerk, 'INSUFFICIENT_POINTS');
    expect(short.details).toEqual({ available: 200, requested: 300 });
    c.t.call('points.redeem', { memberId: m, points: 200 }, c.clerk);
    expect(lots(c, m)).toEqual([
      [300, 300],
      [200, 0],
    ]);
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 1, points: 300, members: 1 });
    expect(lots(c, m)).toEqual([
      [300, 0],
      [200, 0],
    ]);
    expect(c.balance(m)).toBe(0);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});

describe('expiry', () => {
  it('expires a lot once, at the end of its last local day, however often it runs', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 10 } });
    const m = c.member();
    c.buy(m, 300);
    c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk);
    expect(lotsOf(c.t.db, m)[0].expires_at).toBe('2026-06-25T16:00:00.000Z');
    c.clockTo('2026-06-25T15:59:59.999Z');
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 0, points: 0, members: 0 });
    c.advance(1);
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 1, points: 200, members: 1 });
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 0, points: 0, members: 0 });
    c.advance(30 * DAY);
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 0, points: 0, members: 0 });
    const ledger = c.t.call('points.ledger', { memberId: m }, c.clerk).items;
    expect(ledger.map((e) => [e.kind, e.points, e.balanceAfter])).toEqual([
      ['expire', -200, 0],
      ['redeem', -100, 200],
      ['earn', 300, 300],
    ]);
    expect(ledger[0]).toMatchObject({ detail: { lots: 1 }, createdByName: '赵经理', createdAt: '2026-06-25T16:00:00.000Z' });
    expect(auditRows(c.t.db, 'points.expire')).toHaveLength(1);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('runs as the app itself (no staff), through the maintenance chores, and is refused to clerks', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'endOfMonth', months: 0 } });
    const [a, b] = [c.member(), c.member()];
    c.buy(a, 120);
    c.buy(b, 80);
    refused(c.t, 'points.expire', {}, c.clerk, 'FORBIDDEN');
    refused(c.t, 'points.expire', {}, null, 'UNAUTHENTICATED');
    c.clockTo('2026-06-30T16:00:00.000Z'); // 1 July, 00:00 in Shanghai
    expect(dispatch(c.t.app, { system: true }, 'points.expire', {})).toEqual({ ok: true, result: { lots: 2, points: 200, members: 2 } });
    expect(dispatch(c.t.app, { system: true }, 'points.expire', {})).toEqual({ ok: true, result: { lots: 0, points: 0, members: 0 } });
    expect(c.t.call('points.ledger', { memberId: a }, c.clerk).items[0]).toMatchObject({
      kind: 'expire',
      points: -120,
      createdByName: null,
    });

    c.buy(a, 50);
    c.clockTo('2026-07-31T16:00:00.000Z');
    runMaintenance(c.t.app);
    runMaintenance(c.t.app); // the job the first queued is still open: no second one
    c.t.runJobs();
    expect([c.balance(a), c.balance(b)]).toEqual([0, 0]);
    expect(c.t.call('points.ledger', { memberId: a }, c.clerk).items.map((e) => e.points)).toEqual([-50, 50, -120, 120]);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});

describe('refunds and the ledger', () => {
  it('takes back earned points in proportion, the shares adding up to exactly what was earned', () => {
    const c = counter();
    const m = c.member();
    const sale = c.buy(m, '99.99');
    expect(sale.earned).toBe(99);
    const refund = (amount: string) => c.t.call('purchases.refund', { purchaseId: sale.id, amount }, c.clerk);
    const parts = [refund('50'), refund('30.00'), refund('19.99')];
    expect(parts.map((r) => [r.refund.paidFen, r.reversed, r.refund.points])).toEqual([
      [5000, 49, -49],
      [3000, 30, -30],
      [1999, 20, -20],
    ]);
    expect(c.balance(m)).toBe(0);
    const err = refused(c.t, 'purchases.refund', { purchaseId: sale.id, amount: '0.01' }, c.clerk, 'CONFLICT');
    expect(err.details).toEqual({ reason: 'already_refunded' });
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it("takes a refund's points from the sale's own lot, not the oldest", () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 300);
    c.advance(DAY);
    const sale = c.buy(m, 200);
    expect(c.t.call('purchases.refund', { purchaseId: sale.id, amount: 150 }, c.clerk).reversed).toBe(150);
    expect(lots(c, m)).toEqual([
      [300, 300],
      [200, 50],
    ]);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('records what a refund could not take back because it was spent, and shows it to managers', () => {
    const c = counter();
    const m = c.member('张三');
    const sale = c.buy(m, 500);
    c.t.call('points.redeem', { memberId: m, points: 400 }, c.clerk);
    const r = c.t.call('purchases.refund', { purchaseId: sale.id, amount: 500 }, c.clerk);
    expect(r).toMatchObject({ reversed: 100, restored: 0, shortfall: 400, balance: { balance: 0, shortfall: 400 } });
    const entry = c.t.call('points.ledger', { memberId: m }, c.clerk).items[0];
    expect(entry).toMatchObject({
      kind: 'reverse',
      points: -100,
      shortfall: 400,
      purchaseId: r.refund.id,
      detail: { of: 'earn', saleId: sale.id },
      balanceAfter: 0,
    });
    expect(c.t.call('points.shortfalls', {}, c.manager)).toEqual({
      items: [{ entry, memberId: m, memberName: '张三', cardNo: 'SH0100000001' }],
      totalPoints: 400,
    });
    refused(c.t, 'points.shortfalls', {}, c.clerk, 'FORBIDDEN');
    // Later points are the member's: the shortfall is shown, never clawed back silently.
    expect(c.buy(m, 200).earned).toBe(200);
    expect(c.t.call('points.balance', { memberId: m }, c.clerk)).toMatchObject({ balance: 200, shortfall: 400 });
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('lists a shortfall with the balance right after it, points past their date included', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 1 } });
    const m = c.member();
    c.buy(m, 300);
    c.clockTo('2026-06-17T02:00:00.000Z'); // the 300 are past their date, not yet expired by the run
    const sale = c.buy(m, 200);
    c.t.call('points.redeem', { memberId: m, points: 200 }, c.clerk);
    const r = c.t.call('purchases.refund', { purchaseId: sale.id, amount: 200 }, c.clerk);
    expect(r).toMatchObject({ reversed: 0, shortfall: 200, balance: { balance: 300, available: 0 } });
    const entry = c.t.call('points.ledger', { memberId: m }, c.clerk).items[0];
    expect(entry).toMatchObject({ kind: 'reverse', points: 0, shortfall: 200, balanceAfter: 300 });
    expect(c.t.call('points.shortfalls', {}, c.manager).items.map((i) => i.entry)).toEqual([entry]);
  });

  it('keeps the cached balance of every member equal to the sum of their ledger', () => {
    const c = counter();
    const [a, b, d] = [c.member(), c.member(), c.member()];
    const s1 = c.buy(a, '1234.56');
    c.buy(b, 188);
    c.t.call('points.redeem', { memberId: a, points: 1000 }, c.clerk);
    c.t.call('purchases.refund', { purchaseId: s1.id, amount: 600 }, c.clerk);
    c.t.call('points.adjust', { memberId: d, points: 75, reason: '补录积分' }, c.manager);
    c.buy(b, 300, { redeemPoints: 100 });
    const rows = c.t.db
      .prepare(
        'SELECT m.points_balance AS cached, COALESCE(SUM(l.points), 0) AS ledger FROM members m LEFT JOIN points_ledger l ON l.member_id = m.id GROUP BY m.id ORDER BY m.card_no',
      )
      .all();
    expect(rows).toEqual([
      { cached: 0, ledger: 0 },
      { cached: 387, ledger: 387 },
      { cached: 75, ledger: 75 },
    ]);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});

describe('history and adjustments', () => {
  it('gives every entry the balance after it, also when only the latest are asked for', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 300);
    c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk);
    c.t.call('points.adjust', { memberId: m, points: 50, reason: '活动赠送' }, c.manager);
    c.buy(m, 40, { redeemPoints: 200 });
    const all = c.t.call('points.ledger', { memberId: m }, c.clerk).items;
    expect(all.map((e) => [e.kind, e.points, e.balanceAfter])).toEqual([
      ['earn', 38, 88],
      ['redeem', -200, 50],
      ['adjust', 50, 250],
      ['redeem', -100, 200],
      ['earn', 300, 300],
    ]);
    expect(c.t.call('points.ledger', { memberId: m, limit: 2 }, c.clerk).items).toEqual(all.slice(0, 2));
  });

  it('lets a manager give points as a lot under the current rules and take available points back', () => {
    const c = counter();
    const m = c.member();
    const given = c.t.call('points.adjust', { memberId: m, points: 50, reason: '  活动赠送 ' }, c.manager);
    expect(given.entry).toMatchObject({ kind: 'adjust', points: 50, reason: '活动赠送', createdByName: '赵经理', balanceAfter: 50 });
    expect(lotsOf(c.t.db, m)).toEqual([
      {
        points: 50,
        remaining: 50,
        earned_at: '2026-06-15T02:00:00.000Z',
        available_at: '2026-06-15T02:00:00.000Z',
        expires_at: '2027-06-30T16:00:00.000Z',
      },
    ]);
    refused(c.t, 'points.adjust', { memberId: m, points: -51, reason: '更正' }, c.manager, 'INSUFFICIENT_POINTS');
    expect(c.t.call('points.adjust', { memberId: m, points: -50, reason: '更正' }, c.manager).balance.balance).toBe(0);
    expect(auditRows(c.t.db, 'points.adjust').map((r) => JSON.parse(r.after_json!))).toEqual([
      { points: 50, reason: '活动赠送' },
      { points: -50, reason: '更正' },
    ]);
  });
});

describe('refusals write nothing', () => {
  it('refuses redeeming more than the balance, for an inactive member, and unknown members', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 250);
    expect(refused(c.t, 'points.redeem', { memberId: m, points: 300 }, c.clerk, 'INSUFFICIENT_POINTS').details).toEqual({
      available: 250,
      requested: 300,
    });
    expect(issuesOf(refused(c.t, 'points.redeem', { memberId: m, points: 0 }, c.clerk, 'VALIDATION'))).toEqual([
      { field: 'points', rule: 'too_small', params: { min: 1 } },
    ]);
    refused(c.t, 'points.redeem', { memberId: 'nobody', points: 100 }, c.clerk, 'NOT_FOUND');
    c.t.call('members.setStatus', { id: m, status: 'inactive' }, c.manager);
    refused(c.t, 'points.redeem', { memberId: m, points: 100 }, c.clerk, 'MEMBER_INACTIVE');
    expect(c.balance(m)).toBe(250);
  });

  it('refuses an adjustment without a reason, of zero, or by a clerk', () => {
    const c = counter();
    const m = c.member();
    for (const reason of [undefined, '', '   ']) {
      const err = refused(c.t, 'points.adjust', { memberId: m, points: 10, reason }, c.manager, 'VALIDATION');
      expect(issuesOf(err)).toEqual([{ field: 'reason', rule: 'required' }]);
    }
    expect(issuesOf(refused(c.t, 'points.adjust', { memberId: m, points: 0, reason: '为什么' }, c.manager, 'VALIDATION'))).toEqual([
      { field: 'points', rule: 'not_zero' },
    ]);
    expect(refused(c.t, 'points.adjust', { memberId: m, points: 10, reason: '送积分' }, c.clerk, 'FORBIDDEN').details).toMatchObject({
      needed: 'manager',
      role: 'clerk',
    });
    refused(c.t, 'points.adjust', { memberId: 'nobody', points: 10, reason: '送积分' }, c.manager, 'NOT_FOUND');
    expect(snapshot(c.t.db).points_ledger).toEqual([]);
  });
});

describe('the ledger checker every points test relies on', () => {
  // ledgerProblems is what the property, crash and import tests trust to find a broken ledger: it
  // must find each kind of break, for the whole store and for the one member it is narrowed to.
  it('finds a balance off its ledger, a debit its lots did not pay, and a credit taken from', () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 1 } });
    const [m, other] = [c.member(), c.member()];
    c.buy(m, 300);
    c.buy(other, 100);
    const r = c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk);
    c.clockTo('2027-01-10T02:00:00.000Z');
    c.t.call('points.expire', {}, c.manager);
    expect(ledgerProblems(c.t.db)).toEqual([]);
    const db = c.t.db;
    const credit = db.prepare('SELECT id FROM points_ledger WHERE member_id = ? AND points > 0 ORDER BY rowid LIMIT 1').pluck().get(m);
    const expiry = db.prepare("SELECT id FROM points_ledger WHERE member_id = ? AND kind = 'expire'").pluck().get(m);
    db.prepare('UPDATE members SET points_balance = points_balance + 1 WHERE id = ?').run(other);
    db.prepare('UPDATE lot_consumptions SET points = points - 1 WHERE ledger_id = ?').run(r.entry.id);
    db.prepare('UPDATE points_lots SET expired_points = expired_points - 1 WHERE expired_by = ?').run(expiry);
    db.prepare('INSERT INTO lot_consumptions (ledger_id, lot_id, points) SELECT ?, lot_id, 1 FROM lot_consumptions LIMIT 1').run(credit);
    const kinds = (problems: string[]) => [...new Set(problems.map((p) => p.split(':')[0]))].sort();
    expect(kinds(ledgerProblems(db))).toEqual(['balance', 'debit', 'lot', 'taken by a credit']);
    expect(kinds(ledgerProblems(db, other))).toEqual(['balance']);
    expect(
      ledgerProblems(db)
        .filter((p) => p.startsWith('debit'))
        .map((p) => JSON.parse(p.slice('debit: '.length)).id)
        .sort(),
    ).toEqual([r.entry.id, expiry].sort());
  });
});
