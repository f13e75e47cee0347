/**
 * A branch restored from a backup goes on exporting to HQ (docs/hq.md "After a restore"). Its
 * exports made after the backup are gone from its own record, so its numbering starts again
 * from the backup's; each restore therefore starts a new **epoch** (the restore's time in ms, in
 * the branch's settings as `restore_epoch`), which every export carries and HQ compares before
 * the number: a file of a later epoch is newer than any file of an earlier one.
 *
 * - `hq_exports.epoch` (branch): the epoch the export was made in. An incremental export builds
 *   only on an export of the branch's current epoch, so the first one after a restore is full.
 * - `hq_merges.epoch` (HQ): the epoch of the file merged; the files of a branch are ordered by
 *   (epoch, seq), and an incremental file's base is looked for in its own epoch.
 *
 * Files from before any restore are epoch 0, as every export written so far.
 */
export const sql = /* sql */ `
ALTER TABLE hq_exports ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hq_merges ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
DROP INDEX hq_merges_branch;
CREATE INDEX hq_merges_branch ON hq_merges(branch_id, epoch, seq);
`;
