import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface LedgerRow {
  id: string;
  branch_id: string;
  member_id: string;
  kind: 'earn' | 'redeem' | 'adjust' | 'expire' | 'reverse' | 'merge';
  points: number;
  shortfall: number;
  purchase_id: string | null;
  reason: string | null;
  detail_json: string | null;
  created_at: string;
  created_by: string | null;
}

export interface LedgerView extends LedgerRow {
  created_by_name: string | null;
  balance_after: number;
}

export interface LotRow {
  id: string;
  member_id: string;
  ledger_id: string;
  points: number;
  remaining: number;
  earned_at: string;
  available_at: string;
  expires_at: string | null;
  expired_by?: string | null;
  expired_points?: number;
}

/** A lot that still holds points, as the open-lots index has it; `seq` is its rowid. */
export interface OpenLot {
  seq: number;
  remaining: number;
  earned_at: string;
  available_at: string;
  expires_at: string | null;
}

export interface RulesRow {
  id: string;
  effective_from: string;
  rules_json: string;
  created_at: string;
  created_by: string | null;
}

export const pointsQueries = perDatabase((db: DB) => {
  const insertEntry = db.prepare(
    `INSERT INTO points_ledger (id, branch_id, member_id, kind, points, shortfall, purchase_id, reason, detail_json, created_at, created_by)
     VALUES (@id, @branch_id, @member_id, @kind, @points, @shortfall, @purchase_id, @reason, @detail_json, @created_at, @created_by)`,
  );
  // The cached balance moves in the same statement sequence as the ledger; its CHECK (>= 0) is the last guard.
  const bumpBalance = db.prepare<[number, string]>('UPDATE members SET points_balance = points_balance + ? WHERE id = ?');
  const insertLot = db.prepare(
    `INSERT INTO points_lots (id, member_id, ledger_id, points, remaining, earned_at, available_at, expires_at)
     VALUES (@id, @member_id, @ledger_id, @points, @remaining, @earned_at, @available_at, @expires_at)`,
  );
  // Answered from the points_lots_open index alone: a balance never reads a lot's row. Lots
  // past their date (closed by an expiry, or about to be) are left out by that date.
  const openLots = db.prepare<{ member: string; now: string }, OpenLot>(
    `SELECT rowid AS seq, remaining, earned_at, available_at, expires_at FROM points_lots
      WHERE member_id = @member AND remaining > 0 AND (expires_at IS NULL OR expires_at > @now) ORDER BY earned_at, rowid`,
  );
  const lotsOfLedger = db.prepare<[string], LotRow & { seq: number }>('SELECT rowid AS seq, * FROM points_lots WHERE ledger_id = ?');
  const consumeLot = db.prepare<[number, number, number], { id: string }>(
    'UPDATE points_lots SET remaining = remaining - ? WHERE rowid = ? AND remaining >= ? AND expired_by IS NULL RETURNING id',
  );
  const insertConsumption = db.prepare<[string, string, number]>(
    'INSERT INTO lot_consumptions (ledger_id, lot_id, points) VALUES (?, ?, ?)',
  );
  const balance = db.prepare<[string], { balance: number }>('SELECT points_balance AS balance FROM members WHERE id = ?');
  const ledgerSum = db.prepare<[string], { sum: number }>('SELECT COALESCE(SUM(points), 0) AS sum FROM points_ledger WHERE member_id = ?');
  const history = db.prepare<[string, number], LedgerView>(
    `SELECT * FROM (
       SELECT l.*, l.rowid AS seq, s.name AS created_by_name,
              SUM(l.points) OVER (ORDER BY l.created_at, l.rowid) AS balance_after
         FROM points_ledger l LEFT JOIN staff s ON s.id = l.created_by
        WHERE l.member_id = ?)
     ORDER BY created_at DESC, seq DESC LIMIT ?`,
  );
  const BALANCE_AFTER = '(SELECT COALESCE(SUM(points), 0) FROM points_ledger x WHERE x.member_id = l.member_id AND x.rowid <= l.rowid)';
  const entryById = db.prepare<[string], LedgerView>(
    `SELECT l.*, s.name AS created_by_name, ${BALANCE_AFTER} AS balance_after
       FROM points_ledger l LEFT JOIN staff s ON s.id = l.created_by WHERE l.id = ?`,
  );
  const shortfallTotal = db.prepare<[string], { total: number }>(
    'SELECT COALESCE(SUM(shortfall), 0) AS total FROM points_ledger WHERE member_id = ? AND shortfall > 0',
  );
  const shortfalls = db.prepare<[number], LedgerView & { member_name: string; card_no: string }>(
    `SELECT l.*, s.name AS created_by_name, m.name AS member_name, m.card_no, ${BALANCE_AFTER} AS balance_after
       FROM points_ledger l JOIN members m ON m.id = l.member_id LEFT JOIN staff s ON s.id = l.created_by
      WHERE l.shortfall > 0 ORDER BY l.created_at DESC LIMIT ?`,
  );
  const shortfallBranchTotal = db.prepare<[], { total: number }>(
    'SELECT COALESCE(SUM(shortfall), 0) AS total FROM points_ledger WHERE shortfall > 0',
  );
  const rulesAt = db.prepare<[string], RulesRow>(
    'SELECT * FROM points_rules WHERE effective_from <= ? ORDER BY effective_from DESC LIMIT 1',
  );
  const rulesAfter = db.prepare<[string], RulesRow>('SELECT * FROM points_rules WHERE effective_from > ? ORDER BY effective_from');
  const insertRules = db.prepare(
    'INSERT INTO points_rules (id, effective_from, rules_json, created_at, created_by) VALUES (@id, @effective_from, @rules_json, @created_at, @created_by)',
  );
  const earnEntryOf = db.prepare<[string], LedgerRow>("SELECT * FROM points_ledger WHERE purchase_id = ? AND kind = 'earn'");
  const forgivenForSale = db.prepare<[string], { n: number }>(
    `SELECT COALESCE(SUM(json_extract(l.detail_json, '$.forgiven')), 0) AS n
       FROM points_ledger l JOIN purchases r ON r.id = l.purchase_id
      WHERE r.original_id = ? AND l.kind = 'reverse'`,
  );
  const rulesById = db.prepare<[string], RulesRow>('SELECT * FROM points_rules WHERE id = ?');
  return {
    insertEntry: (row: LedgerRow) => insertEntry.run(row),
    bumpBalance: (memberId: string, delta: number) => bumpBalance.run(delta, memberId),
    insertLot: (row: LotRow) => insertLot.run(row),
    /** Lots still holding points and not past their date at `now`. */
    openLots: (memberId: string, now: string) => openLots.all({ member: memberId, now }),
    lotsOfLedger: (ledgerId: string) => lotsOfLedger.all(ledgerId),
    /** The lot's id, or null if it no longer has that many points or was closed (never silently over-consume). */
    consumeLot: (seq: number, points: number) => consumeLot.get(points, seq, points)?.id ?? null,
    insertConsumption: (ledgerId: string, lotId: string, points: number) => insertConsumption.run(ledgerId, lotId, points),
    balance: (memberId: string) => balance.get(memberId)?.balance ?? 0,
    ledgerSum: (memberId: string) => ledgerSum.get(memberId)!.sum,
    history: (memberId: string, limit: number) => history.all(memberId, limit),
    entry: (id: string) => entryById.get(id)!,
    shortfallTotal: (memberId: string) => shortfallTotal.get(memberId)!.total,
    shortfalls: (limit: number) => shortfalls.all(limit),
    shortfallBranchTotal: () => shortfallBranchTotal.get()!.total,
    rulesAt: (instant: string) => rulesAt.get(instant)!,
    rulesAfter: (instant: string) => rulesAfter.all(instant),
    earnEntryOf: (purchaseId: string) => earnEntryOf.get(purchaseId) ?? null,
    /** Points earlier refunds of a sale did not take back because they had expired. */
    forgivenForSale: (saleId: string) => forgivenForSale.get(saleId)!.n,
    rulesById: (id: string) => rulesById.get(id) ?? null,
    insertRules: (row: RulesRow) => insertRules.run(row),
  };
});
