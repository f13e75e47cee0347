import { z } from 'zod';
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addYears, startOfDay, startOfMonth, startOfYear } from 'date-fns';

const pct = (min: number, max: number) => z.number().int().min(min).max(max);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date');

/** Points expire at the end of a local day: never, N days on, the end of a month or a year. */
export const ExpiryRule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('never') }),
  z.strictObject({ kind: z.literal('days'), days: z.number().int().min(1).max(3650) }),
  /** end of the month N months after the month of earning (0 = that month) */
  z.strictObject({ kind: z.literal('endOfMonth'), months: z.number().int().min(0).max(120) }),
  /** end of the year N years after the year of earning (0 = that year) */
  z.strictObject({ kind: z.literal('endOfYear'), years: z.number().int().min(0).max(10) }),
]);
export type ExpiryRule = z.infer<typeof ExpiryRule>;

export const PointsRules = z.strictObject({
  /** `points` points for every `perYuan` yuan actually paid, rounded down */
  earn: z.strictObject({ points: z.number().int().min(0).max(1000), perYuan: z.number().int().min(1).max(10000) }),
  /** bills that paid less than this earn nothing */
  minPurchaseFen: z.number().int().min(0).max(100_000_00),
  /** `pointsPerYuan` points pay ¥1; a redemption is at least `minPoints` and at most the bill */
  redeem: z.strictObject({ pointsPerYuan: z.number().int().min(1).max(100000), minPoints: z.number().int().min(0).max(1_000_000) }),
  expiry: ExpiryRule,
  /** new points can be spent only after this many days (the return window) */
  lockDays: z.number().int().min(0).max(365),
  /** a bonus on chosen weekdays (0 = Sunday) or date ranges; 100 = no bonus */
  memberDay: z.strictObject({
    multiplierPct: pct(100, 1000),
    weekdays: z.array(z.number().int().min(0).max(6)).max(7),
    dateRanges: z.array(z.strictObject({ from: IsoDate, to: IsoDate })).max(20),
  }),
  /** a bonus in the member's birthday month; 100 = no bonus */
  birthdayMonthMultiplierPct: pct(100, 1000),
});
export type PointsRules = z.infer<typeof PointsRules>;

export interface EarnContext {
  paidFen: number;
  tierMultiplierPct: number;
  /** the purchase's local date, YYYY-MM-DD, and weekday (0 = Sunday) */
  localDate: string;
  weekday: number;
  birthday: string | null;
}

export interface EarnResult {
  points: number;
  basePoints: number;
  tierMultiplierPct: number;
  bonusMultiplierPct: number;
  bonus: 'none' | 'memberDay' | 'birthdayMonth';
}

/**
 * points = ⌊ paid × earn.points / (earn.perYuan × ¥1) × tier% × bonus% ⌋, computed exactly in
 * integers and rounded down once at the end. Member-day and birthday bonuses do not stack: the
 * larger applies.
 */
export function earnPoints(rules: PointsRules, c: EarnContext): EarnResult {
  const memberDay =
    rules.memberDay.weekdays.includes(c.weekday) || rules.memberDay.dateRanges.some((r) => r.from <= c.localDate && c.localDate <= r.to)
      ? rules.memberDay.multiplierPct
      : 100;
  const birthday = c.birthday && c.birthday.slice(5, 7) === c.localDate.slice(5, 7) ? rules.birthdayMonthMultiplierPct : 100;
  const bonusMultiplierPct = Math.max(memberDay, birthday);
  const bonus = bonusMultiplierPct === 100 ? 'none' : memberDay >= birthday ? 'memberDay' : 'birthdayMonth';
  const base = { tierMultiplierPct: c.tierMultiplierPct, bonusMultiplierPct, bonus } as const;
  if (c.paidFen < rules.minPurchaseFen || c.paidFen <= 0) return { points: 0, basePoints: 0, ...base };
  const numerator = BigInt(c.paidFen) * BigInt(rules.earn.points);
  const denominator = BigInt(rules.earn.perYuan) * 100n;
  const points = Number((numerator * BigInt(c.tierMultiplierPct) * BigInt(bonusMultiplierPct)) / (denominator * 10000n));
  return { points, basePoints: Number(numerator / denominator), ...base };
}

/** The value of points in fen, rounded down (a redemption never pays more than its points are worth). */
export function pointsValueFen(rules: PointsRules, points: number): number {
  return Math.floor((points * 100) / rules.redeem.pointsPerYuan);
}

/** The first instant at which points earned at `earnedAt` have expired, or null for never. */
export function expiresAt(rule: ExpiryRule, earnedAt: string, timeZone: string): string | null {
  const local = new TZDate(Date.parse(earnedAt), timeZone);
  // Computed in the branch's time zone, stored in UTC like every other instant.
  const utc = (d: Date) => new Date(d.getTime()).toISOString();
  switch (rule.kind) {
    case 'never':
      return null;
    case 'days':
      return utc(startOfDay(addDays(local, rule.days + 1)));
    case 'endOfMonth':
      return utc(startOfMonth(addMonths(startOfMonth(local), rule.months + 1)));
    case 'endOfYear':
      return utc(startOfYear(addYears(startOfYear(local), rule.years + 1)));
  }
}

/** ⌊total × part / whole⌋ in exact integers. */
export function shareOf(total: number, part: number, whole: number): number {
  return Number((BigInt(total) * BigInt(part)) / BigInt(whole));
}

export interface SaleForRefund {
  amountFen: number;
  paidFen: number;
  redeemedPoints: number;
  redeemedFen: number;
  /** refunded so far */
  refundedFen: number;
}

/**
 * What refunding `amountFen` more of a sale gives back: cash, and points that paid part of the
 * bill. Shares are cumulative and rounded down, so all of a sale's refunds add up exactly to it;
 * the counter shows this before the clerk confirms, the service records the same figures.
 */
export function refundShares(sale: SaleForRefund, amountFen: number): { cashFen: number; restoredPoints: number; restoredFen: number } {
  const before = sale.refundedFen;
  const after = before + amountFen;
  const cum = (total: number, upTo: number) => shareOf(total, upTo, sale.amountFen);
  return {
    cashFen: cum(sale.paidFen, after) - cum(sale.paidFen, before),
    restoredPoints: cum(sale.redeemedPoints, after) - cum(sale.redeemedPoints, before),
    restoredFen: cum(sale.redeemedFen, after) - cum(sale.redeemedFen, before),
  };
}
