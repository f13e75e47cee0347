import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  EXPORT_FORMAT_VERSIONS,
  EXPORT_TABLES,
  ExportManifest,
  type ExportTable,
  type MergeResult,
} from '../../shared/contract/hq';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { applyKey, fileState, isNotADatabase, type StoreKey } from '../../db/cipher';
import { applyHqPageSize } from '../../db/hq-layout';
import { attachedFileQueries, manifestJson } from '../../db/queries/hq/file';
import { mergeQueries, tableMergeQueries } from '../../db/queries/hq/merge';
import { chainCodeOf, exportKey, requireKind } from './chain';
import { settleConflicts } from './conflicts';
import { contentHash } from './file';
import { sqliteHeader } from '../../db/sqlite-header';
import { epochOf, placeOf, releaseStaffTwins, type FilePlace } from './merge-order';
import { invalidateSummary } from '../reports/summaries';
import { TEST_MERGE_GATE_ENV, waitAtTestGate } from '../core/test-gate';

// HQ's merge (docs/hq.md "Merge"). Each file is checked whole first (a SQLite file, not cut
// short, with a manifest of a known format whose hash matches, from this chain and not from HQ
// itself, and with every earlier export it builds on already merged), then merged in one
// transaction. Any failure refuses the file with a reason and leaves HQ as it was.
//
// - Rows keep their ids. Purchases and ledger rows are only ever added: a union by id.
// - Profile rows (members, staff, follow-ups, feedback, takings, tiers, the branch) belong to
//   their branch, which sends each changed one again; a file newer than every file HQ merged
//   from that branch (by restore epoch, then number: merge-order.ts) replaces them, an older one
//   adds only what HQ lacks.
// - A person is a phone: members of several branches with one phone are one person at HQ, each
//   keeping its own row. Their profiles are compared field by field; the newest non-empty value
//   wins (update time, then branch id) and every differing value is written to the conflicts list.

export interface MergeOptions {
  path: string;
  fileName: string;
  staffId: string | null;
  now: string;
  /** Told how long each step took (the bench prints where a merge spends its time). */
  profile?: (step: string, ms: number) => void;
  /** Run once the file has passed its checks, before anything is written (the batch's backup): a refused file changes nothing. */
  beforeWrite?: () => void;
}

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

function refuse(reason: RefusalReason, params: Record<string, unknown> = {}): never {
  throw new AppError('BAD_FILE', REASON_TEXT[reason], { reason, ...params });
}

const APPEND_ONLY = new Set<ExportTable>(['purchases', 'points_ledger']);

type Step = (name: string) => void;

/** Times the steps of one merge for MergeOptions.profile. */
function stepper(profile: MergeOptions['profile']): Step {
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    profile?.(name, now - last);
    last = now;
  };
}

/**
 * The key the file is read with: null for a plain one; HQ's export passphrase for an encrypted
 * one (docs/hq.md "Encrypted export files"), which is refused when HQ has none. A file that does
 * not start like SQLite and is no whole number of pages is not a SQLCipher file either: it is
 * read as plain, and refused as no export (a CSV, an empty file), whether HQ has a passphrase or not.
 */
function keyFor(db: DB, path: string): StoreKey | null {
  if (fileState(path) !== 'encrypted') return null;
  const bytes = statSync(path).size;
  if (bytes < 1024 || bytes % 512 !== 0) return null;
  const key = exportKey(db);
  if (!key) refuse('encrypted');
  return key;
}

