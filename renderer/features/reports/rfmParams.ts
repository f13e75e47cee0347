import { RFM_SEGMENTS, type RfmSegment } from '../../../shared/contract/reports';

/** The RFM window and CLV inputs, as the page keeps them in its URL (so Back from a member returns to the same view). */
export interface RfmParams {
  windowMonths: number;
  /** null: today (the service's) */
  asOf: string | null;
  marginPct: number;
  expectedYears: number;
}

export const RFM_DEFAULTS: RfmParams = { windowMonths: 12, asOf: null, marginPct: 30, expectedYears: 3 };

/** The contract's bounds (shared/contract/reports.ts): a value outside them is never sent. */
export const RFM_LIMITS = {
  windowMonths: { min: 1, max: 36, integer: true },
  marginPct: { min: 1, max: 100, integer: false },
  expectedYears: { min: 0.5, max: 20, integer: false },
} as const;

export type RfmNumberField = keyof typeof RFM_LIMITS;

/** A typed number within its field's bounds, or null. */
export function parseRfmNumber(field: RfmNumberField, text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text.trim());
  const { min, max, integer } = RFM_LIMITS[field];
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) return null;
  return n;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function rfmParamsFrom(search: URLSearchParams): RfmParams {
  const asOf = search.get('asOf');
  return {
    windowMonths: parseRfmNumber('windowMonths', search.get('months')) ?? RFM_DEFAULTS.windowMonths,
    asOf: asOf && DATE.test(asOf) ? asOf : null,
    marginPct: parseRfmNumber('marginPct', search.get('margin')) ?? RFM_DEFAULTS.marginPct,
    expectedYears: parseRfmNumber('expectedYears', search.get('years')) ?? RFM_DEFAULTS.expectedYears,
  };
}

/** Only what differs from the defaults goes in the URL. */
export function rfmSearch(p: RfmParams, extra: { segment?: RfmSegment | null; page?: number } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.windowMonths !== RFM_DEFAULTS.windowMonths) out.months = String(p.windowMonths);
  if (p.asOf) out.asOf = p.asOf;
  if (p.marginPct !== RFM_DEFAULTS.marginPct) out.margin = String(p.marginPct);
  if (p.expectedYears !== RFM_DEFAULTS.expectedYears) out.years = String(p.expectedYears);
  if (extra.segment) out.segment = extra.segment;
  if (extra.segment && extra.page) out.page = String(extra.page);
  return out;
}

export function segmentFrom(search: URLSearchParams): RfmSegment | null {
  const s = search.get('segment');
  return (RFM_SEGMENTS as readonly string[]).includes(s ?? '') ? (s as RfmSegment) : null;
}

/** The window and CLV part of every RFM method's input. */
export function rfmInput(p: RfmParams) {
  return { windowMonths: p.windowMonths, marginPct: p.marginPct, expectedYears: p.expectedYears, ...(p.asOf ? { asOf: p.asOf } : {}) };
}
