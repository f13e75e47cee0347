import type { ZodError } from 'zod';

/** Stable error codes. The renderer translates the code (and details), never the message. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'WRONG_CREDENTIALS',
  'LOCKED_OUT',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'UNKNOWN_METHOD',
  'BAD_REQUEST',
  'BAD_TOKEN',
  'DB_TOO_NEW',
  'BUSY',
  'INSUFFICIENT_POINTS',
  /** the same member and bill, without a receipt number, moments ago: ask before recording it again */
  'POSSIBLE_DUPLICATE',
  'MEMBER_INACTIVE',
  /** the member was erased (members.erase): kept for the books only, nothing is sold to, edited on or exported of them */
  'MEMBER_ERASED',
  'INVALID_TRANSITION',
  'BAD_FILE',
  'NOT_IN_CHAIN',
  'NOTHING_TO_EXPORT',
  'WRONG_MODE',
  /** the report summaries are being built by a background job: details `jobId`, `done`, `total`; ask again when it ends */
  'REPORTS_BUILDING',
  /** a file to import refused whole: details `reason` (shared/import/file-refusals.ts) and what it names */
  'IMPORT_BAD_FILE',
  /** the copy that must come first (before a migration, an HQ merge batch) failed: details `reason` (shared/contract/backup.ts BACKUP_ERRORS) */
  'BACKUP_FAILED',
  /** the store is encrypted and not unlocked yet: only encryption.status and encryption.unlock are answered */
  'STORE_LOCKED',
  /** the passphrase does not open the store (or the backup, or the HQ file): details `interruptedChange` when a change stopped half-way */
  'WRONG_PASSPHRASE',
  /** the session locked after its idle minutes (or by hand): only auth.resume, auth.me, auth.logout, auth.lock, staff.colleagues and the public methods are answered */
  'SESSION_LOCKED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every rule key a field issue can carry; each one is translated in the renderer (a test checks). */
export const FIELD_RULES = [
  'required',
  'too_long',
  'too_short',
  'too_big',
  'too_small',
  'invalid_type',
  'invalid_choice',
  'unknown_field',
  'invalid_email',
  'invalid_format',
  'invalid_phone',
  'invalid_date',
  'impossible_birthday',
  'consent_required',
  'invalid_branch_code',
  'invalid',
  'invalid_amount',
  'too_many_decimals',
  'not_positive',
  'not_zero',
  'below_min_redeem',
  'redeem_uneven',
  'redeem_exceeds_bill',
  'in_the_past',
  'lowest_tier_not_zero',
  'thresholds_not_ascending',
  'in_the_future',
  'end_before_start',
  'range_too_long',
  'too_many_periods',
  'invalid_chain_code',
  'same_member',
  'duplicate',
  // An import's mapping (a field's column missing, twice, unknown; not one per column) and a duplicate's choice.
  'field_unmapped',
  'field_twice',
  'field_unknown',
  'mapping_columns',
  'choice_not_allowed',
  // The backups' second destination (backup.saveSettings): a folder, there, and writable.
  'folder_not_absolute',
  'folder_missing',
  'not_a_folder',
  'folder_not_writable',
] as const;

/** One problem with one input field; `rule` is a stable key the renderer translates. */
export interface FieldIssue {
  field: string;
  rule: string;
  params?: Record<string, string | number>;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function validationError(issues: FieldIssue[]): AppError {
  const summary = issues.map((i) => `${i.field || '(input)'}: ${i.rule}`).join('; ');
  return new AppError('VALIDATION', `Invalid input: ${summary}`, { issues });
}

/** How a schema's own rule key looks, as opposed to zod's default English message. */
const RULE_KEY = /^[a-z]+(_[a-z]+)*$/;

/**
 * zod issues become field issues with a small vocabulary of rules. Schemas put our own rule
 * keys into custom messages (e.g. `invalid_phone`); zod's built-in issues are mapped here.
 */
export function issuesFromZod(error: ZodError): FieldIssue[] {
  return error.issues.map((issue): FieldIssue => {
    const field = issue.path.map(String).join('.');
    switch (issue.code) {
      case 'too_big':
        return { field, rule: issue.origin === 'string' ? 'too_long' : 'too_big', params: { max: Number(issue.maximum) } };
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) return { field, rule: 'required' };
        return { field, rule: issue.origin === 'string' ? 'too_short' : 'too_small', params: { min: Number(issue.minimum) } };
      case 'invalid_type':
        return { field, rule: issue.input === undefined ? 'required' : 'invalid_type' };
      case 'invalid_value':
        return { field, rule: 'invalid_choice' };
      case 'unrecognized_keys':
        // Name the first unknown key as the field, so a form can point at it.
        return {
          field: [...issue.path.map(String), issue.keys[0]].join('.'),
          rule: 'unknown_field',
          params: { keys: issue.keys.join(',') },
        };
      case 'invalid_format':
        // A schema's own rule key (`.regex(re, 'invalid_branch_code')`) wins over zod's default text.
        if (RULE_KEY.test(issue.message)) return { field, rule: issue.message };
        return { field, rule: issue.format === 'email' ? 'invalid_email' : 'invalid_format' };
      case 'custom':
        return { field, rule: issue.message || 'invalid' };
      default:
        return { field, rule: 'invalid' };
    }
  });
}
