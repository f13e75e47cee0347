import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { LocalDate } from './followups';

// The audit page (docs/privacy.md "The audit trail"): who did what, when, to which record, with
// the values before and after, filtered and read newest first a page at a time. Admins only.

/** An action as the services write it, `domain.verb` (members.update); a group is its domain (members). */
const ActionCode = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]+(\.[a-zA-Z_]+)?$/, 'invalid_format')
  .max(60);

const filterFields = {
  staffId: Id.optional(),
  /** rows about this member (entity member) */
  memberId: Id.optional(),
  /** one action exactly (members.update), or every action of a group (members) */
  action: ActionCode.optional(),
  /** the store's calendar days, both included */
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  /** HQ only: the rows this branch sent; without it HQ reads its own */
  branchId: Id.optional(),
};

function checkRange(f: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (f.from !== undefined && f.to !== undefined && f.to < f.from)
    ctx.addIssue({ code: 'custom', message: 'end_before_start', path: ['to'] });
}

export const AuditFilters = z.strictObject(filterFields).superRefine(checkRange);
export type AuditFilters = z.output<typeof AuditFilters>;

/** Where a page ends: opaque to the caller, answered by the page before. */
const Cursor = z.string().min(1).max(200);

export const AuditItem = z.object({
  id: Id,
  at: IsoTime,
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  /** the member the row is about, when it is about one still on file */
  member: z.object({ id: Id, name: z.string(), cardNo: z.string() }).nullable(),
  /** the values before and after, as the service wrote them (JSON text), or null */
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type AuditItem = z.infer<typeof AuditItem>;

/**
 * The names of the records a page's rows refer to by id (staff, members, tiers, sales, branches;
 * shared/audit-refs.ts says which fields), looked up for that page only: the page shows names,
 * never ids. An id missing here is of a record no longer on file.
 */
export const AuditRefs = z.object({
  staff: z.record(z.string(), z.string()),
  members: z.record(z.string(), z.object({ name: z.string(), cardNo: z.string(), erased: z.boolean() })),
  tiers: z.record(z.string(), z.string()),
  sales: z.record(z.string(), z.object({ kind: z.string(), amountFen: z.number().int(), at: IsoTime })),
  branches: z.record(z.string(), z.object({ name: z.string(), code: z.string() })),
});
export type AuditRefs = z.infer<typeof AuditRefs>;

const AuditPage = z.object({ items: z.array(AuditItem), next: Cursor.nullable(), refs: AuditRefs });
export type AuditPage = z.infer<typeof AuditPage>;

export const auditContract = {
  /** The audit rows the filters match, newest first, `pageSize` at a time (`after` = the page's `next`). */
  'audit.list': method({
    input: z
      .strictObject({ ...filterFields, after: Cursor.optional(), pageSize: z.number().int().min(10).max(100).default(50) })
      .superRefine(checkRange),
    output: AuditPage,
    access: 'admin',
    write: false,
  }),
  /** The same rows for the CSV file, `limit` at a time: call again with `after` = `next` until it is null. */
  'audit.export': method({
    input: z
      .strictObject({ ...filterFields, after: Cursor.optional(), limit: z.number().int().min(1).max(5000).default(2000) })
      .superRefine(checkRange),
    output: AuditPage,
    access: 'admin',
    write: false,
  }),
  /** What the filters offer: the staff (HQ: of the branch given) and the actions the trail holds. */
  'audit.choices': method({
    input: z.strictObject({ branchId: Id.optional() }),
    output: z.object({
      staff: z.array(z.object({ id: Id, name: z.string() })),
      actions: z.array(z.string()),
      /** HQ: the branches whose rows it holds */
      branches: z.array(z.object({ id: Id, code: z.string(), name: z.string() })),
    }),
    access: 'admin',
    write: false,
  }),
};
