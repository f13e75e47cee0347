import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface NoticeRow {
  version: number;
  /** the Chinese text, which every version has */
  text: string;
  /** the English text, if the version has one (0023) */
  text_en: string | null;
  created_at: string;
  created_by: string | null;
  created_by_name: string | null;
}

export type ConsentKind = 'data' | 'marketing';
export type ConsentChannel = 'registration' | 'counter' | 'import' | 'before_notice' | 'demo';

export interface ConsentRow {
  id: string;
  member_id: string;
  kind: ConsentKind;
  granted: 0 | 1;
  notice_version: number | null;
  at: string;
  by_staff: string | null;
  channel: ConsentChannel;
}

export type ConsentView = ConsentRow & { by_name: string | null };

const NOTICE_COLUMNS = `n.version, n.text, n.text_en, n.created_at, n.created_by, s.name AS created_by_name
  FROM privacy_notices n LEFT JOIN staff s ON s.id = n.created_by`;

export const consentQueries = perDatabase((db: DB) => {
  const current = db.prepare<[], NoticeRow>(`SELECT ${NOTICE_COLUMNS} ORDER BY n.version DESC LIMIT 1`);
  const notices = db.prepare<[], NoticeRow>(`SELECT ${NOTICE_COLUMNS} ORDER BY n.version DESC`);
  const noticesOfMember = db.prepare<[string], NoticeRow>(
    `SELECT ${NOTICE_COLUMNS}
      WHERE n.version IN (SELECT notice_version FROM member_consents WHERE member_id = ?) ORDER BY n.version`,
  );
  const insertNotice = db.prepare<[number, string, string | null, string, string]>(
    'INSERT INTO privacy_notices (version, text, text_en, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
  );
  const insertConsent = db.prepare<ConsentRow>(
    `INSERT INTO member_consents (id, member_id, kind, granted, notice_version, at, by_staff, channel)
     VALUES (@id, @member_id, @kind, @granted, @notice_version, @at, @by_staff, @channel)`,
  );
  const ofMember = db.prepare<[string], ConsentView>(
    `SELECT c.*, s.name AS by_name FROM member_consents c LEFT JOIN staff s ON s.id = c.by_staff
      WHERE c.member_id = ? ORDER BY c.at, c.rowid`,
  );
  return {
    /** The notice registration shows now; migration 0020 wrote version 1, so there always is one. */
    currentNotice: () => current.get() ?? null,
    /** Every version, newest first. */
    notices: () => notices.all(),
    /** The versions a member's consents were given under, oldest first. */
    noticesOfMember: (memberId: string) => noticesOfMember.all(memberId),
    insertNotice: (n: { version: number; text: string; textEn: string | null; at: string; by: string }) =>
      insertNotice.run(n.version, n.text, n.textEn, n.at, n.by),
    insertConsent: (row: ConsentRow) => insertConsent.run(row),
    /** A member's consents given and withdrawn, oldest first. */
    ofMember: (memberId: string) => ofMember.all(memberId),
  };
});
