import type { TFunction } from 'i18next';
import type { PrivacyNotice } from '../../../shared/contract/consent';
import type { Member } from '../../../shared/contract/members';
import { formatDate, formatTime } from '../../components/format';

// What the privacy pages say about a notice and a consent, chosen here once so the member page,
// the settings card and the member's data file say it the same way (docs/privacy.md).

export type NoticeLanguage = 'zh-CN' | 'en';

/** The notice's text in a language: English where the version has one, else the Chinese, which every version has. */
export function noticeTextIn(notice: PrivacyNotice, language: string): { language: NoticeLanguage; text: string } {
  if (language.startsWith('en') && notice.textEn !== null) return { language: 'en', text: notice.textEn };
  return { language: 'zh-CN', text: notice.text };
}

/**
 * When a version dates from: the one shipped with the app by its day and so labelled (its time is
 * a fixed midnight in UTC, the same on every store, which a clock in Shanghai reads as 08:00, a
 * time nobody saved it at); a version an admin saved, by its moment.
 */
export function noticeDated(notice: PrivacyNotice, t: TFunction, locale: string): string {
  if (notice.shipped) return t('privacy.notice.shippedOn', { day: formatDate(notice.createdAt.slice(0, 10), locale) });
  return formatTime(notice.createdAt, locale);
}

/**
 * A consent's state on the member page: given (when, by whom); withdrawn (when, by whom: a consent
 * once given and taken back is not one never given); never given.
 */
export function consentState(c: Member['consentMarketing'], t: TFunction, locale: string): string {
  const words = { at: formatTime(c.at, locale), by: c.byName ?? '—' };
  if (c.given) return t('member.consentGiven', words);
  return c.at ? t('privacy.consents.withdrawnOn', words) : t('member.consentNotGiven');
}
