import { addMonths, subMonths } from 'date-fns';
import { tiersContract, type Tier, type TierConfig, type TierStatus } from '../../shared/contract/tiers';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import { purchaseQueries } from '../../db/queries/loyalty/purchases';
import { tierQueries, type MemberTierRow, type TierRow } from '../../db/queries/loyalty/tiers';
import type { Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { queueInstead } from '../core/jobs/queue';

export function tierView(row: TierRow): Tier {
  return {
    id: row.id,
    rank: row.rank,
    name: row.name,
    threshold: row.threshold,
    pointsMultiplierPct: row.points_multiplier_pct,
    discountPct: row.discount_pct,
    benefits: row.benefits,
  };
}

export function tierConfig(db: DB): TierConfig {
  const b = branchQueries(db);
  return {
    basis: b.setting('tier_basis') === 'points' ? 'points' : 'spend',
    windowMonths: Number(b.setting('tier_window_months') ?? 12),
    reviewMonths: Number(b.setting('tier_review_months') ?? 12),
    tiers: tierQueries(db).active().map(tierView),
  };
}

/** The highest tier whose threshold the figure reaches (the lowest tier starts at 0). */
export function tierFor(tiers: Tier[], value: number): Tier {
  let best = tiers[0];
  for (const t of tiers) if (value >= t.threshold) best = t;
  return best;
}

const iso = (d: Date) => d.toISOString();

/** Where the window ending `now` starts: the sale, the tier job and the review all count from it. */
function windowFrom(config: TierConfig, now: string): string {
  return iso(subMonths(new Date(now), config.windowMonths));
}

export function qualifying(db: DB, config: TierConfig, memberId: string, now: string): { value: number; from: string } {
  const from = windowFrom(config, now);
  const value = config.basis === 'spend' ? purchaseQueries(db).spendSince(memberId, from) : tierQueries(db).pointsOfMember(memberId, from);
  return { value, from };
}

/** The member's tier right now (their stored tier; the lowest if theirs was retired). */
export function currentTier(db: DB, config: TierConfig, memberId: string): Tier {
  const row = tierQueries(db).memberTier(memberId);
  return config.tiers.find((t) => t.id === row?.tier_id) ?? config.tiers[0];
}

export function tierStatus(
  db: DB,
  ctx: Ctx,
  memberId: string,
  config = tierConfig(db),
  known?: { value: number; from: string },
): TierStatus {
  const member = tierQueries(db).memberTier(memberId);
  if (!member) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: memberId });
  const { value, from } = known ?? qualifying(db, config, memberId, ctx.now);
  const tier = currentTier(db, config, memberId);
  const next = config.tiers.find((t) => t.rank > tier.rank) ?? null;
  return {
    tier,
    basis: config.basis,
    qualifying: value,
    windowFrom: from,
    windowMonths: config.windowMonths,
    qualifiesFor: tierFor(config.tiers, value),
    reviewAt: member.tier_review_at,
    next: next ? { tier: next, missing: Math.max(0, next.threshold - value) } : null,
  };
}

export function moveTo(db: DB, ctx: Ctx, config: TierConfig, memberId: string, from: Tier, to: Tier, why: string): void {
  // The lowest tier has nothing to review; any other is reviewed `reviewMonths` after it was reached.
  const reviewAt = to.rank === config.tiers[0].rank ? null : iso(addMonths(new Date(ctx.now), config.reviewMonths));
  tierQueries(db).setMemberTier(memberId, to.id, ctx.now, reviewAt);
  writeAudit(ctx, {
    action: `tiers.${why}`,
    entity: 'member',
    entityId: memberId,
    before: { tier: from.name },
    after: { tier: to.name, reviewAt },
  });
}

/** After a purchase: up at once if the window's figure reaches a higher tier; answers the new status too. */
export function afterSale(db: DB, ctx: Ctx, memberId: string, config = tierConfig(db)): { upgraded: boolean; status: TierStatus } {
  const current = currentTier(db, config, memberId);
  const figure = qualifying(db, config, memberId, ctx.now);
  const target = tierFor(config.tiers, figure.value);
  const upgraded = target.rank > current.rank;
  if (upgraded) moveTo(db, ctx, config, memberId, current, target, 'upgrade');
  return { upgraded, status: tierStatus(db, ctx, memberId, config, figure) };
}

type Reevaluation = { reviewed: number; upgraded: number; downgraded: number };

/** Members the inline review (tiers.review) takes at a time, as the review job's slices do. */
const REVIEW_SLICE = 500;

/**
 * One slice of the review: the first `limit` members whose review date is at or before `dueAt`,
 * in the review index's order, each moved to the tier their window earns now (up, down, or
 * renewed, with a new review date or none). Their figures come from their own sales only: the
 * whole window's aggregate took seconds at a million members for the one member due. A member
 * reviewed is no longer due, so the next slice starts at the first still due.
 */
export function reviewSlice(db: DB, ctx: Ctx, dueAt: string, limit: number): Reevaluation {
  const q = tierQueries(db);
  const members = q.dueForReview(dueAt, limit);
  if (members.length === 0) return { reviewed: 0, upgraded: 0, downgraded: 0 };
  const config = tierConfig(db);
  const values = q.valuesOfMembers(
    config.basis,
    windowFrom(config, ctx.now),
    members.map((m) => m.id),
  );
  return moveMembers(db, ctx, config, 'review', members, values);
}

