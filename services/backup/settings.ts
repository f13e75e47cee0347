import { constants, accessSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { BackupSettings, DEFAULT_BACKUP_SETTINGS, type BackupSettings as Settings } from '../../shared/contract/backup';
import { validationError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';

// The backups' settings, one key in the settings table; absent, the defaults (docs/backup.md).

const KEY = 'backup_settings';

export function backupSettings(db: DB): Settings {
  const raw = branchQueries(db).setting(KEY);
  if (raw === null) return DEFAULT_BACKUP_SETTINGS;
  const parsed = BackupSettings.safeParse({ ...DEFAULT_BACKUP_SETTINGS, ...(JSON.parse(raw) as object) });
  return parsed.success ? parsed.data : DEFAULT_BACKUP_SETTINGS;
}

export function saveBackupSettings(db: DB, settings: Settings): void {
  branchQueries(db).setSetting(KEY, JSON.stringify(settings));
}

/**
 * Why `folder` cannot be the second destination, or null when it can: an absolute path to a
 * folder that is there and takes a file (written and removed again: as root, or on a network
 * share, asking for permission says yes to what a write then refuses).
 */
export function destinationProblem(
  folder: string,
): 'folder_not_absolute' | 'folder_missing' | 'not_a_folder' | 'folder_not_writable' | null {
  if (!isAbsolute(folder)) return 'folder_not_absolute';
  const info = statSync(folder, { throwIfNoEntry: false });
  if (!info) return 'folder_missing';
  if (!info.isDirectory()) return 'not_a_folder';
  const probe = join(folder, `.branchdesk-write-test-${process.pid}`);
  try {
    accessSync(folder, constants.W_OK);
    writeFileSync(probe, '');
    rmSync(probe);
    return null;
  } catch {
    return 'folder_not_writable';
  }
}

/** The settings as saved: the destination checked first (VALIDATION on `destination` with the reason). */
export function checkedSettings(settings: Settings): Settings {
  if (settings.destination !== null) {
    const rule = destinationProblem(settings.destination);
    if (rule) throw validationError([{ field: 'destination', rule }]);
  }
  return settings;
}
