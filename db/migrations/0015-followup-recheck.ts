/**
 * The members the follow-up generator must look at again (services/followups/coverage.ts). Its
 * hourly run reads only what can have changed since the run before: sales and voids by row
 * number (rows are only ever added), dates by the day it last covered, and the members listed
 * here, whose own state changed: new ones, and those whose status, marketing consent or birthday
 * changed or who were given another member's sales by a merge. Triggers fill it on every path
 * that writes members or moves sales (the counter, an edit, a merge, demo data, the seed, any
 * import to come), so no path has to remember it; the generator empties it as it reads it.
 *
 * No foreign key: the rows are the triggers' own, as member_keys' are. HQ drops the triggers
 * (db/hq-layout.ts): it makes no follow-ups, and its merges move sales by the thousand.
 */
export const sql = /* sql */ `
CREATE TABLE followup_recheck (
  member_id TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER followup_recheck_new_member AFTER INSERT ON members BEGIN
  INSERT OR IGNORE INTO followup_recheck (member_id) VALUES (NEW.id);
END;
CREATE TRIGGER followup_recheck_member_change AFTER UPDATE OF status, consent_marketing, birthday ON members
  WHEN (OLD.status, OLD.consent_marketing, OLD.birthday) IS NOT (NEW.status, NEW.consent_marketing, NEW.birthday) BEGIN
  INSERT OR IGNORE INTO followup_recheck (member_id) VALUES (NEW.id);
END;
CREATE TRIGGER followup_recheck_sales_moved AFTER UPDATE OF member_id ON purchases
  WHEN OLD.member_id IS NOT NEW.member_id BEGIN
  INSERT OR IGNORE INTO followup_recheck (member_id) VALUES (NEW.member_id);
END;
`;

/** The triggers this migration makes, which an HQ database drops (db/hq-layout.ts). */
export const TRIGGERS = ['followup_recheck_new_member', 'followup_recheck_member_change', 'followup_recheck_sales_moved'] as const;
