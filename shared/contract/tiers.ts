import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';

export const TIER_BASES = ['spend', 'points'] as const;

export const Tier = z.object({
  id: Id,
  rank: z.number().int(),
  name: z.string(),
  /** fen of spend, or points earned, within the window */
  threshold: z.number().int(),
  pointsMultiplierPct: z.number().int(),
  discountPct: z.number().int(),
  benefits: z.string().nullable(),
});
export type Tier = z.infer<typeof Tier>;

export const TierConfig = z.object({
  basis: z.enum(TIER_BASES),
  windowMonths: z.number().int(),
  reviewMonths: z.number().int(),
  tiers: z.array(Tier),
});
export type TierConfig = z.infer<typeof TierConfig>;

const TierInput = z.strictObject({
  /** keep an existing tier's id so its members stay in it */
  id: Id.optional(),
  name: z.string().trim().min(1).max(20),
  threshold: z.number().int().min(0).max(1_000_000_000_00),
  pointsMultiplierPct: z.number().int().min(0).max(1000).default(100),
  discountPct: z.number().int().min(0).max(100).default(0),
  benefits: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(200).nullable().optional()),
});

/** Why a member is in their tier and what the next one needs. */
export const TierStatus = z.object({
  tier: Tier,
  basis: z.enum(TIER_BASES),
  /** spend (fen) or points earned in the window ending now */
  qualifying: z.number().int(),
  windowFrom: IsoTime,
  windowMonths: z.number().int(),
  /** the tier the window's figure earns on its own (may be lower until the review date) */
  qualifiesFor: Tier,
  reviewAt: IsoTime.nullable(),
  next: z.object({ tier: Tier, missing: z.number().int() }).nullable(),
});
export type TierStatus = z.infer<typeof TierStatus>;

export const tiersContract = {
  'tiers.list': method({ input: z.strictObject({}), output: TierConfig, access: 'clerk', write: false }),
  /**
   * Replace the tier table: ordered by threshold, the lowest at 0. Members are then re-evaluated
   * by a background job, `jobId` (up at once, down only at their review date; a removed tier's
   * members move to the best one they qualify for), which supersedes one a save before started;
   * a member's next sale applies the new table to them at once. The ledger is never touched.
   * `reevaluated` and `changed` count what the call itself re-evaluated: 0, the job's result has
   * the figures (kept for callers that read them).
   */
  'tiers.save': method({
    input: z.strictObject({
      basis: z.enum(TIER_BASES),
      windowMonths: z.number().int().min(1).max(60),
      reviewMonths: z.number().int().min(1).max(60),
      tiers: z
        .array(TierInput)
        .min(1)
        .max(10)
        .refine((t) => t[0]?.threshold === 0, 'lowest_tier_not_zero')
        .refine((t) => t.every((x, i) => i === 0 || x.threshold > t[i - 1].threshold), 'thresholds_not_ascending'),
    }),
    // The members are re-evaluated by the job (docs/jobs.md): its result counts them.
    output: z.object({ config: TierConfig, jobId: Id }),
    access: 'manager',
    write: true,
  }),
  'tiers.status': method({ input: z.strictObject({ memberId: Id }), output: TierStatus, access: 'clerk', write: false }),
  /** The review-date run: members whose review date has passed move to the tier they qualify for. */
  'tiers.review': method({
    input: z.strictObject({}),
    output: z.object({ reviewed: z.number().int(), downgraded: z.number().int(), upgraded: z.number().int() }),
    access: 'manager',
    write: true,
  }),
};
