/**
 * The daily expiry reads, for every lot past its date, its member and what is left in it: keep
 * those in the index so a million-member branch does not fetch each lot's row twice.
 */
export const sql = /* sql */ `
DROP INDEX points_lots_expiring;
CREATE INDEX points_lots_expiring ON points_lots(expires_at, member_id, remaining) WHERE remaining > 0 AND expires_at IS NOT NULL;
`;
