import { AppError } from '../shared/errors';
import type { DB } from '../db/connection';
import { pointsQueries, type LedgerRow, type LotRow } from '../db/queries/points';
import type { Ctx } from './context';
import { requireSelfBranch } from './branch';

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

/** Lots a debit may draw on now: not expired; for spending, also past the return-window lock. */
function usable(lot: LotRow, now: string, spending: boolean): boolean {
  if (lot.expires_at !== null && lot.expires_at <= now) return false;
  return !spending || lot.available_at <= now;
}

export interface DebitInput extends EntryInput {
  points: number;
  /**
   * spend: only available lots, refuse if short (redeem, negative adjust).
   * reverse: take back what the lots still hold, the named lots first; record the rest as shortfall.
   */
  mode: 'spend' | 'reverse';
  preferLots?: string[];
}

/** Takes points from lots, oldest first. Returns the entry id and the shortfall (reverse mode). */
export function debit(db: DB, ctx: Ctx, d: DebitInput): { ledgerId: string; taken: number; shortfall: number } {
  const q = pointsQueries(db);
  const prefer = new Set(d.preferLots ?? []);
  const lots = q
    .openLots(d.memberId)
    .filter((lot) => usable(lot, ctx.now, d.mode === 'spend'))
    .sort((a, b) => Number(prefer.has(b.id)) - Number(prefer.has(a.id))); // stable: FIFO within each group
  const plan: Array<[LotRow, number]> = [];
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
    if (!q.consumeLot(lot.id, take)) throw new AppError('BUSY', 'Points changed meanwhile; try again');
    q.insertConsumption(ledgerId, lot.id, take);
  }
  return { ledgerId, taken, shortfall: left };
}

/** Expires every lot of one member whose date has passed: one entry for all of them. */
export function expireMember(db: DB, ctx: Ctx, memberId: string): { lots: number; points: number } {
  const q = pointsQueries(db);
  const due = q.openLots(memberId).filter((lot) => lot.expires_at !== null && lot.expires_at <= ctx.now);
  const points = due.reduce((sum, lot) => sum + lot.remaining, 0);
  if (points === 0) return { lots: 0, points: 0 };
  const ledgerId = appendEntry(db, ctx, { memberId, kind: 'expire', detail: { lots: due.length } }, -points);
  for (const lot of due) {
    if (!q.consumeLot(lot.id, lot.remaining)) throw new AppError('BUSY', 'Points changed meanwhile; try again');
    q.insertConsumption(ledgerId, lot.id, lot.remaining);
  }
  return { lots: due.length, points };
}
