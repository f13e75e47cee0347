import type { TFunction } from 'i18next';
import { ApiError } from '../../api/apiError';
import { fieldErrors } from '../../api/errors';
import type { FieldIssue } from '../../../shared/errors';

/**
 * The loyalty forms keep what the manager typed as text and turn it into the integers the
 * contract takes (fen, points, percent) by reading the decimal text, never by float maths.
 */
export type Problem = 'required' | 'whole_number' | 'number' | 'two_decimals' | 'range_order' | 'not_ascending';

/** Field name → what is wrong with it, found before anything is sent. */
export class FormCheck {
  readonly problems: Record<string, Problem> = {};

  /** A count: "12", "１２", "1,000". */
  whole(field: string, text: string): number {
    const s = clean(text);
    if (!s) return this.flag(field, 'required');
    if (!/^\d{1,12}$/.test(s)) return this.flag(field, 'whole_number');
    return Number(s);
  }

  /** Yuan ("¥12.5") as fen, or a multiplier ("×1.5") as percent: the text times 100, exactly. */
  hundredths(field: string, text: string, emptyMeans?: number): number {
    const s = clean(text).replace(/^[¥×xX*]\s*/, '');
    if (!s) return emptyMeans ?? this.flag(field, 'required');
    const m = /^(\d{1,12})(?:\.(\d*))?$/.exec(s);
    if (!m) return this.flag(field, 'number');
    if ((m[2] ?? '').length > 2) return this.flag(field, 'two_decimals');
    return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  }

  flag(field: string, problem: Problem): number {
    this.problems[field] ??= problem;
    return 0;
  }

  get ok(): boolean {
    return Object.keys(this.problems).length === 0;
  }
}

function clean(text: string): string {
  return text.normalize('NFKC').trim().replace(/,/g, '');
}

/** 150 → "1.5", 2000 → "20", 1250 → "12.5": fen as yuan text, percent as a multiplier. */
export function hundredthsText(n: number): string {
  const frac = n % 100;
  return frac === 0 ? String(Math.floor(n / 100)) : `${Math.floor(n / 100)}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** A failed save shown as the form shows it: the alert's error and one message per input. */
export interface FormErrors {
  error: unknown;
  fields: Record<string, string>;
}

/**
 * Problems found before sending, or the service's refusal with its field paths renamed to the
 * form's inputs (`rules.earn.points` → `earnPoints`) so fieldErrors can put them under the right one.
 */
export function formErrors(t: TFunction, err: unknown, rename: (issue: FieldIssue) => FieldIssue | null): FormErrors {
  if (err instanceof FormCheck) {
    const fields: Record<string, string> = {};
    for (const [field, problem] of Object.entries(err.problems)) fields[field] = t(`loyalty.problems.${problem}`);
    return { error: new ApiError('VALIDATION', 'form check', {}), fields };
  }
  if (!(err instanceof ApiError) || err.issues.length === 0) return { error: err, fields: {} };
  const issues = err.issues.map((issue) => rename(issue) ?? issue);
  return { error: err, fields: fieldErrors(t, new ApiError(err.code, err.message, { ...err.details, issues })) };
}

/** The form field for a service path: the longest known prefix of the path wins. */
export function fieldFor(path: string, names: Record<string, string>): string | null {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const name = names[parts.slice(0, n).join('.')];
    if (name) return name;
  }
  return null;
}

/** Limits in a rule's message shown in the form's units (×10 rather than 1000, ¥ rather than fen). */
export function scaleLimits(issue: FieldIssue, show: (n: number) => string): FieldIssue {
  if (!issue.params) return issue;
  const params = { ...issue.params };
  for (const k of ['min', 'max'] as const) if (typeof params[k] === 'number') params[k] = show(params[k]);
  return { ...issue, params };
}
