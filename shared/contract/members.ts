import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { normalisePhone } from '../phone';
import { isCalendarDate } from '../text';

export const GENDERS = ['female', 'male', 'unspecified'] as const;
export const MEMBER_STATUSES = ['active', 'inactive'] as const;

/** Any mainland format (+86, 0086, spaces, dashes, full-width digits) in; E.164 out. Empty is `required`, as an empty name is. */
export const PhoneInput = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    if (raw.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'required' });
      return z.NEVER;
    }
    const phone = normalisePhone(raw);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
      return z.NEVER;
    }
    return phone;
  });

/** Empty text means "not given". */
const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());

export const BirthdayInput = z.preprocess(
  (v) => (v === '' ? null : v),
  z
    .string()
    .refine(isCalendarDate, 'invalid_date')
    .refine((s) => s >= '1900-01-01' && s <= new Date().toISOString().slice(0, 10), 'impossible_birthday')
    .nullable()
    .optional(),
);

const EmailInput = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string().trim().max(100).pipe(z.email()).nullable().optional(),
);

/** The longest note on a member, in characters; the form counts against it. */
export const MEMBER_NOTES_MAX = 1000;

const Tags = z.array(z.string().trim().min(1).max(20)).max(20);

const editableFields = {
  name: z.string().trim().min(1).max(40),
  phone: PhoneInput,
  gender: z.enum(GENDERS),
  birthday: BirthdayInput,
  email: EmailInput,
  address: optionalText(200),
  notes: optionalText(MEMBER_NOTES_MAX),
  tags: Tags,
  consentMarketing: z.boolean(),
};

export const MemberCreateInput = z.strictObject({
  ...editableFields,
  gender: editableFields.gender.default('unspecified'),
  tags: Tags.default([]),
  consentMarketing: z.boolean().default(false),
  /** PIPL: a member is registered only with consent to store their data. */
  consentData: z.boolean().refine((v) => v, 'consent_required'),
  /** The privacy notice version the form showed (docs/privacy.md); refused when a newer one was saved meanwhile. */
  noticeVersion: z.number().int().min(1).optional(),
});

export const MemberUpdateInput = z.strictObject({
  id: Id,
  /** When given, the update is refused if someone else saved the member meanwhile. */
  version: z.number().int().min(1).optional(),
  ...z.object(editableFields).partial().shape,
});

const Consent = z.object({ given: z.boolean(), at: IsoTime.nullable(), byName: z.string().nullable() });

/** The member a merged one's history now lives with (the end of the chain, if that one was merged too). */
export const MergedInto = z.object({ id: Id, name: z.string(), cardNo: z.string() });
export type MergedInto = z.infer<typeof MergedInto>;

export const Member = z.object({
  id: Id,
  cardNo: z.string(),
  name: z.string(),
  phone: z.string(),
  gender: z.enum(GENDERS),
  birthday: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  consentData: Consent,
  consentMarketing: Consent,
  status: z.enum(MEMBER_STATUSES),
  homeBranch: z.object({ id: Id, code: z.string(), name: z.string() }),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  createdByName: z.string().nullable(),
  version: z.number().int(),
  /** Set on a duplicate merged into another member (docs/members.md): open that one instead. */
  mergedInto: MergedInto.nullable(),
  mergedAt: IsoTime.nullable(),
  /** Set once the member was erased (members.erase): the profile holds placeholders only. */
  erasedAt: IsoTime.nullable(),
});
export type Member = z.infer<typeof Member>;

export const MATCH_KINDS = [
  'card',
  'phone',
  'phoneTail',
  'cardTail',
  'cardPrefix',
  'name',
  'pinyinInitials',
  'pinyinFull',
  'tag',
  'nameMiddle',
] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const MemberHit = z.object({
  id: Id,
  cardNo: z.string(),
  name: z.string(),
  /** full for managers; masked (138****5678) for clerks */
  phone: z.string(),
  gender: z.enum(GENDERS),
  status: z.enum(MEMBER_STATUSES),
  matchedBy: z.enum(MATCH_KINDS),
  /** a merged duplicate still answers to its phone and card, and names the member to open */
  mergedInto: MergedInto.nullable(),
});
export type MemberHit = z.infer<typeof MemberHit>;

