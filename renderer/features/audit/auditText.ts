import type { TFunction } from 'i18next';
import type { AuditItem, AuditRefs } from '../../../shared/contract/audit';
import { nestedScope, refKind } from '../../../shared/audit-refs';
import { formatDate, formatTime } from '../../components/format';
import type { ReportColumn } from '../../components/reports/columns';
import type { ReportTableData } from '../../components/reports/exportFile';
import { fieldLabel, isRecord, memberText, refText, valueText, type AuditWords } from './auditValues';

// How an audit row reads, on the page, in its detail dialog, in the CSV and in the member's data
// file alike: the action in words, the record it is about, and the fields it changed with their
// values in words (auditValues.ts).

/** An action in words (auditMessages.ts); one the table lacks shows its code as written. */
export function actionText(t: TFunction, code: string): string {
  if (!/^[a-zA-Z]+\.[a-zA-Z_]+$/.test(code)) return code;
  return t(`audit.actions.${code}`, { defaultValue: code });
}

/** The actions whose words depend on what the row did (登记 or 撤回 a consent), by the row's after. */
const VARIANTS: Record<string, (after: Record<string, unknown>) => string | null> = {
  'members.setMarketingConsent': (after) => (after.consent_marketing === 1 ? 'given' : after.consent_marketing === 0 ? 'withdrawn' : null),
  'members.setStatus': (after) => (after.status === 'active' || after.status === 'inactive' ? after.status : null),
};

/**
 * A row's action in words: 撤回营销同意 where the action alone reads 登记或撤回营销同意 (the
 * action filter's words), else the action's. `after` as the row holds it, JSON text or parsed.
 */
export function rowActionText(t: TFunction, row: { action: string; after: unknown }): string {
  const after = typeof row.after === 'string' ? parse(row.after) : row.after;
  const variant = VARIANTS[row.action]?.(isRecord(after) ? after : {});
  if (variant) {
    const text = t(`audit.actionVariants.${row.action}.${variant}`, { defaultValue: '' });
    if (text) return text;
  }
  return actionText(t, row.action);
}

/** A group of actions (the part before the dot) in words, or its code. */
export function groupText(t: TFunction, group: string): string {
  return t(`audit.groups.${group}`, { defaultValue: group });
}

/** Who did it: the staff member's name, or 系统 for the app's own scheduled work. */
export function staffText(w: AuditWords, item: AuditItem): string {
  if (item.staffName !== null) return item.staffName;
  return item.staffId === null ? w.t('audit.system') : refText(w, 'staff', item.staffId);
}

/**
 * The record: a member by name and card (an erased one as such); a staff member, a sale, a branch,
 * a day's takings or a segment by kind and which; anything else by its kind.
 */
export function recordText(w: AuditWords, item: Pick<AuditItem, 'entity' | 'entityId' | 'member'>): string {
  const { t } = w;
  const id = item.entityId;
  if (item.entity === 'member' && id !== null && w.refs.members[id]) return memberText(w, id);
  if (item.member) return `${item.member.name} (${item.member.cardNo})`;
  if (item.entity === null) return '—';
  const kind = t(`audit.entities.${item.entity}`, { defaultValue: item.entity });
  if (id === null) return kind;
  const ref = refKind('id', item.entity);
  // A sale's words say its kind already: 退款 ¥10.00 · 2026/06/15 10:05.
  if (ref === 'sale') return refText(w, ref, id);
  const which = (() => {
    if (ref === 'staff' || ref === 'branch' || ref === 'member') return refText(w, ref, id);
    if (item.entity === 'takings') return formatDate(id, w.locale);
    if (item.entity === 'segment') return t(`reports.rfm.segments.${id}`, { defaultValue: id });
    if (item.entity === 'privacy_notice') return t('audit.values.noticeVersion', { version: id });
    return null;
  })();
  return which === null ? kind : `${kind} · ${which}`;
}

export interface FieldChange {
  /** the field's path (keep.points_balance); '' when the values are not a record of fields */
  field: string;
  /** the field in words (保留的会员 · 积分余额) */
  label: string;
  before: string;
  after: string;
}

