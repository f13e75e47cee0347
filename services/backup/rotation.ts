import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupsDirFor } from '../../db/backup-files';
import type { DB } from '../../db/connection';
import { backupQueries, type BackupKindName, type BackupRow } from '../../db/queries/backup/backups';
import { addDaysTo, localDay } from '../../shared/local-date';
import { BACKUP_KINDS, type BackupRotation, type KeepSlot } from '../../shared/contract/backup';
import { timeZone } from '../core/branch';
import { removeOffsite } from './offsite';
import { backupSettings } from './settings';

// Rotation (docs/backup.md "Rotation"): the daily backups are thinned as a grandfather-father-son
// scheme keeps them, by the store's own calendar: the newest backup of each of the last `daily`
// days, of the last `weekly` weeks (Monday to Sunday) and of the last `monthly` months that have
// one. Of every other kind the newest `others` are kept, and as many failed rows of each kind
// (their files are gone already). What no slot keeps goes, file, second copy and row.

export interface Taken {
  id: string;
  snapshotAt: string;
}

/**
 * The slot that keeps each daily backup (the longest-lived it holds: a month's backup that is
 * also this week's says monthly); those given none are to go. `newestFirst` in snapshot order.
 */
export function dailySlots(newestFirst: readonly Taken[], rotation: BackupRotation, zone: string): Map<string, KeepSlot> {
  const days = newestFirst.map((b) => ({ id: b.id, ...localDay(b.snapshotAt, zone) }));
  const newestOf = (period: (d: (typeof days)[number]) => string, count: number): Set<string> => {
    const seen = new Set<string>();
    const kept = new Set<string>();
    for (const d of days) {
      const key = period(d);
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      kept.add(d.id);
    }
    return kept;
  };
  const monthly = newestOf((d) => d.date.slice(0, 7), rotation.monthly);
  // A week starts on Monday (weekday 1); Sunday (0) ends it.
  const weekly = newestOf((d) => addDaysTo(d.date, -((d.weekday + 6) % 7)), rotation.weekly);
  const daily = newestOf((d) => d.date, rotation.daily);
  const slots = new Map<string, KeepSlot>();
  for (const { id } of days) {
    const slot: KeepSlot | null = monthly.has(id) ? 'monthly' : weekly.has(id) ? 'weekly' : daily.has(id) ? 'daily' : null;
    if (slot) slots.set(id, slot);
  }
  return slots;
}

/** Removes a backup's file, its second copy and its row; false (all kept) when the file would not go. */
function discard(db: DB, row: BackupRow, destination: string | null): boolean {
  if (row.file_name !== null) {
    try {
      rmSync(join(backupsDirFor(db.name), row.file_name), { force: true });
    } catch (err) {
      // Windows keeps a file someone has open: tried again at the next rotation.
      console.error(`[backup] could not remove ${row.file_name}`, err);
      return false;
    }
    if (row.offsite_state === 'copied') removeOffsite(row.file_name, destination);
  }
  backupQueries(db).remove(row.id);
  return true;
}

/** Applies the rotation to every backup that has ended; answers how many went. */
export function rotateBackups(db: DB): number {
  const q = backupQueries(db);
  const { rotation, destination } = backupSettings(db);
  let removed = 0;
  const daily = q.ofKindInState('daily', 'ok');
  const slots = dailySlots(
    daily.map((b) => ({ id: b.id, snapshotAt: b.snapshot_at ?? b.requested_at })),
    rotation,
    timeZone(db),
  );
  for (const row of daily) {
    const slot = slots.get(row.id) ?? null;
    if (slot === null) removed += discard(db, row, destination) ? 1 : 0;
    else if (slot !== row.keep) q.setKeep(row.id, slot);
  }
  for (const kind of BACKUP_KINDS) {
    const ended = [...(kind === 'daily' ? [] : q.ofKindInState(kind as BackupKindName, 'ok')), ...q.ofKindInState(kind, 'failed')];
    // Each state keeps its own newest `others`: a run of failures never pushes out the last good copy.
    for (const state of ['ok', 'failed'] as const) {
      const rows = ended.filter((r) => r.state === state);
      for (const row of rows.slice(rotation.others)) removed += discard(db, row, destination) ? 1 : 0;
    }
  }
  return removed;
}
