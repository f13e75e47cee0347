import type { Backup, BackupCheck, BackupStatus } from '../../shared/contract/backup';
import type { DB } from '../../db/connection';
import { backupQueries, type BackupListRow } from '../../db/queries/backup/backups';
import { branchQueries } from '../../db/queries/core/branch';
import { backupSettings } from './settings';

// The backups as the settings page and the dashboard read them (shared/contract/backup.ts).

const DAY_MS = 24 * 60 * 60 * 1000;

export function backupView(row: BackupListRow): Backup {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    ref: row.ref,
    fileName: row.file_name,
    bytes: row.bytes,
    requestedAt: row.requested_at,
    requestedBy: row.requested_by && row.requested_by_name !== null ? { id: row.requested_by, name: row.requested_by_name } : null,
    snapshotAt: row.snapshot_at,
    finishedAt: row.finished_at,
    check: row.check_json === null ? null : (JSON.parse(row.check_json) as BackupCheck),
    offsite: { state: row.offsite_state, at: row.offsite_at, error: row.offsite_error as Backup['offsite']['error'] },
    error: row.error as Backup['error'],
    keep: row.keep,
  };
}

/** The row with its requester's name, as backup.create and backup.list answer it. */
export function backupById(db: DB, id: string): Backup {
  const row = backupQueries(db).byId(id);
  if (!row) throw new Error(`backup ${id} is gone`);
  return backupView(row);
}

/**
 * Is the store's data safe enough: the warning the dashboard shows when the last good copy off
 * this machine (with no second destination set, the last good backup at all) is older than the
 * settings' days. A store with none yet is measured from its setup, so a new store is not warned
 * about in its first minute (its start-up backup comes a minute after it starts).
 */
export function backupStatus(db: DB, now: string): BackupStatus {
  const q = backupQueries(db);
  const settings = backupSettings(db);
  const lastOk = q.lastOk();
  const lastOffsite = q.lastOffsite();
  const offsiteSet = settings.destination !== null;
  const safeSince = (offsiteSet ? lastOffsite : lastOk)?.snapshot_at ?? branchQueries(db).self()?.created_at ?? null;
  const running = q.running();
  const lastFinished = q.lastFinished();
  return {
    lastOkAt: lastOk?.snapshot_at ?? null,
    lastOffsiteAt: lastOffsite?.snapshot_at ?? null,
    offsiteSet,
    // A database not set up yet holds nothing to lose.
    offsiteOverdue: safeSince !== null && Date.parse(now) - Date.parse(safeSince) > settings.warnDays * DAY_MS,
    warnDays: settings.warnDays,
    offsiteError: lastOk?.offsite_state === 'failed' ? (lastOk.offsite_error as BackupStatus['offsiteError']) : null,
    running: running ? backupView(running) : null,
    lastFailed: lastFinished?.state === 'failed' ? backupView(lastFinished) : null,
  };
}
