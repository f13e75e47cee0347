/**
 * Purchases, the append-only points ledger with its lots, rule versions and tiers.
 * Defaults: 1 point per ¥1, 100 points = ¥1, points expire at the end of the 12th month after
 * the month they were earned; four tiers on spend over the last 12 months.
 */
export const sql = /* sql */ `
CREATE TABLE points_rules (
  id             TEXT PRIMARY KEY,
  effective_from TEXT NOT NULL UNIQUE,
  rules_json     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  created_by     TEXT REFERENCES staff(id)
);
INSERT INTO points_rules (id, effective_from, rules_json, created_at) VALUES (
  lower(hex(randomblob(16))), '1970-01-01T00:00:00.000Z',
  '{"earn":{"points":1,"perYuan":1},"minPurchaseFen":0,"redeem":{"pointsPerYuan":100,"minPoints":100},"expiry":{"kind":"endOfMonth","months":12},"lockDays":0,"memberDay":{"multiplierPct":100,"weekdays":[],"dateRanges":[]},"birthdayMonthMultiplierPct":100}',
  strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
);

CREATE TABLE tiers (
  id                    TEXT PRIMARY KEY,
  rank                  INTEGER NOT NULL,
  name                  TEXT NOT NULL,
  threshold             INTEGER NOT NULL CHECK (threshold >= 0),
  points_multiplier_pct INTEGER NOT NULL DEFAULT 100,
  discount_pct          INTEGER NOT NULL DEFAULT 0,
  benefits              TEXT,
  retired_at            TEXT
);
CREATE UNIQUE INDEX tiers_rank ON tiers(rank) WHERE retired_at IS NULL;
INSERT INTO tiers (id, rank, name, threshold, points_multiplier_pct, discount_pct, benefits) VALUES
  (lower(hex(randomblob(16))), 0, '普通会员', 0, 100, 0, NULL),
  (lower(hex(randomblob(16))), 1, '银卡会员', 200000, 120, 0, '生日礼'),
  (lower(hex(randomblob(16))), 2, '金卡会员', 1000000, 150, 5, '生日礼；免费包装'),
  (lower(hex(randomblob(16))), 3, '钻石会员', 3000000, 200, 10, '生日礼；免费包装；专属客服');
INSERT INTO settings (key, value) VALUES ('tier_basis', 'spend'), ('tier_window_months', '12'), ('tier_review_months', '12'), ('timezone', 'Asia/Shanghai');

ALTER TABLE members ADD COLUMN points_balance INTEGER NOT NULL DEFAULT 0 CHECK (points_balance >= 0);
-- NULL tier: the lowest tier (every member starts there; nothing to review).
ALTER TABLE members ADD COLUMN tier_id TEXT REFERENCES tiers(id);
ALTER TABLE members ADD COLUMN tier_since TEXT;
ALTER TABLE members ADD COLUMN tier_review_at TEXT;

CREATE TABLE purchases (
  id              TEXT PRIMARY KEY,
  branch_id       TEXT NOT NULL REFERENCES branches(id),
  member_id       TEXT NOT NULL REFERENCES members(id),
  kind            TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
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
  CHECK ((kind = 'refund') = (original_id IS NOT NULL))
);
CREATE UNIQUE INDEX purchases_receipt ON purchases(branch_id, receipt_no) WHERE kind = 'sale' AND receipt_no IS NOT NULL;
CREATE INDEX purchases_member ON purchases(member_id, occurred_at);
CREATE INDEX purchases_original ON purchases(original_id) WHERE original_id IS NOT NULL;
CREATE INDEX purchases_occurred ON purchases(occurred_at);

CREATE TABLE points_ledger (
  id          TEXT PRIMARY KEY,
  branch_id   TEXT NOT NULL REFERENCES branches(id),
  member_id   TEXT NOT NULL REFERENCES members(id),
  kind        TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'adjust', 'expire', 'reverse', 'merge')),
  points      INTEGER NOT NULL,
  shortfall   INTEGER NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
  purchase_id TEXT REFERENCES purchases(id),
  reason      TEXT,
  detail_json TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT REFERENCES staff(id)
);
CREATE INDEX points_ledger_member ON points_ledger(member_id, created_at);
CREATE INDEX points_ledger_purchase ON points_ledger(purchase_id) WHERE purchase_id IS NOT NULL;
CREATE INDEX points_ledger_shortfall ON points_ledger(created_at) WHERE shortfall > 0;

CREATE TABLE points_lots (
  id           TEXT PRIMARY KEY,
  member_id    TEXT NOT NULL REFERENCES members(id),
  ledger_id    TEXT NOT NULL REFERENCES points_ledger(id),
  points       INTEGER NOT NULL CHECK (points > 0),
  remaining    INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= points),
  earned_at    TEXT NOT NULL,
  available_at TEXT NOT NULL,
  expires_at   TEXT,
  -- an expiry empties a lot whole: the entry that did it and how many points it took
  -- (so points = remaining + consumptions + expired_points, without a row per expired lot)
  expired_by     TEXT REFERENCES points_ledger(id),
  expired_points INTEGER NOT NULL DEFAULT 0 CHECK (expired_points >= 0)
);
-- Not partial: emptying a lot must not cost an index write here (a member has few lots to skip).
CREATE INDEX points_lots_member ON points_lots(member_id, earned_at);
CREATE INDEX points_lots_expiring ON points_lots(expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;
CREATE INDEX points_lots_ledger ON points_lots(ledger_id);

CREATE TABLE lot_consumptions (
  ledger_id TEXT NOT NULL REFERENCES points_ledger(id),
  lot_id    TEXT NOT NULL REFERENCES points_lots(id),
  points    INTEGER NOT NULL CHECK (points > 0),
  PRIMARY KEY (ledger_id, lot_id)
) WITHOUT ROWID;
CREATE INDEX lot_consumptions_lot ON lot_consumptions(lot_id);
`;
