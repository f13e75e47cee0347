import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import { catchUpSummary, computeSummary, storedSummary, summaryIsCurrent } from '../../../services/reports/summaries';
import { auditRows, failure, issuesOf, snapshot } from '../fixtures';
import { consumptionsOf, counter, DAY, lotsOf, problemsAfterMerges, refused, tierInput, type Counter } from '../points-fixtures';
import { fan, generate } from '../followup-fixtures';
import { plainSummary } from '../report-fixtures';

// 合并会员 (docs/members.md): a duplicate registration (B) merged into the member who stays (A).

const merge = (c: Counter, keepId: string, mergeId: string, reason?: string) =>
  c.t.call('members.merge', { keepId, mergeId, reason }, c.manager);

/** B's lot of 100 expires at the end of June 2027 (Shanghai), A's of 300 forty days later at the end of July; then B is merged into A. */
function lotsFortyDaysApart() {
  const c = counter();
  const a = c.member('甲');
  const b = c.member('乙');
  c.buy(b, 100);
  c.advance(40 * DAY);
  c.buy(a, 300);
  merge(c, a, b);
  return { c, a, b };
}

const ledgerOf = (db: DB, memberId: string) =>
  db.prepare('SELECT * FROM points_ledger WHERE member_id = ? ORDER BY rowid').all(memberId) as Array<Record<string, unknown>>;
const sum = (db: DB, memberId: string) =>
  (db.prepare('SELECT COALESCE(SUM(points), 0) AS n FROM points_ledger WHERE member_id = ?').get(memberId) as { n: number }).n;

