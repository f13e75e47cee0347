import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { GENDERS, Member } from './members';

// The 会员 page (docs/members.md "Browsing members"): every member of the branch, filtered and
// sorted, a page at a time; the same filters exported in the column layout a member import reads.

export const MEMBER_LIST_SORTS = ['cardNo', 'name', 'createdAt', 'lastSaleAt'] as const;
export type MemberListSort = (typeof MEMBER_LIST_SORTS)[number];
/** `merged`: duplicates merged into another member (their tombstones); `inactive` leaves them out. */
export const MEMBER_LIST_STATUSES = ['active', 'inactive', 'merged', 'all'] as const;
/** Bought within the last N days (today included); bought, but not within them; never bought. */
export const LAST_SALE_FILTERS = ['within', 'lapsed', 'never'] as const;
export const CONSENT_FILTERS = ['yes', 'no'] as const;

/** How many matches a page counts at most: past it the list says "more than" (docs/members.md). */
export const MEMBER_LIST_COUNT_CAP = 10_000;

const filterFields = {
  tierId: Id.optional(),
  /** a tag exactly as written (members.tags lists them) */
  tag: z.string().trim().min(1).max(20).optional(),
  status: z.enum(MEMBER_LIST_STATUSES).default('active'),
  /** consent to marketing */
  consent: z.enum(CONSENT_FILTERS).optional(),
  lastSale: z.enum(LAST_SALE_FILTERS).optional(),
  /** the N of `within` and `lapsed` (required by them, refused with `never`) */
  lastSaleDays: z.number().int().min(1).max(3650).optional(),
  birthdayMonth: z.number().int().min(1).max(12).optional(),
};

type FilterShape = { lastSale?: (typeof LAST_SALE_FILTERS)[number]; lastSaleDays?: number };

/** `lastSaleDays` goes with `within` and `lapsed`, and only with them. */
function checkDays(f: FilterShape, ctx: z.RefinementCtx): void {
  const needs = f.lastSale === 'within' || f.lastSale === 'lapsed';
  if (needs && f.lastSaleDays === undefined) ctx.addIssue({ code: 'custom', message: 'required', path: ['lastSaleDays'] });
  if (!needs && f.lastSaleDays !== undefined) ctx.addIssue({ code: 'custom', message: 'invalid', path: ['lastSaleDays'] });
}

export const MemberListFilters = z.strictObject(filterFields).superRefine(checkDays);
export type MemberListFilters = z.output<typeof MemberListFilters>;

/** Where a page starts or ends: opaque to the caller, answered by the page before. */
const Cursor = z.string().min(1).max(300);

export const MemberListInput = z
  .strictObject({
    ...filterFields,
    /** `name` sorts by pinyin (陈 before 李 before 王), as staff look names up */
    sort: z.enum(MEMBER_LIST_SORTS).default('cardNo'),
    order: z.enum(['asc', 'desc']).default('asc'),
    /** the page after the row this names (a page's `next`), or before it (a page's `prev`) */
    after: Cursor.optional(),
    before: Cursor.optional(),
    pageSize: z.number().int().min(10).max(100).default(50),
  })
  .superRefine((input, ctx) => {
    checkDays(input, ctx);
    if (input.after !== undefined && input.before !== undefined) ctx.addIssue({ code: 'custom', message: 'invalid', path: ['before'] });
  });
export type MemberListInput = z.output<typeof MemberListInput>;

/** A row of the list: the member's own fields, and what the list shows beside them. Clerks get masked phones (138****5678). */
export const MemberListItem = Member.pick({
  id: true,
  cardNo: true,
  name: true,
  phone: true,
  gender: true,
  birthday: true,
  tags: true,
  status: true,
  mergedInto: true,
  createdAt: true,
}).extend({
  tierName: z.string(),
  points: z.number().int(),
  consentMarketing: z.boolean(),
  lastSaleAt: IsoTime.nullable(),
});
export type MemberListItem = z.infer<typeof MemberListItem>;

export const MemberListPage = z.object({
  items: z.array(MemberListItem),
  /** how many members match, counted up to MEMBER_LIST_COUNT_CAP */
  total: z.number().int(),
  /** more match than `total` says */
  totalCapped: z.boolean(),
  /** `after` for the next page, `before` for the previous one; null where there is none */
  next: Cursor.nullable(),
  prev: Cursor.nullable(),
});
export type MemberListPage = z.infer<typeof MemberListPage>;

/** One member as the export file holds them (shared/member-file.ts lays the columns out). */
export const MemberFileRow = z.object({
  cardNo: z.string(),
  name: z.string(),
  /** E.164, in full: only managers export */
  phone: z.string(),
  birthday: z.string().nullable(),
  gender: z.enum(GENDERS),
  tierName: z.string(),
  points: z.number().int(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  consentMarketing: z.boolean(),
  /** the store's calendar date of registration, YYYY-MM-DD */
  registeredOn: z.string(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  status: z.enum(['active', 'inactive', 'merged']),
});
export type MemberFileRow = z.infer<typeof MemberFileRow>;

export const memberListContract = {
  /**
   * The branch's members a page at a time: filters, a sort, and paging by cursor, so a deep page
   * costs what the first does. Clerks see masked phones. Refused at HQ (WRONG_MODE).
   */
  'members.list': method({ input: MemberListInput, output: MemberListPage, access: 'clerk', write: false }),
  /**
   * Every member the filters match, in card order, `limit` at a time (call again with `after` =
   * the answer's `next` until it is null); the first answer also counts them all.
   */
  'members.export': method({
    input: z
      .strictObject({ ...filterFields, after: Cursor.optional(), limit: z.number().int().min(1).max(5000).default(2000) })
      .superRefine(checkDays),
    output: z.object({ items: z.array(MemberFileRow), next: z.string().nullable(), total: z.number().int().nullable() }),
    access: 'manager',
    write: false,
  }),
  /** The tags members have, in order, those starting with `q` when given (the list's tag filter). */
  'members.tags': method({
    input: z.strictObject({ q: z.string().trim().max(20).optional(), limit: z.number().int().min(1).max(100).default(20) }),
    output: z.object({ items: z.array(z.string()) }),
    access: 'clerk',
    write: false,
  }),
};
