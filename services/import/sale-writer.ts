import { earnPoints, expiresAt } from '../../shared/points';
import type { DB } from '../../db/connection';
import { importQueries, type StagedRow } from '../../db/queries/import/imports';
import { importLookups } from '../../db/queries/import/lookups';
import { purchaseQueries } from '../../db/queries/loyalty/purchases';
import type { Ctx } from '../core/context';
import { requireSelfBranch, timeZone } from '../core/branch';
import { credit } from '../loyalty/ledger';
import { rulesAt } from '../loyalty/points';
import { listedCategory } from '../loyalty/categories';
import type { StagedSale } from './sale-preview';

export interface SaleImportOptions {
  importId: string;
  /** points for the past sales, by the rules in force when each was made */
  historyPoints: boolean;
}

/** A local date's weekday, 0 = Sunday, as the earning rules count it. */
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * Writes staged sales, one slice's: each as a past purchase of its member, under its key; answers
 * the purchase's id, or null when the sale is in the store already (another import or the counter
 * wrote the same receipt since the preview). Points, when asked, follow the rules of the sale's
 * day and never go to a member whose opening points came from a file (those already hold what the
 * old system gave them); points already past their date at the import are not written at all.
 * What every sale of a slice shares (the branch, the zone, a member's imported balance, a day's
 * expiry) is read once: a lot's expiry alone cost 100 µs a sale in time-zone arithmetic.
 */
export function saleWriter(db: DB, ctx: Ctx, options: SaleImportOptions): (staged: StagedRow) => string | null {
  const keys = importQueries(db);
  const lookups = importLookups(db);
  const purchases = purchaseQueries(db);
  const branch = requireSelfBranch(db);
  const zone = timeZone(db);
  const importedPoints = new Map<string, boolean>();
  const expiries = new Map<string, string | null>();
  return (staged) => {
    if (staged.action !== 'create' || !staged.member_id || !staged.sale_key) return null;
    const sale = JSON.parse(staged.values_json ?? '{}') as StagedSale;
    if (keys.saleByKey(staged.sale_key)) return null;
    if (sale.receiptNo && lookups.receiptTaken(branch.id, sale.receiptNo)) return null;
    // Merged into someone since the preview: the sale is theirs, as the merge moved the others.
    const member = lookups.current(staged.member_id);
    if (!member) return null;
    const { id: rulesId, rules } = rulesAt(db, sale.occurredAt);
    const id = ctx.newId();
    purchases.insert({
      id,
      branch_id: branch.id,
      member_id: member.id,
      kind: 'sale',
      original_id: null,
      receipt_no: sale.receiptNo,
      amount_fen: sale.amount,
      redeemed_points: 0,
      redeemed_fen: 0,
      paid_fen: sale.amount,
      category: sale.category === null ? null : listedCategory(db, sale.category),
      note: null,
      rules_id: rulesId,
      occurred_at: sale.occurredAt,
      created_at: ctx.now,
      created_by: ctx.caller?.id ?? null,
      tier_id: null,
    });
    keys.insertSaleKey(staged.sale_key, id, options.importId);
    if (!options.historyPoints) return id;
    let imported = importedPoints.get(member.id);
    if (imported === undefined) importedPoints.set(member.id, (imported = lookups.importedPoints(member.id)));
    if (imported) return id;
    const earned = earnPoints(rules, {
      paidFen: sale.amount,
      tierMultiplierPct: 100,
      localDate: sale.date,
      weekday: weekdayOf(sale.date),
      birthday: member.birthday,
    });
    // Every rule's expiry falls on a day boundary counted from the day earned: one answer a day.
    const day = `${rulesId}|${sale.date}`;
    let expires = expiries.get(day);
    if (expires === undefined) expiries.set(day, (expires = expiresAt(rules.expiry, sale.occurredAt, zone)));
    if (earned.points > 0 && (expires === null || expires > ctx.now)) {
      credit(db, ctx, {
        memberId: member.id,
        kind: 'earn',
        points: earned.points,
        purchaseId: id,
        detail: { ...earned, paidFen: sale.amount, rulesId, importId: options.importId },
        availableAt: ctx.now,
        expiresAt: expires,
      });
    }
    return id;
  };
}
