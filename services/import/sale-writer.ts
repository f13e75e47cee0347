import { earnPoints, expiresAt, type ExpiryRule } from '../../shared/points';
import { localDay } from '../../shared/local-date';
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

/**
 * Writes one staged sale as a past purchase of its member, under its key; answers the purchase's
 * id, or null when the sale is in the store already (another import or the counter wrote the same
 * receipt since the preview). Points, when asked, follow the rules of the sale's day and never go
 * to a member whose opening points came from a file (those already hold what the old system
 * gave them); points already past their date at the import are not written at all.
 */
export function writeSaleRow(db: DB, ctx: Ctx, options: SaleImportOptions, staged: StagedRow): string | null {
  if (staged.action !== 'create' || !staged.member_id || !staged.sale_key) return null;
  const keys = importQueries(db);
  const branch = requireSelfBranch(db);
  const sale = JSON.parse(staged.values_json ?? '{}') as StagedSale;
  if (keys.saleByKey(staged.sale_key)) return null;
  const lookups = importLookups(db);
  if (sale.receiptNo && lookups.receiptTaken(branch.id, sale.receiptNo)) return null;
  const member = lookups.byId(staged.member_id);
  if (!member) return null;
  const { id: rulesId, rules } = rulesAt(db, sale.occurredAt);
  const id = ctx.newId();
  purchaseQueries(db).insert({
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
  if (options.historyPoints && member.imported_points === 0) {
    const zone = timeZone(db);
    const day = localDay(sale.occurredAt, zone);
    const earned = earnPoints(rules, {
      paidFen: sale.amount,
      tierMultiplierPct: 100,
      localDate: day.date,
      weekday: day.weekday,
      birthday: member.birthday,
    });
    const expires = dayExpiry(rules.expiry, sale.occurredAt, day.date, zone);
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
  }
  return id;
}

/**
 * When points earned on a local day expire: expiresAt counts from the day alone, so every sale of
 * a day has the same answer under one rule. Worked out in the zone once a day instead of once a
 * sale (80 µs each: a seventh of a history import's time). Keyed by the rule as parsed, which
 * loyalty/points.ts keeps one of per stored text.
 */
const expiryByDay = new WeakMap<ExpiryRule, Map<string, string | null>>();

function dayExpiry(rule: ExpiryRule, earnedAt: string, localDate: string, zone: string): string | null {
  let days = expiryByDay.get(rule);
  if (!days) expiryByDay.set(rule, (days = new Map()));
  const key = `${zone} ${localDate}`;
  if (!days.has(key)) days.set(key, expiresAt(rule, earnedAt, zone));
  return days.get(key) ?? null;
}
