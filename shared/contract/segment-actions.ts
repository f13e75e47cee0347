import { z } from 'zod';
import { method } from './define';
import { optionalText } from './common';
import { FOLLOWUP_CHANNELS, FOLLOWUP_NOTE_MAX, LocalDate } from './followups';
import { RFM_SEGMENTS, RfmScores, SegmentMember, reportsContract } from './reports';

// Acting on an RFM segment: a follow-up for each of its members, or the list for an SMS/WeChat
// campaign. Both take the window the RFM page shows, so they act on the members it lists.

/** asOf, windowMonths, marginPct, expectedYears: exactly what `reports.rfm` takes. */
const RfmWindow = reportsContract['reports.rfm'].input.shape;

export const SegmentFollowupsResult = z.object({
  asOf: z.string(),
  /** members in the segment on asOf */
  members: z.number().int(),
  created: z.number().int(),
  /** members left without a new task: the sum of `skippedBy` */
  skipped: z.number().int(),
  skippedBy: z.object({
    /** already had a planned manual task due that day (a second click, or one made by hand) */
    planned: z.number().int(),
    /** deactivated since their sales: no task can be made for them */
    inactive: z.number().int(),
    /** active, but did not agree to marketing: a segment's call is marketing */
    noConsent: z.number().int(),
  }),
});
export type SegmentFollowupsResult = z.infer<typeof SegmentFollowupsResult>;

/**
 * One row of a campaign list: what the manager sees of the member on the segment page (phone in
 * full: only managers and admins may ask for the list), no more; flat, with the member's scores.
 */
export const CampaignMember = SegmentMember.pick({ memberId: true, name: true, cardNo: true, phone: true, tierName: true }).extend(
  RfmScores.shape,
);
export type CampaignMember = z.infer<typeof CampaignMember>;

export const SegmentCampaign = z.object({
  asOf: z.string(),
  from: z.string(),
  segment: z.enum(RFM_SEGMENTS),
  /** members in the segment on asOf; = items + excludedNoConsent + excludedInactive */
  members: z.number().int(),
  /** left out: no consent to marketing */
  excludedNoConsent: z.number().int(),
  /** left out: deactivated (whatever their consent) */
  excludedInactive: z.number().int(),
  /** most spent first, as the segment page lists them; flat rows, every one of them (an export has no pages) */
  items: z.array(CampaignMember),
});
export type SegmentCampaign = z.infer<typeof SegmentCampaign>;

export const segmentActionsContract = {
  /**
   * One manual follow-up per active member of a segment who agreed to marketing (the call's
   * purpose is marketing; the others are counted in skippedBy.noConsent), in one transaction. A member who already
   * has a planned manual task due that day is skipped, so the same request twice creates nothing
   * the second time.
   */
  'reports.segmentFollowups': method({
    input: z.strictObject({
      ...RfmWindow,
      segment: z.enum(RFM_SEGMENTS),
      dueDate: LocalDate,
      channel: z.enum(FOLLOWUP_CHANNELS).default('phone'),
      /** what the call is for; the queue shows it as the task's reason */
      note: optionalText(FOLLOWUP_NOTE_MAX),
    }),
    output: SegmentFollowupsResult,
    access: 'manager',
    write: true,
  }),
  /** The segment's members who agreed to marketing, for an SMS/WeChat campaign; the rest counted. */
  'reports.segmentCampaign': method({
    input: z.strictObject({ ...RfmWindow, segment: z.enum(RFM_SEGMENTS) }),
    output: SegmentCampaign,
    access: 'manager',
    write: false,
  }),
} as const;
