import type { OutputOf } from '../../shared/contract/index';
import { auditQueries } from '../../db/queries/core/audit';
import type { PurchaseRow } from '../../db/queries/loyalty/purchases';
import { tierQueries } from '../../db/queries/loyalty/tiers';
import type { DB } from '../../db/connection';
import type { Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { currentTier, moveTo, qualifying, tierConfig, tierFor } from './tiers';

// A voided sale never happened, so neither did the upgrade it made (docs/rpc.md `purchases.void`). A
// tier moves at once when a sale qualifies, in the same call: the member's tier then dates from
// the sale's instant, and the sale keeps the tier the member had when they paid. The tier and
// review date before it are the member's last tier move before the sale (each one is audited
// with the tier and review date it set), or none at all for a member never moved. If that trail
// does not name the tier the sale kept (a tier renamed since), the member is assessed afresh
// without the sale, as an upgrade would: a new review date.

type TierAfterVoid = OutputOf<'purchases.void'>['tier'];

interface TierMove {
  at: string;
  tier: string;
  reviewAt: string | null;
}

/** The member's tier moves before `before`, newest last, as the audit trail recorded them. */
function movesBefore(db: DB, memberId: string, before: string): TierMove[] {
  return auditQueries(db)
    .forEntity('member', memberId)
    .filter((a) => a.action.startsWith('tiers.') && a.at < before && a.after_json !== null)
    .map((a) => {
      const after = JSON.parse(a.after_json!) as { tier?: string; reviewAt?: string | null };
      return { at: a.at, tier: after.tier ?? '', reviewAt: after.reviewAt ?? null };
    });
}

/**
 * The member's tier row as it was before the sale, when the trail says so: their last move set
 * the tier the sale kept, or they never moved and the sale kept the lowest tier. Null otherwise.
 */
function stateBefore(db: DB, sale: PurchaseRow, tierName: string, tierId: string, lowest: boolean) {
  const last = movesBefore(db, sale.member_id, sale.created_at).at(-1);
  if (!last) return lowest ? { tierId: null, since: null, reviewAt: null } : null;
  return last.tier === tierName ? { tierId, since: last.at, reviewAt: last.reviewAt } : null;
}

/** Undoes the upgrade the voided sale made, unless the member's spend without it still qualifies. Call after the void row is written. */
export function tierAfterVoid(db: DB, ctx: Ctx, sale: PurchaseRow, voidId: string): TierAfterVoid {
  const q = tierQueries(db);
  const member = q.memberTier(sale.member_id);
  // Not moved by this sale: still on the tier the sale kept, or moved by something since.
  if (!member || member.tier_since !== sale.created_at || member.tier_id === sale.tier_id) return null;
  const config = tierConfig(db);
  const current = currentTier(db, config, sale.member_id);
  const without = tierFor(config.tiers, qualifying(db, config, sale.member_id, ctx.now).value);
  if (without.rank >= current.rank) return null;
  const before = config.tiers.find((t) => t.id === sale.tier_id);
  const known =
    before && without.rank <= before.rank ? stateBefore(db, sale, before.name, before.id, before.rank === config.tiers[0].rank) : null;
  if (!known || !before) {
    moveTo(db, ctx, config, sale.member_id, current, without, 'reassess');
    const reviewAt = q.memberTier(sale.member_id)!.tier_review_at;
    return { from: current.name, to: without.name, reviewAt };
  }
  q.restoreMemberTier(sale.member_id, known.tierId, known.since, known.reviewAt);
  writeAudit(ctx, {
    action: 'tiers.restore',
    entity: 'member',
    entityId: sale.member_id,
    before: { tier: current.name, reviewAt: member.tier_review_at },
    after: { tier: before.name, reviewAt: known.reviewAt, reason: 'sale_voided', voidId },
  });
  return { from: current.name, to: before.name, reviewAt: known.reviewAt };
}
