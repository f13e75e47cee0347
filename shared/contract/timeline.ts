import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';

export const TIMELINE_TYPES = ['sale', 'refund', 'void', 'points', 'followup', 'feedback'] as const;

/** One thing that happened to a member; `kind` and `status` are the source's own words (a voided sale's status is `voided`). */
export const TimelineItem = z.object({
  id: Id,
  at: IsoTime,
  type: z.enum(TIMELINE_TYPES),
  /** a sale: the bill; a refund: the money paid back (退款额, as the dashboard counts refunds); a void: its sale's bill */
  amountFen: z.number().int().nullable(),
  points: z.number().int().nullable(),
  kind: z.string().nullable(),
  status: z.string().nullable(),
  text: z.string().nullable(),
  byName: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const timelineContract = {
  /** Purchases, points, follow-ups and feedback in one list, newest first. */
  'members.timeline': method({
    input: z.strictObject({ memberId: Id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ items: z.array(TimelineItem) }),
    access: 'clerk',
    write: false,
  }),
};
