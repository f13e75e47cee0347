import type { TFunction } from 'i18next';
import type { TimelineItem } from '../../../shared/contract/timeline';
import { formatYuan } from '../../../shared/money';

/** A sale a void named: struck through and marked, as in the purchases table. */
export const isVoidedSale = (item: TimelineItem) => item.type === 'sale' && item.status === 'voided';

/** The item's line: what happened, with the amount and points it moved. */
export function timelineLine(t: TFunction, item: TimelineItem): string {
  switch (item.type) {
    case 'sale':
    case 'refund':
    case 'void': {
      const line = t(`timeline.${item.type}`, { amount: formatYuan(item.amountFen ?? 0) });
      return item.points ? `${line} · ${t('timeline.pointsSuffix', { points: item.points > 0 ? `+${item.points}` : item.points })}` : line;
    }
    case 'points':
      return `${t(`timeline.points.${item.kind ?? 'adjust'}`)} · ${t('timeline.pointsSuffix', { points: (item.points ?? 0) > 0 ? `+${item.points}` : item.points })}`;
    case 'followup':
      return t('timeline.followup', { kind: t(`followups.kinds.${item.kind}`), status: t(`followups.status.${item.status}`) });
    case 'feedback':
      return t('timeline.feedback', { kind: t(`feedback.kinds.${item.kind}`), status: t(`feedback.status.${item.status}`) });
  }
}
