import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupsDirFor, PARTIAL_SUFFIX } from '../../db/backup-files';
import { fileState, keyOpens, rekeyFile } from '../../db/cipher';
import { keyOf } from '../../db/connection';
import { backupQueries, type BackupRow } from '../../db/queries/backup/backups';
import type { App } from '../core/context';
import { copyToDestination, OFFSITE_RETRY_MS } from './run';
import { backupSettings } from './settings';

// Once encryption is on, no backup stays readable (docs/backup.md "Encrypted stores"): the side
// host's loop (loop.ts) encrypts the backups taken before, in place, one file per turn, and copies
// each again over its plain copy at the second destination. Every backup taken after is
// encrypted already (the copy is written with the store's key).

/** Stores whose backups were all found encrypted, here and at the destination: not looked at again until the next start. */
const swept = new WeakSet<App>();
/** Files whose encryption failed since the start: not tried again every turn (a full disk would make each try rewrite it all). */
const failed = new WeakMap<App, Set<string>>();

/**
 * Whether a backup file is in clear: a plain SQLite file, or one whose encryption a crash cut off
 * (page 1 written encrypted, a hot journal beside it): opened with no key, the journal puts the
 * plain pages back, and it is encrypted again from the start.
 */
function inClear(path: string): boolean {
  const state = fileState(path);
  if (state === 'plain') return true;
  return state === 'encrypted' && existsSync(`${path}-journal`) && keyOpens(path, null);
}

/** Half-written copies a crash left (`*.partial`, with any -wal, -shm or -journal), not those being written now. */
function removeLeftovers(app: App, dir: string): void {
  if (!existsSync(dir)) return;
  const copying = backupQueries(app.db).copyingFiles();
  for (const name of readdirSync(dir)) {
    const at = name.indexOf(`.sqlite${PARTIAL_SUFFIX}`);
    if (at < 0 || copying.has(name.slice(0, at + '.sqlite'.length))) continue;
    rmSync(join(dir, name), { force: true });
    console.log(`[backup] removed ${name}, a copy left half-written`);
  }
}

/** A copy to the destination that failed less than OFFSITE_RETRY_MS ago is not tried again yet (as catchUpOffsite). */
function triedLately(app: App, row: BackupRow): boolean {
  if (row.offsite_state !== 'failed' || !row.offsite_at) return false;
  return app.clock.now().getTime() - Date.parse(row.offsite_at) < OFFSITE_RETRY_MS;
}

/**
 * One turn of the sweep: the first good backup still in clear is encrypted with the store's key
 * (db/cipher.ts rekeyFile: crash-safe, the file stays plain until it commits), and its copy at
 * the second destination, if one is there in clear, is copied again. Answers whether it did one
 * (the loop then goes straight on to the next). A plain store has nothing to do.
 */
export function encryptPlainBackup(app: App): boolean {
  const key = keyOf(app.db);
  if (!key || app.db.memory || swept.has(app)) return false;
  const dir = backupsDirFor(app.db.name);
  removeLeftovers(app, dir);
  const { destination } = backupSettings(app.db);
  const reachable = destination !== null && existsSync(destination);
  let settled = true;
  for (const row of backupQueries(app.db).okFiles()) {
    const name = row.file_name!;
    const path = join(dir, name);
    if (failed.get(app)?.has(name)) continue;
    const here = inClear(path);
    if (here) {
      try {
        rekeyFile(path, null, key);
      } catch (err) {
        // The disk full, the file held by another program: left as it was (rekeyFile rolls back), tried at the next start.
        console.error(`[backup] ${name} is in clear and could not be encrypted`, err);
        failed.set(app, (failed.get(app) ?? new Set()).add(name));
        return true;
      }
      console.log(`[backup] ${name} was in clear: encrypted with the store's key`);
    }
    if (reachable && fileState(join(destination, name)) === 'plain') {
      if (triedLately(app, row)) settled = false;
      else {
        copyToDestination(app, row);
        console.log(`[backup] ${name} copied again, encrypted, over its copy in clear at the second destination`);
        if (!here) return true;
      }
    }
    if (here) return true;
  }
  // A destination away (a USB stick out) may still hold a copy in clear: looked at again next turn.
  if (settled && (destination === null || reachable)) swept.add(app);
  return false;
}
