import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { normalisePhone } from '../phone';
import { isCalendarDate } from '../text';

export const GENDERS = ['female', 'male', 'unspecified'] as const;
export const MEMBER_STATUSES = ['active', 'inactive'] as const;

/** Any mainland format (+86, 0086, spaces, dashes, full-width digits) in; E.164 out. */
export const PhoneInput = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const phone = normalisePhone(raw);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
      return z.NEVER;
    }
    return phone;
  });

/** Empty text means "not given". */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(max).nullable().optional(),
  );

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

const Tags = z.array(z.string().trim().min(1).max(20)).max(20);

const editableFields = {
  name: z.string().trim().min(1).max(40),
  phone: PhoneInput,
  gender: z.enum(GENDERS),
  birthday: BirthdayInput,
  email: EmailInput,
  address: optionalText(200),
  notes: optionalText(1000),
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
});

export const MemberUpdateInput = z.strictObject({
  id: Id,
  /** When given, the update is refused if someone else saved the member meanwhile. */
  version: z.number().int().min(1).optional(),
  ...z.object(editableFields).partial().shape,
});

const Consent = z.object({ given: z.boolean(), at: IsoTime.nullable(), byName: z.string().nullable() });

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
});
export type Member = z.infer<typeof Member>;

export const MATCH_KINDS = ['card', 'phone', 'phoneTail', 'cardPrefix', 'name', 'pinyinInitials', 'pinyinFull'] as const;
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
});
export type MemberHit = z.infer<typeof MemberHit>;

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
   * Counter search: phone (any format), phone tail (4+ digits), card number (exact or prefix),
   * name prefix, pinyin initials (zs) or full pinyin (zhangsan). `exact` names the member a
   * scanned card or a full phone number points to.
   */
  'members.search': method({
    input: z.strictObject({ q: z.string().max(64), limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(MemberHit), exact: Id.nullable() }),
    access: 'clerk',
    write: false,
  }),
};
