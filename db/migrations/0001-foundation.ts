/** Branches, settings, staff, members and the audit log: what the counter needs from day one. */
export const sql = /* sql */ `
CREATE TABLE branches (
  id         TEXT PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('branch', 'hq')),
  created_at TEXT NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE staff (
  id            TEXT PRIMARY KEY,
  branch_id     TEXT NOT NULL REFERENCES branches(id),
  name          TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
  pin_hash      TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  locale        TEXT NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE members (
  id                     TEXT PRIMARY KEY,
  branch_id              TEXT NOT NULL REFERENCES branches(id),
  home_branch_id         TEXT NOT NULL REFERENCES branches(id),
  card_no                TEXT NOT NULL,
  name                   TEXT NOT NULL,
  py_initials            TEXT NOT NULL,
  py_full                TEXT NOT NULL,
  phone                  TEXT NOT NULL,
  phone_rev              TEXT NOT NULL,
  gender                 TEXT NOT NULL DEFAULT 'unspecified' CHECK (gender IN ('female', 'male', 'unspecified')),
  birthday               TEXT,
  email                  TEXT,
  address                TEXT,
  notes                  TEXT,
  consent_data_at        TEXT,
  consent_data_by        TEXT REFERENCES staff(id),
  consent_marketing      INTEGER NOT NULL DEFAULT 0 CHECK (consent_marketing IN (0, 1)),
  consent_marketing_at   TEXT,
  consent_marketing_by   TEXT REFERENCES staff(id),
  status                 TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at             TEXT NOT NULL,
  created_by             TEXT REFERENCES staff(id),
  updated_at             TEXT NOT NULL,
  updated_by             TEXT REFERENCES staff(id),
  version                INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX members_card_no ON members(card_no);
CREATE UNIQUE INDEX members_phone ON members(phone);
CREATE INDEX members_phone_rev ON members(phone_rev);
CREATE INDEX members_name ON members(name);
CREATE INDEX members_py_initials ON members(py_initials);
CREATE INDEX members_py_full ON members(py_full);

CREATE TABLE member_tags (
  member_id TEXT NOT NULL REFERENCES members(id),
  tag       TEXT NOT NULL,
  PRIMARY KEY (member_id, tag)
) WITHOUT ROWID;
CREATE INDEX member_tags_tag ON member_tags(tag);

CREATE TABLE audit_log (
  id          TEXT PRIMARY KEY,
  at          TEXT NOT NULL,
  staff_id    TEXT,
  action      TEXT NOT NULL,
  entity      TEXT,
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);
`;
