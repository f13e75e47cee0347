import type { TFunction } from 'i18next';
import type { AuditItem } from '../../../shared/contract/audit';
import { formatTime } from '../../components/format';
import type { ReportColumn } from '../../components/reports/columns';
import type { ReportTableData } from '../../components/reports/exportFile';

// How an audit row reads, on the page and in the CSV alike: the action in words, the record it
// is about, and the fields it changed.

/** An action in words (auditMessages.ts); one the table lacks shows its code as written. */
export function actionText(t: TFunction, code: string): string {
  if (!/^[a-zA-Z]+\.[a-zA-Z_]+$/.test(code)) return code;
  return t(`audit.actions.${code}`, { defaultValue: code });
}

/** A group of actions (the part before the dot) in words, or its code. */
export function groupText(t: TFunction, group: string): string {
  return t(`audit.groups.${group}`, { defaultValue: group });
}

/** Who did it: the staff member's name, or 系统 for the app's own scheduled work. */
export function staffText(t: TFunction, item: AuditItem): string {
  return item.staffName ?? (item.staffId === null ? t('audit.system') : item.staffId);
}

/** The record: a member by name and card; anything else by its kind. */
export function recordText(t: TFunction, item: AuditItem): string {
  if (item.member) return `${item.member.name} (${item.member.cardNo})`;
  if (item.entity === null) return '—';
  return t(`audit.entities.${item.entity}`, { defaultValue: item.entity });
}

export interface FieldChange {
  /** '' when the values are not a record of fields */
  field: string;
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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The fields a row changed: of records before and after, each field whose value differs (a new
 * record: every field it has); values that are no record of fields are one change of their own.
 */
export function fieldChanges(item: Pick<AuditItem, 'before' | 'after'>): FieldChange[] {
  const before = parse(item.before);
  const after = parse(item.after);
  if ((before === undefined || isRecord(before)) && (after === undefined || isRecord(after))) {
    const b = before ?? {};
    const a = after ?? {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return fields
      .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
      .map((field) => ({ field, before: shown(b[field]), after: shown(a[field]) }));
  }
  return [{ field: '', before: shown(before), after: shown(after) }];
}

/** A field in words where the table knows it (姓名 for name), else as the service named it. */
export function fieldText(t: TFunction, field: string): string {
  return /^[a-zA-Z_]+$/.test(field) ? t(`audit.fields.${field}`, { defaultValue: field }) : field;
}

/** The changes in one line, as the CSV holds them: `姓名: 张三 → 张叁; 备注: — → 喜欢绿茶`. */
export function changesLine(t: TFunction, item: AuditItem): string {
  return fieldChanges(item)
    .map((c) => `${c.field ? `${fieldText(t, c.field)}: ` : ''}${c.before} → ${c.after}`)
    .join('; ');
}

/** The page's columns, the CSV's too. */
export function auditTable(t: TFunction, locale: string, rows: readonly AuditItem[]): ReportTableData<AuditItem> {
  const columns: ReportColumn<AuditItem>[] = [
    { key: 'at', header: t('audit.columns.at'), value: (r) => formatTime(r.at, locale), noWrap: true },
    { key: 'staff', header: t('audit.columns.staff'), value: (r) => staffText(t, r) },
    { key: 'action', header: t('audit.columns.action'), value: (r) => actionText(t, r.action) },
    { key: 'record', header: t('audit.columns.record'), value: (r) => recordText(t, r) },
    { key: 'changes', header: t('audit.columns.changes'), value: (r) => changesLine(t, r) },
  ];
  return { columns, rows };
}

/** 审计日志-2026-12-06.csv */
export function auditFileName(today: string, t: TFunction): string {
  return `${t('audit.title')}-${today}.csv`;
}
