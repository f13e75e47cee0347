import type { TFunction } from 'i18next';
import type { MemberDataExport } from '../../../shared/contract/member-export';
import { displayPhone } from '../../../shared/phone';
import type { PrivacyNotice } from '../../../shared/contract/consent';
import { formatDate, formatLastDay, formatTime, storeDate } from '../../components/format';
import { noticeDated } from './noticeWords';
import { changesLine, recordText, rowActionText } from '../audit/auditText';
import type { AuditWords } from '../audit/auditValues';

// A member's data export as the two files the member page saves: the JSON answer as it is
// (docs/privacy.md names its fields), and a page to read and print, in the UI's language, with
// the app's date format and money in yuan. Built here so both transports save it the same way.

const esc = (value: unknown): string =>
  String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** Yuan from fen, without the thousands separator of a locale: 1234.50. */
const yuan = (fen: number): string =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

function table(headers: string[], rows: unknown[][], none: string, className = ''): string {
  if (rows.length === 0) return `<p class="none">${esc(none)}</p>`;
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const section = (title: string, body: string) => `<section><h2>${esc(title)}</h2>\n${body}\n</section>`;

/**
 * A notice version a consent was given under, whole: the version covers both texts, so the member
 * reads the one they were shown, whichever language it was (the Chinese first, which every version has).
 */
function noticeSection(n: PrivacyNotice, t: TFunction, locale: string): string {
  const heading = `<h3>${esc(t('privacy.notice.version', { version: n.version }))} · ${esc(noticeDated(n, t, locale))}</h3>`;
  if (n.textEn === null) return `${heading}<pre lang="zh-CN">${esc(n.text)}</pre>`;
  return (
    `${heading}<h4>${esc(t('privacy.notice.languageZh'))}</h4><pre lang="zh-CN">${esc(n.text)}</pre>` +
    `<h4>${esc(t('privacy.notice.languageEn'))}</h4><pre lang="en">${esc(n.textEn)}</pre>`
  );
}

/** The file's name: the card number and the store's day, so two exports of one member sort by date. */
export function memberDataFileName(data: MemberDataExport, ext: 'html' | 'json'): string {
  return `member-data-${data.member.cardNo}-${storeDate(data.generatedAt)}.${ext}`;
}

export function memberDataJson(data: MemberDataExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export function memberDataHtml(data: MemberDataExport, t: TFunction, locale: string): string {
  const c = (key: string) => t(`privacy.file.cols.${key}`);
  const time = (iso: string | null) => formatTime(iso, locale);
  const m = data.member;
  const none = t('privacy.file.none');
  // The audit rows read as on the 审计日志 page: the same words, one shaping (features/audit).
  const words: AuditWords = { t, locale, refs: data.auditRefs };
  const profile: Array<[string, unknown]> = [
    [t('member.name'), m.name],
    [t('member.cardNo'), m.cardNo],
    [t('member.phone'), displayPhone(m.phone)],
    [t('member.gender'), t(`member.genders.${m.gender}`)],
    [t('member.birthday'), m.birthday ? formatDate(m.birthday, locale) : '—'],
    [t('member.email'), m.email ?? '—'],
    [t('member.address'), m.address ?? '—'],
    [t('member.notes'), m.notes ?? '—'],
    [t('member.tags'), m.tags.join('、') || '—'],
    [t('member.homeBranch'), `${m.homeBranch.name} (${m.homeBranch.code})`],
    [t('member.createdAt'), `${time(m.createdAt)} · ${m.createdByName ?? ''}`],
    [t('member.updatedAt'), time(m.updatedAt)],
  ];
  const sections = [
    section(t('privacy.file.profile'), `<dl>${profile.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`),
    section(
      t('privacy.file.consents'),
      table(
        [c('at'), c('kind'), c('granted'), c('version'), c('by'), c('channel')],
        data.consents.map((e) => [
          time(e.at),
          t(`privacy.consents.kinds.${e.kind}`),
          t(e.granted ? 'privacy.consents.granted' : 'privacy.consents.withdrawn'),
          e.noticeVersion ?? t('privacy.consents.noNotice'),
          e.byName ?? '',
          t(`privacy.consents.channels.${e.channel}`),
        ]),
        none,
      ),
    ),
    section(
      t('privacy.file.notices'),
      data.notices.length === 0 ? `<p class="none">${esc(none)}</p>` : data.notices.map((n) => noticeSection(n, t, locale)).join('\n'),
    ),
    section(
      t('privacy.file.points'),
      `<p>${esc(t('privacy.file.balance'))}: ${data.points.balance}${data.tier ? ` · ${esc(t('privacy.file.tier'))}: ${esc(data.tier.name)}` : ''}</p>` +
        `<h3>${esc(t('privacy.file.ledger'))}</h3>` +
        table(
          [c('at'), c('kind'), c('points'), c('note'), c('by')],
          data.points.ledger.map((l) => [
            time(l.at),
            t(`privacy.file.ledgerKinds.${l.kind}`, { defaultValue: l.kind }),
            l.points,
            l.reason ?? '',
            l.byName ?? '',
          ]),
          none,
        ) +
        `<h3>${esc(t('privacy.file.lots'))}</h3>` +
        table(
          [c('at'), c('points'), c('remaining'), c('expires')],
          data.points.lots.map((l) => [time(l.earnedAt), l.points, l.remaining, formatLastDay(l.expiresAt, locale)]),
          none,
        ),
    ),
    section(
      t('privacy.file.purchases'),
      table(
        [c('at'), c('kind'), c('amount'), c('paid'), c('receipt'), c('note'), c('by')],
        data.purchases.map((p) => [
          time(p.occurredAt),
          t(`privacy.file.purchaseKinds.${p.kind}`),
          yuan(p.amountFen),
          yuan(p.paidFen),
          p.receiptNo ?? '',
          [p.category, p.note].filter(Boolean).join(' · '),
          p.byName ?? '',
        ]),
        none,
      ),
    ),
    section(
      t('privacy.file.followups'),
      table(
        [c('due'), c('kind'), c('status'), c('note'), c('outcome'), c('by')],
        data.followups.map((f) => [
          formatDate(f.dueDate, locale),
          t(`followups.kinds.${f.kind}`, { defaultValue: f.kind }),
          t(`followups.status.${f.status}`, { defaultValue: f.status }),
          f.note ?? '',
          f.outcome ?? '',
          f.assigneeName ?? '',
        ]),
        none,
      ),
    ),
    section(
      t('privacy.file.feedback'),
      table(
        [c('at'), c('kind'), c('status'), c('description'), c('resolution')],
        data.feedback.map((f) => [
          time(f.createdAt),
          t(`feedback.kinds.${f.kind}`, { defaultValue: f.kind }),
          t(`feedback.status.${f.status}`, { defaultValue: f.status }),
          f.description,
          f.resolution ?? '',
        ]),
        none,
      ),
    ),
    section(
      t('privacy.file.merges'),
      table(
        [c('at'), c('kind'), c('card'), c('name')],
        data.merges.map((g) => [time(g.at), t(`privacy.file.${g.direction}`), g.cardNo, g.name]),
        none,
      ),
    ),
    section(
      t('privacy.file.audit'),
      table(
        [c('at'), c('action'), c('by'), t('audit.columns.record'), c('detail')],
        data.audit.map((a) => [
          time(a.at),
          rowActionText(t, a),
          a.staffName ?? t('audit.system'),
          recordText(words, { entity: a.entity, entityId: a.entityId, member: null }),
          changesLine(words, a),
        ]),
        none,
        'audit',
      ),
    ),
  ];
  const lang = locale.startsWith('en') ? 'en' : 'zh-CN';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${esc(t('privacy.file.heading'))} · ${esc(m.name)}</title>
<style>
@page { size: A4; margin: 16mm; }
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 11pt; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 18pt; margin-bottom: 4pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin-top: 18pt; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
h4 { font-size: 10pt; margin: 6pt 0 2pt; color: #555; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; word-break: break-word; }
tr { break-inside: avoid; }
td:first-child, .audit td:nth-child(-n+3) { white-space: nowrap; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2pt 12pt; }
dt { color: #555; }
dd { margin: 0; }
pre { white-space: pre-wrap; font-family: inherit; background: #f6f6f6; padding: 6pt; }
.meta, .none { color: #555; }
@media print { .hint { display: none; } }
</style>
</head>
<body>
<h1>${esc(t('privacy.file.heading'))}: ${esc(m.name)}</h1>
<p class="meta">${esc(t('privacy.file.store'))}: ${esc(data.store.name)} (${esc(data.store.code)}) · ${esc(t('privacy.file.generated'))}: ${esc(time(data.generatedAt))} · ${esc(t('privacy.file.generatedBy'))}: ${esc(data.generatedByName)}</p>
<p class="hint meta">${esc(t('privacy.file.printHint'))}</p>
${sections.join('\n')}
</body>
</html>
`;
}
