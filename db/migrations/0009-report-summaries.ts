/**
 * Summaries the reports read instead of ten million sales (docs/reports.md, "How the figures
 * are kept"). They are derived data: services/reports/summaries.ts keeps them up to date from the
 * rows added since its watermarks, between customers and before any report, and can rebuild
 * them from scratch at any time (a test proves both ways give the same rows).
 *
 * - report_members: per member, the local day they registered and every sale and refund as
 *   (local day, paid) pairs, packed in one blob: RFM and lifecycle for any date in one pass
 *   that reads one value per member.
 * - report_periods: per day, week, month, quarter and year, the sums and the distinct-member
 *   counts of the dashboard (active, repeat buyers, retained from the period before).
 * - report_breakdown: per month, quarter and year, sales by category, by staff and by tier.
 * - report_state: how far each source table has been read (rowid and id, so a renumbered
 *   table is noticed and rebuilt), and the time zone the days were counted in.
 *
 * The two time indexes 0007 built for reading the dashboard from the rows are dropped: nothing
 * reads them now, and the ledger's was one more index for every sale to write.
 *
 * Sales also keep the member's tier at the time of the sale, for the by-tier report. Sales
 * recorded before this version have none, and the report says so rather than guess.
 */
export const sql = /* sql */ `
DROP INDEX members_created;
DROP INDEX points_ledger_created;
ALTER TABLE purchases ADD COLUMN tier_id TEXT; -- a tiers.id (tiers are retired, never deleted)

CREATE TABLE report_state (
  source     TEXT PRIMARY KEY,
  last_rowid INTEGER NOT NULL DEFAULT 0,
  last_id    TEXT
) WITHOUT ROWID;

CREATE TABLE report_members (
  member_no INTEGER PRIMARY KEY, -- 1, 2, 3…: rows are only ever added, so a scan in this order numbers them
  member_id TEXT NOT NULL UNIQUE REFERENCES members(id),
  data      BLOB NOT NULL
);

CREATE TABLE report_periods (
  grain        TEXT NOT NULL CHECK (grain IN ('day', 'week', 'month', 'quarter', 'year')),
  period       TEXT NOT NULL,
  orders       INTEGER NOT NULL DEFAULT 0,
  sales_fen    INTEGER NOT NULL DEFAULT 0,
  refunds_fen  INTEGER NOT NULL DEFAULT 0,
  active       INTEGER NOT NULL DEFAULT 0,
  repeat       INTEGER NOT NULL DEFAULT 0,
  retained     INTEGER NOT NULL DEFAULT 0,
  new_members  INTEGER NOT NULL DEFAULT 0,
  pts_issued   INTEGER NOT NULL DEFAULT 0,
  pts_redeemed INTEGER NOT NULL DEFAULT 0,
  pts_expired  INTEGER NOT NULL DEFAULT 0,
  pts_reversed INTEGER NOT NULL DEFAULT 0,
  pts_net      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, period)
) WITHOUT ROWID;

CREATE TABLE report_breakdown (
  grain       TEXT NOT NULL CHECK (grain IN ('month', 'quarter', 'year')),
  period      TEXT NOT NULL,
  dim         TEXT NOT NULL CHECK (dim IN ('category', 'staff', 'tier')),
  key         TEXT NOT NULL,
  orders      INTEGER NOT NULL DEFAULT 0,
  sales_fen   INTEGER NOT NULL DEFAULT 0,
  refunds_fen INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (grain, period, dim, key)
) WITHOUT ROWID;
`;
