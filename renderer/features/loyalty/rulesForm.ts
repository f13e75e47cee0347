import type { FieldIssue } from '../../../shared/errors';
import { formatYuan } from '../../../shared/money';
import { expiresAt, type ExpiryRule, type PointsRules } from '../../../shared/points';
import { FormCheck, fieldFor, hundredthsText, scaleLimits } from './numbers';
import { addDaysTo } from '../../../shared/local-date';
import { storeDate, storeInstant, storeToday, storeZone } from '../../components/format';

export type ExpiryKind = ExpiryRule['kind'];
export const EXPIRY_KINDS: ExpiryKind[] = ['endOfMonth', 'endOfYear', 'days', 'never'];
/** Monday first, as a Chinese calendar shows the week (0 = Sunday in the rules). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** The rules as typed: yuan and multipliers as decimal text, counts as text. */
export interface RulesFormValues {
  earnPerYuan: string;
  earnPoints: string;
  minPurchase: string;
  redeemPointsPerYuan: string;
  redeemMinPoints: string;
  expiryKind: ExpiryKind;
  expiryDays: string;
  expiryMonths: string;
  expiryYears: string;
  lockDays: string;
  memberDayWeekdays: number[];
  memberDayRanges: { from: string; to: string }[];
  memberDayMultiplier: string;
  birthdayMultiplier: string;
  when: 'now' | 'later';
  /** for 'later': a DateTimeField value (YYYY-MM-DDTHH:mm), a wall-clock time at the store */
  effectiveFrom: string;
}

export function rulesFormValues(r: PointsRules): RulesFormValues {
  return {
    earnPerYuan: String(r.earn.perYuan),
    earnPoints: String(r.earn.points),
    minPurchase: hundredthsText(r.minPurchaseFen),
    redeemPointsPerYuan: String(r.redeem.pointsPerYuan),
    redeemMinPoints: String(r.redeem.minPoints),
    expiryKind: r.expiry.kind,
    // The amounts of the other kinds keep a sensible start in case the manager switches kind.
    expiryDays: r.expiry.kind === 'days' ? String(r.expiry.days) : '365',
    expiryMonths: r.expiry.kind === 'endOfMonth' ? String(r.expiry.months) : '12',
    expiryYears: r.expiry.kind === 'endOfYear' ? String(r.expiry.years) : '1',
    lockDays: String(r.lockDays),
    memberDayWeekdays: [...r.memberDay.weekdays],
    memberDayRanges: r.memberDay.dateRanges.map((d) => ({ ...d })),
    memberDayMultiplier: hundredthsText(r.memberDay.multiplierPct),
    birthdayMultiplier: hundredthsText(r.birthdayMonthMultiplierPct),
    when: 'now',
    effectiveFrom: tomorrowMorning(),
  };
}

/** The rules and start time to send, or the FormCheck naming what cannot be read. */
export function rulesInput(v: RulesFormValues): { rules: PointsRules; effectiveFrom?: string } | FormCheck {
  const c = new FormCheck();
  const expiry: ExpiryRule =
    v.expiryKind === 'days'
      ? { kind: 'days', days: c.whole('expiryDays', v.expiryDays) }
      : v.expiryKind === 'endOfMonth'
        ? { kind: 'endOfMonth', months: c.whole('expiryMonths', v.expiryMonths) }
        : v.expiryKind === 'endOfYear'
          ? { kind: 'endOfYear', years: c.whole('expiryYears', v.expiryYears) }
          : { kind: 'never' };
  v.memberDayRanges.forEach((d) => {
    if (!d.from || !d.to) c.flag('memberDayRanges', 'required');
    else if (d.from > d.to) c.flag('memberDayRanges', 'range_order');
  });
  const rules: PointsRules = {
    earn: { points: c.whole('earnPoints', v.earnPoints), perYuan: c.whole('earnPerYuan', v.earnPerYuan) },
    minPurchaseFen: c.hundredths('minPurchase', v.minPurchase, 0),
    redeem: {
      pointsPerYuan: c.whole('redeemPointsPerYuan', v.redeemPointsPerYuan),
      minPoints: c.whole('redeemMinPoints', v.redeemMinPoints),
    },
    expiry,
    lockDays: c.whole('lockDays', v.lockDays),
    memberDay: {
      multiplierPct: c.hundredths('memberDayMultiplier', v.memberDayMultiplier),
      weekdays: [...v.memberDayWeekdays].sort((a, b) => a - b),
      dateRanges: v.memberDayRanges,
    },
    birthdayMonthMultiplierPct: c.hundredths('birthdayMultiplier', v.birthdayMultiplier),
  };
  let effectiveFrom: string | undefined;
  if (v.when === 'later') {
    // The field is a wall-clock time at the store, as every time on the screen is.
    const at = v.effectiveFrom ? storeInstant(v.effectiveFrom) : null;
    if (!at) c.flag('effectiveFrom', 'required');
    else effectiveFrom = at;
  }
  return c.ok ? { rules, effectiveFrom } : c;
}

const RULE_FIELDS: Record<string, string> = {
  'rules.earn.points': 'earnPoints',
  'rules.earn.perYuan': 'earnPerYuan',
  'rules.minPurchaseFen': 'minPurchase',
  'rules.redeem.pointsPerYuan': 'redeemPointsPerYuan',
  'rules.redeem.minPoints': 'redeemMinPoints',
  'rules.expiry.days': 'expiryDays',
  'rules.expiry.months': 'expiryMonths',
  'rules.expiry.years': 'expiryYears',
  'rules.lockDays': 'lockDays',
  'rules.memberDay.multiplierPct': 'memberDayMultiplier',
  'rules.memberDay.weekdays': 'memberDayWeekdays',
  'rules.memberDay.dateRanges': 'memberDayRanges',
  'rules.birthdayMonthMultiplierPct': 'birthdayMultiplier',
  effectiveFrom: 'effectiveFrom',
};

export function renameRulesIssue(issue: FieldIssue): FieldIssue | null {
  const field = fieldFor(issue.field, RULE_FIELDS);
  if (!field) return null;
  if (field.endsWith('Multiplier')) return scaleLimits({ ...issue, field }, (n) => `×${hundredthsText(n)}`);
  if (field === 'minPurchase') return scaleLimits({ ...issue, field }, formatYuan);
  return { ...issue, field };
}

/** What points earned on ¥100 paid are worth back, in percent: the earn and redeem rates as one figure. */
export function rebatePct(earnPoints: number, earnPerYuan: number, pointsPerYuan: number): string {
  const pct = (earnPoints * 100) / (earnPerYuan * pointsPerYuan);
  return String(Math.round(pct * 100) / 100);
}

/** The last day points earned today can be spent, at the store. */
export function lastDayForPointsEarnedNow(rule: ExpiryRule, now = new Date()): string | null {
  const first = expiresAt(rule, now.toISOString(), storeZone());
  if (!first) return null;
  return storeDate(new Date(Date.parse(first) - 1).toISOString());
}

/** A DateTimeField value for tomorrow 00:00 at the store, the usual start of a scheduled change. */
export function tomorrowMorning(now = new Date()): string {
  return `${addDaysTo(storeToday(now), 1)}T00:00`;
}
