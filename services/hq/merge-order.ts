import type { ExportManifest } from '../../shared/contract/hq';
import type { DB } from '../../db/connection';
import { mergeQueries } from '../../db/queries/hq/merge';
import { staffTwinQueries } from '../../db/queries/hq/restored-branch';

// Where a file stands among those HQ merged from its branch (docs/hq.md "After a restore"). A
// branch restored from a backup numbers its exports again from the backup's, so its files are
// ordered by restore epoch first (the manifest's `restoreEpoch`, 0 before any restore), then by
// number: a file of a later epoch is newer than every file of an earlier one, whatever their
// numbers, and an incremental file builds on an export of its own epoch.

export interface FilePlace {
  /** newer than every file HQ merged from the branch: its profile rows replace HQ's */
  newer: boolean;
  /** the newest number HQ merged of the file's own epoch (an incremental file's base must be at most this) */
  lastSeqOfEpoch: number;
  /** the branch has been restored (this file, or one HQ merged, is of a later epoch than 0) */
  restored: boolean;
}

export const epochOf = (manifest: Pick<ExportManifest, 'restoreEpoch'>) => manifest.restoreEpoch ?? 0;

export function placeOf(db: DB, manifest: ExportManifest): FilePlace {
  const q = mergeQueries(db);
  const epoch = epochOf(manifest);
  const newest = q.newestMerged(manifest.branch.id);
  return {
    newer: epoch > newest.epoch || (epoch === newest.epoch && manifest.seq > newest.seq),
    lastSeqOfEpoch: q.lastMergedSeq(manifest.branch.id, epoch),
    restored: epoch > 0 || newest.epoch > 0,
  };
}

/**
 * A restored branch's staff lost with its old store and a colleague added again since under the
 * same name: the older row keeps the name with the end of its id (db/queries/hq/restored-branch.ts),
 * whichever file comes first, so A then B still equals B then A. Inside the merge's transaction,
 * with the file attached.
 */
export function releaseStaffTwins(db: DB, branchId: string, place: FilePlace): void {
  if (!place.restored) return;
  const q = staffTwinQueries(db);
  if (place.newer) q.renameOlderAtHq(branchId);
  else q.renameOlderInFile();
}
