/**
 * The audit trail readable and unchangeable (docs/privacy.md "The audit trail").
 *
 * - Indexes for the audit page's filters, newest first: by staff, by action, and by time alone,
 *   each ending in `id` so a page's keyset (at, id) is read from the index in order, never sorted.
 *   A member's rows use the existing (entity, entity_id) index: a member has few.
 * - Triggers that make who, when and what of a row unchangeable and forbid deleting one: no
 *   method may rewrite the trail. Before/after stay writable, because erasing a member redacts
 *   the personal values there (the redaction is itself audited).
 * - `branch_audit_log` (HQ): the branches' audit rows as their export files bring them, one row
 *   per (branch, audit id), so a file merged twice, or two files that overlap, add nothing twice.
 *   It is as unchangeable as the branch's own trail.
 * - `hq_exports.audit_to_rowid` (branch): the newest audit row (by row number) an export sent;
 *   the next incremental export sends those after it, as it does sales (0: none sent yet).
 */
export const sql = /* sql */ `
DROP INDEX audit_log_at;
CREATE INDEX audit_log_at ON audit_log(at, id);
CREATE INDEX audit_log_staff ON audit_log(staff_id, at, id);
CREATE INDEX audit_log_action ON audit_log(action, at, id);

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit rows cannot be deleted');
END;
CREATE TRIGGER audit_log_no_rewrite BEFORE UPDATE OF id, at, staff_id, action, entity, entity_id ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'who, when and what of an audit row cannot be changed');
END;

ALTER TABLE hq_exports ADD COLUMN audit_to_rowid INTEGER NOT NULL DEFAULT 0;

CREATE TABLE branch_audit_log (
  branch_id   TEXT NOT NULL,
  id          TEXT NOT NULL,
  at          TEXT NOT NULL,
  staff_id    TEXT,
  action      TEXT NOT NULL,
  entity      TEXT,
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT,
  PRIMARY KEY (branch_id, id)
);
CREATE INDEX branch_audit_log_at ON branch_audit_log(at, id);
CREATE INDEX branch_audit_log_branch ON branch_audit_log(branch_id, at, id);
CREATE INDEX branch_audit_log_action ON branch_audit_log(action, at, id);
CREATE INDEX branch_audit_log_entity ON branch_audit_log(entity, entity_id);

CREATE TRIGGER branch_audit_log_no_delete BEFORE DELETE ON branch_audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit rows cannot be deleted');
END;
CREATE TRIGGER branch_audit_log_no_rewrite BEFORE UPDATE OF branch_id, id, at, staff_id, action, entity, entity_id ON branch_audit_log
BEGIN
  SELECT RAISE(ABORT, 'who, when and what of an audit row cannot be changed');
END;
`;
