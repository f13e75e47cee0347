import type { TFunction } from 'i18next';
import { ApiError } from './client';
import { formatYuan } from '../../shared/money';

/** One sentence for an error, in the user's language, chosen by code and details only. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.INTERNAL');
  const d = err.details;
  if (d.network) return t('errors.NETWORK');
  switch (err.code) {
    case 'CONFLICT': {
      const which = (d.field as string | undefined) ?? (d.reason as string | undefined);
      const params = { refundable: typeof d.refundableFen === 'number' ? formatYuan(d.refundableFen) : '' };
      return which && t(`errors.CONFLICT_${which}`, { defaultValue: '' }) ? t(`errors.CONFLICT_${which}`, params) : t('errors.CONFLICT');
    }
    case 'WRONG_CREDENTIALS':
      return d.lockedForSeconds ? t('errors.WRONG_CREDENTIALS_locked', { seconds: d.lockedForSeconds }) : t('errors.WRONG_CREDENTIALS');
    case 'INSUFFICIENT_POINTS':
      return t('errors.INSUFFICIENT_POINTS', { available: d.available ?? 0 });
    case 'INVALID_TRANSITION': {
      const entity = d.entity === 'feedback' ? 'feedback' : 'followups';
      return t('errors.INVALID_TRANSITION', { from: t(`${entity}.status.${String(d.from)}`), to: t(`${entity}.status.${String(d.to)}`) });
    }
    case 'LOCKED_OUT':
      return t('errors.LOCKED_OUT', { seconds: d.retryAfterSeconds });
    default:
      return t(`errors.${err.code}`);
  }
}

/** Field name → translated problem, for the form that sent the input. */
export function fieldErrors(t: TFunction, err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const issue of err.issues) {
    const field = issue.field.split('.')[0] || '_';
    out[field] ??= t(`rules.${issue.rule}`, { ...issue.params, defaultValue: t('rules.invalid') });
  }
  return out;
}
