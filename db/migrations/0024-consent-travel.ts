/**
 * Consent history travels to HQ (docs/hq.md "Consent history"), so HQ can show and prove a
 * card's consents with the notice each was given under.
 *
 * - `branch_privacy_notices` (HQ): each branch's notice versions as its files bring them. A
 *   version is the branch's own (two branches' version 2 are two texts), and a branch restored
 *   from a backup may number a new text with a version HQ already holds from before the restore:
 *   so a notice is known by branch, version and the time it was saved, never edited.
 * - `branch_member_consents` (HQ): the branches' consent rows, one per (branch, consent id), so
 *   a file merged twice, or files that overlap, add nothing twice. Each names its notice by
 *   version and save time (`notice_created_at`), read from the same file as the row.
 * - `hq_exports.consents_sent` (branch): whether the export carried the consent section. An
 *   incremental export sends the consents of the members it sends; one built on an export from
 *   before this migration sends them all once, so a branch that exported before catches up.
 *
 * No CHECKs on kind or channel at HQ: HQ keeps what a branch sent, and a newer branch's new
 * channel must not refuse its whole file.
 */
export const sql = /* sql */ `
ALTER TABLE hq_exports ADD COLUMN consents_sent INTEGER NOT NULL DEFAULT 0;

CREATE TABLE branch_privacy_notices (
  branch_id  TEXT NOT NULL,
  version    INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  text       TEXT NOT NULL,
  text_en    TEXT,
  created_by TEXT,
  PRIMARY KEY (branch_id, version, created_at)
) WITHOUT ROWID;

CREATE TABLE branch_member_consents (
  branch_id         TEXT NOT NULL,
  id                TEXT NOT NULL,
  member_id         TEXT NOT NULL,
  kind              TEXT NOT NULL,
  granted           INTEGER NOT NULL,
  notice_version    INTEGER,
  notice_created_at TEXT,
  at                TEXT NOT NULL,
  by_staff          TEXT,
  channel           TEXT NOT NULL,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX branch_member_consents_member ON branch_member_consents(member_id, at);
`;
