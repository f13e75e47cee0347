import type { TFunction } from 'i18next';
import type { ConsentEntry } from '../../../shared/contract/consent';
import { formatTime } from '../../components/format';

/** A consent as its row reads: the member page's 同意记录, and a branch's card at HQ (whose kind and channel are plain text). */
type ConsentLine = Pick<ConsentEntry, 'granted' | 'noticeVersion' | 'at' | 'byName'> & { kind: string; channel: string };

/**
 * One consent in words: what, given or withdrawn, when, by whom, how, and under which notice. An
 * imported member never read the notice at the counter: the manager declared their consent at the
 * import, under the notice then in force, and the row says so.
 */
export function consentRow(t: TFunction, e: ConsentLine, language: string): string {
  const notice =
    e.noticeVersion === null
      ? t('privacy.consents.noNotice')
      : e.channel === 'import'
        ? t('privacy.consents.importNotice', { version: e.noticeVersion })
        : t('privacy.notice.version', { version: e.noticeVersion });
  const line = t('privacy.consents.row', {
    kind: t(`privacy.consents.kinds.${e.kind}`, { defaultValue: e.kind }),
    granted: t(e.granted ? 'privacy.consents.granted' : 'privacy.consents.withdrawn'),
    at: formatTime(e.at, language),
    by: e.byName ?? '—',
    channel: t(`privacy.consents.channels.${e.channel}`, { defaultValue: e.channel }),
  });
  return `${line} · ${notice}`;
}
