import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface TierRow {
  id: string;
  rank: number;
  name: string;
  threshold: number;
  points_multiplier_pct: number;
  discount_pct: number;
  benefits: string | null;
  retired_at: string | null;
}

export interface MemberTierRow {
  id: string;
  tier_id: string | null;
  tier_since: string | null;
  tier_review_at: string | null;
}

export const tierQueries = perDatabase((db: DB) => {
  const active = db.prepare<[], TierRow>('SELECT * FROM tiers WHERE retired_at IS NULL AND branch_id IS NULL ORDER BY rank');
  const byId = db.prepare<[string], TierRow>('SELECT * FROM tiers WHERE id = ?');
  const retire = db.prepare<[string, string]>('UPDATE tiers SET retired_at = ?, rank = -1 - rank WHERE id = ?');
  const parkRanks = db.prepare('UPDATE tiers SET rank = -1000 - rank WHERE retired_at IS NULL AND branch_id IS NULL');
  const update = db.prepare(
    `UPDATE tiers SET rank = @rank, name = @name, threshold = @threshold, points_multiplier_pct = @points_multiplier_pct,
       discount_pct = @discount_pct, benefits = @benefits WHERE id = @id`,
  );
  const insert = db.prepare(
    `INSERT INTO tiers (id, rank, name, threshold, points_multiplier_pct, discount_pct, benefits, retired_at)
     VALUES (@id, @rank, @name, @threshold, @points_multiplier_pct, @discount_pct, @benefits, @retired_at)`,
  );
  const memberTier = db.prepare<[string], MemberTierRow>('SELECT id, tier_id, tier_since, tier_review_at FROM members WHERE id = ?');
  const setMemberTier = db.prepare<[string | null, string | null, string | null, string]>(
    'UPDATE members SET tier_id = ?, tier_since = ?, tier_review_at = ? WHERE id = ?',
  );
  const allMemberTiers = db.prepare<[], MemberTierRow>('SELECT id, tier_id, tier_since, tier_review_at FROM members');
  // The review (services/loyalty/tiers.ts, reviewSlice) along members_tier_review: the first
  // members due, in the index's own order (date, then rowid: no sort); a member reviewed leaves
  // the range (a later date, or none), so the next slice starts at the first still due.
  const DUE = 'tier_review_at IS NOT NULL AND tier_review_at <= @now';
  const dueForReview = db.prepare<{ now: string; limit: number }, MemberTierRow>(
    `SELECT id, tier_id, tier_since, tier_review_at FROM members WHERE ${DUE} ORDER BY tier_review_at, rowid LIMIT @limit`,
  );
  const anyDueForReview = db.prepare<{ now: string }, number>(`SELECT EXISTS (SELECT 1 FROM members WHERE ${DUE})`).pluck();
  // Counting the due members a slice at a time, in the index alone: up to the date `limit`
  // entries on (whole dates: a rowid bound is not used to seek, and a date's members are few).
  const dueDateAt = db
    .prepare<{ now: string; after: string; limit: number }, string>(
      `SELECT tier_review_at FROM members WHERE ${DUE} AND tier_review_at > @after ORDER BY tier_review_at LIMIT 1 OFFSET @limit`,
    )
    .pluck();
  const dueBetween = db
    .prepare<{ now: string; after: string; upTo: string }, number>(
      `SELECT COUNT(*) FROM members WHERE ${DUE} AND tier_review_at > @after AND tier_review_at <= @upTo`,
    )
    .pluck();
  /** Net spend per member over sales since `from` (refunds and voids of those sales subtracted). */
  const spendByMember = db.prepare<[string, string], { member_id: string; value: number }>(
    `SELECT member_id, SUM(value) AS value FROM (
       SELECT member_id, paid_fen AS value FROM purchases WHERE kind = 'sale' AND occurred_at >= ?
       UNION ALL
       SELECT s.member_id, -r.paid_fen FROM purchases r JOIN purchases s ON s.id = r.original_id
        WHERE r.kind IN ('refund', 'void') AND s.occurred_at >= ?)
     GROUP BY member_id`,
  );
  /**
   * Points earned per member on sales since `from`, less what their refunds took back (or tried
   * to). Counted for the member who has the sale now: a merge moves a duplicate's sales, while
   * its ledger entries stay where they were written.
   */
  const pointsByMember = db.prepare<[string, string], { member_id: string; value: number }>(
    `SELECT member_id, SUM(value) AS value FROM (
       SELECT s.member_id, l.points AS value FROM points_ledger l JOIN purchases s ON s.id = l.purchase_id
        WHERE l.kind = 'earn' AND s.occurred_at >= ?
       UNION ALL
       SELECT s.member_id, l.points - l.shortfall - COALESCE(json_extract(l.detail_json, '$.forgiven'), 0) FROM points_ledger l
         JOIN purchases r ON r.id = l.purchase_id JOIN purchases s ON s.id = r.original_id
        WHERE l.kind = 'reverse' AND json_extract(l.detail_json, '$.of') = 'earn' AND s.occurred_at >= ?)
     GROUP BY member_id`,
  );
  // From the member's sales in the window (purchases_member), as pointsByMember counts them.
  const pointsOfMember = db.prepare<[string, string, string, string], { value: number }>(
    `SELECT COALESCE(SUM(value), 0) AS value FROM (
       SELECT l.points AS value FROM purchases s JOIN points_ledger l ON l.purchase_id = s.id
        WHERE s.member_id = ? AND s.occurred_at >= ? AND s.kind = 'sale' AND l.kind = 'earn'
       UNION ALL
       SELECT l.points - l.shortfall - COALESCE(json_extract(l.detail_json, '$.forgiven'), 0) FROM purchases s
         JOIN purchases r ON r.original_id = s.id JOIN points_ledger l ON l.purchase_id = r.id
        WHERE s.member_id = ? AND s.occurred_at >= ? AND s.kind = 'sale' AND l.kind = 'reverse' AND json_extract(l.detail_json, '$.of') = 'earn')`,
  );
  // The tier job's slices (services/loyalty/tier-job.ts): members in id order, and the same
  // figures as spendByMember and pointsByMember for the members of one id range, read from
  // their own sales (purchases_member) rather than the whole window's.
  const memberCount = db.prepare<[], number>('SELECT COUNT(*) FROM members').pluck();
  const membersAfter = db.prepare<[string, number], MemberTierRow>(
    'SELECT id, tier_id, tier_since, tier_review_at FROM members WHERE id > ? ORDER BY id LIMIT ?',
  );
  const spendInRange = db.prepare<{ from: string; after: string; last: string }, { member_id: string; value: number }>(
    `SELECT member_id, SUM(value) AS value FROM (
       SELECT member_id, paid_fen AS value FROM purchases
        WHERE member_id > @after AND member_id <= @last AND occurred_at >= @from AND kind = 'sale'
       UNION ALL
       SELECT s.member_id, -r.paid_fen FROM purchases s JOIN purchases r ON r.original_id = s.id
        WHERE s.member_id > @after AND s.member_id <= @last AND s.occurred_at >= @from AND r.kind IN ('refund', 'void'))
     GROUP BY member_id`,
  );
  const pointsInRange = db.prepare<{ from: string; after: string; last: string }, { member_id: string; value: number }>(
    `SELECT member_id, SUM(value) AS value FROM (
       SELECT s.member_id, l.points AS value FROM purchases s JOIN points_ledger l ON l.purchase_id = s.id
        WHERE s.member_id > @after AND s.member_id <= @last AND s.occurred_at >= @from AND l.kind = 'earn'
       UNION ALL
       -- CROSS JOIN keeps this order (the range's sales, their refunds, their entries): left to
       -- itself SQLite reads every reversal entry of the branch for each slice.
       SELECT s.member_id, l.points - l.shortfall - COALESCE(json_extract(l.detail_json, '$.forgiven'), 0) FROM purchases s
         CROSS JOIN purchases r ON r.original_id = s.id CROSS JOIN points_ledger l ON l.purchase_id = r.id
        WHERE s.member_id > @after AND s.member_id <= @last AND s.occurred_at >= @from
          AND l.kind = 'reverse' AND json_extract(l.detail_json, '$.of') = 'earn')
     GROUP BY member_id`,
  );
  // The same figures for a slice's members, by id (the review's: members due, not an id range).
  const MEMBERS = 'IN (SELECT value FROM json_each(@ids))';
  const spendOfMembers = db.prepare<{ from: string; ids: string }, { member_id: string; value: number }>(
    `SELECT member_id, SUM(value) AS value FROM (
       SELECT member_id, paid_fen AS value FROM purchases WHERE member_id ${MEMBERS} AND occurred_at >= @from AND kind = 'sale'
       UNION ALL
       SELECT s.member_id, -r.paid_fen FROM purchases s CROSS JOIN purchases r ON r.original_id = s.id
        WHERE s.member_id ${MEMBERS} AND s.occurred_at >= @from AND r.kind IN ('refund', 'void'))
     GROUP BY member_id`,
  );
  const pointsOfMembers = db.prepare<{ from: string; ids: string }, { member_id: string; value: number }>(
    `SELECT member_id, SUM(value) AS value FROM (
       SELECT s.member_id, l.points AS value FROM purchases s CROSS JOIN points_ledger l ON l.purchase_id = s.id
        WHERE s.member_id ${MEMBERS} AND s.occurred_at >= @from AND l.kind = 'earn'
       UNION ALL
       SELECT s.member_id, l.points - l.shortfall - COALESCE(json_extract(l.detail_json, '$.forgiven'), 0) FROM purchases s
         CROSS JOIN purchases r ON r.original_id = s.id CROSS JOIN points_ledger l ON l.purchase_id = r.id
        WHERE s.member_id ${MEMBERS} AND s.occurred_at >= @from
          AND l.kind = 'reverse' AND json_extract(l.detail_json, '$.of') = 'earn')
     GROUP BY member_id`,
  );
  return {
    active: () => active.all(),
    byId: (id: string) => byId.get(id) ?? null,
    retire: (id: string, at: string) => retire.run(at, id),
    parkRanks: () => parkRanks.run(),
    update: (row: TierRow) => update.run(row),
    insert: (row: TierRow) => insert.run(row),
    memberTier: (id: string) => memberTier.get(id) ?? null,
    setMemberTier: (memberId: string, tierId: string, since: string, reviewAt: string | null) =>
      setMemberTier.run(tierId, since, reviewAt, memberId),
    /** Puts back a tier the member had, as it was stored (a member never moved has no tier, no since). */
    restoreMemberTier: (memberId: string, tierId: string | null, since: string | null, reviewAt: string | null) =>
      setMemberTier.run(tierId, since, reviewAt, memberId),
    allMemberTiers: () => allMemberTiers.all(),
    /** The first `limit` members whose review date is at or before `now`, in the review index's order. */
    dueForReview: (now: string, limit: number) => dueForReview.all({ now, limit }),
    anyDueForReview: (now: string) => anyDueForReview.get({ now }) === 1,
    /**
     * Counts members due at `now` with review dates after `after` ('' for all): up to the date
     * `limit` entries on and every member of that date. Answers the count and the date counted
     * to (null: none is left after it).
     */
    countDueForReview: (now: string, after: string, limit: number) => {
      const upTo = dueDateAt.get({ now, after, limit }) ?? null;
      return { counted: dueBetween.get({ now, after, upTo: upTo ?? now }) ?? 0, upTo };
    },
    valuesByMember: (basis: 'spend' | 'points', from: string) => (basis === 'spend' ? spendByMember : pointsByMember).all(from, from),
    pointsOfMember: (memberId: string, from: string) => pointsOfMember.get(memberId, from, memberId, from)!.value,
    memberCount: () => memberCount.get() ?? 0,
    /** The next `limit` members after the id `after` ('' for the first), in id order. */
    membersAfter: (after: string, limit: number) => membersAfter.all(after, limit),
    /** valuesByMember for the members with ids in (after, last]. */
    valuesInRange: (basis: 'spend' | 'points', from: string, after: string, last: string) =>
      (basis === 'spend' ? spendInRange : pointsInRange).all({ from, after, last }),
    /** valuesByMember for the members `ids`. */
    valuesOfMembers: (basis: 'spend' | 'points', from: string, ids: string[]) =>
      (basis === 'spend' ? spendOfMembers : pointsOfMembers).all({ from, ids: JSON.stringify(ids) }),
  };
});
