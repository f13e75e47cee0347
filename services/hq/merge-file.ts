import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORT_FORMAT_VERSIONS, ExportManifest } from '../../shared/contract/hq';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { applyKey, fileState, isNotADatabase, type StoreKey } from '../../db/cipher';
import { manifestJson } from '../../db/queries/hq/file';
import { sqliteHeader } from '../../db/sqlite-header';
import { exportKey } from './chain';

// How HQ reads an export file before anything else (docs/hq.md "Merge" and "Encrypted export
// files"): which key opens it, its manifest, and the reasons a file is refused whole.

export type RefusalReason =
  | 'not_export'
  | 'truncated'
  | 'checksum'
  | 'format_too_new'
  | 'format_unknown'
  | 'other_chain'
  | 'from_hq'
  | 'missing_base'
  | 'branch_code_taken'
  | 'invalid_content'
  | 'encrypted'
  | 'wrong_passphrase';

const REASON_TEXT: Record<RefusalReason, string> = {
  not_export: 'The file is not a BranchDesk export',
  truncated: 'The file is incomplete (cut short in copying)',
  checksum: 'The file does not match its checksum: it was changed or damaged after export',
  format_too_new: 'The file was written by a newer BranchDesk; update HQ first',
  format_unknown: 'The file has an export format this BranchDesk does not know',
  other_chain: 'The file comes from a branch of another chain',
  from_hq: 'The file was exported by this HQ itself',
  missing_base: 'Earlier exports of this branch have not been merged yet',
  branch_code_taken: 'Another branch already uses this branch code at HQ',
  invalid_content: 'The file’s rows do not fit HQ’s data',
  encrypted: 'This file is encrypted: set the chain’s export passphrase in HQ’s settings',
  wrong_passphrase: 'HQ’s export passphrase does not open this file: it was encrypted with another one',
};

export function refuse(reason: RefusalReason, params: Record<string, unknown> = {}): never {
  throw new AppError('BAD_FILE', REASON_TEXT[reason], { reason, ...params });
}

/**
 * The key the file is read with: null for a plain one; HQ's export passphrase for an encrypted
 * one (docs/hq.md "Encrypted export files"), which is refused when HQ has none. A file that does
 * not start like SQLite and is no whole number of pages is not a SQLCipher file either: it is
 * read as plain, and refused as no export (a CSV, an empty file), whether HQ has a passphrase or not.
 */
export function keyFor(db: DB, path: string): StoreKey | null {
  if (fileState(path) !== 'encrypted') return null;
  const bytes = statSync(path).size;
  if (bytes < 1024 || bytes % 512 !== 0) return null;
  const key = exportKey(db);
  if (!key) refuse('encrypted');
  return key;
}

/** The file's manifest, refusing a file that is not a whole export of a format this HQ reads. */
export function readManifest(path: string, key: StoreKey | null): ExportManifest {
  // An encrypted file's header is encrypted too: its pages are checked by their HMACs as they are read.
  if (!key) {
    const header = sqliteHeader(path);
    if (!header || header.pageCount === 0) refuse('not_export');
    if (header.fileBytes < header.pageSize * header.pageCount)
      refuse('truncated', { expectedBytes: header.pageSize * header.pageCount, actualBytes: header.fileBytes });
  }
  let raw: unknown;
  try {
    const file = new Database(path, { readonly: true, fileMustExist: true });
    try {
      applyKey(file, key);
      const json = manifestJson(file);
      raw = json === null ? null : JSON.parse(json);
    } finally {
      file.close();
    }
  } catch (err) {
    // The first page does not decrypt: another passphrase (or a first page damaged past reading).
    if (key && isNotADatabase(err)) refuse('wrong_passphrase');
    // Opened with the key, but a later page is missing or does not match its HMAC.
    if (key && (err as { code?: string }).code === 'SQLITE_CORRUPT') refuse('checksum');
    refuse('not_export');
  }
  const head = raw as { format?: unknown; formatVersion?: unknown } | null;
  if (!head || head.format !== EXPORT_FORMAT) refuse('not_export');
  if (typeof head.formatVersion === 'number' && head.formatVersion > EXPORT_FORMAT_VERSION)
    refuse('format_too_new', { formatVersion: head.formatVersion, supported: EXPORT_FORMAT_VERSION });
  if (!EXPORT_FORMAT_VERSIONS.some((v) => v === head.formatVersion))
    refuse('format_unknown', { formatVersion: String(head.formatVersion) });
  const parsed = ExportManifest.safeParse(raw);
  if (!parsed.success) refuse('not_export');
  return parsed.data;
}
