import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime, optionalText } from './common';
import { isCalendarDate } from '../text';

export const FOLLOWUP_KINDS = ['post_purchase', 'birthday', 'reactivation', 'complaint', 'manual'] as const;
export const FOLLOWUP_CHANNELS = ['phone', 'wechat', 'sms', 'in_store'] as const;
export const FOLLOWUP_STATUSES = ['planned', 'done', 'missed', 'cancelled'] as const;
export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];
export type FollowupChannel = (typeof FOLLOWUP_CHANNELS)[number];
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** A local calendar date, `YYYY-MM-DD`. */
export const LocalDate = z.string().refine(isCalendarDate, 'invalid_date');

/** Why a generated task exists, in figures the screen words (translated there). */
export const FollowupDetail = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const Followup = z.object({
  id: Id,
  memberId: Id,
  memberName: z.string(),
  cardNo: z.string(),
  /** the number to call: full, since the task is this member's */
  phone: z.string(),
  tierName: z.string().nullable(),
  kind: z.enum(FOLLOWUP_KINDS),
  channel: z.enum(FOLLOWUP_CHANNELS),
  dueDate: z.string(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(FOLLOWUP_STATUSES),
  detail: FollowupDetail,
  note: z.string().nullable(),
  outcome: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  nps: z.number().int().nullable(),
  attempts: z.number().int(),
  completedAt: IsoTime.nullable(),
  completedByName: z.string().nullable(),
  createdAt: IsoTime,
  lastPurchase: z.object({ at: IsoTime, amountFen: z.number().int() }).nullable(),
});
export type Followup = z.infer<typeof Followup>;

const Days = (max: number) => z.number().int().min(0).max(max);

export const FollowupRules = z.strictObject({
  postPurchase: z.strictObject({
    enabled: z.boolean(),
    days: Days(60),
    minAmountFen: z.number().int().min(0).max(100_000_000_00),
    channel: z.enum(FOLLOWUP_CHANNELS),
  }),
  /** at −15 days, on the day and +7 days; members who agreed to marketing only */
  birthday: z.strictObject({ enabled: z.boolean(), channel: z.enum(FOLLOWUP_CHANNELS) }),
  /** no sale for N days; members who agreed to marketing only */
  reactivation: z.strictObject({ enabled: z.boolean(), days: z.number().int().min(7).max(730), channel: z.enum(FOLLOWUP_CHANNELS) }),
  /** N days after a complaint is resolved */
  complaint: z.strictObject({ enabled: z.boolean(), days: Days(30), channel: z.enum(FOLLOWUP_CHANNELS) }),
});
export type FollowupRules = z.infer<typeof FollowupRules>;

/** The longest text of each kind, in characters; the forms count against them. */
export const FOLLOWUP_NOTE_MAX = 500;
export const FOLLOWUP_OUTCOME_MAX = 1000;
export const FOLLOWUP_SCRIPT_MAX = 1000;

/** A call script per kind; `{{name}}`-style fields are filled for each member. */
export const FollowupScripts = z.strictObject(
  Object.fromEntries(FOLLOWUP_KINDS.map((k) => [k, z.string().max(FOLLOWUP_SCRIPT_MAX)])) as Record<FollowupKind, z.ZodString>,
);
export type FollowupScripts = z.infer<typeof FollowupScripts>;

export const FollowupSettings = z.object({ rules: FollowupRules, scripts: FollowupScripts });
export type FollowupSettings = z.infer<typeof FollowupSettings>;

/** `null` as an assignee filter means "nobody yet". */
const QueueFilter = {
  assigneeId: Id.nullable().optional(),
  kind: z.enum(FOLLOWUP_KINDS).optional(),
};

const Section = z.object({ items: z.array(Followup), total: z.number().int() });

export const GenerateResult = z.object({
  postPurchase: z.number().int(),
  birthday: z.number().int(),
  reactivation: z.number().int(),
  complaint: z.number().int(),
  total: z.number().int(),
});
export type GenerateResult = z.infer<typeof GenerateResult>;

/** What a `followups.generate` job made (its `result` in jobs.get), counted as the call counts an inline run. */
export function generatedByJob(result: Record<string, number>): GenerateResult {
  const { postPurchase = 0, birthday = 0, reactivation = 0, complaint = 0, total = 0 } = result;
  return { postPurchase, birthday, reactivation, complaint, total };
}

export const followupsContract = {
  /** A task made by hand from the member page. */
  'followups.create': method({
    input: z.strictObject({
      memberId: Id,
      kind: z.enum(FOLLOWUP_KINDS).default('manual'),
      channel: z.enum(FOLLOWUP_CHANNELS).default('phone'),
      dueDate: LocalDate,
      assigneeId: Id.nullable().optional(),
      note: optionalText(FOLLOWUP_NOTE_MAX),
    }),
    output: Followup,
    access: 'clerk',
    write: true,
  }),
  'followups.get': method({ input: z.strictObject({ id: Id }), output: Followup, access: 'clerk', write: false }),
  /** A member's tasks, newest due first. */
  'followups.list': method({
    input: z.strictObject({ memberId: Id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ items: z.array(Followup) }),
    access: 'clerk',
    write: false,
  }),
  /** The Today queue: overdue, due today, missed (to reschedule) and the next 7 days. */
  'followups.today': method({
    input: z.strictObject({ ...QueueFilter, limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({
      today: z.string(),
      overdue: Section,
      dueToday: Section,
      missed: Section,
      upcoming: Section,
      doneToday: z.number().int(),
    }),
    access: 'clerk',
    write: false,
  }),
  /** Done: what the member said, and the scores when they were asked. */
  'followups.complete': method({
    input: z.strictObject({
      id: Id,
      outcome: z.string().trim().min(1).max(FOLLOWUP_OUTCOME_MAX),
      satisfaction: z.number().int().min(1).max(5).nullable().optional(),
      nps: z.number().int().min(0).max(10).nullable().optional(),
    }),
    output: Followup,
    access: 'clerk',
    write: true,
  }),
  /** Nobody answered: the task waits to be rescheduled. */
  'followups.miss': method({
    input: z.strictObject({ id: Id, note: optionalText(FOLLOWUP_NOTE_MAX) }),
    output: Followup,
    access: 'clerk',
    write: true,
  }),
  'followups.reschedule': method({
    input: z.strictObject({ id: Id, dueDate: LocalDate, note: optionalText(FOLLOWUP_NOTE_MAX) }),
    output: Followup,
    access: 'clerk',
    write: true,
  }),
  'followups.cancel': method({
    input: z.strictObject({ id: Id, note: optionalText(FOLLOWUP_NOTE_MAX) }),
    output: Followup,
    access: 'clerk',
    write: true,
  }),
  'followups.assign': method({
    input: z.strictObject({ id: Id, assigneeId: Id.nullable() }),
    output: Followup,
    access: 'manager',
    write: true,
  }),
  /** The call script for one task, with the member's fields filled in. */
  'followups.script': method({ input: z.strictObject({ id: Id }), output: z.object({ text: z.string() }), access: 'clerk', write: false }),
  /**
   * Creates the tasks the rules call for that do not exist yet. Idempotent: a second run
   * creates nothing, and a rule change does not duplicate open tasks. Runs at start and hourly.
   * A run that must read the whole window (the first, or the first after a rule or time zone
   * change) is a background job, `jobId` (the one already open, if any): the counts are then 0
   * and the job's result has them. The run that reads only what changed answers its counts.
   */
  'followups.generate': method({
    input: z.strictObject({}),
    output: GenerateResult.extend({ jobId: Id.optional() }),
    access: 'manager',
    write: true,
  }),
  'followups.settings': method({ input: z.strictObject({}), output: FollowupSettings, access: 'clerk', write: false }),
  'followups.saveSettings': method({
    input: z.strictObject({ rules: FollowupRules, scripts: FollowupScripts }),
    output: FollowupSettings,
    access: 'manager',
    write: true,
  }),
};