const MemberMergeInput = z.strictObject({
  /** the member who stays */
  keepId: Id,
  /** the duplicate: its history moves to keepId, its row stays as a tombstone */
  mergeId: Id,
  reason: z.string().trim().max(200).optional(),
});

/** One side of a merge as the confirm dialog shows it. */
export const MemberMergeSide = z.object({
  id: Id,
  name: z.string(),
  cardNo: z.string(),
  phone: z.string(),
  points: z.number().int(),
  /** sales over all time (refunds not counted), and their bills less refunds (as purchases.list totals them) */
  sales: z.number().int(),
  netFen: z.number().int(),
  tierName: z.string(),
  openFollowups: z.number().int(),
  feedback: z.number().int(),
});
export type MemberMergeSide = z.infer<typeof MemberMergeSide>;

export const MemberMergePreview = z.object({
  keep: MemberMergeSide,
  merge: MemberMergeSide,
  /** the kept member once merged: figures add up; the tier goes up if the combined figure earns it, never down; open follow-ups leave out those the merge cancels */
  after: MemberMergeSide.pick({ points: true, sales: true, netFen: true, tierName: true, openFollowups: true, feedback: true }).extend({
    upgraded: z.boolean(),
  }),
});
export type MemberMergePreview = z.infer<typeof MemberMergePreview>;

export const MemberMergeResult = z.object({
  kept: Member,
  merged: Member,
  /** rows that moved from the duplicate to the kept member */
  moved: z.object({ purchases: z.number().int(), pointsLots: z.number().int(), followups: z.number().int(), feedback: z.number().int() }),
  /** points carried over by the two `merge` ledger entries (0: none written) */
  points: z.number().int(),
  /** moved follow-ups cancelled because they duplicated or no longer fit the kept member */
  followupsCancelled: z.number().int(),
  upgraded: z.boolean(),
});
export type MemberMergeResult = z.infer<typeof MemberMergeResult>;

export const membersContract = {
  'members.create': method({ input: MemberCreateInput, output: Member, access: 'clerk', write: true }),
  'members.get': method({ input: z.strictObject({ id: Id }), output: Member, access: 'clerk', write: false }),
  'members.update': method({ input: MemberUpdateInput, output: Member, access: 'clerk', write: true }),
  /** Deactivated members keep their history and can be found and reactivated. */
  'members.setStatus': method({
    input: z.strictObject({ id: Id, status: z.enum(MEMBER_STATUSES), reason: z.string().trim().max(200).optional() }),
    output: Member,
    access: 'manager',
    write: true,
  }),
  /**
   * Counter search: phone (any format), phone tail (4+ digits), card number (exact, prefix, or
   * its last 4+ digits), name prefix, pinyin initials (zs) or full pinyin (zhangsan), a tag; a
   * name's middle (2+ characters) when nothing else matches. `exact` names the member a scanned
   * card or a full phone number points to.
   */
  'members.search': method({
    input: z.strictObject({ q: z.string().max(64), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(MemberHit), exact: Id.nullable() }),
    access: 'clerk',
    write: false,
  }),
  /** What merging mergeId into keepId would give, refused for the same reasons the merge is. */
  'members.mergePreview': method({
    input: MemberMergeInput.omit({ reason: true }),
    output: MemberMergePreview,
    access: 'manager',
    write: false,
  }),
  /**
   * Merges a duplicate registration into the member who stays (docs/members.md): history moves,
   * points move through two `merge` ledger entries, the duplicate stays as a tombstone. Final.
   */
  'members.merge': method({ input: MemberMergeInput, output: MemberMergeResult, access: 'manager', write: true }),
};