describe('members.merge', () => {
  it('moves the history to the member who stays and leaves a tombstone; the ledger is only appended to', () => {
    const c = counter();
    const a = c.member('张三', { tags: ['VIP'] });
    const b = c.member('张叁', { tags: ['宝妈', 'VIP'] });
    c.buy(a, 300);
    const bSale = c.buy(b, 500, { category: '茶叶' });
    c.t.call('points.redeem', { memberId: b, points: 200 }, c.clerk);
    c.t.call('points.adjust', { memberId: b, points: 50, reason: '补录' }, c.manager);
    c.t.call('feedback.create', { memberId: b, category: 'service', description: '等太久' }, c.clerk);
    const bLedger = ledgerOf(c.t.db, b);
    const bLots = lotsOf(c.t.db, b);
    c.advance(DAY);

    const r = merge(c, a, b, '同一人两张卡');
    const now = c.t.clock.now().toISOString();
    expect(r.points).toBe(350);
    expect(r.moved).toEqual({ purchases: 1, pointsLots: 2, followups: 1, feedback: 1 }); // the sale's callback moved too
    expect(r.merged).toMatchObject({
      id: b,
      status: 'inactive',
      mergedInto: { id: a, name: '张三', cardNo: 'SH0100000001' },
      mergedAt: now,
      updatedAt: now,
      version: 2,
    });
    expect(r.kept).toMatchObject({ id: a, status: 'active', mergedInto: null, tags: ['VIP', '宝妈'], updatedAt: now, version: 2 });
    expect(c.t.call('members.get', { id: b }, c.clerk)).toEqual(r.merged);

    // B's own entries are untouched; one merge entry each side carries the balance.
    const after = ledgerOf(c.t.db, b);
    expect(after.slice(0, -1)).toEqual(bLedger);
    expect(after.at(-1)).toMatchObject({ kind: 'merge', points: -350, reason: '张三 (SH0100000001)', purchase_id: null });
    expect(JSON.parse(String(after.at(-1)!.detail_json))).toEqual({ memberId: a, cardNo: 'SH0100000001' });
    expect(ledgerOf(c.t.db, a).at(-1)).toMatchObject({ kind: 'merge', points: 350, reason: '张叁 (SH0100000002)' });
    expect([sum(c.t.db, b), c.balance(b), c.balance(a), sum(c.t.db, a)]).toEqual([0, 0, 650, 650]);
    // The lots came along with their dates, oldest first as before.
    expect(lotsOf(c.t.db, b)).toEqual([]);
    expect(lotsOf(c.t.db, a).filter((l) => bLots.some((x) => x.earned_at === l.earned_at && x.points === l.points))).toHaveLength(2);
    expect(problemsAfterMerges(c.t.db)).toEqual([]);

    expect(c.t.call('purchases.list', { memberId: a }, c.clerk).items.map((p) => p.id)).toContain(bSale.id);
    expect(c.t.call('purchases.list', { memberId: b }, c.clerk).items).toEqual([]);
    expect(c.t.call('feedback.list', { memberId: a }, c.clerk).items).toHaveLength(1);

    const [audit] = auditRows(c.t.db, 'members.merge');
    expect(audit).toMatchObject({ entity: 'member', entity_id: b });
    expect(JSON.parse(audit.before_json!)).toMatchObject({
      keep: { id: a, version: 1, tags: ['VIP'] },
      merged: { id: b, status: 'active', merged_into: null, points_balance: 350 },
    });
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      keep: { id: a, version: 2, points_balance: 650, tags: ['VIP', '宝妈'] },
      merged: { id: b, status: 'inactive', merged_into: a, merged_at: now, points_balance: 0 },
      moved: r.moved,
      points: 350,
      reason: '同一人两张卡',
    });
  });

  it('still finds the duplicate by its phone and card, naming the member to open', () => {
    const c = counter();
    const a = c.member('张三');
    const b = c.member('张叁');
    merge(c, a, b);
    for (const q of ['13800000002', 'SH0100000002', '0002']) {
      const found = c.t.call('members.search', { q }, c.clerk);
      expect(
        found.items.find((i) => i.id === b),
        q,
      ).toMatchObject({ status: 'inactive', mergedInto: { id: a, name: '张三', cardNo: 'SH0100000001' } });
    }
    expect(c.t.call('members.search', { q: '13800000002' }, c.clerk).exact).toBe(b);
    expect(c.t.call('members.search', { q: '13800000001' }, c.clerk).items[0].mergedInto).toBeNull();
    // Merged again later (A into C): B's phone opens C, the end of the chain.
    const cc = c.member('张三丰');
    merge(c, cc, a);
    expect(c.t.call('members.search', { q: '13800000002' }, c.clerk).items[0].mergedInto).toEqual({
      id: cc,
      name: '张三丰',
      cardNo: 'SH0100000003',
    });
    expect(c.t.call('members.get', { id: b }, c.clerk).mergedInto?.id).toBe(cc);
  });

  it('a refund of a sale that moved reverses its points from the member who has it now', () => {
    const c = counter();
    const a = c.member('甲');
    const b = c.member('乙');
    c.buy(a, 100);
    const sale = c.buy(b, 400);
    merge(c, a, b);
    expect(c.balance(a)).toBe(500);
    const refund = c.t.call('purchases.refund', { purchaseId: sale.id, amount: 400 }, c.clerk);
    expect(refund).toMatchObject({ reversed: 400, shortfall: 0 });
    expect(refund.refund.memberId).toBe(a);
    const reverse = c.t.db.prepare("SELECT id, member_id FROM points_ledger WHERE kind = 'reverse'").get() as {
      id: string;
      member_id: string;
    };
    expect(reverse.member_id).toBe(a);
    expect(consumptionsOf(c.t.db, reverse.id)).toEqual([[400, 400]]); // the sale's own lot, not A's older one
    expect([c.balance(a), c.balance(b)]).toEqual([100, 0]);
    expect(problemsAfterMerges(c.t.db)).toEqual([]);
  });

  it('moved lots are spent oldest first, and what is left of them expires on its own date, from the member who stays', () => {
    const { c, a } = lotsFortyDaysApart();
    expect(lotsOf(c.t.db, a).map((l) => [l.points, l.expires_at])).toEqual([
      [100, '2027-06-30T16:00:00.000Z'],
      [300, '2027-07-31T16:00:00.000Z'],
    ]);
    const redeem = c.t.call('points.redeem', { memberId: a, points: 150 }, c.clerk);
    expect(consumptionsOf(c.t.db, redeem.entry.id)).toEqual([
      [100, 100],
      [300, 50],
    ]);
    c.t.call('points.adjust', { memberId: a, points: -100, reason: '更正' }, c.manager);
    expect(c.balance(a)).toBe(150);
    c.clockTo('2027-07-01T00:00:00.000Z');
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 0, points: 0, members: 0 }); // B's lot was spent first
    c.clockTo('2027-08-01T00:00:00.000Z');
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 1, points: 150, members: 1 });
    expect(problemsAfterMerges(c.t.db)).toEqual([]);
  });

  it('a moved lot still holding points expires from the member who stays', () => {
    const { c, a, b } = lotsFortyDaysApart();
    c.clockTo('2027-07-01T00:00:00.000Z');
    expect(c.t.call('points.expire', {}, c.manager)).toEqual({ lots: 1, points: 100, members: 1 });
    expect(c.t.call('points.expire', {}, c.manager).points).toBe(0);
    expect(ledgerOf(c.t.db, a).at(-1)).toMatchObject({ kind: 'expire', points: -100 });
    expect([c.balance(a), c.balance(b)]).toEqual([300, 0]);
    expect(problemsAfterMerges(c.t.db)).toEqual([]);
  });

  it('upgrades the member who stays when the combined spend earns it, and never downgrades', () => {
    const c = counter();
    const a = c.member('甲');
    const b = c.member('乙');
    c.buy(a, 1500);
    c.buy(b, 1000);
    const preview = c.t.call('members.mergePreview', { keepId: a, mergeId: b }, c.manager);
    expect(preview).toMatchObject({
      keep: { id: a, points: 1500, sales: 1, netFen: 150000, tierName: '普通会员', openFollowups: 1, feedback: 0 },
      merge: { id: b, points: 1000, sales: 1, netFen: 100000, tierName: '普通会员' },
      after: { points: 2500, sales: 2, netFen: 250000, tierName: '银卡会员', upgraded: true },
    });
    expect(merge(c, a, b).upgraded).toBe(true);
    expect(c.t.call('tiers.status', { memberId: a }, c.clerk)).toMatchObject({ tier: { name: '银卡会员' }, qualifying: 250000 });

    const gold = c.member('丙');
    const big = c.buy(gold, 12000);
    c.t.call('purchases.refund', { purchaseId: big.id, amount: 11000 }, c.clerk);
    const small = c.member('丁');
    c.buy(small, 100);
    expect(c.t.call('members.mergePreview', { keepId: gold, mergeId: small }, c.manager).after).toMatchObject({
      tierName: '金卡会员',
      upgraded: false,
    });
    expect(merge(c, gold, small).upgraded).toBe(false);
    expect(c.t.call('tiers.status', { memberId: gold }, c.clerk).tier.name).toBe('金卡会员');
  });

  it('counts points earned by the duplicate when tiers go by points', () => {
    const c = counter();
    const tiers = tierInput(c.t, c.manager, {
      银卡会员: { threshold: 2000 },
      金卡会员: { threshold: 5000 },
      钻石会员: { threshold: 9000 },
    });
    c.t.call('tiers.save', { basis: 'points', windowMonths: 12, reviewMonths: 12, tiers }, c.manager);
    const a = c.member('甲');
    const b = c.member('乙');
    c.buy(a, 1200);
    c.buy(b, 1000);
    expect(c.t.call('members.mergePreview', { keepId: a, mergeId: b }, c.manager).after).toMatchObject({
      tierName: '银卡会员',
      upgraded: true,
    });
    expect(merge(c, a, b).upgraded).toBe(true);
    expect(c.t.call('tiers.status', { memberId: a }, c.clerk)).toMatchObject({ qualifying: 2200, tier: { name: '银卡会员' } });
    expect(c.t.call('tiers.review', {}, c.manager)).toMatchObject({ downgraded: 0 });
  });

  it("B's follow-ups become A's, less duplicates and calls that no longer fit A", () => {
    const c = counter();
    const a = fan(c, '甲', '1990-05-20');
    const b = fan(c, '乙', '1988-11-02');
    const due = '2026-06-20';
    const task = (memberId: string, kind: string, dueDate = due) =>
      c.t.call('followups.create', { memberId, kind: kind as 'manual', dueDate }, c.clerk).id;
    task(a, 'manual');
    const dup = task(b, 'manual');
    const kept = task(b, 'manual', '2026-06-21');
    const birthday = task(b, 'birthday');
    const done = task(b, 'complaint');
    c.t.call('followups.complete', { id: done, outcome: '满意' }, c.clerk);
    // B bought 100 days ago and got a win-back call; A bought since: B is back as A.
    c.buy(b, 50);
    c.advance(90 * DAY);
    c.buy(a, 20);
    generate(c);
    const winBack = (c.t.db.prepare("SELECT id FROM followups WHERE kind = 'reactivation' AND member_id = ?").get(b) as { id: string }).id;

    const preview = c.t.call('members.mergePreview', { keepId: a, mergeId: b }, c.manager);
    const r = merge(c, a, b);
    expect(r.followupsCancelled).toBe(3);
    const status = (id: string) => c.t.call('followups.get', { id }, c.clerk);
    expect([dup, kept, birthday, done, winBack].map((id) => [status(id).memberId, status(id).status])).toEqual([
      [a, 'cancelled'],
      [a, 'planned'],
      [a, 'cancelled'],
      [a, 'done'],
      [a, 'cancelled'],
    ]);
    const reasons = auditRows(c.t.db, 'followups.cancel')
      .map((row) => JSON.parse(row.after_json!).reason)
      .sort();
    expect(reasons).toEqual(['came_back', 'merged_duplicate', 'merged_other_birthday']);
    const open = c.t.db.prepare("SELECT COUNT(*) AS n FROM followups WHERE member_id = ? AND status IN ('planned', 'missed')").get(a) as {
      n: number;
    };
    expect(preview.after.openFollowups).toBe(open.n);
  });

  it('drops marketing calls when the member who stays has not agreed to marketing', () => {
    const c = counter();
    const a = c.member('甲', { birthday: '1990-05-20' });
    const b = fan(c, '乙', '1990-05-20');
    c.t.call('followups.create', { memberId: b, kind: 'birthday', dueDate: '2026-06-20' }, c.clerk);
    c.t.call('followups.create', { memberId: b, kind: 'post_purchase', dueDate: '2026-06-20' }, c.clerk);
    expect(merge(c, a, b).followupsCancelled).toBe(1);
    expect(auditRows(c.t.db, 'followups.cancel').map((row) => JSON.parse(row.after_json!).reason)).toEqual(['merged_no_marketing_consent']);
  });

  it('refuses, changing nothing: a member with itself, an unknown or deactivated member, one already merged, a clerk', () => {
    const c = counter();
    const a = c.member('甲');
    const b = c.member('乙');
    const off = c.member('丙');
    c.t.call('members.setStatus', { id: off, status: 'inactive' }, c.manager);
    for (const name of ['members.merge', 'members.mergePreview']) {
      expect(issuesOf(refused(c.t, name, { keepId: a, mergeId: a }, c.manager, 'VALIDATION'))).toEqual([
        { field: 'mergeId', rule: 'same_member' },
      ]);
      expect(refused(c.t, name, { keepId: a, mergeId: 'nobody' }, c.manager, 'NOT_FOUND').details).toMatchObject({
        entity: 'member',
        id: 'nobody',
        field: 'mergeId',
      });
      expect(refused(c.t, name, { keepId: off, mergeId: b }, c.manager, 'MEMBER_INACTIVE').details).toMatchObject({
        id: off,
        field: 'keepId',
      });
      expect(refused(c.t, name, { keepId: a, mergeId: off }, c.manager, 'MEMBER_INACTIVE').details).toMatchObject({
        id: off,
        field: 'mergeId',
      });
      refused(c.t, name, { keepId: a, mergeId: b }, c.clerk, 'FORBIDDEN');
    }
    merge(c, a, b);
    for (const [keepId, mergeId] of [
      [a, b],
      [b, a],
    ]) {
      const error = refused(c.t, 'members.merge', { keepId, mergeId }, c.manager, 'CONFLICT');
      expect(error.details).toMatchObject({ reason: 'already_merged', id: b, mergedInto: { id: a, name: '甲', cardNo: 'SH0100000001' } });
    }
  });

  it('a merged member can no longer buy, redeem, be edited, reactivated, adjusted or get follow-ups', () => {
    const c = counter();
    const a = c.member('甲');
    const b = c.member('乙');
    c.buy(b, 2500);
    expect(c.t.db.prepare('SELECT tier_review_at FROM members WHERE id = ?').get(b)).toEqual({ tier_review_at: expect.any(String) });
    merge(c, a, b);
    refused(c.t, 'purchases.record', { memberId: b, amount: 10 }, c.clerk, 'MEMBER_INACTIVE');
    refused(c.t, 'points.redeem', { memberId: b, points: 100 }, c.clerk, 'MEMBER_INACTIVE');
    refused(c.t, 'followups.create', { memberId: b, dueDate: '2026-06-20' }, c.clerk, 'MEMBER_INACTIVE');
    for (const [name, input, session] of [
      ['members.update', { id: b, name: '乙乙' }, c.clerk],
      ['members.setStatus', { id: b, status: 'active' }, c.manager],
      ['points.adjust', { memberId: b, points: 50, reason: '补录' }, c.manager],
    ] as const) {
      expect(refused(c.t, name, input, session, 'CONFLICT').details, name).toMatchObject({
        reason: 'already_merged',
        mergedInto: { id: a },
      });
    }
    // Nor is the tombstone's tier reviewed: it keeps the tier it had, for the record.
    expect(c.t.db.prepare('SELECT tier_review_at FROM members WHERE id = ?').get(b)).toEqual({ tier_review_at: null });
  });

  it('is all or nothing', () => {
    const c = counter();
    const a = c.member('甲');
    const b = c.member('乙');
    c.buy(b, 500);
    // Fails the last write, after the history moved and the points were carried.
    c.t.db.exec("CREATE TRIGGER boom AFTER UPDATE OF merged_into ON members BEGIN SELECT RAISE(ABORT, 'boom'); END");
    const before = snapshot(c.t.db);
    expect(failure(c.t, 'members.merge', { keepId: a, mergeId: b }, c.manager).code).toBe('CONFLICT');
    expect(snapshot(c.t.db)).toEqual(before);
  });
});

