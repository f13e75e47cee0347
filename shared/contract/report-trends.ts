import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { LocalDate } from './followups';
import { PeriodKey } from './reports';

// Trend, comparison and detail reports (docs/reports.md "Trends and breakdowns"): sales and
// members by day, week or month; a period's sales by category, by staff, by tier; and the sales
// behind any bar.

export const TREND_GRAINS = ['day', 'week', 'month'] as const;
export type TrendGrain = (typeof TREND_GRAINS)[number];
/** The most points one trend may have, per grain (a year of days, five years of weeks, ten of months). */
export const TREND_MAX_POINTS: Record<TrendGrain, number> = { day: 366, week: 262, month: 120 };

export const BREAKDOWN_DIMS = ['category', 'staff', 'tier'] as const;
export type BreakdownDim = (typeof BREAKDOWN_DIMS)[number];

export const TrendPoint = z.object({
  /** `2026-11-25`, the Monday `2026-11-23` of a week, or `2026-11` */
  period: z.string(),
  from: LocalDate,
  to: LocalDate,
  orders: z.number().int(),
  salesFen: z.number().int(),
  refundsFen: z.number().int(),
  netSalesFen: z.number().int(),
  activeMembers: z.number().int(),
  newMembers: z.number().int(),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const BreakdownRow = z.object({
  /** the category, staff id or tier id; '' = none recorded */
  key: z.string(),
  /** what to show: the category, the staff member's or tier's name; null = none recorded */
  label: z.string().nullable(),
  orders: z.number().int(),
  salesFen: z.number().int(),
  refundsFen: z.number().int(),
  netSalesFen: z.number().int(),
  /** netSalesFen ÷ the period's net sales */
  share: z.number().nullable(),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const SaleLine = z.object({
  id: Id,
  occurredAt: IsoTime,
  kind: z.enum(['sale', 'refund']),
  memberId: Id,
  memberName: z.string(),
  cardNo: z.string(),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  category: z.string().nullable(),
  staffName: z.string().nullable(),
  tierName: z.string().nullable(),
  receiptNo: z.string().nullable(),
});
export type SaleLine = z.infer<typeof SaleLine>;

export const reportTrendsContract = {
  /** Sales and members per day, week (Monday to Sunday) or month, every period in the range, empty ones too. */
  'reports.trend': method({
    input: z
      .strictObject({ grain: z.enum(TREND_GRAINS), from: LocalDate, to: LocalDate })
      .refine((v) => v.from <= v.to, { message: 'end_before_start', path: ['to'] }),
    output: z.object({ grain: z.enum(TREND_GRAINS), points: z.array(TrendPoint) }),
    access: 'manager',
    write: false,
  }),
  /** A calendar period's sales by category, by the staff who recorded them, or by the member's tier when they bought. */
  'reports.breakdown': method({
    input: z.strictObject({ period: PeriodKey, dim: z.enum(BREAKDOWN_DIMS) }),
    output: z.object({
      period: z.string(),
      dim: z.enum(BREAKDOWN_DIMS),
      rows: z.array(BreakdownRow),
      total: BreakdownRow.omit({ key: true, label: true, share: true }),
    }),
    access: 'manager',
    write: false,
  }),
  /** The sales and refunds behind a bar: a range of local dates, optionally one category, staff member or tier. Newest first. */
  'reports.sales': method({
    input: z
      .strictObject({
        from: LocalDate,
        to: LocalDate,
        /** only one category / staff member / tier (key '' = none recorded) */
        only: z.strictObject({ dim: z.enum(BREAKDOWN_DIMS), key: z.string().max(64) }).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
        /** only rows recorded up to this instant: an export paging through sends the first page's asOf, so a sale recorded meanwhile shifts no page */
        upTo: IsoTime.optional(),
      })
      .refine((v) => v.from <= v.to, { message: 'end_before_start', path: ['to'] }),
    output: z.object({ total: z.number().int(), items: z.array(SaleLine), asOf: IsoTime }),
    access: 'manager',
    write: false,
  }),
} as const;
