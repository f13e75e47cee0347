import type { TFunction } from 'i18next';
import { formatYuan } from '../../../shared/money';
import type { ExpiryRule, PointsRules } from '../../../shared/points';
import { formatDate } from '../../components/format';
import { hundredthsText } from './numbers';
import { WEEKDAYS } from './rulesForm';

/** The rules in the store's words: the same sentences the form shows under each rule. */

export function earnSentence(t: TFunction, earn: PointsRules['earn'], minPurchaseFen: number): string {
  const min =
    minPurchaseFen > 0 ? t('loyalty.rules.minPurchaseExplain', { amount: formatYuan(minPurchaseFen) }) : t('loyalty.rules.minPurchaseNone');
  return `${t('loyalty.rules.earnExplain', { perYuan: earn.perYuan, points: earn.points })} ${min}`;
}

export function expirySentence(t: TFunction, rule: ExpiryRule): string {
  switch (rule.kind) {
    case 'never':
      return t('loyalty.rules.expiryExplain.never');
    case 'days':
      return t('loyalty.rules.expiryExplain.days', { n: rule.days });
    case 'endOfMonth':
      return rule.months === 0
        ? t('loyalty.rules.expiryExplain.endOfMonthSame')
        : t('loyalty.rules.expiryExplain.endOfMonth', { n: rule.months });
    case 'endOfYear':
      return rule.years === 0
        ? t('loyalty.rules.expiryExplain.endOfYearSame')
        : t('loyalty.rules.expiryExplain.endOfYear', { n: rule.years });
  }
}

export function lockSentence(t: TFunction, lockDays: number): string {
  return lockDays === 0 ? t('loyalty.rules.lockNone') : t('loyalty.rules.lockExplain', { n: lockDays });
}

/** Which days are member days: the ticked weekdays, then the date ranges. */
export function memberDaysText(t: TFunction, memberDay: PointsRules['memberDay'], locale: string): string {
  const days = WEEKDAYS.filter((d) => memberDay.weekdays.includes(d)).map((d) => t(`loyalty.rules.weekdays.${d}`));
  const ranges = memberDay.dateRanges.map((r) => `${formatDate(r.from, locale)} – ${formatDate(r.to, locale)}`);
  return [...days, ...ranges].join(t('loyalty.tiers.nameSeparator'));
}

export function memberDaySentence(t: TFunction, memberDay: PointsRules['memberDay'], locale: string): string {
  if (memberDay.weekdays.length === 0 && memberDay.dateRanges.length === 0) return t('loyalty.rules.memberDayNone');
  return t('loyalty.rules.memberDayExplain', { days: memberDaysText(t, memberDay, locale), x: hundredthsText(memberDay.multiplierPct) });
}

export function birthdaySentence(t: TFunction, pct: number): string {
  return pct === 100 ? t('loyalty.rules.birthdayNone') : t('loyalty.rules.birthdayExplain', { x: hundredthsText(pct) });
}

export function describeRules(t: TFunction, r: PointsRules, locale: string): string {
  return [
    earnSentence(t, r.earn, r.minPurchaseFen),
    t('loyalty.rules.redeemExplain', { points: r.redeem.pointsPerYuan, min: r.redeem.minPoints }),
    expirySentence(t, r.expiry),
    lockSentence(t, r.lockDays),
    memberDaySentence(t, r.memberDay, locale),
    birthdaySentence(t, r.birthdayMonthMultiplierPct),
  ].join(' ');
}
