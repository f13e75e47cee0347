/**
 * Erasing a member (docs/privacy.md "Erasing a member"): the profile is anonymised in place, so
 * the sales, ledger and lots that name the member by id stay for the books.
 *
 * - `members.erased_at`: when the member was erased (NULL: never). An erased member is also
 *   `status = 'inactive'`, so every rule that skips inactive members skips them; the contract
 *   shows the two together as the status `erased`. A column rather than a third status value:
 *   the status CHECK cannot change without rebuilding members, its twenty indexes and triggers.
 *   It travels to HQ with the member (the export sends every column), where it marks the card.
 * - `audit_log.redacted_at`: when an erasure replaced the personal values of the row's
 *   before/after; who, when and what of the row are never changed.
 * - `member_erasures`: the erasure list, one row per erased member and nothing personal. The same
 *   lines are kept in a file beside the backups, so a restore from an older backup erases again
 *   whoever was erased since (services/members/erasure-list.ts). No foreign key: a restored
 *   backup may not hold a member erased later, and the line stays for the next restore.
 */
export const sql = /* sql */ `
ALTER TABLE members ADD COLUMN erased_at TEXT;
ALTER TABLE audit_log ADD COLUMN redacted_at TEXT;
CREATE TABLE member_erasures (
  member_id  TEXT PRIMARY KEY,
  branch_id  TEXT NOT NULL,
  erased_at  TEXT NOT NULL,
  erased_by  TEXT
) WITHOUT ROWID;
`;
