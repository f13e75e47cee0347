import type { InputOf } from '../../../shared/contract/index';
import type { TierConfig } from '../../../shared/contract/tiers';
import type { FieldIssue } from '../../../shared/errors';
import { formatYuan } from '../../../shared/money';
import { FormCheck, hundredthsText, scaleLimits } from './numbers';

export type TierBasis = TierConfig['basis'];
export const MAX_TIERS = 10;

/** One tier as typed; `id` is kept for an existing tier so its members stay in it. */
export interface TierRowValues {
  key: string;
  id?: string;
  name: string;
  /** yuan when the basis is spend, points otherwise */
  threshold: string;
  multiplier: string;
  discount: string;
  benefits: string;
}

export interface TiersFormValues {
  basis: TierBasis;
  windowMonths: string;
  reviewMonths: string;
  tiers: TierRowValues[];
}

export function thresholdText(basis: TierBasis, threshold: number): string {
  return basis === 'spend' ? hundredthsText(threshold) : String(threshold);
}

export function tiersFormValues(c: TierConfig): TiersFormValues {
  return {
    basis: c.basis,
    windowMonths: String(c.windowMonths),
    reviewMonths: String(c.reviewMonths),
    tiers: c.tiers.map((t) => ({
      key: t.id,
      id: t.id,
      name: t.name,
      threshold: thresholdText(c.basis, t.threshold),
      multiplier: hundredthsText(t.pointsMultiplierPct),
      discount: String(t.discountPct),
      benefits: t.benefits ?? '',
    })),
  };
}

/**
 * A different basis changes what a threshold means (yuan ↔ points): the thresholds are cleared
 * for the manager to type again, and come back as saved when the saved basis is chosen again.
 */
export function withBasis(v: TiersFormValues, basis: TierBasis, saved: TierConfig): TiersFormValues {
  const savedById = new Map(saved.tiers.map((t) => [t.id, t]));
  const tiers = v.tiers.map((row) => {
    const before = row.id ? savedById.get(row.id) : undefined;
    return { ...row, threshold: basis === saved.basis && before ? thresholdText(basis, before.threshold) : '' };
  });
  return { ...v, basis, tiers };
}

let fresh = 0;
export function newTierRow(): TierRowValues {
  fresh += 1;
  return { key: `new-${fresh}`, name: '', threshold: '', multiplier: '1', discount: '0', benefits: '' };
}

/** The form field of one tier's input: `tier2Threshold`. */
export const tierField = (i: number, name: 'Name' | 'Threshold' | 'Multiplier' | 'Discount' | 'Benefits') => `tier${i}${name}`;

export function tiersInput(v: TiersFormValues): InputOf<'tiers.save'> | FormCheck {
  const c = new FormCheck();
  const tiers = v.tiers.map((row, i) => ({
    ...(row.id ? { id: row.id } : {}),
    name: row.name,
    // The lowest tier is where every member starts: its threshold is always 0.
    threshold:
      i === 0
        ? 0
        : v.basis === 'spend'
          ? c.hundredths(tierField(i, 'Threshold'), row.threshold)
          : c.whole(tierField(i, 'Threshold'), row.threshold),
    pointsMultiplierPct: c.hundredths(tierField(i, 'Multiplier'), row.multiplier),
    discountPct: c.whole(tierField(i, 'Discount'), row.discount || '0'),
    benefits: row.benefits,
  }));
  tiers.forEach((tier, i) => {
    if (i > 0 && !c.problems[tierField(i, 'Threshold')] && tier.threshold <= tiers[i - 1].threshold)
      c.flag(tierField(i, 'Threshold'), 'not_ascending');
  });
  const input = {
    basis: v.basis,
    windowMonths: c.whole('windowMonths', v.windowMonths),
    reviewMonths: c.whole('reviewMonths', v.reviewMonths),
    tiers,
  };
  return c.ok ? input : c;
}

const TIER_FIELDS: Record<string, 'Name' | 'Threshold' | 'Multiplier' | 'Discount' | 'Benefits'> = {
  name: 'Name',
  threshold: 'Threshold',
  pointsMultiplierPct: 'Multiplier',
  discountPct: 'Discount',
  benefits: 'Benefits',
};

/** `tiers.2.threshold` → `tier2Threshold`, with limits in the form's units. */
export function renameTiersIssue(basis: TierBasis) {
  return (issue: FieldIssue): FieldIssue | null => {
    const [head, index, name] = issue.field.split('.');
    if (head !== 'tiers' || index === undefined || !name || !TIER_FIELDS[name]) return null;
    const field = tierField(Number(index), TIER_FIELDS[name]);
    if (name === 'pointsMultiplierPct') return scaleLimits({ ...issue, field }, (n) => `×${hundredthsText(n)}`);
    if (name === 'threshold' && basis === 'spend') return scaleLimits({ ...issue, field }, formatYuan);
    return { ...issue, field };
  };
}
