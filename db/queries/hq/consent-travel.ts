import type { DB } from '../../connection';
import { perDatabase, preparedText } from '../prepared';

// Consent history in a branch's export (services/hq/consent-travel.ts): the file's
// `member_consents` and `privacy_notices` sections, written by the branch from its own tables, and
// merged at HQ into branch_member_consents and branch_privacy_notices (migration 0024).

/** The sections' tables in the file, named as at the branch: consents, then the notices they name. */
export const CONSENT_SECTION = 'member_consents';
export const NOTICE_SECTION = 'privacy_notices';

// Named, not `*`: a column the branch adds later is not sent until the file's format says so.
const CONSENT_COLUMNS = 'id, member_id, kind, granted, notice_version, at, by_staff, channel';
const NOTICE_COLUMNS = 'version, text, text_en, created_at, created_by';

/** A consent row HQ keeps, with the name of the staff who took it down (null: none, or HQ lacks them). */
export interface TravelledConsent {
  id: string;
  branch_id: string;
  member_id: string;
  kind: string;
  granted: 0 | 1;
  notice_version: number | null;
  notice_created_at: string | null;
  at: string;
  channel: string;
  by_name: string | null;
}

export interface TravelledNotice {
  branch_id: string;
  version: number;
  created_at: string;
  text: string;
  text_en: string | null;
  /** null for the text shipped with the app (version 1) */
  created_by: string | null;
}

export const consentTravelQueries = perDatabase((db: DB) => {
  const sent = db.prepare<[number], number>('SELECT consents_sent FROM hq_exports WHERE seq = ?').pluck();
  const recordSent = db.prepare<[number]>('UPDATE hq_exports SET consents_sent = 1 WHERE seq = ?');
  const ofCard = db.prepare<[string], TravelledConsent>(
    `SELECT c.id, c.branch_id, c.member_id, c.kind, c.granted, c.notice_version, c.notice_created_at, c.at, c.channel, s.name AS by_name
       FROM branch_member_consents c LEFT JOIN staff s ON s.id = c.by_staff
      WHERE c.member_id = ? ORDER BY c.at, c.rowid`,
  );
  const noticesOfCard = db.prepare<[string], TravelledNotice>(
    `SELECT n.branch_id, n.version, n.created_at, n.text, n.text_en, n.created_by FROM branch_privacy_notices n
       JOIN (SELECT DISTINCT branch_id, notice_version, notice_created_at FROM branch_member_consents WHERE member_id = ?) c
         ON n.branch_id = c.branch_id AND n.version = c.notice_version AND n.created_at = c.notice_created_at
      ORDER BY n.version, n.created_at`,
  );
  return {
    /** Whether the branch's export numbered `seq` carried the consent section (false: made before there was one). */
    sectionSent: (seq: number) => sent.get(seq) === 1,
    recordSent: (seq: number) => recordSent.run(seq),
    /** At HQ: a card's consents given and withdrawn, oldest first. */
    ofCard: (memberId: string) => ofCard.all(memberId),
    /** At HQ: the notices a card's consents were given under, by version. */
    noticesOfCard: (memberId: string) => noticesOfCard.all(memberId),
  };
});

/**
 * Writes the sections into the attached file `x`: every notice version, and the consent rows,
 * all of them (`noted` null) or those of the members noted changed up to that mark.
 */
export function fillConsentSections(db: DB, noted: number | null): void {
  const which = noted === null ? '' : " WHERE member_id IN (SELECT id FROM export_dirty WHERE tbl = 'members' AND mark <= ?)";
  const fill = preparedText(db)(
    `CREATE TABLE x.${CONSENT_SECTION} AS SELECT ${CONSENT_COLUMNS} FROM member_consents${which} ORDER BY rowid`,
  );
  if (noted === null) fill.run();
  else fill.run(noted);
  preparedText(db)(`CREATE TABLE x.${NOTICE_SECTION} AS SELECT ${NOTICE_COLUMNS} FROM privacy_notices ORDER BY version`).run();
}

/**
 * At HQ: the file's notices and consent rows HQ does not hold yet, as the branch's. Each consent
 * names its notice by version and by the save time the same file gives that version. Answers how
 * many consent rows were added.
 */
export function mergeConsentSections(db: DB, branchId: string): number {
  preparedText(db)(
    `INSERT OR IGNORE INTO branch_privacy_notices (branch_id, ${NOTICE_COLUMNS}) SELECT ?, ${NOTICE_COLUMNS} FROM x.${NOTICE_SECTION} ORDER BY version`,
  ).run(branchId);
  return preparedText(db)(
    `INSERT OR IGNORE INTO branch_member_consents (branch_id, id, member_id, kind, granted, notice_version, notice_created_at, at, by_staff, channel)
     SELECT ?, c.id, c.member_id, c.kind, c.granted, c.notice_version, n.created_at, c.at, c.by_staff, c.channel
       FROM x.${CONSENT_SECTION} c LEFT JOIN x.${NOTICE_SECTION} n ON n.version = c.notice_version ORDER BY c.rowid`,
  ).run(branchId).changes;
}