function parse(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

// A field absent on one side and empty (null) on the other did not change: no 原因: — → — line.
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields no reader needs: the fingerprint of the rules a follow-up job was queued under (it checks it on resume). */
const HIDDEN = new Set([
  'params.basis',
  // A member's row-version and last-touched stamps: bookkeeping the row's own time and staff already say.
  'member.version',
  'member.updated_at',
  'member.updated_by',
]);

/** The values before and after as a row holds them: JSON text on the page, parsed in the member's data file. */
export interface RowValues {
  action: string;
  entity: string | null;
  before: unknown;
  after: unknown;
}

/** The page's rows hold their values as JSON text. */
export function rowValues(item: Pick<AuditItem, 'action' | 'entity' | 'before' | 'after'>): RowValues {
  return { action: item.action, entity: item.entity, before: parse(item.before), after: parse(item.after) };
}

/**
 * The fields a row changed, in words: of records before and after, each field whose value differs
 * (a new record: every field it has); a field holding a record on both sides (or one) is opened
 * into its own fields (保留的会员 · 积分余额). Values that are no record of fields are one change.
 */
export function fieldChanges(w: AuditWords, row: RowValues): FieldChange[] {
  // The data file's parsed rows hold null where the page's hold no text.
  const [before, after] = [row.before ?? undefined, row.after ?? undefined];
  const basis = [after, before].map((v) => (isRecord(v) && typeof v.basis === 'string' ? v.basis : undefined)).find(Boolean);
  const words: AuditWords = basis ? { ...w, basis } : w;
  const opens = (v: unknown) => v === undefined || v === null || isRecord(v);
  const walk = (b: unknown, a: unknown, path: string, label: string, scope: string | null): FieldChange[] => {
    const rb = isRecord(b) ? b : {};
    const ra = isRecord(a) ? a : {};
    // A record's own id is the row's record (对象) or the line's subject: not a change of its own.
    return [...new Set([...Object.keys(rb), ...Object.keys(ra)])]
      .filter((f) => f !== 'id' && !HIDDEN.has(`${scope}.${f}`) && !same(rb[f], ra[f]))
      .flatMap((f) => {
        const name = fieldLabel(words, f, scope, row.action);
        const fieldPath = path ? `${path}.${f}` : f;
        const fieldName = label ? `${label} · ${name}` : name;
        if ((isRecord(rb[f]) || isRecord(ra[f])) && opens(rb[f]) && opens(ra[f]))
          return walk(rb[f], ra[f], fieldPath, fieldName, nestedScope(f));
        return [
          { field: fieldPath, label: fieldName, before: valueText(words, f, rb[f], scope), after: valueText(words, f, ra[f], scope) },
        ];
      });
  };
  if (before === undefined && after === undefined) return [];
  if ((before === undefined || isRecord(before)) && (after === undefined || isRecord(after)))
    return walk(before, after, '', '', row.entity);
  return [{ field: '', label: '', before: valueText(words, '', before, row.entity), after: valueText(words, '', after, row.entity) }];
}

/** The changes in one line, as the CSV and the member's data file hold them: `姓名: 张三 → 张叁; 备注: — → 喜欢绿茶`. */
export function changesLine(w: AuditWords, row: RowValues): string {
  return fieldChanges(w, row)
    .map((c) => `${c.label ? `${c.label}: ` : ''}${c.before} → ${c.after}`)
    .join('; ');
}

/** The page's columns, the CSV's too: `refs` are the names the rows' pages came with; `hq` when the rows are HQ's own. */
export function auditTable(
  t: TFunction,
  locale: string,
  rows: readonly AuditItem[],
  refs: AuditRefs,
  hq = false,
): ReportTableData<AuditItem> {
  const w: AuditWords = { t, locale, refs, hq };
  const columns: ReportColumn<AuditItem>[] = [
    { key: 'at', header: t('audit.columns.at'), value: (r) => formatTime(r.at, locale), noWrap: true },
    { key: 'staff', header: t('audit.columns.staff'), value: (r) => staffText(w, r) },
    { key: 'action', header: t('audit.columns.action'), value: (r) => rowActionText(t, r) },
    { key: 'record', header: t('audit.columns.record'), value: (r) => recordText(w, r) },
    { key: 'changes', header: t('audit.columns.changes'), value: (r) => changesLine(w, rowValues(r)) },
  ];
  return { columns, rows };
}

/** The names of two pages' rows together (a page loaded more, the CSV read in chunks). */
export function mergeRefs(a: AuditRefs, b: AuditRefs): AuditRefs {
  return {
    staff: { ...a.staff, ...b.staff },
    members: { ...a.members, ...b.members },
    tiers: { ...a.tiers, ...b.tiers },
    sales: { ...a.sales, ...b.sales },
    branches: { ...a.branches, ...b.branches },
  };
}

/** 审计日志-2026-12-06.csv */
export function auditFileName(today: string, t: TFunction): string {
  return `${t('audit.title')}-${today}.csv`;
}
