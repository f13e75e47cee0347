import { displayPhone } from '../../../shared/phone';
import type { TFunction } from 'i18next';
import type { AuditRefs } from '../../../shared/contract/audit';
import { nestedScope, refKind, type RefKind } from '../../../shared/audit-refs';
import { formatYuan } from '../../../shared/money';
import { formatDate, formatTime } from '../../components/format';

// One value of an audit row's before/after as the rest of the app shows it: times at the store
// in the app's format, money in yuan, flags and codes in the words their pages use, the records
// a field names by id by their names (the page's refs), nested records as readable lines. The
// page, its detail dialog, its CSV and the member's data file all read values through here.

export interface AuditWords {
  t: TFunction;
  locale: string;
  refs: AuditRefs;
  /** a tier table's basis: its thresholds are fen when it is spend, points otherwise */
  basis?: string;
  /** the rows are HQ's own (not a branch's it merged): its staff's roles in HQ's words, 主管/职员 */
  hq?: boolean;
}

export const NO_REFS: AuditRefs = { staff: {}, members: {}, tiers: {}, sales: {}, branches: {} };

/** What the erasure writes in place of a personal value (services/members/erase-rows.ts REDACTED). */
const REDACTED = '[已删除]';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A sentinel for "the table has no words here": i18next answers a default for a missing key. */
const NONE = '\u0000';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first of `keys` the messages have words for; a key naming a group of words (jobs.names.tiers) has none. */
function words(w: AuditWords, keys: string[]): string | null {
  for (const key of keys) {
    const text: unknown = w.t(key, { defaultValue: NONE, returnObjects: true });
    if (typeof text === 'string' && text !== NONE) return text;
  }
  return null;
}

/** A field in words: as the action names it (换下的员工), as its record's kind does (a tier's name is 等级名称), or as every record does. */
export function fieldLabel(w: AuditWords, key: string, scope: string | null, action?: string): string {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) return key;
  const keys = [`audit.fields.${key}`];
  if (scope) keys.unshift(`audit.fieldsIn.${scope}.${key}`);
  if (action && /^[a-zA-Z]+\.[a-zA-Z_]+$/.test(action)) keys.unshift(`audit.fieldsOfAction.${action}.${key}`);
  return words(w, keys) ?? key;
}

const tail = (id: string) => id.slice(-6);

/** The record an id names, by name; one no longer on file by a short neutral label. */
export function refText(w: AuditWords, kind: RefKind, id: string): string {
  const { t, refs } = w;
  if (kind === 'staff' && refs.staff[id] !== undefined) return refs.staff[id];
  if (kind === 'member' && refs.members[id]) return memberText(w, id);
  if (kind === 'tier' && refs.tiers[id] !== undefined) return refs.tiers[id];
  if (kind === 'branch' && refs.branches[id]) return `${refs.branches[id].name} (${refs.branches[id].code})`;
  if (kind === 'sale' && refs.sales[id]) {
    const s = refs.sales[id];
    return `${t(`audit.values.saleKinds.${s.kind}`, { defaultValue: s.kind })} ${formatYuan(s.amountFen)} · ${formatTime(s.at, w.locale)}`;
  }
  return t(`audit.values.unknown.${kind}`, { tail: tail(id) });
}

/** A member by name and card; an erased one as such in the UI's language, not by the placeholders the erasure stored. */
export function memberText(w: AuditWords, id: string): string {
  const m = w.refs.members[id];
  if (!m) return w.t('audit.values.unknown.member', { tail: tail(id) });
  if (m.erased) return w.t('audit.values.erasedMember', { tail: tail(m.cardNo) });
  return `${m.name} (${m.cardNo})`;
}

/** Durations by the unit their field names. */
const UNITS: Array<[RegExp, string]> = [
  [/Seconds$/, 'seconds'],
  [/Minutes$/, 'minutes'],
  [/^days$|Days$/, 'days'],
  [/^months$|Months$/, 'months'],
  [/^years$/, 'years'],
];

function numberText(w: AuditWords, key: string, n: number, scope: string | null): string {
  if (/(Fen|_fen)$/.test(key)) return formatYuan(n);
  if (key === 'threshold' && w.basis === 'spend') return formatYuan(n);
  if (/(Pct|_pct)$/.test(key)) return `${n}%`;
  if (FLAGS.has(key) && (n === 0 || n === 1)) return flagText(w, key, n === 1, scope);
  if (key === 'weekdays') return w.t(`audit.values.weekdays.${n}`, { defaultValue: String(n) });
  const unit = UNITS.find(([pattern]) => pattern.test(key));
  if (unit) return w.t(`audit.values.units.${unit[1]}`, { n });
  return n.toLocaleString('en-US');
}

/** Fields stored as 0/1 that mean yes or no. */
const FLAGS = new Set(['consent_marketing', 'active', 'voided', 'erased']);

function flagText(w: AuditWords, key: string, on: boolean, scope: string | null): string {
  const answer = on ? 'yes' : 'no';
  return (
    words(w, [
      ...(scope ? [`audit.values.flagsIn.${scope}.${key}.${answer}`] : []),
      `audit.values.flags.${key}.${answer}`,
      `common.${answer}`,
    ]) ?? answer
  );
}

