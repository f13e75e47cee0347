/**
 * The counter's hot path at a million members, where a member's rows lie scattered through a
 * file grown day by day, so every row read is a page read:
 * - open lots: a partial index holding what a balance and a debit read, so spent lots are never
 *   visited (it replaces the plain member index, which only open-lot reads used). An expiry no
 *   longer zeroes `remaining`: it closes the lot (`expired_by`, `expired_points` = what it took),
 *   so the month's expiry never rewrites this member-keyed index, only the date-keyed one.
 *   Lots expired before this version get back the points the expiry took, in the new meaning;
 * - a member's shortfall: a tiny partial index (shortfalls are rare), not a walk of their ledger;
 * - 12-month spend for the tier: kind and paid amount in the member index, no sale row read.
 */
export const sql = /* sql */ `
UPDATE points_lots SET remaining = expired_points WHERE expired_by IS NOT NULL;
DROP INDEX points_lots_expiring;
CREATE INDEX points_lots_expiring ON points_lots(expires_at, member_id, remaining) WHERE remaining > 0 AND expires_at IS NOT NULL AND expired_by IS NULL;
DROP INDEX points_lots_member;
CREATE INDEX points_lots_open ON points_lots(member_id, earned_at, remaining, available_at, expires_at) WHERE remaining > 0;
CREATE INDEX points_ledger_member_shortfall ON points_ledger(member_id, shortfall) WHERE shortfall > 0;
DROP INDEX purchases_member;
CREATE INDEX purchases_member ON purchases(member_id, occurred_at, kind, paid_fen);
`;
