/**
 * HQ export and merge (docs/hq.md). One schema serves a branch and an HQ; what only an HQ holds
 * (several branches' rows in one database) needs three uniqueness rules scoped to a branch:
 * - staff names are unique per branch (two branches may each have a 王店长);
 * - a phone is unique per branch (the same person may be a member at two branches: HQ links them
 *   by phone, it does not renumber them);
 * - the tier ranks that must not repeat are this database's own (an HQ also keeps each branch's
 *   tiers, marked with their branch).
 * At a branch every row belongs to the branch itself, so each rule means what it meant before.
 *
 * A member merged into another keeps its row as a tombstone (`merged_into`): its history moved
 * to the survivor, and the tombstone is how the merge travels to HQ.
 *
 * The staff table is rebuilt to change its unique rule, which SQLite can only do with foreign
 * keys off (the runner checks them all before committing).
 */
export const foreignKeysOff = true;

export const sql = /* sql */ `
CREATE TABLE staff_new (
  id            TEXT PRIMARY KEY,
  branch_id     TEXT NOT NULL REFERENCES branches(id),
  name          TEXT NOT NULL COLLATE NOCASE,
  role          TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
  pin_hash      TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  locale        TEXT NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (branch_id, name)
);
INSERT INTO staff_new SELECT id, branch_id, name, role, pin_hash, active, locale, failed_logins, locked_until, created_at, updated_at FROM staff;
DROP TABLE staff;
ALTER TABLE staff_new RENAME TO staff;

ALTER TABLE members ADD COLUMN merged_into TEXT REFERENCES members(id);
ALTER TABLE members ADD COLUMN merged_at TEXT;
DROP INDEX members_phone;
CREATE UNIQUE INDEX members_phone ON members(phone, branch_id);
CREATE INDEX members_merged ON members(merged_into) WHERE merged_into IS NOT NULL;

ALTER TABLE tiers ADD COLUMN branch_id TEXT REFERENCES branches(id);
DROP INDEX tiers_rank;
CREATE UNIQUE INDEX tiers_rank ON tiers(rank) WHERE retired_at IS NULL AND branch_id IS NULL;

-- A branch's exports, 1, 2, 3…: an incremental one holds what changed since the one before.
CREATE TABLE hq_exports (
  seq                INTEGER PRIMARY KEY,
  export_id          TEXT NOT NULL UNIQUE,
  mode               TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
  base_seq           INTEGER,
  file_name          TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  created_by         TEXT REFERENCES staff(id),
  purchases_to_rowid INTEGER NOT NULL,
  ledger_to_rowid    INTEGER NOT NULL,
  rows_json          TEXT NOT NULL,
  sha256             TEXT NOT NULL
);

-- Profile rows changed since the last export (filled by triggers made at the first export).
CREATE TABLE export_dirty (
  mark INTEGER PRIMARY KEY,
  tbl  TEXT NOT NULL,
  id   TEXT NOT NULL,
  UNIQUE (tbl, id)
);

-- HQ: every file merged, once each.
CREATE TABLE hq_merges (
  export_id   TEXT PRIMARY KEY,
  branch_id   TEXT NOT NULL REFERENCES branches(id),
  seq         INTEGER NOT NULL,
  mode        TEXT NOT NULL,
  base_seq    INTEGER,
  file_name   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  merged_at   TEXT NOT NULL,
  merged_by   TEXT REFERENCES staff(id),
  result_json TEXT NOT NULL
);
CREATE INDEX hq_merges_branch ON hq_merges(branch_id, seq);

-- HQ: a person is a normalised phone; each differing profile value that lost to a newer one.
CREATE TABLE hq_conflicts (
  id               TEXT PRIMARY KEY,
  person_key       TEXT NOT NULL,
  field            TEXT NOT NULL,
  member_id        TEXT NOT NULL REFERENCES members(id),
  value            TEXT NOT NULL,
  value_updated_at TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_value   TEXT,
  resolved_at      TEXT,
  resolved_by      TEXT REFERENCES staff(id)
);
CREATE INDEX hq_conflicts_status ON hq_conflicts(status, person_key);
CREATE INDEX hq_conflicts_person ON hq_conflicts(person_key, field);

-- HQ: the value a person's field keeps once HQ settled a conflict.
CREATE TABLE hq_person_choices (
  person_key TEXT NOT NULL,
  field      TEXT NOT NULL,
  value      TEXT NOT NULL,
  chosen_at  TEXT NOT NULL,
  chosen_by  TEXT REFERENCES staff(id),
  PRIMARY KEY (person_key, field)
) WITHOUT ROWID;
`;