/**
 * The words the app uses for a field's codes, by the field and the kind of record holding it: a
 * follow-up's status is 待回访, a member's 在用. First the record's kind, then any record's.
 */
const CODE_WORDS: Record<string, Record<string, string>> = {
  role: { '': 'roles' },
  gender: { '': 'member.genders' },
  status: {
    followup: 'followups.status',
    feedback: 'feedback.status',
    member: 'audit.values.memberStatus',
    '': 'audit.values.status',
  },
  kind: {
    followup: 'followups.kinds',
    feedback: 'feedback.kinds',
    job: 'jobs.names',
    import: 'importPage.kinds',
    backup: 'backup.kinds',
    branch: 'setup.kinds',
    file: 'audit.values.fileKinds',
    purchase: 'audit.values.saleKinds',
    expiry: 'loyalty.rules.expiryKinds',
    '': 'audit.values.kinds',
  },
  state: { import: 'importPage.states', backup: 'backup.states', '': 'audit.values.states' },
  channel: { feedback: 'feedback.channels', '': 'followups.channels' },
  category: { feedback: 'feedback.categories' },
  severity: { '': 'feedback.severities' },
  basis: { '': 'loyalty.tiers.bases' },
  mode: { '': 'hq.modes' },
  locale: { '': 'audit.values.locales' },
  segment: { '': 'reports.rfm.segments' },
  reason: { export: 'audit.values.refusals', '': 'audit.values.reasons' },
  choice: { '': 'audit.values.choices' },
  action: { '': 'audit.values.importActions' },
  mapping: { '': 'import.fields' },
  tiers: { options: 'audit.values.tierSources' },
  yearLast: { '': 'audit.values.yearLast' },
};

function codeText(w: AuditWords, key: string, value: string, scope: string | null): string | null {
  const table = CODE_WORDS[key];
  if (!table || !/^[a-zA-Z_.-]+$/.test(value)) return null;
  const prefixes = [key === 'role' && w.hq ? 'hqRoles' : undefined, scope ? table[scope] : undefined, table['']].filter(
    (p): p is string => p !== undefined,
  );
  return words(
    w,
    prefixes.map((p) => `${p}.${value}`),
  );
}

function stringText(w: AuditWords, key: string, value: string, scope: string | null): string {
  if (value === REDACTED) return w.t('audit.values.redacted');
  const code = codeText(w, key, value, scope);
  if (code !== null) return code;
  if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatTime(value, w.locale);
  if (DAY.test(value)) return formatDate(value, w.locale);
  if (key === 'sha256' && /^[0-9a-f]{64}$/.test(value)) return `${value.slice(0, 12)}…`;
  // A phone as the member page shows it (139 0000 1111), not as stored (+8613900001111).
  if (key === 'phone' && /^\+\d{6,15}$/.test(value)) return displayPhone(value);
  // Free text an erasure scrubbed (a reason naming the member) keeps the rest of its words.
  return value.split(REDACTED).join(w.t('audit.values.redacted'));
}

const listSeparator = (w: AuditWords) => (w.locale.startsWith('en') ? ', ' : '、');
const fieldSeparator = (w: AuditWords) => (w.locale.startsWith('en') ? ', ' : '，');
const recordSeparator = (w: AuditWords) => (w.locale.startsWith('en') ? '; ' : '；');

/** Fields a line leaves out: its own id is what the line describes, a rank the order of the lines says. */
const UNSAID = new Set(['id', 'rank']);

/** A nested record as one line of `field: value`s. */
export function recordLine(w: AuditWords, record: Record<string, unknown>, scope: string | null): string {
  const parts = Object.entries(record)
    .filter(([k]) => !UNSAID.has(k))
    .map(([k, v]) => `${fieldLabel(w, k, scope)}: ${valueText(w, k, v, scope)}`);
  return parts.length ? parts.join(fieldSeparator(w)) : '—';
}

/** A value of the field `key` of a record of kind `scope`, in words. */
export function valueText(w: AuditWords, key: string, value: unknown, scope: string | null): string {
  if (value === null || value === undefined) return '—';
  const ref = refKind(key, scope);
  if (ref !== null && typeof value === 'string') return value === REDACTED ? w.t('audit.values.redacted') : refText(w, ref, value);
  if (Array.isArray(value)) {
    if (value.length === 0) return w.t('audit.values.empty');
    if (value.every(isRecord)) return value.map((v) => recordLine(w, v, nestedScope(key))).join(recordSeparator(w));
    return value.map((v) => valueText(w, key, v, scope)).join(listSeparator(w));
  }
  if (isRecord(value)) return recordLine(w, value, nestedScope(key));
  if (typeof value === 'boolean') return flagText(w, key, value, scope);
  if (typeof value === 'number') return numberText(w, key, value, scope);
  if (typeof value === 'string') return stringText(w, key, value, scope);
  return String(value);
}
