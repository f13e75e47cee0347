import { cleanSaleRow } from '../../shared/import/rows';
import type { CleanContext } from '../../shared/import/cleaning';
import { startOfLocalDate } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import type { StagedRow } from '../../db/queries/import/imports';
import { importQueries } from '../../db/queries/import/imports';
import { importLookups } from '../../db/queries/import/lookups';
import { requireSelfBranch, timeZone } from '../core/branch';
import { countRow, countSteps, stagedRow, type Tally } from './staging';

/** A sale as staged: when (UTC), how much, whose. */
export interface StagedSale {
  occurredAt: string;
  /** the local date, for the preview's first and last sale */
  date: string;
  amount: number;
  receiptNo: string | null;
  category: string | null;
}

/**
 * Decides each row of a sales file: refused, a sale to write, or left out because it is already
 * in the store. A sale's key is its receipt number, or, without one, its content (time, amount,
 * member, category) and its place among the rows of its file with the same content: the third
 * identical coffee of a day stays the third, so the same file imported again, or a till's daily
 * export that repeats yesterday's rows, adds nothing.
 */
export function salePreviewer(
  db: DB,
  importId: string,
  headers: readonly string[],
  mapping: readonly (string | null)[],
  context: CleanContext,
  tally: Tally,
) {
  const lookups = importLookups(db);
  const keys = importQueries(db);
  const branchId = requireSelfBranch(db).id;
  const zone = timeZone(db);
  const dayStart = new Map<string, number>();
  const occurrences = new Map<string, number>();
  const receipts = new Set<string>();
  const importedPoints = new Map<string, boolean>();

  const instantOf = (date: string, time: string | null): string => {
    let start = dayStart.get(date);
    if (start === undefined) {
      start = Date.parse(startOfLocalDate(date, zone));
      dayStart.set(date, start);
    }
    // A sale without a time of day is put at noon: its day is right in every report.
    const [h, m, s] = (time ?? '12:00:00').split(':').map(Number);
    return new Date(start + ((h * 60 + m) * 60 + s) * 1000).toISOString();
  };

  return (row: number, cells: readonly string[]): StagedRow => {
    const cleaned = cleanSaleRow(mapping, headers, cells, context);
    countSteps(tally, cleaned.steps);
    const v = cleaned.values;
    const problems = [...cleaned.problems];
    // A line of ¥0 (a gift, a line voided on the till) is no purchase: the store's sales are never nothing.
    if (problems.length === 0 && v.amount === 0) {
      const column = mapping.indexOf('amount');
      problems.push({ column: headers[column] ?? null, value: cells[column] ?? '', reason: 'sale.zeroAmount', limit: null });
    }
    const member =
      problems.length > 0 ? null : ((v.phone ? lookups.byPhone(v.phone.e164) : null) ?? (v.cardNo ? lookups.byCard(v.cardNo) : null));
    if (problems.length === 0 && !member) {
      const column = mapping.indexOf(v.phone ? 'phone' : 'cardNo');
      problems.push({ column: headers[column] ?? null, value: cells[column] ?? '', reason: 'member.notFound', limit: null });
    }
    if (problems.length > 0 || !member || !v.soldAt || v.amount === undefined) {
      const staged = stagedRow(importId, row, cells, { action: 'invalid', problems, steps: cleaned.steps });
      countRow(tally, staged);
      return staged;
    }
    const sale: StagedSale = {
      occurredAt: instantOf(v.soldAt.date, v.soldAt.time),
      date: v.soldAt.date,
      amount: v.amount,
      receiptNo: v.receiptNo ?? null,
      category: v.category ?? null,
    };
    let saleKey: string;
    let already = false;
    let repeated = false;
    if (sale.receiptNo) {
      saleKey = `r:${sale.receiptNo}`;
      repeated = receipts.has(saleKey);
      receipts.add(saleKey);
      already = !repeated && (keys.saleByKey(saleKey) !== null || lookups.receiptTaken(branchId, sale.receiptNo));
    } else {
      const content = `c:${v.soldAt.date} ${v.soldAt.time ?? ''}|${sale.amount}|${v.phone?.e164 ?? ''}|${v.cardNo ?? ''}|${sale.category ?? ''}`;
      const n = (occurrences.get(content) ?? 0) + 1;
      occurrences.set(content, n);
      saleKey = `${content}#${n}`;
      already = keys.saleByKey(saleKey) !== null;
    }
    if (repeated) tally.notices.repeatedReceipts += 1;
    if (already) tally.notices.alreadyImported += 1;
    const action: StagedRow['action'] = repeated || already ? 'skip' : 'create';
    const staged = stagedRow(importId, row, cells, { action, values: sale, memberId: member.id, steps: cleaned.steps, saleKey });
    countRow(tally, staged);
    if (action === 'create') {
      tally.notices.salesFen += sale.amount;
      let imported = importedPoints.get(member.id);
      if (imported === undefined) importedPoints.set(member.id, (imported = lookups.importedPoints(member.id)));
      if (imported) tally.notices.salesOfImportedBalances += 1;
      if (tally.notices.firstSale === null || sale.date < tally.notices.firstSale) tally.notices.firstSale = sale.date;
      if (tally.notices.lastSale === null || sale.date > tally.notices.lastSale) tally.notices.lastSale = sale.date;
    }
    return staged;
  };
}
