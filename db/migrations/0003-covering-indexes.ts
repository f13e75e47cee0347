/**
 * Whole-branch passes (tier re-evaluation and review, later the reports) read spend per member
 * over a window: make the window's index cover what they read, so a million members do not
 * cost ten million row lookups. Tier reviews find the members due without a scan.
 */
export const sql = /* sql */ `
DROP INDEX purchases_occurred;
CREATE INDEX purchases_occurred ON purchases(occurred_at, kind, member_id, paid_fen);
CREATE INDEX members_tier_review ON members(tier_review_at) WHERE tier_review_at IS NOT NULL;
`;
