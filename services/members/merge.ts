import type { membersContract, MemberMergeSide } from '../../shared/contract/members';
import { FOLLOWUP_KINDS } from '../../shared/contract/followups';
import { AppError, validationError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { followupQueries, type FollowupRow } from '../../db/queries/followups/followups';
import { memberMergeQueries, memberQueries, type StoredMember } from '../../db/queries/members/members';
import { pointsQueries } from '../../db/queries/loyalty/points';
import { purchaseQueries } from '../../db/queries/loyalty/purchases';
import { callerOf, type Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { MARKETING_KINDS } from '../followups/generator';
import { requireKind } from '../hq/chain';
import { auditable, loadMember, refuseMerged } from './view';
import { rebuildSummaryLater } from '../reports/summary-job';
import { afterSale, currentTier, tierConfig, tierFor, tierStatus } from '../loyalty/tiers';

// Merging a duplicate registration (B) into the member who stays (A), docs/members.md. B's
// history moves to A; B's row stays as a tombstone (merged_into = A), which is also how the
// merge travels to HQ: HQ replays the same moves from it.

type MergeHandlers = Pick<DomainHandlers<typeof membersContract>, 'members.merge' | 'members.mergePreview'>;

/** Both members, refused unless they differ, belong to this branch, are active and not merged. */
function mergeablePair(db: DB, keepId: string, mergeId: string): { keep: StoredMember; merge: StoredMember } {
  // An HQ database holds the branches' members as they sent them: merging happens at the branch.
  const self = requireKind(db, 'branch');
  if (keepId === mergeId) throw validationError([{ field: 'mergeId', rule: 'same_member' }]);
  const q = memberQueries(db);
  const pick = (id: string, field: 'keepId' | 'mergeId') => {
    const row = q.byId(id);
    if (!row || row.branch_id !== self.id)
      throw new AppError('NOT_FOUND', 'No such member at this branch', { entity: 'member', id, field });
    refuseMerged(db, row);
    if (row.status !== 'active')
      throw new AppError('MEMBER_INACTIVE', 'This member is deactivated; reactivate them before merging', { id, field });
    return row;
  };
  return { keep: pick(keepId, 'keepId'), merge: pick(mergeId, 'mergeId') };
}

function side(db: DB, row: StoredMember, tierName: string): MemberMergeSide {
  const totals = purchaseQueries(db).totals(row.id);
  const mq = memberMergeQueries(db);
  return {
    id: row.id,
    name: row.name,
    cardNo: row.card_no,
    phone: row.phone,
    points: row.points_balance,
    sales: totals.sales,
    netFen: totals.sales_fen - totals.refunds_fen,
    tierName,
    openFollowups: mq.openFollowups(row.id),
    feedback: mq.feedbackCount(row.id),
  };
}

/**
 * The ledger is append-only: B's entries stay B's. Two `merge` entries carry B's balance over
 * (B −n, A +n). They neither make nor consume lots, because B's lots themselves moved to A with
 * their dates; so afterwards each member's balance is still the sum of their ledger and of their
 * lots. Nothing is written for a balance of 0.
 */
function carryPoints(db: DB, ctx: Ctx, keep: StoredMember, merge: StoredMember): number {
  const points = merge.points_balance;
  if (points === 0) return 0;
  const pq = pointsQueries(db);
  const entry = (member: StoredMember, delta: number, other: StoredMember) => {
    pq.insertEntry({
      id: ctx.newId(),
      branch_id: member.branch_id,
      member_id: member.id,
      kind: 'merge',
      points: delta,
      shortfall: 0,
      purchase_id: null,
      reason: `${other.name} (${other.card_no})`,
      detail_json: JSON.stringify({ memberId: other.id, cardNo: other.card_no }),
      created_at: ctx.now,
      created_by: callerOf(ctx).id,
    });
    pq.bumpBalance(member.id, delta);
  };
  entry(merge, -points, keep);
  entry(keep, points, merge);
  return points;
}

/**
 * B's follow-ups are A's calls now, except those that no longer fit A: a duplicate of an open
 * task A already has (same kind, same due date), a marketing call A has not consented to, birthday
 * care for a birthday A does not have, and a win-back call when A (with B's sales) has bought
 * since. Answers why a moved open task is to be cancelled, or null to keep it.
 */
function unfitFollowups(db: DB, keep: StoredMember, merge: StoredMember, keepOpen: FollowupRow[]): (task: FollowupRow) => string | null {
  const taken = new Set(keepOpen.map((f) => `${f.kind}|${f.due_date}`));
  // The combined member's latest sale, ordered by time then id as the win-back rule orders them.
  const mq = memberMergeQueries(db);
  const [a, b] = [mq.lastSale(keep.id), mq.lastSale(merge.id)];
  const last = a === null || (b !== null && (b.occurred_at > a.occurred_at || (b.occurred_at === a.occurred_at && b.id > a.id))) ? b : a;
  const birthday = (m: StoredMember) => m.birthday?.slice(5) ?? null;
  return (task) => {
    if (taken.has(`${task.kind}|${task.due_date}`)) return 'merged_duplicate';
    if (MARKETING_KINDS.includes(task.kind) && keep.consent_marketing !== 1) return 'merged_no_marketing_consent';
    if (task.kind === 'birthday' && birthday(keep) !== birthday(merge)) return 'merged_other_birthday';
    if (task.kind === 'reactivation' && last !== null && last.id !== task.purchase_id) return 'came_back';
    return null;
  };
}

/** Cancels the moved tasks that do not fit, the way the app cancels other calls that should not be made: the audit row says why. */
function settleFollowups(db: DB, ctx: Ctx, merge: StoredMember, moved: FollowupRow[], why: (task: FollowupRow) => string | null): number {
  const q = followupQueries(db);
  let cancelled = 0;
  for (const task of moved) {
    const reason = why(task);
    if (reason === null) continue;
    q.update({ ...task, status: 'cancelled', updated_at: ctx.now });
    writeAudit(ctx, {
      action: 'followups.cancel',
      entity: 'followup',
      entityId: task.id,
      before: { status: task.status },
      after: { status: 'cancelled', reason, mergedFrom: merge.id },
    });
    cancelled++;
  }
  return cancelled;
}

const openTasks = (db: DB, memberId: string) => {
  const q = followupQueries(db);
  return FOLLOWUP_KINDS.flatMap((kind) => q.openOfKind(memberId, kind));
};

export const memberMergeHandlers = {
  'members.mergePreview': (db, ctx, input) => {
    const { keep, merge } = mergeablePair(db, input.keepId, input.mergeId);
    const config = tierConfig(db);
    const [k, m] = [tierStatus(db, ctx, keep.id, config), tierStatus(db, ctx, merge.id, config)];
    // As the merge will do it: up at once if the combined figure earns more, never down.
    const target = tierFor(config.tiers, k.qualifying + m.qualifying);
    const upgraded = target.rank > k.tier.rank;
    const [a, b] = [side(db, keep, k.tier.name), side(db, merge, currentTier(db, config, merge.id).name)];
    const unfit = unfitFollowups(db, keep, merge, openTasks(db, keep.id));
    const cancelled = openTasks(db, merge.id).filter((task) => unfit(task) !== null).length;
    return {
      keep: a,
      merge: b,
      after: {
        points: a.points + b.points,
        sales: a.sales + b.sales,
        netFen: a.netFen + b.netFen,
        tierName: upgraded ? target.name : k.tier.name,
        upgraded,
        openFollowups: a.openFollowups + b.openFollowups - cancelled,
        feedback: a.feedback + b.feedback,
      },
    };
  },

  'members.merge': (db, ctx, input) => {
    const callerId = callerOf(ctx).id;
    const { keep, merge } = mergeablePair(db, input.keepId, input.mergeId);
    const q = memberQueries(db);
    const mq = memberMergeQueries(db);
    const [keepTags, mergeTags] = [q.tags(keep.id), q.tags(merge.id)];
    const before = { keep: auditable(keep, keepTags), merged: auditable(merge, mergeTags) };
    const [keepOpen, mergeOpen] = [openTasks(db, keep.id), openTasks(db, merge.id)];
    // Judged before anything moves: the same answers the preview gave.
    const unfit = unfitFollowups(db, keep, merge, keepOpen);

    const moved = mq.moveHistory(merge.id, keep.id, ctx.now);
    const points = carryPoints(db, ctx, keep, merge);
    const tags = [...new Set([...keepTags, ...mergeTags])].sort();
    if (tags.length !== keepTags.length) q.setTags(keep.id, tags);
    mq.tombstone(merge.id, keep.id, ctx.now, callerId);
    mq.touch(keep.id, ctx.now, callerId);
    const { upgraded } = afterSale(db, ctx, keep.id);
    const followupsCancelled = settleFollowups(db, ctx, merge, mergeOpen, unfit);
    // The summaries assume sales are only ever added; sales that changed member need them built
    // again, by a background job: at a million members that is minutes, too long for the counter.
    rebuildSummaryLater(db, ctx);

    const [kept, merged] = [loadMember(db, keep.id), loadMember(db, merge.id)];
    writeAudit(ctx, {
      action: 'members.merge',
      entity: 'member',
      entityId: merge.id,
      before,
      after: {
        keep: auditable(q.byId(keep.id)!, kept.tags),
        merged: auditable(q.byId(merge.id)!, merged.tags),
        moved,
        points,
        followupsCancelled,
        reason: input.reason ?? null,
      },
    });
    return { kept, merged, moved, points, followupsCancelled, upgraded };
  },
} satisfies MergeHandlers;
