import { describe, expect, it } from 'vitest';
import { loginAs, makeTestApp, setUpBranch } from '../helpers';

describe('purchases and points smoke', () => {
  it('earns, redeems, refunds', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const clerk = loginAs(t, admin, 'clerk');
    const m = t.call('members.create', { name: '张三', phone: '13812345678', consentData: true }, clerk);
    const p = t.call('purchases.record', { memberId: m.id, amount: '250.50', receiptNo: 'R1' }, clerk);
    expect(p.earned).toBe(250);
    expect(p.balance.balance).toBe(250);
    const p2 = t.call('purchases.record', { memberId: m.id, amount: 100, redeemPoints: 200 }, clerk);
    // 200 points = ¥2 of the ¥100 bill; 98 earned on the ¥98 paid.
    expect(p2.purchase.paidFen).toBe(9800);
    expect(p2.earned).toBe(98);
    expect(p2.balance.balance).toBe(148);
    // The first sale's 250 points: 50 still in its lot, 98 from the other, 102 already spent.
    const r = t.call('purchases.refund', { purchaseId: p.purchase.id, amount: '250.50' }, clerk);
    expect(r).toMatchObject({ reversed: 148, shortfall: 102, restored: 0 });
    expect(r.balance.balance).toBe(0);
    // The second sale gives back its 200 redeemed points and takes back its 98.
    const r2 = t.call('purchases.refund', { purchaseId: p2.purchase.id, amount: 100 }, clerk);
    expect(r2).toMatchObject({ reversed: 98, shortfall: 0, restored: 200 });
    expect(r2.balance.balance).toBe(102);
    const ledger = t.call('points.ledger', { memberId: m.id }, clerk);
    expect(ledger.items[0].balanceAfter).toBe(102);
    expect(t.call('tiers.status', { memberId: m.id }, clerk).tier.rank).toBe(0);
  });
});
