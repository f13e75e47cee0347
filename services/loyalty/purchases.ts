import { DUPLICATE_WINDOW_MINUTES, purchasesContract } from '../../shared/contract/purchases';
import { AppError } from '../../shared/errors';
import { earnPoints, expiresAt, refundShares, shareOf as share } from '../../shared/points';
import { localDay } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { pointsQueries } from '../../db/queries/loyalty/points';
import { purchaseQueries, type PurchaseRow } from '../../db/queries/loyalty/purchases';
import type { Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { requireSelfBranch, timeZone } from '../core/branch';
import { credit, debit } from './ledger';
import { pointsBalance, redemptionValue, requireActiveMember, rulesAt } from './points';
import { afterSale, currentTier, tierConfig } from './tiers';
import { followupForSale } from '../followups/generator';
import { listedCategory } from './categories';
import { giveBackRedeemed, takeBackEarned } from './sale-reversal';
import { voidSale } from './sale-void';
import { purchaseView } from './purchase-view';

/**
 * The same sale typed twice: the member's sale of the same bill moments ago, not voided. Only
 * for a sale without a receipt number (a receipt number is unique anyway); asked once, so the
 * cashier confirms a real second purchase with one more Enter.
 */
function refuseLikelyDuplicate(db: DB, ctx: Ctx, memberId: string, amountFen: number): void {
  const since = new Date(Date.parse(ctx.now) - DUPLICATE_WINDOW_MINUTES * 60_000).toISOString();
  const earlier = purchaseQueries(db).sameSaleSince(memberId, amountFen, since);
  if (!earlier) return;
  throw new AppError('POSSIBLE_DUPLICATE', `The same amount was recorded for this member at ${earlier.occurred_at}`, {
    windowMinutes: DUPLICATE_WINDOW_MINUTES,
    existing: {
      id: earlier.id,
      amountFen: earlier.amount_fen,
      paidFen: earlier.paid_fen,
      occurredAt: earlier.occurred_at,
      createdByName: earlier.created_by_name,
      receiptNo: earlier.receipt_no,
    },
  });
}

export const purchasesHandlers = {
  'purchases.record': (db, ctx, input) => {
    const member = requireActiveMember(db, input.memberId);
    const branch = requireSelfBranch(db);
    const q = purchaseQueries(db);
    if (input.receiptNo) {
      const existing = q.byReceipt(branch.id, input.receiptNo);
      if (existing) {
        throw new AppError('CONFLICT', `Receipt ${input.receiptNo} is already recorded`, {
          field: 'receiptNo',
          existing: { id: existing.id, memberId: existing.member_id, amountFen: existing.amount_fen },
        });
      }
    } else if (!input.confirmDuplicate) refuseLikelyDuplicate(db, ctx, member.id, input.amount);
    const { id: rulesId, rules } = rulesAt(db, ctx.now);
    const redeemedFen = input.redeemPoints > 0 ? redemptionValue(rules, input.redeemPoints, input.amount) : 0;
    const paidFen = input.amount - redeemedFen;
    const tiers = tierConfig(db);
    const tier = currentTier(db, tiers, member.id);
    const row: PurchaseRow = {
      id: ctx.newId(),
      branch_id: branch.id,
      member_id: member.id,
      kind: 'sale',
      original_id: null,
      receipt_no: input.receiptNo ?? null,
      amount_fen: input.amount,
      redeemed_points: input.redeemPoints,
      redeemed_fen: redeemedFen,
      paid_fen: paidFen,
      category: listedCategory(db, input.category),
      note: input.note ?? null,
      rules_id: rulesId,
      occurred_at: ctx.now,
      created_at: ctx.now,
      created_by: ctx.caller?.id ?? null,
      tier_id: tier.id,
    };
    q.insert(row);
    if (input.redeemPoints > 0) {
      debit(db, ctx, {
        memberId: member.id,
        kind: 'redeem',
        points: input.redeemPoints,
        mode: 'spend',
        purchaseId: row.id,
        detail: { valueFen: redeemedFen, billFen: input.amount },
      });
    }
    // Earned on what was paid, at the tier the member had when they paid.
    const tz = timeZone(db);
    const day = localDay(ctx.now, tz);
    const earned = earnPoints(rules, {
      paidFen,
      tierMultiplierPct: tier.pointsMultiplierPct,
      localDate: day.date,
      weekday: day.weekday,
      birthday: member.birthday,
    });
    if (earned.points > 0) {
      const availableAt = new Date(Date.parse(ctx.now) + rules.lockDays * 86400000).toISOString();
      credit(db, ctx, {
        memberId: member.id,
        kind: 'earn',
        points: earned.points,
        purchaseId: row.id,
        detail: { ...earned, paidFen, tier: tier.name, rulesId },
        availableAt,
        expiresAt: expiresAt(rules.expiry, ctx.now, tz),
      });
    }
    const { upgraded, status } = afterSale(db, ctx, member.id, tiers);
    writeAudit(ctx, { action: 'purchases.record', entity: 'purchase', entityId: row.id, after: { ...row, earned: earned.points } });
    followupForSale(db, ctx, row);
    return {
      // Built from what was just written: the counter's hot path reads nothing back it already knows.
      purchase: purchaseView({
        ...row,
        created_by_name: ctx.caller?.name ?? null,
        points: earned.points,
        refunded_fen: 0,
        refunded_paid_fen: 0,
        voided: 0,
      }),
      earned: earned.points,
      balance: pointsBalance(db, ctx, member.id),
      tier: status,
      upgraded,
    };
  },

  'purchases.refund': (db, ctx, input) => {
    const q = purchaseQueries(db);
    const sale = q.byId(input.purchaseId);
    if (!sale || sale.kind !== 'sale') throw new AppError('NOT_FOUND', 'No such sale', { entity: 'purchase', id: input.purchaseId });
    if (q.voidOf(sale.id)) throw new AppError('CONFLICT', 'This sale was voided: there is nothing to refund', { reason: 'sale_voided' });
    const before = q.refundedOf(sale.id);
    const refundable = sale.amount_fen - before.amount;
    if (refundable === 0) throw new AppError('CONFLICT', 'This sale is already fully refunded', { reason: 'already_refunded' });
    if (input.amount > refundable) {
      throw new AppError('CONFLICT', `At most ${refundable} fen can still be refunded`, {
        reason: 'refund_exceeds',
        refundableFen: refundable,
      });
    }
    // The same cumulative shares the refund dialog previews, so the refunds of a sale add up exactly to it.
    const refundedAfter = before.amount + input.amount;
    const back = refundShares(
      {
        amountFen: sale.amount_fen,
        paidFen: sale.paid_fen,
        redeemedPoints: sale.redeemed_points,
        redeemedFen: sale.redeemed_fen,
        refundedFen: before.amount,
      },
      input.amount,
    );
    const [paidBack, restore, restoreFen] = [back.cashFen, back.restoredPoints, back.restoredFen];
    const earned = pointsQueries(db).earnEntryOf(sale.id)?.points ?? 0;
    const reverse = share(earned, refundedAfter, sale.amount_fen) - share(earned, before.amount, sale.amount_fen);

    const refund: PurchaseRow = {
      ...sale,
      id: ctx.newId(),
      kind: 'refund',
      original_id: sale.id,
      receipt_no: sale.receipt_no,
      amount_fen: input.amount,
      redeemed_points: restore,
      redeemed_fen: restoreFen,
      paid_fen: paidBack,
      note: input.reason ?? null,
      rules_id: sale.rules_id,
      occurred_at: ctx.now,
      created_at: ctx.now,
      created_by: ctx.caller?.id ?? null,
    };
    q.insert(refund);
    const undoing = { purchaseId: refund.id, reason: input.reason ?? null };
    giveBackRedeemed(db, ctx, sale, restore, undoing);
    const { taken, shortfall } = takeBackEarned(db, ctx, sale, reverse, undoing);
    writeAudit(ctx, {
      action: 'purchases.refund',
      entity: 'purchase',
      entityId: refund.id,
      after: { saleId: sale.id, amountFen: input.amount, reverse, restore, shortfall },
    });
    return {
      refund: purchaseView(q.view(refund.id)),
      reversed: taken,
      restored: restore,
      shortfall,
      balance: pointsBalance(db, ctx, sale.member_id),
    };
  },

  'purchases.void': voidSale,

  'purchases.list': (db, _ctx, input) => {
    const q = purchaseQueries(db);
    const t = q.totals(input.memberId);
    return {
      items: q.forMember(input.memberId, input.limit).map(purchaseView),
      totals: { sales: t.sales, salesFen: t.sales_fen, refundsFen: t.refunds_fen, netFen: t.sales_fen - t.refunds_fen },
    };
  },
} satisfies DomainHandlers<typeof purchasesContract>;
