import type { TFunction } from 'i18next';
import type { ImportKind, ImportSession } from '../../../shared/contract/import';
import { MEMBER_FIELD_DEFINITIONS } from '../../../shared/import/columns';
import { SALE_FIELD_DEFINITIONS } from '../../../shared/import/sale-columns';
import { ApiError } from '../../api/apiError';

// How the import's screens word what the services answer: fields, reasons, a mapping's problems.
// Apart from the components, so the wording is tested under Node.

/** The fields a kind of import offers in the mapping step, in the order the services list them. */
export function fieldsOf(kind: ImportKind): string[] {
  return Object.keys(kind === 'members' ? MEMBER_FIELD_DEFINITIONS : SALE_FIELD_DEFINITIONS);
}

/** The fields a row cannot go without (a sales file: the phone or the card, said apart). */
export function requiredFields(kind: ImportKind): string[] {
  const definitions = kind === 'members' ? MEMBER_FIELD_DEFINITIONS : SALE_FIELD_DEFINITIONS;
  return Object.entries(definitions)
    .filter(([, d]) => d.required)
    .map(([field]) => field);
}

/** Read and shown, never written (余额 until stored value exists). */
export function isNotImported(kind: ImportKind, field: string): boolean {
  const definitions: Record<string, { notImported?: true }> = kind === 'members' ? MEMBER_FIELD_DEFINITIONS : SALE_FIELD_DEFINITIONS;
  return definitions[field]?.notImported === true;
}

export const fieldName = (t: TFunction, field: string): string => t(`import.fields.${field}`, { defaultValue: field });

/** Why a value or a row was refused, with the limit it broke. */
export function reasonText(t: TFunction, problem: { reason: string; limit: number | null }): string {
  return t(`import.refusals.${problem.reason}`, { limit: problem.limit ?? '', defaultValue: problem.reason });
}

export interface MappingProblems {
  /** by column index: what is wrong with the field chosen for it */
  columns: Record<number, string>;
  /** about the mapping as a whole: a field no column was given */
  general: string[];
}

/**
 * A preview refused for its mapping (VALIDATION, services/import/preview.ts checkMapping), said
 * column by column; null for any other error. A sales file without a phone or a card column is
 * said as that, not as a missing phone.
 */
export function mappingProblems(t: TFunction, kind: ImportKind, err: unknown): MappingProblems | null {
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION') return null;
  const out: MappingProblems = { columns: {}, general: [] };
  for (const issue of err.issues) {
    const field = typeof issue.params?.field === 'string' ? issue.params.field : '';
    const text =
      kind === 'sales' && issue.rule === 'field_unmapped' && field === 'phone'
        ? t('importPage.mapping.phoneOrCard')
        : t(`rules.${issue.rule}`, { ...issue.params, field: fieldName(t, field), defaultValue: t('rules.invalid') });
    const column = /^mapping\.(\d+)$/.exec(issue.field);
    if (column) out.columns[Number(column[1])] ??= text;
    else out.general.push(text);
  }
  return out.general.length > 0 || Object.keys(out.columns).length > 0 ? out : null;
}

const DATE_FIELDS = new Set(['birthday', 'registeredOn', 'soldAt']);
/** 5/1/2024, 05-01-2024 10:30: a date whose year comes last, month or day first (shared/import/read-date.ts). */
const YEAR_LAST = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:\s|$)/;

/**
 * Whether the mapping step asks how the file writes dates with the year last: when a date
 * column's first rows have one, when an order was chosen before, or when a preview refused rows
 * (one of them may be such a date further down the file).
 */
export function asksYearLast(session: ImportSession, mapping: readonly (string | null)[]): boolean {
  const dateColumns = mapping.flatMap((field, column) => (field && DATE_FIELDS.has(field) ? [column] : []));
  if (dateColumns.length === 0) return false;
  if (session.yearLast !== null || (session.counts?.invalid ?? 0) > 0) return true;
  return session.sample.some((row) => dateColumns.some((column) => YEAR_LAST.test((row.cells[column] ?? '').trim())));
}

/** The first `n` non-empty values of a column among the sample rows, for the mapping step. */
export function sampleValues(session: ImportSession, column: number, n = 2): string[] {
  const values: string[] = [];
  for (const row of session.sample) {
    const cell = (row.cells[column] ?? '').trim();
    if (cell !== '') values.push(cell);
    if (values.length === n) break;
  }
  return values;
}

/** A count as the reports write it, grouped by thousands in both languages (1,200). */
export const count = (n: number | undefined): string => (n ?? 0).toLocaleString('en-US');

/**
 * What an import did, in a line: members created, updated and skipped with their opening points,
 * or sales and their amount; an undone one what it took back. Empty while nothing is written.
 */
export function resultLine(
  t: TFunction,
  session: Pick<ImportSession, 'kind' | 'state' | 'result'>,
  money: (fen: number) => string,
): string {
  const r = session.result;
  if (session.state === 'cancelled') {
    if (r.kept) return t('importPage.result.undoneKept', { undone: count(r.undone), kept: count(r.kept) });
    return r.undone ? t('importPage.result.undone', { undone: count(r.undone) }) : '';
  }
  if (Object.keys(r).length === 0) return '';
  return session.kind === 'members'
    ? t('importPage.result.members', {
        created: count(r.created),
        updated: count(r.updated),
        skipped: count(r.skipped),
        points: count(r.points),
      })
    : t('importPage.result.sales', { sales: count(r.sales), amount: money(r.salesFen ?? 0), skipped: count(r.skipped) });
}
