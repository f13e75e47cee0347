/**
 * One row of a file under its mapping: each mapped cell cleaned as its field is, the values, the
 * steps applied and the refusals. Pure, so the services' preview and a test read it alike. A row
 * with any refused cell is refused whole (the rejected rows' file gives it back to fix): a member
 * imported without the birthday their row had would be a loss nobody sees.
 */
import { cellText, type CleanContext, type CleanRule, type ImportCell, type RefusalReason } from './cleaning';
import { cleanMemberCell, cleanSaleCell, type MemberValues, type SaleValues } from './clean';
import { MEMBER_FIELDS, MEMBER_FIELD_DEFINITIONS, type MemberField } from './columns';
import { SALE_FIELDS, SALE_FIELD_DEFINITIONS, type SaleField } from './sale-columns';

export interface RowProblem {
  /** the column's header, or null for the row as a whole */
  column: string | null;
  value: string;
  reason: string;
  limit: number | null;
}

export interface RowStep {
  column: string;
  rule: CleanRule;
  before: string;
  after: string;
}

export interface CleanRow<V> {
  values: Partial<V>;
  problems: RowProblem[];
  steps: RowStep[];
}

function cleanRowWith<F extends string, V>(
  fields: readonly F[],
  required: (field: F) => boolean,
  clean: (
    field: F,
    cell: ImportCell,
    context: CleanContext,
  ) => {
    ok: boolean;
    value?: unknown;
    reason?: RefusalReason;
    limit?: number;
    steps: { rule: CleanRule; before: string; after: string }[];
  },
  mapping: readonly (string | null)[],
  headers: readonly string[],
  cells: readonly ImportCell[],
  context: CleanContext,
): CleanRow<V> {
  const values: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  const steps: RowStep[] = [];
  const seen = new Set<string>();
  mapping.forEach((mapped, column) => {
    if (mapped === null || !(fields as readonly string[]).includes(mapped)) return;
    const field = mapped as F;
    seen.add(field);
    const header = headers[column] ?? '';
    const result = clean(field, cells[column] ?? '', context);
    for (const step of result.steps) steps.push({ column: header, ...step });
    if (!result.ok) {
      problems.push({
        column: header,
        value: cellText(cells[column]),
        reason: result.reason ?? 'field.required',
        limit: result.limit ?? null,
      });
    } else if (result.value !== null && result.value !== undefined) {
      values[field] = result.value;
    }
  });
  for (const field of fields) {
    if (required(field) && !seen.has(field)) problems.push({ column: null, value: '', reason: 'field.required', limit: null });
  }
  return { values: values as Partial<V>, problems, steps };
}

export function cleanMemberRow(
  mapping: readonly (string | null)[],
  headers: readonly string[],
  cells: readonly ImportCell[],
  context: CleanContext,
): CleanRow<MemberValues> {
  return cleanRowWith<MemberField, MemberValues>(
    MEMBER_FIELDS,
    (f) => MEMBER_FIELD_DEFINITIONS[f].required === true,
    cleanMemberCell,
    mapping,
    headers,
    cells,
    context,
  );
}

/** A sales row names its member by phone or card; one of the two must be there. */
export function cleanSaleRow(
  mapping: readonly (string | null)[],
  headers: readonly string[],
  cells: readonly ImportCell[],
  context: CleanContext,
): CleanRow<SaleValues> {
  const row = cleanRowWith<SaleField, SaleValues>(
    SALE_FIELDS,
    (f) => SALE_FIELD_DEFINITIONS[f].required === true,
    cleanSaleCell,
    mapping,
    headers,
    cells,
    context,
  );
  if (row.problems.length === 0 && !row.values.phone && !row.values.cardNo) {
    row.problems.push({ column: null, value: '', reason: 'member.notFound', limit: null });
  }
  return row;
}
