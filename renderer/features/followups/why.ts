import type { TFunction } from 'i18next';
import type { Followup } from '../../../shared/contract/followups';
import { formatYuan } from '../../../shared/money';
import { formatDate } from '../../components/format';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const day = (v: unknown, locale: string) => (typeof v === 'string' && v ? formatDate(v, locale) : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Why a task exists, in the clerk's language, from the figures the generator kept. */
export function followupWhy(t: TFunction, f: Followup, locale: string): string {
  const d = f.detail;
  switch (f.kind) {
    case 'post_purchase':
      return t('followups.why.post_purchase', { date: day(d.saleDate, locale), amount: formatYuan(num(d.amountFen)) });
    case 'birthday': {
      const offset = num(d.offset);
      const date = day(d.birthday, locale);
      if (offset < 0) return t('followups.why.birthday_before', { date, days: -offset });
      if (offset > 0) return t('followups.why.birthday_after', { date, days: offset });
      return t('followups.why.birthday_on', { date });
    }
    case 'reactivation':
      return t('followups.why.reactivation', { days: num(d.days), date: day(d.lastSaleDate, locale) });
    case 'complaint':
      return t('followups.why.complaint', {
        date: day(d.resolvedDate, locale),
        category: t(`feedback.categories.${text(d.category) || 'other'}`),
      });
    case 'manual':
      return f.note ?? t('followups.why.manual');
  }
}
