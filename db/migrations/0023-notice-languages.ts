/**
 * The privacy notice in the customer's language, and demo consents that say they are demo
 * (docs/privacy.md "Consent and the privacy notice").
 *
 * - `privacy_notices.text_en`: a version's English text, optional (the Chinese `text` stays the
 *   required one). A version covers both texts: a consent names the version, whichever text the
 *   customer read. Version 1, the default that ships with the app, gets the English of its
 *   Chinese text, the same on every store (HQ compares the rows); a store's own versions have
 *   none until an admin writes one in the next version.
 * - `member_consents.channel` may be `demo`: the consents of demo members, recorded when the demo
 *   data was loaded, under the notice in force then. Their registrations are dated up to three
 *   years back, before any notice this store has; a row dated then under notice 1 would read as a
 *   consent given under a text written later. SQLite cannot change a CHECK in place: the table is
 *   rebuilt (nothing refers to it).
 */
export const sql = /* sql */ `
ALTER TABLE privacy_notices ADD COLUMN text_en TEXT CHECK (text_en IS NULL OR length(trim(text_en)) > 0);
UPDATE privacy_notices SET text_en = 'Privacy notice for members of this store

What we collect: when you become a member we keep your name and mobile number, and the gender, birthday, email address, address and notes you choose to give us; your purchases, points, follow-up calls and feedback at this store are also kept in your member record.

What for: to recognise you as a member, to add up and use your points, to give you the rights of your member tier, and to handle after-sales service, follow-up calls and complaints.

Marketing: only if you tick a separate box will we send you offers and news by phone call, text message or WeChat. You can withdraw this consent at the counter at any time; withdrawing it does not affect your points or member rights.

Storage and security: your information is kept on this store''s computer, only staff logged in at this store can see it, and every change to it is recorded. The store may pass member data, added up, to its head office for business statistics.

Your rights: you may ask at any time to see and export your information, or to have it corrected. Withdrawing your consent to keeping your information ends your membership and deletes your personal information; for the accounts, the store keeps only the sales, without personal information.

If you have any questions, please ask the store manager.'
  WHERE version = 1 AND created_by IS NULL;

CREATE TABLE member_consents_0023 (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members(id),
  kind TEXT NOT NULL CHECK (kind IN ('data', 'marketing')),
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  notice_version INTEGER REFERENCES privacy_notices(version),
  at TEXT NOT NULL,
  by_staff TEXT REFERENCES staff(id),
  channel TEXT NOT NULL CHECK (channel IN ('registration', 'counter', 'import', 'before_notice', 'demo'))
);
INSERT INTO member_consents_0023 (id, member_id, kind, granted, notice_version, at, by_staff, channel)
  SELECT id, member_id, kind, granted, notice_version, at, by_staff, channel FROM member_consents ORDER BY rowid;
DROP TABLE member_consents;
ALTER TABLE member_consents_0023 RENAME TO member_consents;
CREATE INDEX member_consents_member ON member_consents(member_id, at);
`;