/**
 * One slice of the tier job (tier-job.ts): the `limit` members after the id `after`, in id
 * order, re-evaluated as tiers.save once did everyone (`config` mode), by the table saved now.
 */
export function reevaluateSlice(db: DB, ctx: Ctx, after: string, limit: number): Reevaluation & { last: string | null } {
  const q = tierQueries(db);
  const members = q.membersAfter(after, limit);
  if (members.length === 0) return { reviewed: 0, upgraded: 0, downgraded: 0, last: null };
  const last = members[members.length - 1].id;
  const config = tierConfig(db);
  const values = q.valuesInRange(config.basis, windowFrom(config, ctx.now), after, last);
  return { ...moveMembers(db, ctx, config, 'config', members, values), last };
}

function moveMembers(
  db: DB,
  ctx: Ctx,
  config: TierConfig,
  mode: 'review' | 'config',
  members: MemberTierRow[],
  figures: Array<{ member_id: string; value: number }>,
): Reevaluation {
  const q = tierQueries(db);
  const values = new Map(figures.map((r) => [r.member_id, r.value]));
  const byId = new Map(config.tiers.map((t) => [t.id, t]));
  let upgraded = 0;
  let downgraded = 0;
  for (const m of members) {
    // NULL is the lowest tier; an id no longer in the table is a retired tier (must move).
    const current = m.tier_id === null ? config.tiers[0] : (byId.get(m.tier_id) ?? null);
    const target = tierFor(config.tiers, values.get(m.id) ?? 0);
    if (current && target.id === current.id) {
      if (mode === 'review') moveTo(db, ctx, config, m.id, current, target, 'renew');
      continue;
    }
    // A retired tier's rank is gone: its threshold tells up from down, and the audit names it.
    const from = current ?? tierView(q.byId(m.tier_id!)!);
    const up = current ? target.rank > current.rank : target.threshold > from.threshold;
    if (!up && mode === 'config' && current) continue; // a downgrade waits for the review date
    moveTo(db, ctx, config, m.id, from, target, up ? 'upgrade' : 'downgrade');
    if (up) upgraded++;
    else downgraded++;
  }
  return { reviewed: members.length, upgraded, downgraded };
}

/**
 * Reviews every member past their review date now, in one call (the manager's tiers.review; the
 * hourly chores queue the review job instead). Costs what the members due cost, not the store.
 */
export function reviewTiers(db: DB, ctx: Ctx): Reevaluation {
  const total = { reviewed: 0, upgraded: 0, downgraded: 0 };
  for (;;) {
    const slice = reviewSlice(db, ctx, ctx.now, REVIEW_SLICE);
    total.reviewed += slice.reviewed;
    total.upgraded += slice.upgraded;
    total.downgraded += slice.downgraded;
    if (slice.reviewed < REVIEW_SLICE) return total;
  }
}

/**
 * Up to the tier each member's history earns (after sales written in bulk, e.g. demo data), in
 * one pass: one aggregate query for the window, then only the members whose tier changes
 * written (up at once, down only out of a retired tier).
 */
export function settleTiers(db: DB, ctx: Ctx): Reevaluation {
  const config = tierConfig(db);
  const q = tierQueries(db);
  const members = q.allMemberTiers();
  if (members.length === 0) return { reviewed: 0, upgraded: 0, downgraded: 0 };
  const values = q.valuesByMember(config.basis, windowFrom(config, ctx.now));
  return moveMembers(db, ctx, config, 'config', members, values);
}

export const tiersHandlers = {
  'tiers.list': (db) => tierConfig(db),

  'tiers.status': (db, ctx, input) => tierStatus(db, ctx, input.memberId),

  'tiers.review': (db, ctx) => reviewTiers(db, ctx),

  'tiers.save': (db, ctx, input) => {
    const q = tierQueries(db);
    const before = tierConfig(db);
    const existing = new Map(before.tiers.map((t) => [t.id, t]));
    for (const t of input.tiers) {
      if (t.id && !existing.has(t.id)) throw new AppError('NOT_FOUND', 'No such tier', { entity: 'tier', id: t.id });
    }
    const kept = new Set(input.tiers.map((t) => t.id).filter(Boolean));
    for (const t of before.tiers) if (!kept.has(t.id)) q.retire(t.id, ctx.now);
    q.parkRanks(); // free the ranks so they can be handed out again in the new order
    input.tiers.forEach((t, rank) => {
      const row: TierRow = {
        id: t.id ?? ctx.newId(),
        rank,
        name: t.name,
        threshold: t.threshold,
        points_multiplier_pct: t.pointsMultiplierPct,
        discount_pct: t.discountPct,
        benefits: t.benefits ?? null,
        retired_at: null,
      };
      if (t.id) q.update(row);
      else q.insert(row);
    });
    const b = branchQueries(db);
    b.setSetting('tier_basis', input.basis);
    b.setSetting('tier_window_months', String(input.windowMonths));
    b.setSetting('tier_review_months', String(input.reviewMonths));
    const config = tierConfig(db);
    // Re-evaluating a million members takes half a minute: a job does it in slices, and
    // replaces one a save before started (never two at once, and the newer table wins).
    const job = queueInstead(db, ctx, 'tiers.reevaluate');
    writeAudit(ctx, { action: 'tiers.save', entity: 'tiers', before, after: { ...config, jobId: job.id, superseded: job.superseded } });
    return { config, jobId: job.id };
  },
} satisfies DomainHandlers<typeof tiersContract>;
