import { randomUUID } from 'node:crypto';
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPORT_TABLES, type ExportManifest, type ExportTable, type MergeResult } from '../../shared/contract/hq';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import type { StoreKey } from '../../db/cipher';
import { applyHqPageSize } from '../../db/hq-layout';
import { attachedFileQueries } from '../../db/queries/hq/file';
import { mergeQueries, tableMergeQueries } from '../../db/queries/hq/merge';
import { chainCodeOf, requireKind } from './chain';
import { settleConflicts } from './conflicts';
import { contentHash } from './file';
import { keyFor, readManifest, refuse } from './merge-file';
import { mergeAuditRows } from './audit-travel';
import { mergeConsentRows } from './consent-travel';
import { epochOf, placeOf, releaseStaffTwins, type FilePlace } from './merge-order';
import { invalidateSummary } from '../reports/summaries';
import { eraseTombstonedCards } from './erasure';
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
          mergeAuditRows(db, manifest);
          step('audit rows');
          mergeConsentRows(db, manifest);
          step('consent rows');
          const moved = followTombstones(db, manifest.branch.id);
          eraseTombstonedCards(db, manifest.branch.id);
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
