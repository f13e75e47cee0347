import { z } from 'zod';
import { method } from './define';
import { IsoTime, optionalText } from './common';
import { LocalDate } from './followups';
import { YuanInput } from './points';
import { daysBetween } from '../local-date';

// The store's takings (门店营业额): the till's total for a local date, typed in at day close.
// BranchDesk records members' sales only; this is what their share of all sales is measured against.

/** The longest range `takings.list` answers, in days (a leap year). */
export const MAX_TAKINGS_DAYS = 366;

export const StoreTakings = z.object({
  /** local date `YYYY-MM-DD` in the store's time zone */
  date: z.string(),
  totalFen: z.number().int(),
  note: z.string().nullable(),
  updatedAt: IsoTime,
  updatedByName: z.string().nullable(),
});
export type StoreTakings = z.infer<typeof StoreTakings>;

const DateRange = z.strictObject({ from: LocalDate, to: LocalDate }).superRefine((r, ctx) => {
  if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  else if (daysBetween(r.from, r.to) + 1 > MAX_TAKINGS_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'range_too_long' });
});

export const takingsContract = {
  /**
   * A day's takings, for a local date up to today. Any staff may enter a day that has no figure
   * yet; replacing one is for managers and admins (a clerk gets CONFLICT, reason `takings_exists`).
   * Sending the figure and note already saved changes nothing (a retried save is not an overwrite).
   */
  'takings.set': method({
    input: z.strictObject({ date: LocalDate, amount: YuanInput, note: optionalText(200) }),
    output: StoreTakings,
    access: 'clerk',
    write: true,
  }),
  'takings.get': method({
    input: z.strictObject({ date: LocalDate }),
    output: z.object({ takings: StoreTakings.nullable() }),
    access: 'clerk',
    write: false,
  }),
  /** The days from `from` to `to` (inclusive, at most 366) that have a figure, oldest first. */
  'takings.list': method({
    input: DateRange,
    output: z.object({ items: z.array(StoreTakings), totalFen: z.number().int() }),
    access: 'clerk',
    write: false,
  }),
};
