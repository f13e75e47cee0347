import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime, optionalText } from './common';

export const FEEDBACK_KINDS = ['complaint', 'suggestion', 'praise'] as const;
export const FEEDBACK_CATEGORIES = ['product', 'service', 'environment', 'price', 'staff', 'other'] as const;
export const FEEDBACK_SEVERITIES = ['low', 'medium', 'high'] as const;
export const FEEDBACK_CHANNELS = ['in_store', 'phone', 'wechat', 'sms', 'online'] as const;
/** In this order, one step at a time. */
export const FEEDBACK_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
/** The longest description or resolution, in characters; the forms count against it. */
export const FEEDBACK_TEXT_MAX = 2000;

const Step = z.object({ at: IsoTime, byName: z.string().nullable() }).nullable();

export const Feedback = z.object({
  id: Id,
  memberId: Id.nullable(),
  memberName: z.string().nullable(),
  contact: z.string().nullable(),
  kind: z.enum(FEEDBACK_KINDS),
  category: z.enum(FEEDBACK_CATEGORIES),
  severity: z.enum(FEEDBACK_SEVERITIES),
  channel: z.enum(FEEDBACK_CHANNELS),
  description: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  resolution: z.string().nullable(),
  created: z.object({ at: IsoTime, byName: z.string().nullable() }),
  started: Step,
  resolved: Step,
  closed: Step,
});
export type Feedback = z.infer<typeof Feedback>;

export const feedbackContract = {
  /** From the member page, or anonymously (no member; a contact is optional). */
  'feedback.create': method({
    input: z.strictObject({
      memberId: Id.nullable().optional(),
      contact: optionalText(100),
      kind: z.enum(FEEDBACK_KINDS).default('complaint'),
      category: z.enum(FEEDBACK_CATEGORIES),
      severity: z.enum(FEEDBACK_SEVERITIES).default('medium'),
      channel: z.enum(FEEDBACK_CHANNELS).default('in_store'),
      description: z.string().trim().min(1).max(FEEDBACK_TEXT_MAX),
    }),
    output: Feedback,
    access: 'clerk',
    write: true,
  }),
  'feedback.get': method({ input: z.strictObject({ id: Id }), output: Feedback, access: 'clerk', write: false }),
  /**
   * One step forward: open → in progress → resolved (a resolution is required) → closed (the
   * customer has been told). Each step is timed and attributed; skipping one is refused.
   */
  'feedback.transition': method({
    input: z.strictObject({ id: Id, to: z.enum(['in_progress', 'resolved', 'closed']), resolution: optionalText(FEEDBACK_TEXT_MAX) }),
    output: Feedback,
    access: 'clerk',
    write: true,
  }),
  'feedback.list': method({
    input: z.strictObject({
      status: z.enum([...FEEDBACK_STATUSES, 'unfinished']).optional(),
      kind: z.enum(FEEDBACK_KINDS).optional(),
      category: z.enum(FEEDBACK_CATEGORIES).optional(),
      severity: z.enum(FEEDBACK_SEVERITIES).optional(),
      memberId: Id.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({
      items: z.array(Feedback),
      counts: z.object({ open: z.number().int(), in_progress: z.number().int(), resolved: z.number().int(), closed: z.number().int() }),
    }),
    access: 'clerk',
    write: false,
  }),
};
