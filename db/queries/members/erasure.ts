import type { DB } from '../../connection';
import type { AuditRow } from '../core/audit';
import { perDatabase } from '../prepared';

// Erasing a member (services/members/erase.ts, docs/privacy.md "Erasing a member"): the profile
// anonymised, the personal text of the rows kept for the books cleared, the audit rows redacted,
// and the erasure list.

/** A line of the erasure list: nothing personal, only which member, whose card, when and by whom. */
export interface ErasureRow {
  member_id: string;
  branch_id: string;
  erased_at: string;
  erased_by: string | null;
}

/** What the profile becomes: placeholders keep the unique indexes (card, phone per branch) and match no search. */
export interface AnonymousProfile {
  id: string;
  card_no: string;
  name: string;
  phone: string;
  erased_at: string;
  by: string | null;
}

export const erasureQueries = perDatabase((db: DB) => {
  const mergedInto = db.prepare<[string], string>('SELECT id FROM members WHERE merged_into = ?').pluck();
  const anonymise = db.prepare<AnonymousProfile>(
    `UPDATE members SET card_no = @card_no, name = @name, py_initials = '', py_full = '', phone = @phone, phone_rev = '',
       gender = 'unspecified', birthday = NULL, email = NULL, address = NULL, notes = NULL,
       consent_data_at = NULL, consent_data_by = NULL, consent_marketing = 0, consent_marketing_at = NULL, consent_marketing_by = NULL,
       status = 'inactive', erased_at = @erased_at, updated_at = @erased_at, updated_by = @by, version = version + 1
     WHERE id = @id`,
  );
  // The triggers of migration 0012 put the placeholder's own keys back; an erased member answers to none.
  const dropKeys = db.prepare<[string]>('DELETE FROM member_keys WHERE member_id = ?');
  const dropTags = db.prepare<[string]>('DELETE FROM member_tags WHERE member_id = ?');
  const clearSaleNotes = db.prepare<[string]>('UPDATE purchases SET note = NULL WHERE member_id = ? AND note IS NOT NULL');
  // A merge entry's reason and detail name the other card of the same person.
  const clearLedgerText = db.prepare<[string]>(
    `UPDATE points_ledger SET reason = NULL, detail_json = CASE WHEN kind = 'merge' THEN NULL ELSE detail_json END
     WHERE member_id = ? AND (reason IS NOT NULL OR (kind = 'merge' AND detail_json IS NOT NULL))`,
  );
  const clearFollowups = db.prepare<{ id: string; at: string }>(
    `UPDATE followups SET note = NULL, outcome = NULL,
       status = CASE WHEN status = 'planned' THEN 'cancelled' ELSE status END, updated_at = @at
     WHERE member_id = @id`,
  );
  const clearFeedback = db.prepare<{ id: string; at: string; placeholder: string }>(
    `UPDATE feedback SET contact = NULL, description = @placeholder,
       resolution = CASE WHEN resolution IS NULL THEN NULL ELSE @placeholder END, updated_at = @at
     WHERE member_id = @id`,
  );
  const clearImportRows = db.prepare<[string, string]>(
    `UPDATE import_rows SET values_json = NULL, cells_json = '[]', before_json = NULL, duplicate_json = NULL
     WHERE member_id = ? OR written_id = ?`,
  );
  const auditForMember = db.prepare<[string], AuditRow>("SELECT * FROM audit_log WHERE entity = 'member' AND entity_id = ?");
  // Erasure is rare and the values are many and free text: a scan of the log, not an index.
  const auditMentioning = db.prepare<[string, string], AuditRow>(
    'SELECT * FROM audit_log WHERE instr(before_json, ?) > 0 OR instr(after_json, ?) > 0',
  );
  const redact = db.prepare<{ id: string; before_json: string | null; after_json: string | null; at: string }>(
    'UPDATE audit_log SET before_json = @before_json, after_json = @after_json, redacted_at = @at WHERE id = @id',
  );
  const record = db.prepare<ErasureRow>(
    `INSERT OR IGNORE INTO member_erasures (member_id, branch_id, erased_at, erased_by)
     VALUES (@member_id, @branch_id, @erased_at, @erased_by)`,
  );
  const all = db.prepare<[], ErasureRow>('SELECT * FROM member_erasures ORDER BY erased_at, member_id');
  const one = db.prepare<[string], ErasureRow>('SELECT * FROM member_erasures WHERE member_id = ?');
  return {
    /** The members merged into this one: the same person's other cards. */
    mergedInto: (id: string) => mergedInto.all(id),
    anonymise: (p: AnonymousProfile) => anonymise.run(p),
    clearKept: (id: string, at: string, placeholder: string) => {
      dropKeys.run(id);
      dropTags.run(id);
      clearSaleNotes.run(id);
      clearLedgerText.run(id);
      clearFollowups.run({ id, at });
      clearFeedback.run({ id, at, placeholder });
      clearImportRows.run(id, id);
    },
    auditForMember: (id: string) => auditForMember.all(id),
    auditMentioning: (value: string) => auditMentioning.all(value, value),
    redact: (row: { id: string; before_json: string | null; after_json: string | null }, at: string) => redact.run({ ...row, at }),
    record: (row: ErasureRow) => record.run(row),
    list: () => all.all(),
    byMember: (id: string) => one.get(id) ?? null,
  };
});

/** The ids of the rows kept for the books whose audit rows carry the member's words (a complaint, a callback's outcome, a sale's note). */
export const erasureKeptQueries = perDatabase((db: DB) => {
  const feedback = db.prepare<[string], string>('SELECT id FROM feedback WHERE member_id = ?').pluck();
  const followups = db.prepare<[string], string>('SELECT id FROM followups WHERE member_id = ?').pluck();
  const purchases = db.prepare<[string], string>('SELECT id FROM purchases WHERE member_id = ?').pluck();
  const forEntity = db.prepare<[string, string], AuditRow>('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ?');
  return {
    keptRows: (memberId: string) => ({
      feedback: feedback.all(memberId),
      followup: followups.all(memberId),
      purchase: purchases.all(memberId),
    }),
    auditFor: (entity: string, id: string) => forEntity.all(entity, id),
  };
});
