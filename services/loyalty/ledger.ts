import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { pointsQueries, type LedgerRow, type OpenLot } from '../../db/queries/loyalty/points';
import { expiryQueries, type DueKey, type ExpiryTotals } from '../../db/queries/loyalty/points-expiry';
import type { Ctx } from '../core/context';
import { requireSelfBranch } from '../core/branch';

// The points ledger: every change of a balance is one appended row, the member's cached balance
// moves with it, and points live in lots that debits consume oldest first. Callers run inside
// the dispatcher's transaction, so a refusal part-way leaves nothing behind.

type Kind = LedgerRow['kind'];

export interface EntryInput {
  memberId: string;
  kind: Kind;
  purchaseId?: string | null;
  reason?: string | null;
  detail?: Record<string, unknown> | null;
}

function appendEntry(db: DB, ctx: Ctx, e: EntryInput, points: number, shortfall = 0): string {
  const q = pointsQueries(db);
  const id = ctx.newId();
  q.insertEntry({
    id,
    branch_id: requireSelfBranch(db).id,
    member_id: e.memberId,
    kind: e.kind,
    points,
    shortfall,
    purchase_id: e.purchaseId ?? null,
    reason: e.reason ?? null,
    detail_json: e.detail ? JSON.stringify(e.detail) : null,
    created_at: ctx.now,
    created_by: ctx.caller?.id ?? null,
  });
  if (points !== 0) q.bumpBalance(e.memberId, points);
  return id;
}

export interface CreditInput extends EntryInput {
  points: number;
  availableAt: string;
  expiresAt: string | null;
}

/** Adds points as a new lot. */
export function credit(db: DB, ctx: Ctx, c: CreditInput): string {
  const ledgerId = appendEntry(db, ctx, c, c.points);
  pointsQueries(db).insertLot({
    id: ctx.newId(),
    member_id: c.memberId,
    ledger_id: ledgerId,
    points: c.points,
    remaining: c.points,
    earned_at: ctx.now,
    available_at: c.availableAt,
    expires_at: c.expiresAt,
  });
  return ledgerId;
}

/** Lots a debit may draw on now (open lots are never past their date): for spending, only those past the return-window lock. */
function usable(lot: OpenLot, now: string, spending: boolean): boolean {
  return !spending || lot.available_at <= now;
}

export interface DebitInput extends EntryInput {
  points: number;
  /**
   * spend: only available lots, refuse if short (redeem, negative adjust).
   * reverse: take back what the lots still hold, the named lots (by rowid) first; record the rest as shortfall.
   */
  mode: 'spend' | 'reverse';
  preferLots?: number[];
}

/** Takes points from lots, oldest first. Returns the entry id and the shortfall (reverse mode). */
export function debit(db: DB, ctx: Ctx, d: DebitInput): { ledgerId: string; taken: number; shortfall: number } {
  const q = pointsQueries(db);
  const prefer = new Set(d.preferLots ?? []);
  const lots = q
    .openLots(d.memberId, ctx.now)
    .filter((lot) => usable(lot, ctx.now, d.mode === 'spend'))
    .sort((a, b) => Number(prefer.has(b.seq)) - Number(prefer.has(a.seq))); // stable: FIFO within each group
  const plan: Array<[OpenLot, number]> = [];
  let left = d.points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    plan.push([lot, take]);
    left -= take;
  }
  if (left > 0 && d.mode === 'spend') {
    const available = d.points - left;
    throw new AppError('INSUFFICIENT_POINTS', `Only ${available} points can be spent now`, { available, requested: d.points });
  }
  const taken = d.points - left;
  const ledgerId = appendEntry(db, ctx, d, -taken, left);
  for (const [lot, take] of plan) {
    const lotId = q.consumeLot(lot.seq, take);
    if (lotId === null) throw new AppError('BUSY', 'Points changed meanwhile; try again');
    q.insertConsumption(ledgerId, lotId, take);
  }
  return { ledgerId, taken, shortfall: left };
}

/**
 * Expires every lot whose date has passed, set-based so a whole database is one pass: one
 * `expire` entry per member (with a fresh id), balances moved by the same amounts, and each lot
 * closed: stamped with the entry that expired it and the points it took (`remaining` stays as
 * it was; a closed lot gives nothing). The "due" test is the same instant throughout the
 * transaction, so a second run finds nothing.
 */
export function expireDueLots(db: DB, ctx: Ctx): ExpiryTotals {
  const branchId = requireSelfBranch(db).id;
  const q = expiryQueries(db);
  const now = ctx.now;
  const totals = q.collectExpiring(now, () => ctx.newId());
  if (totals.members > 0) {
    q.insertExpiryEntries(branchId, now, ctx.caller?.id ?? null);
    q.lowerBalances();
    // Lots are found through the expiry index and closed in member order, as the ledger and the
    // balances were. Closing leaves `remaining` alone, so the member-keyed index of open lots is
    // not rewritten: the lots drop out of reads by their date, which that index holds.
    q.closeExpiredLots(now);
  }
  q.dropExpiring();
  return totals;
}

/**
 * expireDueLots for the given due lots only, judged due at `now` (a slice of the expiry job):
 * one entry per member for their lots among them, their balance lowered by as much, the lots
 * closed, so every member's ledger stays whole.
 */
export function expireLots(db: DB, ctx: Ctx, now: string, lots: DueKey[]): ExpiryTotals {
  const q = expiryQueries(db);
  const totals = q.collectLots(lots, () => ctx.newId());
  if (totals.members > 0) {
    q.insertExpiryEntries(requireSelfBranch(db).id, now, ctx.caller?.id ?? null);
    q.lowerBalances(true);
    q.closeCollectedLots();
  }
  q.dropExpiring();
  return totals;
}
