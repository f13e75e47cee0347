import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { Member } from './members';

/** The longest privacy notice, in characters: a page or two, as a counter can show it. */
export const NOTICE_TEXT_MAX = 5000;

/**
 * One version of the store's notice. The version covers both texts: a consent names the version,
 * whichever of the two the customer read.
 */
export const PrivacyNotice = z.object({
  version: z.number().int().min(1),
  /** the Chinese text, which every version has */
  text: z.string(),
  /** the English text, or null: that version was written in Chinese only */
  textEn: z.string().nullable(),
  createdAt: IsoTime,
  /** null for version 1, which setup wrote */
  createdByName: z.string().nullable(),
  /**
   * The text that came with the app (version 1): its createdAt is the day the text was written,
   * the same on every store, not a moment anyone saved it, so it is shown as a day.
   */
  shipped: z.boolean(),
});
export type PrivacyNotice = z.infer<typeof PrivacyNotice>;

export const CONSENT_KINDS = ['data', 'marketing'] as const;
/**
 * Where a consent was given: a registration, the counter later, an import's declaration, before
 * notices were kept, or demo data (recorded when it was loaded, not at the demo registration).
 */
export const CONSENT_CHANNELS = ['registration', 'counter', 'import', 'before_notice', 'demo'] as const;

export const ConsentEntry = z.object({
  id: Id,
  kind: z.enum(CONSENT_KINDS),
  granted: z.boolean(),
  /** the notice the member was shown; null for consent given before the store kept notices */
  noticeVersion: z.number().int().nullable(),
  at: IsoTime,
  byName: z.string().nullable(),
  channel: z.enum(CONSENT_CHANNELS),
});
export type ConsentEntry = z.infer<typeof ConsentEntry>;

export const consentContract = {
  /** The notice registration shows now (any staff: the counter shows it to the customer). */
  'privacy.notice': method({ input: z.strictObject({}), output: PrivacyNotice, access: 'staff', write: false }),
  /** Every version of the notice, newest first. */
  'privacy.notices': method({
    input: z.strictObject({}),
    output: z.object({ items: z.array(PrivacyNotice) }),
    access: 'admin',
    write: false,
  }),
  /**
   * Saves the notice: a changed text (Chinese or English) becomes the next version (never edited
   * in place: consents name the version they were given under); the same texts again change
   * nothing. `textEn` blank: the version has no English text; left out: the current English text
   * stays with an unchanged Chinese text and is dropped with a changed one (it translated the old).
   */
  'privacy.saveNotice': method({
    input: z.strictObject({
      text: z.string().trim().min(1).max(NOTICE_TEXT_MAX),
      textEn: z.string().trim().max(NOTICE_TEXT_MAX).optional(),
    }),
    output: z.object({ notice: PrivacyNotice, created: z.boolean() }),
    access: 'admin',
    write: true,
  }),
  /** A member's consents given and withdrawn, oldest first, each with the notice version it was given under. */
  'members.consents': method({
    input: z.strictObject({ memberId: Id }),
    output: z.object({ items: z.array(ConsentEntry) }),
    access: 'clerk',
    write: false,
  }),
  /**
   * Gives or withdraws consent to marketing, at the counter (a member asks: clerks may). Withdrawn,
   * the member leaves every marketing list and their open marketing follow-ups are cancelled;
   * given again, it is recorded under the current notice.
   */
  'members.setMarketingConsent': method({
    input: z.strictObject({ memberId: Id, granted: z.boolean() }),
    output: Member,
    access: 'clerk',
    write: true,
  }),
};
