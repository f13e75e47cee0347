/**
 * Follow-up tasks (回访) and feedback/complaints. Dates a clerk works by (a task's due date) are
 * local calendar dates `YYYY-MM-DD` in the branch's time zone; instants are ISO-8601 UTC.
 * A generated task carries a `source_key` naming what caused it (a sale, a birthday in a year,
 * a lapse after a last sale, a resolved complaint): the unique index makes the generator
 * idempotent, and a rule change (another number of days) cannot make a second task.
 */
export const sql = /* sql */ `
CREATE TABLE feedback (
  id          TEXT PRIMARY KEY,
  branch_id   TEXT NOT NULL REFERENCES branches(id),
  member_id   TEXT REFERENCES members(id),
  contact     TEXT,
  kind        TEXT NOT NULL CHECK (kind IN ('complaint', 'suggestion', 'praise')),
  category    TEXT NOT NULL CHECK (category IN ('product', 'service', 'environment', 'price', 'staff', 'other')),
  severity    TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  channel     TEXT NOT NULL CHECK (channel IN ('in_store', 'phone', 'wechat', 'sms', 'online')),
  description TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
  resolution  TEXT,
  created_at  TEXT NOT NULL,
  created_by  TEXT REFERENCES staff(id),
  started_at  TEXT,
  started_by  TEXT REFERENCES staff(id),
  resolved_at TEXT,
  resolved_by TEXT REFERENCES staff(id),
  closed_at   TEXT,
  closed_by   TEXT REFERENCES staff(id),
  updated_at  TEXT NOT NULL,
  CHECK (status IN ('open', 'in_progress') OR resolution IS NOT NULL)
);
CREATE INDEX feedback_status ON feedback(status, created_at);
CREATE INDEX feedback_member ON feedback(member_id, created_at) WHERE member_id IS NOT NULL;
CREATE INDEX feedback_created ON feedback(created_at);

CREATE TABLE followups (
  id             TEXT PRIMARY KEY,
  branch_id      TEXT NOT NULL REFERENCES branches(id),
  member_id      TEXT NOT NULL REFERENCES members(id),
  kind           TEXT NOT NULL CHECK (kind IN ('post_purchase', 'birthday', 'reactivation', 'complaint', 'manual')),
  channel        TEXT NOT NULL CHECK (channel IN ('phone', 'wechat', 'sms', 'in_store')),
  due_date       TEXT NOT NULL,
  assignee_id    TEXT REFERENCES staff(id),
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'missed', 'cancelled')),
  source_key     TEXT,
  purchase_id    TEXT REFERENCES purchases(id),
  feedback_id    TEXT REFERENCES feedback(id),
  detail_json    TEXT,
  note           TEXT,
  outcome        TEXT,
  satisfaction   INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
  nps            INTEGER CHECK (nps BETWEEN 0 AND 10),
  attempts       INTEGER NOT NULL DEFAULT 0,
  completed_at   TEXT,
  completed_by   TEXT REFERENCES staff(id),
  created_at     TEXT NOT NULL,
  created_by     TEXT REFERENCES staff(id),
  updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX followups_source ON followups(source_key) WHERE source_key IS NOT NULL;
-- The Today queue: a status's tasks in the queue's order (no sort before LIMIT); the kind and
-- assignee filters and the section counts are answered from the index alone.
CREATE INDEX followups_queue ON followups(status, due_date, created_at, id, kind, assignee_id);
CREATE INDEX followups_member ON followups(member_id, due_date);
-- A sale's callback, found from the sale (the generator's second run skips sales that have one).
CREATE INDEX followups_purchase ON followups(purchase_id) WHERE purchase_id IS NOT NULL;
CREATE INDEX followups_completed ON followups(completed_at) WHERE completed_at IS NOT NULL;

-- Birthday care finds members by month and day, across every year of birth.
CREATE INDEX members_birthday_md ON members(substr(birthday, 6)) WHERE birthday IS NOT NULL;

INSERT INTO settings (key, value) VALUES ('followup_rules', '{"postPurchase":{"enabled":true,"days":3,"minAmountFen":0,"channel":"phone"},"birthday":{"enabled":true,"channel":"wechat"},"reactivation":{"enabled":true,"days":90,"channel":"phone"},"complaint":{"enabled":true,"days":1,"channel":"phone"}}');
`;
