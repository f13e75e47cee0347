import { z } from 'zod';
import { method } from './define';
import { Id } from './common';
import { LocalDate } from './followups';

// The manager's desk. Every figure is defined once, in docs/reports.md, and in the zh-CN/English
// hover text; the service computes exactly that definition.

/** A calendar period: `2026-11` (month), `2026-Q4` (quarter) or `2026` (year), in the store's time zone. */
export const PeriodKey = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'invalid_period');

export const Kpis = z.object({
  newMembers: z.number().int(),
  /** members with at least one sale in the period */
  activeMembers: z.number().int(),
  orders: z.number().int(),
  salesFen: z.number().int(),
  refundsFen: z.number().int(),
  netSalesFen: z.number().int(),
  /** the store's takings (all customers, typed in at day close) over the days of the period that have a figure; null if none has */
  takingsFen: z.number().int().nullable(),
  /** how many days of the period have a takings figure */
  takingsDays: z.number().int(),
  /** members' net sales on the days with a takings figure ÷ those takings; null without any */
  memberShare: z.number().nullable(),
  /** net sales / orders; null without orders */
  aovFen: z.number().int().nullable(),
  /** active members with two or more sales in the period / active members */
  repurchaseRate: z.number().nullable(),
  /** members active in the previous period who are active in this one / active in the previous */
  retentionRate: z.number().nullable(),
  pointsIssued: z.number().int(),
  pointsRedeemed: z.number().int(),
  pointsExpired: z.number().int(),
  pointsReversed: z.number().int(),
  /** every member's balance at the end of the period (or now, for a period not over yet) */
  pointsOutstanding: z.number().int(),
  /** what the outstanding points are worth at today's redemption value */
  liabilityFen: z.number().int(),
  followupsDone: z.number().int(),
  /** tasks due in the period before today that are still planned or missed now */
  followupsOverdue: z.number().int(),
  complaintsOpened: z.number().int(),
  complaintsResolved: z.number().int(),
  /** complaints not yet resolved at the end of the period */
  complaintsOpen: z.number().int(),
  medianResolveHours: z.number().nullable(),
  /** share of satisfaction answers that are 4 or 5 */
  csat: z.number().nullable(),
  csatResponses: z.number().int(),
  /** % promoters (9–10) − % detractors (0–6), −100…100 */
  nps: z.number().nullable(),
  npsResponses: z.number().int(),
});
export type Kpis = z.infer<typeof Kpis>;

const PeriodInfo = z.object({ key: z.string(), from: z.string(), to: z.string() });

export const RFM_SEGMENTS = [
  'important_value',
  'important_develop',
  'important_keep',
  'important_retain',
  'general_value',
  'general_develop',
  'general_keep',
  'general_retain',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export const LIFECYCLE_STAGES = ['prospect', 'new', 'growing', 'mature', 'declining', 'lost'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

const RfmWindow = {
  /** the window ends on this local date (default today) and reaches back `windowMonths` */
  asOf: LocalDate.optional(),
  windowMonths: z.number().int().min(1).max(36).default(12),
  /** CLV = monetary a year × gross margin × expected years */
  marginPct: z.number().min(1).max(100).default(30),
  expectedYears: z.number().min(0.5).max(20).default(3),
};
const RfmInput = z.strictObject(RfmWindow);

export const RfmScores = z.object({
  recencyDays: z.number().int(),
  frequency: z.number().int(),
  monetaryFen: z.number().int(),
  r: z.number().int(),
  f: z.number().int(),
  m: z.number().int(),
  segment: z.enum(RFM_SEGMENTS),
});
export type RfmScores = z.infer<typeof RfmScores>;

const Edges = z.object({ recencyDays: z.array(z.number()), frequency: z.array(z.number()), monetaryFen: z.array(z.number()) });

export const RfmSummary = z.object({
  asOf: z.string(),
  from: z.string(),
  windowMonths: z.number().int(),
  scored: z.number().int(),
  /** members with no sale in the window: no scores, in no segment */
  unscored: z.number().int(),
  /** the 20th, 40th, 60th and 80th percentiles of each value (nearest rank) */
  edges: Edges,
  /** the mean score of R, F and M: a score above it is "high" */
  means: z.object({ r: z.number(), f: z.number(), m: z.number() }),
  segments: z.array(
    z.object({
      segment: z.enum(RFM_SEGMENTS),
      members: z.number().int(),
      monetaryFen: z.number().int(),
      share: z.number(),
      avgRecencyDays: z.number().nullable(),
      avgFrequency: z.number().nullable(),
      /** average CLV estimate of the segment's members */
      clvFen: z.number().int().nullable(),
    }),
  ),
  clv: z.object({ marginPct: z.number(), expectedYears: z.number() }),
});
export type RfmSummary = z.infer<typeof RfmSummary>;

export const SegmentMember = z.object({
  memberId: Id,
  name: z.string(),
  cardNo: z.string(),
  phone: z.string(),
  tierName: z.string().nullable(),
  marketingConsent: z.boolean(),
  scores: RfmScores,
  clvFen: z.number().int(),
});
export type SegmentMember = z.infer<typeof SegmentMember>;

export const reportsContract = {
  /** The dashboard: a calendar period against the one before it. */
  'reports.summary': method({
    input: z.strictObject({ period: PeriodKey }),
    /**
     * `previous` is set against `period` like for like: while the period runs (`running`), its
     * first days only, as many as have passed of this one (docs/reports.md "Periods").
     */
    output: z.object({ period: PeriodInfo, previous: PeriodInfo, running: z.boolean(), current: Kpis, prior: Kpis, asOf: z.string() }),
    access: 'manager',
    write: false,
  }),
  'reports.rfm': method({ input: RfmInput, output: RfmSummary, access: 'manager', write: false }),
  /** The members of one segment, best customers first (by monetary). */
  'reports.segmentMembers': method({
    input: z.strictObject({
      ...RfmWindow,
      segment: z.enum(RFM_SEGMENTS),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    output: z.object({ total: z.number().int(), items: z.array(SegmentMember) }),
    access: 'manager',
    write: false,
  }),
  /** One member's R, F, M, their scores and segment, against the branch's edges. */
  'reports.memberRfm': method({
    input: z.strictObject({ ...RfmWindow, memberId: Id }),
    output: z.object({
      asOf: z.string(),
      from: z.string(),
      scores: RfmScores.nullable(),
      edges: Edges,
      means: z.object({ r: z.number(), f: z.number(), m: z.number() }),
      clvFen: z.number().int().nullable(),
    }),
    access: 'manager',
    write: false,
  }),
  'reports.lifecycle': method({
    input: z.strictObject({ asOf: LocalDate.optional(), compareDays: z.number().int().min(1).max(366).default(30) }),
    output: z.object({
      asOf: z.string(),
      previousAsOf: z.string(),
      stages: z.array(z.object({ stage: z.enum(LIFECYCLE_STAGES), members: z.number().int(), previous: z.number().int() })),
      /** from stage (or `unregistered`) → to stage → members */
      movement: z.array(
        z.object({
          from: z.union([z.enum(LIFECYCLE_STAGES), z.literal('unregistered')]),
          to: z.enum(LIFECYCLE_STAGES),
          members: z.number().int(),
        }),
      ),
    }),
    access: 'manager',
    write: false,
  }),
} as const;
