/**
 * The dashboard counts a period's new members and sums its points by kind: both by time, so
 * both get an index by time (the ledger's covering, so a year is read from the index alone).
 * Rows arrive in time order, so these grow at their end and cost a sale next to nothing.
 */
export const sql = /* sql */ `
CREATE INDEX members_created ON members(created_at);
CREATE INDEX points_ledger_created ON points_ledger(created_at, kind, points);
`;
