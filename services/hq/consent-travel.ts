import type { CardConsent, CardNotice, ExportManifest } from '../../shared/contract/hq';
import type { DB } from '../../db/connection';
import { attachedFileQueries } from '../../db/queries/hq/file';
import {
  CONSENT_SECTION,
  consentTravelQueries,
  fillConsentSections,
  mergeConsentSections,
  NOTICE_SECTION,
} from '../../db/queries/hq/consent-travel';

// A branch's consent history travels to HQ in its export file (docs/hq.md "Consent history"), in
// sections of their own: the file's `member_consents` and `privacy_notices` and the manifest's
// `consents`. A consent row is written with its member's row (registration, the counter, an
// import, an erasure all change the member too), so it travels with the card: a full export sends
// every row, an incremental one the rows of the members it sends. Not by row number as the audit
// rows are: an import's undo deletes the consent rows it wrote, and SQLite gives a deleted last row
// number to the next row, which an export by row number would then never send. Every notice
// version is sent each time (a few rows). HQ keeps each row once per branch and id, so a file
// merged again, or files that overlap, add nothing twice, in any order.

export type ConsentSection = NonNullable<ExportManifest['consents']>;

/**
 * Writes the sections into the attached export file. `noted`: the newest noted change the file
 * holds, for an incremental export built on `base`; a full export, and one built on an export
 * made before there was a consent section, send every row.
 */
export function writeConsentSections(db: DB, base: { seq: number } | null, noted: number): ConsentSection {
  const all = !base || !consentTravelQueries(db).sectionSent(base.seq);
  fillConsentSections(db, all ? null : noted);
  const file = attachedFileQueries(db);
  return { all, rows: file.rowCount(CONSENT_SECTION), notices: file.rowCount(NOTICE_SECTION) };
}

/** Remembers that the export numbered `seq` carried the sections: the next incremental one sends only its members'. */
export function recordConsentsSent(db: DB, seq: number): void {
  consentTravelQueries(db).recordSent(seq);
}

/** At HQ, inside the file's merge: the consent rows and notices HQ lacks, kept as the branch's. */
export function mergeConsentRows(db: DB, manifest: ExportManifest): number {
  return manifest.consents ? mergeConsentSections(db, manifest.branch.id) : 0;
}

/** At HQ: a card's consent history, oldest first, and the texts of the notices it names. */
export function cardConsents(db: DB, memberId: string): { consents: CardConsent[]; notices: CardNotice[] } {
  const q = consentTravelQueries(db);
  return {
    consents: q.ofCard(memberId).map((c) => ({
      id: c.id,
      kind: c.kind,
      granted: c.granted === 1,
      noticeVersion: c.notice_version,
      noticeCreatedAt: c.notice_created_at,
      at: c.at,
      byName: c.by_name,
      channel: c.channel,
    })),
    notices: q.noticesOfCard(memberId).map((n) => ({
      version: n.version,
      text: n.text,
      textEn: n.text_en,
      createdAt: n.created_at,
      shipped: n.created_by === null,
    })),
  };
}