/** The file's manifest, refusing a file that is not a whole export of a format this HQ reads. */
function readManifest(path: string, key: StoreKey | null): ExportManifest {
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

/**
 * Checks the file whole; nothing at HQ is touched. A file whose manifest names an export HQ has
 * merged, with the checksum HQ recorded for it, is answered at once without reading its rows:
 * HQ would change nothing either way (so a damaged copy of a merged file is only "already
 * merged"). Any other file is copied and every check runs on the private copy, which is what
 * gets merged: the file cannot change between the check and the merge.
 */
interface CheckedFile {
  manifest: ExportManifest;
  tmp: string | null;
  place: FilePlace;
  already: boolean;
  /** what the file (and its copy) is read with: HQ's export passphrase, or null for a plain file */
  key: StoreKey | null;
}

function checkFile(db: DB, path: string, step: Step): CheckedFile {
  const self = requireKind(db, 'hq');
  const q = mergeQueries(db);
  const key = keyFor(db, path);
  const known = readManifest(path, key);
  if (known.chainCode === chainCodeOf(db) && q.mergedWithChecksum(known.exportId, known.sha256)) {
    step('already merged');
    return { manifest: known, tmp: null, place: placeOf(db, known), already: true, key };
  }
  const tmp = join(tmpdir(), `branchdesk-merge-${randomUUID()}.sqlite`);
  try {
    copyFileSync(path, tmp);
    step('copy');
    // A copy of an encrypted file is the same encrypted bytes: nothing of it is in clear in the temporary folder.
    const manifest = readManifest(tmp, key);
    let actual: string;
    try {
      actual = contentHash(tmp, manifest, key);
    } catch {
      refuse('checksum');
    }
    step('checksum');
    if (actual !== manifest.sha256) refuse('checksum');
    if (manifest.chainCode !== chainCodeOf(db)) refuse('other_chain', { chainCode: manifest.chainCode });
    if (manifest.branch.id === self.id) refuse('from_hq');
    const sameCode = q.otherBranchWithCode(manifest.branch.code, manifest.branch.id);
    if (sameCode) refuse('branch_code_taken', { branchCode: manifest.branch.code });
    const already = q.isMerged(manifest.exportId);
    const place = placeOf(db, manifest);
    if (!already && manifest.mode === 'incremental' && (manifest.baseSeq ?? 0) > place.lastSeqOfEpoch) {
      refuse('missing_base', { branchCode: manifest.branch.code, lastSeq: place.lastSeqOfEpoch, baseSeq: manifest.baseSeq });
    }
    return { manifest, tmp, place, already, key };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

interface Counts {
  table: string;
  added: number;
  updated: number;
  unchanged: number;
}

/** Merges one table of the attached file `x` into HQ. */
function mergeTable(db: DB, table: ExportTable, replace: boolean): Counts {
  const q = tableMergeQueries(db, table);
  const total = attachedFileQueries(db).rowCount(table);
  if (APPEND_ONLY.has(table) || !replace) {
    const added = q.addNew();
    return { table, added, updated: 0, unchanged: total - added };
  }
  const existing = q.rowsAtHq();
  q.releaseMovingValues();
  const changes = q.replaceAll();
  const added = total - existing;
  return { table, added, updated: changes - added, unchanged: total - changes };
}

/** A member's tags are the set the branch sent last: replaced whole for every member in a newer file. */
function mergeTags(db: DB, replace: boolean): Counts {
  const q = mergeQueries(db);
  const total = attachedFileQueries(db).rowCount('member_tags');
  if (!replace) {
    const added = q.addFileTags();
    return { table: 'member_tags', added, updated: 0, unchanged: total - added };
  }
  const kept = q.tagsAlreadyAtHq();
  const removed = q.dropTagsTheFileLacks();
  q.addFileTags();
  return { table: 'member_tags', added: total - kept, updated: removed, unchanged: kept };
}

/**
 * A member merged into another at a branch is a tombstone pointing at the survivor. The branch
 * moved its history along; purchases arrive at HQ once and are not sent again, so HQ moves them
 * itself (also those a late, older file brings afterwards). Chains (A into B, B into C) settle
 * in a few rounds.
 */
function followTombstones(db: DB, branchId: string): number {
  const q = mergeQueries(db);
  let moved = 0;
  for (let round = 0; round < 16; round++) {
    const n = q.moveSalesOfMergedMembers(branchId);
    moved += n;
    if (n === 0) break;
  }
  return moved;
}

/** Checks the file whole and merges it in one transaction; refuses it (BAD_FILE) changing nothing. */
export function mergeExportFile(db: DB, opts: MergeOptions): MergeResult {
  const started = Date.now();
  const step = stepper(opts.profile);
  const { manifest, tmp, place, already, key } = checkFile(db, opts.path, step);
  try {
    const base = {
      fileName: opts.fileName,
      exportId: manifest.exportId,
      branch: manifest.branch,
      seq: manifest.seq,
      mode: manifest.mode,
      createdAt: manifest.createdAt,
    };
    if (already) {
      // The same file again: checked, and nothing to do.
      const tables = EXPORT_TABLES.map((table) => ({ table, added: 0, updated: 0, unchanged: manifest.rows[table] ?? 0 }));
      return { ...base, alreadyMerged: true, tables, conflicts: 0, linked: 0, ms: Date.now() - started };
    }
    opts.beforeWrite?.();
    // Only a file newer than every one merged from its branch may replace that branch's rows.
    const replace = place.newer;
    // A new HQ takes its page size before its first file (it is set up inside a transaction, where SQLite cannot change it).
    applyHqPageSize(db);
    const q = mergeQueries(db);
    const attached = attachedFileQueries(db);
    attached.attach(tmp!, key);
    try {
      const merged = db
        .transaction((): MergeResult => {
          const newMembers = q.newMembersInFile();
          const phonesBefore = q.phonesTheFileChanges();
          const tables: Counts[] = [];
          releaseStaffTwins(db, manifest.branch.id, place);
          step('new members');
          for (const table of EXPORT_TABLES) {
            tables.push(table === 'member_tags' ? mergeTags(db, replace) : mergeTable(db, table, replace));
            step(table);
          }
          const moved = followTombstones(db, manifest.branch.id);
          step('tombstones');
          // Moved sales make the report summaries' per-member rows stale. HQ's own reports never read
          // them: they are built again (by the job) only if a branch report is ever asked of HQ.
          if (moved > 0) invalidateSummary(db);
          const { conflicts, linked } = settleConflicts(db, manifest, phonesBefore);
          step('conflicts');
          waitAtTestGate(TEST_MERGE_GATE_ENV);
          const result: MergeResult = {
            ...base,
            alreadyMerged: false,
            tables,
            conflicts,
            linked: newMembers.filter((id) => linked.has(id)).length,
            ms: Date.now() - started,
          };
          q.recordMerge({
            export_id: manifest.exportId,
            branch_id: manifest.branch.id,
            seq: manifest.seq,
            mode: manifest.mode,
            base_seq: manifest.baseSeq,
            file_name: opts.fileName,
            created_at: manifest.createdAt,
            sha256: manifest.sha256,
            merged_at: opts.now,
            merged_by: opts.staffId,
            result_json: JSON.stringify(result),
            epoch: epochOf(manifest),
          });
          return result;
        })
        .immediate();
      step('commit');
      // The time the clerk waited, commit included (the log's copy was written before it).
      return { ...merged, ms: Date.now() - started };
    } catch (err) {
      if (err instanceof AppError) throw err;
      return refuse('invalid_content', { detail: err instanceof Error ? err.message : String(err) });
    } finally {
      attached.detach();
    }
  } finally {
    if (tmp) rmSync(tmp, { force: true });
  }
}
