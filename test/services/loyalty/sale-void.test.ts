import { describe, expect, it } from 'vitest';
import { auditRows, issuesOf, rowCount } from '../fixtures';
import { counter, DAY, ledgerProblems, refused } from '../points-fixtures';
import { reportStore, sh } from '../report-fixtures';
import { fan, generate, tasks } from '../followup-fixtures';

// Voiding a mistaken sale (services/loyalty/sale-void.ts): a row of its own that undoes the sale's points
// and takes it out of every report as if it never happened. The clock starts at 10:00 in Shanghai.

const T0 = '2026-06-15T02:00:00.000Z';

describe('purchases.void', () => {
  it('gives the member back the last purchase before the voided sale, which the member list shows and filters by', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 100);
    c.advance(DAY);
    const sale = c.t.call('purchases.record', { memberId: m, amount: 80 }, c.clerk).purchase;
    const lastSale = () => c.t.call('members.list', { status: 'all' }, c.manager).items.find((x) => x.id === m)?.lastSaleAt;
    expect(lastSale()).toBe(sale.occurredAt);
    c.t.call('purchases.void', { purchaseId: sale.id, reason: '重复录入' }, c.manager);
    expect(lastSale()).toBe(T0);
  });

  it('takes back what a part-paid sale earned, gives back the points it used, and leaves the ledger sound', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 1000);
    const sale = c.t.call('purchases.record', { memberId: m, amount: 100, redeemPoints: 500 }, c.clerk).purchase;
    expect(c.balance(m)).toBe(595);
    c.advance(60_000);
    const r = c.t.call('purchases.void', { purchaseId: sale.id, reason: ' 重复录入 ' }, c.manager);
    expect(r.void).toMatchObject({
      kind: 'void',
      originalId: sale.id,
      memberId: m,
      amountFen: 10000,
      redeemedPoints: 500,
      redeemedFen: 500,
      paidFen: 9500,
      points: -95,
      note: '重复录入',
      occurredAt: T0,
      createdAt: '2026-06-15T02:01:00.000Z',
      createdByName: '赵经理',
      voided: false,
    });
    expect(r).toMatchObject({ reversed: 95, restored: 500, shortfall: 0, balance: { balance: 1000, available: 1000 } });
    expect(
      c.t.call('points.ledger', { memberId: m, limit: 2 }, c.clerk).items.map((e) => [e.kind, e.points, e.purchaseId, e.reason, e.detail]),
    ).toEqual([
      ['reverse', -95, r.void.id, '重复录入', { of: 'earn', saleId: sale.id, void: true }],
      ['reverse', 500, r.void.id, '重复录入', { of: 'redeem', saleId: sale.id, void: true }],
    ]);
    expect(ledgerProblems(c.t.db)).toEqual([]);

    const list = c.t.call('purchases.list', { memberId: m }, c.clerk);
    expect(list.items.map((p) => [p.kind, p.voided])).toEqual([
      ['void', false],
      ['sale', true],
      ['sale', false],
    ]);
    expect(list.totals).toEqual({ sales: 1, salesFen: 100000, refundsFen: 0, netFen: 100000 });
    // What the sale added to the 12-month spend is gone with it.
    expect(c.t.call('tiers.status', { memberId: m }, c.clerk).qualifying).toBe(100000);
    expect(auditRows(c.t.db, 'purchases.void')).toMatchObject([
      {
        entity: 'purchase',
        entity_id: r.void.id,
        staff_id: expect.any(String),
        before_json: expect.stringContaining(sale.id),
        after_json: expect.stringContaining('重复录入'),
      },
    ]);
    // Nothing is left of it to refund.
    expect(refused(c.t, 'purchases.refund', { purchaseId: sale.id, amount: 1 }, c.clerk, 'CONFLICT').details).toEqual({
      reason: 'sale_voided',
    });
  });

  it('undoes the upgrade the voided sale made: back on the tier and review date before it', () => {
    // The tryout: ¥100 lifted 吕冰佳 from 普通会员 to 银卡会员 (¥2,000 in 12 months), and was voided.
    const c = counter();
    const m = c.member('吕冰佳');
    c.buy(m, 1950);
    const tierRow = () => c.t.db.prepare('SELECT tier_id, tier_since, tier_review_at FROM members WHERE id = ?').get(m);
    const before = tierRow();
    c.advance(60_000);
    const sale = c.t.call('purchases.record', { memberId: m, amount: 100 }, c.clerk);
    expect([sale.upgraded, sale.tier.tier.name, sale.tier.reviewAt]).toEqual([true, '银卡会员', '2027-06-15T02:01:00.000Z']);
    const r = c.t.call('purchases.void', { purchaseId: sale.purchase.id, reason: '重复录入' }, c.manager);
    expect(r.tier).toEqual({ from: '银卡会员', to: '普通会员', reviewAt: null });
    expect(c.t.call('tiers.status', { memberId: m }, c.clerk)).toMatchObject({
      tier: { name: '普通会员' },
      reviewAt: null,
      qualifying: 195000,
    });
    expect(tierRow()).toEqual(before);
    expect(auditRows(c.t.db, 'tiers.restore').map((a) => JSON.parse(a.after_json!))).toEqual([
      { tier: '普通会员', reviewAt: null, reason: 'sale_voided', voidId: r.void.id },
    ]);
  });

  it('gives back the review date of the tier before, and keeps an upgrade the rest of the spend still earns', () => {
    const c = counter();
    const [m, other] = [c.member('甲'), c.member('乙')];
    c.buy(m, 2000); // 银卡会员 until 2027-06-15
    c.advance(30 * DAY);
    const gold = c.t.call('purchases.record', { memberId: m, amount: 8000 }, c.clerk);
    expect([gold.tier.tier.name, gold.tier.reviewAt]).toEqual(['金卡会员', '2027-07-15T02:00:00.000Z']);
    expect(c.t.call('purchases.void', { purchaseId: gold.purchase.id, reason: '记错会员' }, c.manager).tier).toEqual({
      from: '金卡会员',
      to: '银卡会员',
      reviewAt: '2027-06-15T02:00:00.000Z',
    });
    expect(c.t.call('tiers.status', { memberId: m }, c.clerk)).toMatchObject({
      tier: { name: '银卡会员' },
      reviewAt: '2027-06-15T02:00:00.000Z',
    });
    // 乙: the ¥100 that lifted her is voided, but the ¥100 typed after it is spend enough.
    c.buy(other, 1950);
    const lift = c.buy(other, 100);
    c.advance(60_000);
    c.buy(other, 100);
    expect(c.t.call('purchases.void', { purchaseId: lift.id, reason: '重复录入' }, c.manager).tier).toBeNull();
    expect(c.t.call('tiers.status', { memberId: other }, c.clerk)).toMatchObject({
      tier: { name: '银卡会员' },
      reviewAt: '2027-07-15T02:00:00.000Z',
    });
  });

  it('assesses the member afresh when the tier before the sale is not the one the trail names', () => {
    const c = counter();
    const m = c.member('甲');
    c.buy(m, 2000);
    c.advance(30 * DAY);
    // The manager renames 银卡会员: the trail's last move names a tier there no longer is.
    const config = c.t.call('tiers.list', {}, c.manager);
    c.t.call(
      'tiers.save',
      { ...config, tiers: config.tiers.map(({ rank: _rank, ...t }) => (t.name === '银卡会员' ? { ...t, name: '银卡' } : t)) },
      c.manager,
    );
    const gold = c.buy(m, 8000);
    expect(c.t.call('purchases.void', { purchaseId: gold.id, reason: '记错会员' }, c.manager).tier).toEqual({
      from: '金卡会员',
      to: '银卡',
      reviewAt: '2027-07-15T02:00:00.000Z',
    });
  });

  it('records the points already spent as a shortfall, as a refund does, never a negative balance', () => {
    const c = counter();
    const m = c.member();
    const sale = c.buy(m, 300);
    c.t.call('points.redeem', { memberId: m, points: 250 }, c.clerk);
    const r = c.t.call('purchases.void', { purchaseId: sale.id, reason: '记错会员' }, c.manager);
    expect(r).toMatchObject({ reversed: 50, restored: 0, shortfall: 250, balance: { balance: 0, shortfall: 250 } });
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('cancels the callback the sale planned: there was no purchase to ask about', () => {
    const c = counter();
    const m = c.member();
    const sale = c.buy(m, 300);
    const task = () => c.t.db.prepare("SELECT status FROM followups WHERE purchase_id = ? AND kind = 'post_purchase'").pluck().get(sale.id);
    expect(task()).toBe('planned');
    c.t.call('purchases.void', { purchaseId: sale.id, reason: '重复录入' }, c.manager);
    expect(task()).toBe('cancelled');
    expect(auditRows(c.t.db, 'followups.cancel').map((a) => JSON.parse(a.after_json!))).toEqual([
      { status: 'cancelled', reason: 'sale_voided', voidId: expect.any(String) },
    ]);
    // The generator does not plan it again.
    c.t.call('followups.generate', {}, c.manager);
    expect(rowCount(c.t.db, 'followups')).toBe(1);
  });

  it('only a manager or admin voids, only on the sale’s own local day, once, and never a refunded sale', () => {
    const c = counter();
    const m = c.member();
    const [a, b, d, e] = [c.buy(m, 10), c.buy(m, 20), c.buy(m, 30), c.buy(m, 40)];
    const reason = '重复录入';
    refused(c.t, 'purchases.void', { purchaseId: a.id, reason }, c.clerk, 'FORBIDDEN');
    refused(c.t, 'purchases.void', { purchaseId: a.id, reason }, null, 'UNAUTHENTICATED');
    expect(issuesOf(refused(c.t, 'purchases.void', { purchaseId: a.id, reason: '  ' }, c.manager, 'VALIDATION'))).toEqual([
      { field: 'reason', rule: 'required' },
    ]);
    refused(c.t, 'purchases.void', { purchaseId: 'nothing', reason }, c.manager, 'NOT_FOUND');
    c.t.call('purchases.refund', { purchaseId: b.id, amount: 1 }, c.clerk);
    expect(refused(c.t, 'purchases.void', { purchaseId: b.id, reason }, c.manager, 'CONFLICT').details).toEqual({
      reason: 'sale_refunded',
    });
    const refundRow = c.t.call('purchases.list', { memberId: m }, c.clerk).items.find((p) => p.kind === 'refund')!;
    refused(c.t, 'purchases.void', { purchaseId: refundRow.id, reason }, c.manager, 'NOT_FOUND');
    const v = c.t.call('purchases.void', { purchaseId: a.id, reason }, c.admin).void;
    expect(refused(c.t, 'purchases.void', { purchaseId: a.id, reason }, c.manager, 'CONFLICT').details).toEqual({
      reason: 'already_voided',
    });
    refused(c.t, 'purchases.void', { purchaseId: v.id, reason }, c.manager, 'NOT_FOUND');
    // 23:59:59 in Shanghai is still the sale's day; a second later it is not.
    c.clockTo(sh('2026-06-15T23:59'));
    c.advance(59_000);
    c.t.call('purchases.void', { purchaseId: d.id, reason }, c.manager);
    c.advance(1000);
    expect(refused(c.t, 'purchases.void', { purchaseId: e.id, reason }, c.manager, 'CONFLICT').details).toEqual({
      reason: 'void_not_today',
      saleDate: '2026-06-15',
      today: '2026-06-16',
    });
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});

describe('a voided sale in the reports', () => {
  /**
   * June, Shanghai. 甲 buys ¥100 at 10:00 and ¥50 at 11:00 (food), 乙 ¥80 at 12:00; 乙's sale and
   * 甲's second are voided the same afternoon. What is left: one order, 甲's ¥100.
   */
  function store() {
    const c = reportStore('2026-06-10T09:00');
    const [jia, yi] = [c.member('甲'), c.member('乙')];
    c.at('2026-06-10T10:00');
    c.buy(jia, 100, { category: '食品' });
    c.at('2026-06-10T11:00');
    const second = c.buy(jia, 50, { category: '食品' });
    c.at('2026-06-10T12:00');
    const yiSale = c.buy(yi, 80);
    // Read before the voids, so the summaries have counted the sales and must take them out again.
    const before = c.t.call('reports.summary', { period: '2026-06' }, c.manager).current;
    c.at('2026-06-10T15:00');
    c.t.call('purchases.void', { purchaseId: second.id, reason: '重复录入' }, c.manager);
    c.t.call('purchases.void', { purchaseId: yiSale.id, reason: '记错会员' }, c.manager);
    return { c, jia, yi, before };
  }

  it('counts it out of orders, sales and activity, not as a refund', () => {
    const { c, before } = store();
    expect(before).toMatchObject({ orders: 3, salesFen: 23000, activeMembers: 2, repurchaseRate: 0.5 });
    expect(c.t.call('reports.summary', { period: '2026-06' }, c.manager).current).toMatchObject({
      orders: 1,
      salesFen: 10000,
      refundsFen: 0,
      netSalesFen: 10000,
      aovFen: 10000,
      activeMembers: 1,
      repurchaseRate: 0,
      // The points the voided sales earned were never issued (nor taken back by a refund).
      pointsIssued: 100,
      pointsReversed: 0,
      pointsOutstanding: 100,
    });
    const day = c.t.call('reports.trend', { grain: 'day', from: '2026-06-10', to: '2026-06-10' }, c.manager).points[0];
    expect(day).toMatchObject({ orders: 1, salesFen: 10000, refundsFen: 0, activeMembers: 1 });
    expect(
      c.t.call('reports.breakdown', { period: '2026-06', dim: 'category' }, c.manager).rows.map((r) => [r.key, r.orders, r.salesFen]),
    ).toEqual([['食品', 1, 10000]]);
    const staff = c.t.call('reports.breakdown', { period: '2026-06', dim: 'staff' }, c.manager).rows;
    expect(staff.map((r) => [r.label, r.orders, r.salesFen])).toEqual([['小李', 1, 10000]]); // the sales' clerk, not the manager who voided
    const lines = c.t.call('reports.sales', { from: '2026-06-10', to: '2026-06-10' }, c.manager);
    expect([lines.total, lines.items.map((l) => [l.kind, l.paidFen])]).toEqual([1, [['sale', 10000]]]);
  });

  it('cancels the points the sale earned and redeemed, as in a store where it never happened', () => {
    // The tryout: ¥1000 first, then a ¥399 bill of which 300 points (¥3) paid part, typed twice;
    // the second is voided. Each ¥399 sale earns 396 (¥396 paid) and redeems 300.
    const tryout = (typedTwice: boolean) => {
      const c = reportStore('2026-06-10T09:00');
      const m = c.member('吕冰佳');
      c.at('2026-06-10T10:00');
      c.buy(m, 1000);
      c.buy(m, 399, { redeemPoints: 300 });
      if (typedTwice) {
        const again = c.buy(m, 399, { redeemPoints: 300 });
        c.at('2026-06-10T10:05');
        c.t.call('purchases.void', { purchaseId: again.id, reason: '重复录入' }, c.manager);
      }
      const k = c.t.call('reports.summary', { period: '2026-06' }, c.manager).current;
      return { balance: c.balance(m), points: [k.pointsIssued, k.pointsRedeemed, k.pointsReversed, k.pointsExpired, k.pointsOutstanding] };
    };
    const voided = tryout(true);
    // Issued 1000 + 396, redeemed 300, nothing reversed or expired, 1000 − 300 + 396 outstanding.
    expect(voided).toEqual({ balance: 1096, points: [1396, 300, 0, 0, 1096] });
    expect(voided).toEqual(tryout(false));
  });

  it('leaves it out of RFM and the lifecycle stage', () => {
    const { c, jia, yi } = store();
    const w = { asOf: '2026-06-10', windowMonths: 12, marginPct: 30, expectedYears: 3 };
    expect(c.t.call('reports.memberRfm', { memberId: jia, ...w }, c.manager).scores).toMatchObject({
      frequency: 1,
      monetaryFen: 10000,
      recencyDays: 0,
    });
    // 乙's only sale is gone: no score, and still a prospect.
    expect(c.t.call('reports.memberRfm', { memberId: yi, ...w }, c.manager).scores).toBeNull();
    expect(c.t.call('reports.rfm', w, c.manager)).toMatchObject({ scored: 1, unscored: 1 });
    const stages = c.t.call('reports.lifecycle', { asOf: '2026-06-10', compareDays: 30 }, c.manager).stages;
    expect(Object.fromEntries(stages.filter((s) => s.members > 0).map((s) => [s.stage, s.members]))).toEqual({ new: 1, prospect: 1 });
  });

  it('is no last purchase for a win-back call', () => {
    const c = counter();
    const [jia, yi] = [fan(c, '甲'), fan(c, '乙')];
    const kept = c.buy(jia, 100);
    c.advance(60_000);
    c.t.call('purchases.void', { purchaseId: c.buy(jia, 100).id, reason: '重复录入' }, c.manager);
    c.t.call('purchases.void', { purchaseId: c.buy(yi, 80).id, reason: '记错会员' }, c.manager);
    c.advance(90 * DAY); // the default rule: a call 90 days after the last sale
    generate(c);
    // 甲 is called about the sale that stands; 乙 never bought anything.
    expect(tasks(c, 'reactivation').map(([name]) => name)).toEqual(['甲']);
    expect(c.t.db.prepare("SELECT source_key FROM followups WHERE kind = 'reactivation'").pluck().all()).toEqual([
      `reactivation:${jia}:${kept.id}`,
    ]);
  });
});