describe('members.merge and the report summaries', () => {
  it('has them built again by a job: the stored rows equal a fresh computation, and A holds B’s sales', () => {
    const c = counter('2026-03-01T02:00:00.000Z');
    const { db } = c.t;
    const a = c.member('甲');
    const b = c.member('乙');
    c.buy(a, 100);
    c.advance(20 * DAY);
    c.buy(b, 200);
    c.advance(20 * DAY);
    c.buy(b, 50);
    db.transaction(() => catchUpSummary(db)).immediate();
    expect(c.t.call('reports.rfm', {}, c.manager)).toMatchObject({ scored: 2, unscored: 0 });
    const issuedBefore = db.prepare("SELECT SUM(pts_issued) AS n FROM report_periods WHERE grain = 'year'").get();

    merge(c, a, b);
    expect(summaryIsCurrent(db)).toBe(false);
    // Nothing is built inline: the merge queued the build job, and the reports wait for it.
    expect(db.transaction(() => catchUpSummary(db)).immediate().needsBuild).toBe(true);
    expect(c.t.call('jobs.list', {}, c.manager).active).toMatchObject([{ kind: 'reports.summaries', state: 'queued' }]);
    expect(c.t.raw('reports.rfm', {}, c.manager)).toMatchObject({ ok: false, error: { code: 'REPORTS_BUILDING' } });
    c.t.runJobs();
    expect(summaryIsCurrent(db)).toBe(true);
    expect(plainSummary(storedSummary(db))).toEqual(plainSummary(computeSummary(db)));

    const stored = storedSummary(db);
    expect(stored.members.has(b)).toBe(false); // no prospect with no sales
    expect(stored.members.get(a)!.events.filter((_, i) => i % 2 === 1)).toEqual([10000, 20000, 5000]);
    // A merge issues no points; B's registration is no new member.
    expect(db.prepare("SELECT SUM(pts_issued) AS n FROM report_periods WHERE grain = 'year'").get()).toEqual(issuedBefore);
    expect(db.prepare("SELECT SUM(new_members) AS n FROM report_periods WHERE grain = 'year'").get()).toEqual({ n: 1 });

    expect(c.t.call('reports.rfm', {}, c.manager)).toMatchObject({ scored: 1, unscored: 0 });
    expect(c.t.call('reports.memberRfm', { memberId: a }, c.manager).scores).toMatchObject({
      frequency: 3,
      monetaryFen: 35000,
      recencyDays: 0,
    });
    const stages = c.t.call('reports.lifecycle', {}, c.manager).stages;
    expect(stages.reduce((n, s) => n + s.members, 0)).toBe(1);

    // Later sales are caught up on as before.
    c.buy(a, 10);
    expect(db.transaction(() => catchUpSummary(db)).immediate()).toMatchObject({ needsBuild: false, purchases: 1 });
    expect(plainSummary(storedSummary(db))).toEqual(plainSummary(computeSummary(db)));
  });

  it('a report cached before a merge that wrote no new rows is not served after it', () => {
    const c = counter();
    const a = c.member('甲');
    const b = c.member('乙');
    c.buy(a, 100);
    c.buy(b, 100);
    c.t.call('points.redeem', { memberId: b, points: 100 }, c.clerk); // B has nothing to carry over
    expect(c.t.call('reports.rfm', {}, c.manager).scored).toBe(2);
    expect(merge(c, a, b).points).toBe(0);
    expect(c.t.db.prepare("SELECT COUNT(*) AS n FROM points_ledger WHERE kind = 'merge'").get()).toEqual({ n: 0 });
    c.t.runJobs(); // the summaries' build the merge queued
    expect(c.t.call('reports.rfm', {}, c.manager).scored).toBe(1);
    expect(c.t.call('reports.memberRfm', { memberId: a }, c.manager).scores?.frequency).toBe(2);
  });
});
