import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { parseYuan } from '../money';
import { PointsRules } from '../points';

/** Yuan as typed ("12.5", "¥1,200", 12.5) in; integer fen out. At most two decimals, more than zero. */
export const YuanInput = z.union([z.string().max(20), z.number()]).transform((raw, ctx) => {
  const parsed = parseYuan(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.rule });
    return z.NEVER;
  }
  return parsed.fen;
});

const Reason = z.string().trim().min(1).max(200);

export const LEDGER_KINDS = ['earn', 'redeem', 'adjust', 'expire', 'reverse', 'merge'] as const;

export const LedgerEntry = z.object({
  id: Id,
  kind: z.enum(LEDGER_KINDS),
  points: z.number().int(),
  /** points a reversal could not take back because they were already spent */
  shortfall: z.number().int(),
  purchaseId: Id.nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  createdAt: IsoTime,
  createdByName: z.string().nullable(),
  balanceAfter: z.number().int(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const PointsBalance = z.object({
  memberId: Id,
  balance: z.number().int(),
  /** spendable now: not locked by the return window */
  available: z.number().int(),
  locked: z.number().int(),
  availableValueFen: z.number().int(),
  /** the soonest expiries, grouped by day */
  expiring: z.array(z.object({ points: z.number().int(), expiresAt: IsoTime })),
  /** points refunds could not take back (already spent), over the member's history */
  shortfall: z.number().int(),
});
export type PointsBalance = z.infer<typeof PointsBalance>;

export const RulesVersion = z.object({ id: Id, effectiveFrom: IsoTime, rules: PointsRules, createdAt: IsoTime });

export const pointsContract = {
  'points.balance': method({ input: z.strictObject({ memberId: Id }), output: PointsBalance, access: 'clerk', write: false }),
  'points.ledger': method({
    input: z.strictObject({ memberId: Id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ items: z.array(LedgerEntry) }),
    access: 'clerk',
    write: false,
  }),
  /** Spend points (a gift, or part of a bill via purchases.record). `bill` caps the value. */
  'points.redeem': method({
    input: z.strictObject({
      memberId: Id,
      points: z.number().int().min(1).max(100_000_000),
      bill: YuanInput.optional(),
      reason: z.string().trim().max(200).optional(),
    }),
    output: z.object({ entry: LedgerEntry, valueFen: z.number().int(), balance: PointsBalance }),
    access: 'clerk',
    write: true,
  }),
  'points.adjust': method({
    input: z.strictObject({
      memberId: Id,
      points: z
        .number()
        .int()
        .min(-100_000_000)
        .max(100_000_000)
        .refine((n) => n !== 0, 'not_zero'),
      reason: Reason,
    }),
    output: z.object({ entry: LedgerEntry, balance: PointsBalance }),
    access: 'manager',
    write: true,
  }),
  /** Expire every lot past its date. Idempotent: a second run expires nothing. */
  'points.expire': method({
    input: z.strictObject({}),
    output: z.object({ lots: z.number().int(), points: z.number().int(), members: z.number().int() }),
    access: 'manager',
    write: true,
  }),
  'points.rules': method({
    input: z.strictObject({}),
    output: z.object({ current: RulesVersion, scheduled: z.array(RulesVersion) }),
    access: 'clerk',
    write: false,
  }),
  /** A new rules version from `effectiveFrom` (now if absent, never in the past). */
  'points.setRules': method({
    input: z.strictObject({ rules: PointsRules, effectiveFrom: IsoTime.optional() }),
    output: RulesVersion,
    access: 'manager',
    write: true,
  }),
  /** Refund shortfalls across the branch, for the manager. */
  'points.shortfalls': method({
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({
      items: z.array(z.object({ entry: LedgerEntry, memberId: Id, memberName: z.string(), cardNo: z.string() })),
      totalPoints: z.number().int(),
    }),
    access: 'manager',
    write: false,
  }),
};
