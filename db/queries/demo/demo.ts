import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/** What the demo sales are fitted to: who buys, their birthday (double points) and when they joined. */
export interface DemoBuyer {
  id: string;
  birthday: string | null;
  created_at: string;
}

/**
 * The demo sales (services/demo/purchases.ts): the rows the counter writes, with only the columns
 * a plain sale fills and positional parameters, since the bench's seed writes ten million of each.
 */
export const demoQueries = perDatabase((db: DB) => {
  const buyers = db.prepare<[], DemoBuyer>('SELECT id, birthday, created_at FROM members');
  const insertSale = db.prepare<[string, string, string, number, number, string, string, string, string, string, string | null]>(
    `INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, category, rules_id, occurred_at, created_at, created_by, tier_id)
     VALUES (?, ?, ?, 'sale', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEarnEntry = db.prepare<[string, string, string, number, string, string, string]>(
    `INSERT INTO points_ledger (id, branch_id, member_id, kind, points, purchase_id, created_at, created_by)
     VALUES (?, ?, ?, 'earn', ?, ?, ?, ?)`,
  );
  const insertLot = db.prepare<[string, string, string, number, number, string, string, string | null]>(
    `INSERT INTO points_lots (id, member_id, ledger_id, points, remaining, earned_at, available_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    /** Every member, in the table's order. */
    buyers: () => buyers.all(),
    /** A sale paid in full (no points redeemed). */
    insertSale: (s: {
      id: string;
      branchId: string;
      memberId: string;
      amountFen: number;
      category: string;
      rulesId: string;
      at: string;
      by: string;
      tierId: string | null;
    }) => insertSale.run(s.id, s.branchId, s.memberId, s.amountFen, s.amountFen, s.category, s.rulesId, s.at, s.at, s.by, s.tierId),
    insertEarnEntry: (e: { id: string; branchId: string; memberId: string; points: number; saleId: string; at: string; by: string }) =>
      insertEarnEntry.run(e.id, e.branchId, e.memberId, e.points, e.saleId, e.at, e.by),
    /** A lot of the points a sale earned, open and usable from the sale on. */
    insertLot: (l: { id: string; memberId: string; ledgerId: string; points: number; at: string; expiresAt: string | null }) =>
      insertLot.run(l.id, l.memberId, l.ledgerId, l.points, l.points, l.at, l.at, l.expiresAt),
  };
});
