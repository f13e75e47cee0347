import type { TFunction } from 'i18next';
import { ApiError } from './apiError';
import { formatYuan } from '../../shared/money';
import { IMPORT_FILE_REASONS } from '../../shared/import/file-refusals';
import { BACKUP_ERRORS } from '../../shared/contract/backup';
import { FOREIGN_KINDS, RESTORE_REFUSALS } from '../../shared/contract/restore';

/** Why HQ refuses an export file (`BAD_FILE` details.reason); each has its own sentence. */
export const BAD_FILE_REASONS = [
  'not_export',
  'truncated',
  'checksum',
  'format_too_new',
  'format_unknown',
  'other_chain',
  'from_hq',
  'missing_base',
  'branch_code_taken',
  'invalid_content',
  // An encrypted file (docs/hq.md "Encrypted export files"): HQ has no export passphrase, or another one.
  'encrypted',
  'wrong_passphrase',
  // An upload's (services/core/uploads.ts): any page that reads a file may meet these.
  'too_large',
  'upload_missing',
] as const;

function badFileMessage(t: TFunction, d: Record<string, unknown>): string {
  if (d.backup === true) return backupRefusalMessage(t, d);
  const reason = BAD_FILE_REASONS.find((r) => r === d.reason);
  if (!reason) return t('errors.BAD_FILE');
  const bytes = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US') : '?');
  const params = {
    ...d,
    expectedBytes: bytes(d.expectedBytes),
    actualBytes: bytes(d.actualBytes),
    maxMegabytes: typeof d.maxBytes === 'number' ? Math.floor(d.maxBytes / 1024 / 1024) : '?',
  };
  // HQ holding nothing of the branch yet reads better as its own sentence than as "up to no. 0".
  if (reason === 'missing_base' && !d.lastSeq) return t('errors.BAD_FILE_missing_base_none', params);
  return t(`errors.BAD_FILE_${reason}`, params);
}

/** Why a file is refused as a backup to restore (shared/contract/restore.ts), and for a foreign one, whose it is. */
function backupRefusalMessage(t: TFunction, d: Record<string, unknown>): string {
  const reason = RESTORE_REFUSALS.find((r) => r === d.reason);
  if (!reason) return t('errors.BAD_BACKUP');
  const bytes = (n: unknown) => (typeof n === 'number' ? n.toLocaleString('en-US') : '?');
  const params = { ...d, expectedBytes: bytes(d.expectedBytes), actualBytes: bytes(d.actualBytes) };
  if (reason !== 'foreign') return t(`errors.BAD_BACKUP_${reason}`, params);
  const kind = FOREIGN_KINDS.find((k) => k === d.foreign) ?? 'not_branchdesk';
  return t(`errors.BAD_BACKUP_foreign_${kind}`, params);
}

/** Why a file to import is refused whole (IMPORT_BAD_FILE), in the words of its reason and the row or column it names. */
function importBadFileMessage(t: TFunction, d: Record<string, unknown>): string {
  const reason = IMPORT_FILE_REASONS.find((r) => r === d.reason);
  if (!reason) return t('errors.IMPORT_BAD_FILE');
  // The import's limit is written in the decimal megabytes the docs give it (200 MB).
  const params = {
    ...d,
    maxMegabytes: typeof d.maxBytes === 'number' ? Math.floor(d.maxBytes / 1_000_000) : '?',
    format: typeof d.format === 'string' ? d.format.toUpperCase() : '',
    encoding: typeof d.encoding === 'string' ? d.encoding.toUpperCase() : '',
  };
  if (reason === 'binary' && (d.format === undefined || d.format === 'unknown')) return t('errors.IMPORT_BAD_FILE_binary_unknown');
  if (reason === 'no_sheet' && d.sheet === undefined) return t('errors.IMPORT_BAD_FILE_no_sheet_none');
  return t(`errors.IMPORT_BAD_FILE_${reason}`, params);
}

/** One sentence for an error, in the user's language, chosen by code and details only. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.INTERNAL');
  const d = err.details;
  if (d.network) return t('errors.NETWORK');
  switch (err.code) {
    case 'CONFLICT': {
      const which = (d.field as string | undefined) ?? (d.reason as string | undefined);
      const params = {
        refundable: typeof d.refundableFen === 'number' ? formatYuan(d.refundableFen) : '',
        chainCode: d.chainCode,
        max: d.max,
      };
      return which && t(`errors.CONFLICT_${which}`, { defaultValue: '' }) ? t(`errors.CONFLICT_${which}`, params) : t('errors.CONFLICT');
    }
    case 'WRONG_CREDENTIALS': {
      // The current PIN given when changing one's own is not a login: no name to be wrong.
      // Nor is the PIN that resumes a locked screen.
      const which =
        d.field === 'oldPin'
          ? 'errors.WRONG_CREDENTIALS_oldPin'
          : d.field === 'pin'
            ? 'errors.WRONG_CREDENTIALS_pin'
            : 'errors.WRONG_CREDENTIALS';
      return d.lockedForSeconds ? t(`${which}_locked`, { seconds: d.lockedForSeconds }) : t(which);
    }
    case 'INSUFFICIENT_POINTS':
      return t('errors.INSUFFICIENT_POINTS', { available: d.available ?? 0 });
    case 'INVALID_TRANSITION': {
      const entity = d.entity === 'feedback' ? 'feedback' : 'followups';
      return t('errors.INVALID_TRANSITION', { from: t(`${entity}.status.${String(d.from)}`), to: t(`${entity}.status.${String(d.to)}`) });
    }
    case 'BAD_FILE':
      return badFileMessage(t, d);
    case 'IMPORT_BAD_FILE':
      return importBadFileMessage(t, d);
    case 'WRONG_MODE':
      return d.needed === 'hq' || d.needed === 'branch' ? t(`errors.WRONG_MODE_${d.needed}`) : t('errors.WRONG_MODE');
    case 'BACKUP_FAILED': {
      const reason = BACKUP_ERRORS.find((r) => r === d.reason);
      const when = d.when === 'merge' || d.when === 'migration' || d.when === 'encryption' ? `_${d.when}` : '';
      return t(`errors.BACKUP_FAILED${when}`, { reason: reason ? t(`backup.errors.${reason}`) : '' });
    }
    case 'LOCKED_OUT':
      return t('errors.LOCKED_OUT', { seconds: d.retryAfterSeconds });
    case 'WRONG_PASSPHRASE':
      return t(d.interruptedChange === true ? 'errors.WRONG_PASSPHRASE_interrupted' : 'errors.WRONG_PASSPHRASE');
    default:
      return t(`errors.${err.code}`);
  }
}

/** Field name → translated problem, for the form that sent the input. */
export function fieldErrors(t: TFunction, err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const issue of err.issues) {
    const field = issue.field.split('.')[0] || '_';
    out[field] ??= t(`rules.${issue.rule}`, { ...issue.params, defaultValue: t('rules.invalid') });
  }
  return out;
}
