/**
 * A mistaken sale can be voided (作废) the same day: the void is a purchases row of its own, kind
 * `void`, naming the sale in `original_id`, as a refund does. Rows are only ever added, so the
 * report summaries keep catching up on added rows and HQ keeps merging purchases as a union.
 *
 * SQLite cannot change a CHECK constraint in place, so the table is rebuilt with the new kind.
 * Every row keeps its rowid: the summaries' watermarks (report_state) and the exports' ranges
 * (hq_exports) are rowids. Foreign keys (the ledger's and follow-ups' purchase_id, a refund's
 * original_id) keep pointing at `purchases` by name, and are checked before commit.
 *
 * A sale is voided at most once, which the unique index on a void's original_id makes true even
 * for two tills at once. The counter indexes are made again here; an HQ drops them and makes its
 * own when it opens (db/hq-layout.ts).
 */
export const foreignKeysOff = true;

export const sql = /* sql */ `
CREATE TABLE purchases_new (
  id              TEXT PRIMARY KEY,
  branch_id       TEXT NOT NULL REFERENCES branches(id),
  member_id       TEXT NOT NULL REFERENCES members(id),
  kind            TEXT NOT NULL CHECK (kind IN ('sale', 'refund', 'void')),
  original_id     TEXT REFERENCES purchases(id),
  receipt_no      TEXT,
  amount_fen      INTEGER NOT NULL CHECK (amount_fen > 0),
  redeemed_points INTEGER NOT NULL DEFAULT 0 CHECK (redeemed_points >= 0),
  redeemed_fen    INTEGER NOT NULL DEFAULT 0 CHECK (redeemed_fen >= 0),
  paid_fen        INTEGER NOT NULL CHECK (paid_fen >= 0),
  category        TEXT,
  note            TEXT,
  rules_id        TEXT REFERENCES points_rules(id),
  occurred_at     TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  created_by      TEXT REFERENCES staff(id),
  tier_id         TEXT, -- a tiers.id (tiers are retired, never deleted)
  CHECK ((kind IN ('refund', 'void')) = (original_id IS NOT NULL))
);
INSERT INTO purchases_new (rowid, id, branch_id, member_id, kind, original_id, receipt_no, amount_fen, redeemed_points, redeemed_fen,
    paid_fen, category, note, rules_id, occurred_at, created_at, created_by, tier_id)
  SELECT rowid, id, branch_id, member_id, kind, original_id, receipt_no, amount_fen, redeemed_points, redeemed_fen,
    paid_fen, category, note, rules_id, occurred_at, created_at, created_by, tier_id FROM purchases ORDER BY rowid;
DROP TABLE purchases;
ALTER TABLE purchases_new RENAME TO purchases;

CREATE UNIQUE INDEX purchases_receipt ON purchases(branch_id, receipt_no) WHERE kind = 'sale' AND receipt_no IS NOT NULL;
CREATE INDEX purchases_member ON purchases(member_id, occurred_at, kind, paid_fen);
CREATE INDEX purchases_original ON purchases(original_id) WHERE original_id IS NOT NULL;
CREATE INDEX purchases_occurred ON purchases(occurred_at, kind, member_id, paid_fen);
CREATE UNIQUE INDEX purchases_void ON purchases(original_id) WHERE kind = 'void';
`;
