import { copyFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { PARTIAL_SUFFIX } from '../../db/backup-files';
import type { OffsiteError } from '../../shared/contract/backup';
import { addToErasureFile, erasureFileBeside, readErasureFile } from '../members/erasure-list';

// The second destination (docs/backup.md): a folder the store picked, off this PC's disk if it is
// wise (a USB stick, a network folder). What goes wrong there is recorded on the backup and shown
// on the dashboard, never thrown: it runs on the side host, far from any sale.

function reasonOf(err: unknown): OffsiteError {
  switch ((err as { code?: unknown } | null)?.code) {
    case 'ENOENT':
      return 'destination_missing';
    case 'ENOTDIR':
      return 'destination_not_folder';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'destination_not_writable';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'destination_full';
    default:
      return 'destination_failed';
  }
}

/**
 * Copies a checked backup file into the destination folder, as `<name>.partial` renamed once
 * whole, so a stick pulled out half-way leaves no file that looks like a backup. Answers null
 * when copied, else why not.
 */
export function copyOffsite(file: string, destination: string): OffsiteError | null {
  const info = statSync(destination, { throwIfNoEntry: false });
  if (!info) return 'destination_missing';
  if (!info.isDirectory()) return 'destination_not_folder';
  const target = join(destination, basename(file));
  const partial = target + PARTIAL_SUFFIX;
  try {
    copyFileSync(file, partial);
    renameSync(partial, target);
    // A restore from this copy onto another PC erases again whoever the store erased (docs/backup.md "The erasure list").
    const erasures = readErasureFile(erasureFileBeside(file));
    if (erasures.length > 0) addToErasureFile(erasureFileBeside(target), erasures);
    return null;
  } catch (err) {
    console.error(`[backup] the copy to ${destination} failed`, err);
    try {
      rmSync(partial, { force: true });
    } catch {
      // the stick is gone: nothing to tidy
    }
    return reasonOf(err);
  }
}

/** Removes a rotated backup's copy from the destination, if it is there; never throws. */
export function removeOffsite(fileName: string, destination: string | null): void {
  if (destination === null) return;
  try {
    rmSync(join(destination, fileName), { force: true });
  } catch (err) {
    console.error(`[backup] could not remove ${fileName} from ${destination}`, err);
  }
}
