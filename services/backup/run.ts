import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupFileName, backupsDirFor, copyDatabase, copyFailureReason } from '../../db/backup-files';
import { copyInOneStep } from '../../db/backup-copy';
import { backupQueries, type BackupKindName, type BackupRow } from '../../db/queries/backup/backups';
import { branchQueries } from '../../db/queries/core/branch';
import type { App, Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { timeZone } from '../core/branch';
import { AppError } from '../../shared/errors';
import { copyOffsite } from './offsite';
import { requestBackup } from './requests';
import { rotateBackups } from './rotation';
import { backupSettings } from './settings';
import { verifyCopy } from './verify';

// Taking a backup (docs/backup.md), from its row in `requested` to its end: the copy, in one go
// from one read snapshot, on the connection of whoever runs it, which must be a thread nothing
// else waits on: the side host's loop (loop.ts) copies with the backup API in one step
// (db/backup-copy.ts: it measured faster); what cannot await (an HQ merge batch's call, tests and
// scripts) with VACUUM INTO. Not a background job: a slice cannot copy 17 GB, and a copy in steps
// starts over whenever the counter writes between two of them (docs/jobs.md).

export interface BackupHooks {
  /** Test-only: called with the copy's path between the copy and its check (a test damages it there). */
  beforeVerify?: (file: string) => void;
}

/** A second copy that failed is tried again, for the newest good backup, after this long (a USB stick put back). */
export const OFFSITE_RETRY_MS = 10 * 60 * 1000;

const nowOf = (app: App) => app.clock.now().toISOString();

/** Claims a request for copying: its file's path, or null when another took it. */
function claim(app: App, row: BackupRow): string | null {
  const q = backupQueries(app.db);
  const at = nowOf(app);
  const dir = backupsDirFor(app.db.name);
  const code = branchQueries(app.db).self()?.code ?? null;
  const fileName = backupFileName(code, row.kind, at, timeZone(app.db), (name) => q.nameTaken(name) || existsSync(join(dir, name)));
  // Committed before the copy starts: the import this backup guards sees it taken.
  return q.claim(row.id, at, fileName) ? join(dir, fileName) : null;
}

/** Records how a copy went: its row `verifying` with the file's bytes, or `failed`. */
function copied(app: App, row: BackupRow, outcome: { bytes: number } | { error: unknown }): BackupRow {
  const q = backupQueries(app.db);
  if ('bytes' in outcome) q.copied(row.id, outcome.bytes);
  else {
    console.error(`[backup] the copy of backup ${row.id} failed`, outcome.error);
    q.finish(row.id, 'failed', copyFailureReason(outcome.error), null, nowOf(app));
  }
  return q.byId(row.id)!;
}

/** Claims a request and copies the store, here and now (VACUUM INTO: docs/backup.md "The copy"). */
function copyNow(app: App, row: BackupRow): { row: BackupRow; copyMs: number | null } {
  const path = claim(app, row);
  if (path === null) return { row: backupQueries(app.db).byId(row.id) ?? row, copyMs: null };
  const started = performance.now();
  try {
    if (app.db.memory) throw new Error('A database in memory has no file to back up');
    return { row: copied(app, row, { bytes: copyDatabase(app.db, path) }), copyMs: performance.now() - started };
  } catch (error) {
    return { row: copied(app, row, { error }), copyMs: null };
  }
}

/** Claims a request and copies the store with the backup API in one step: the side host's way. */
async function copyInOneGo(app: App, row: BackupRow): Promise<{ row: BackupRow; copyMs: number | null }> {
  const path = claim(app, row);
  if (path === null) return { row: backupQueries(app.db).byId(row.id) ?? row, copyMs: null };
  const started = performance.now();
  try {
    if (app.db.memory) throw new Error('A database in memory has no file to back up');
    return { row: copied(app, row, { bytes: await copyInOneStep(app.db, path) }), copyMs: performance.now() - started };
  } catch (error) {
    return { row: copied(app, row, { error }), copyMs: null };
  }
}

/** Checks a copy: `ok`, or `failed` with the copy removed (a damaged copy is no backup). */
function verify(app: App, row: BackupRow, copyMs: number | null, hooks: BackupHooks): BackupRow {
  const q = backupQueries(app.db);
  const path = join(backupsDirFor(app.db.name), row.file_name ?? '');
  if (row.file_name === null || !existsSync(path)) {
    q.finish(row.id, 'failed', 'missing', null, nowOf(app));
    return q.byId(row.id)!;
  }
  hooks.beforeVerify?.(path);
  const { check, error } = verifyCopy(path, app.db, copyMs);
  if (error) {
    console.error(`[backup] backup ${row.id} failed its check: ${error}`, check.problems, check.mismatched);
    rmSync(path, { force: true });
  }
  q.finish(row.id, error ? 'failed' : 'ok', error, JSON.stringify(check), nowOf(app));
  return q.byId(row.id)!;
}

/** Copies a good backup to the second destination, when one is set, and records how it went. */
export function copyToDestination(app: App, row: BackupRow): void {
  const { destination } = backupSettings(app.db);
  if (destination === null || row.file_name === null) return;
  const error = copyOffsite(join(backupsDirFor(app.db.name), row.file_name), destination);
  backupQueries(app.db).offsite(row.id, error ? 'failed' : 'copied', nowOf(app), error);
}

/** A backup copied (or not) taken to its end: checked, copied to the second destination, rotated. */
function finish(app: App, copiedRow: BackupRow, copyMs: number | null, hooks: BackupHooks): BackupRow {
  let row = copiedRow;
  if (row.state === 'verifying') row = verify(app, row, copyMs, hooks);
  if (row.state === 'ok') copyToDestination(app, row);
  rotateBackups(app.db);
  return backupQueries(app.db).byId(row.id) ?? row;
}

/**
 * Takes a backup on from where its row stands (to copy, or to check) to its end, here and now,
 * synchronously (the copy by VACUUM INTO); answers the row as it ended.
 */
export function runBackup(app: App, start: BackupRow, hooks: BackupHooks = {}): BackupRow {
  const { row, copyMs } = start.state === 'requested' ? copyNow(app, start) : { row: start, copyMs: null };
  return finish(app, row, copyMs, hooks);
}

/** The same, copying with the backup API in one step, as the side host's loop takes its backups. */
export async function takeBackup(app: App, start: BackupRow, hooks: BackupHooks = {}): Promise<BackupRow> {
  const { row, copyMs } = start.state === 'requested' ? await copyInOneGo(app, start) : { row: start, copyMs: null };
  return finish(app, row, copyMs, hooks);
}

/** Takes the next backup waiting (a copy to check first, else the oldest request) as the side host does; null when none waits. */
export async function takeNextBackup(app: App, hooks: BackupHooks = {}): Promise<BackupRow | null> {
  const next = backupQueries(app.db).next();
  return next ? takeBackup(app, next, hooks) : null;
}

/** The same, synchronously (VACUUM INTO), for tests and scripts. */
export function runNextBackup(app: App, hooks: BackupHooks = {}): BackupRow | null {
  const next = backupQueries(app.db).next();
  return next ? runBackup(app, next, hooks) : null;
}

/**
 * The newest good backup, copied to the second destination if it has not been: one taken before
 * the destination was set, or whose copy failed more than OFFSITE_RETRY_MS ago (the stick is
 * back). Answers whether it tried.
 */
export function catchUpOffsite(app: App): boolean {
  if (backupSettings(app.db).destination === null) return false;
  const last = backupQueries(app.db).lastOk();
  if (!last || last.offsite_state === 'copied') return false;
  const failedAt = last.offsite_state === 'failed' && last.offsite_at ? Date.parse(last.offsite_at) : null;
  if (failedAt !== null && app.clock.now().getTime() - failedAt < OFFSITE_RETRY_MS) return false;
  copyToDestination(app, last);
  return true;
}

/** Copies cut off by a crash start again from their request, their half-written files removed. Only where no copy runs. */
export function requeueInterrupted(app: App): void {
  const dir = backupsDirFor(app.db.name);
  for (const row of backupQueries(app.db).requeueInterrupted()) {
    if (!row.file_name) continue;
    for (const name of [row.file_name, ...['', '-wal', '-shm'].map((end) => `${row.file_name}.partial${end}`)]) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/**
 * Takes every backup waiting, here and now, synchronously: what the side host's loop does, for
 * tests and scripts where no host runs (copying by VACUUM INTO, which needs no await). Answers
 * the backups as they ended.
 */
export function runBackups(app: App, hooks: BackupHooks = {}): BackupRow[] {
  requeueInterrupted(app);
  const ended: BackupRow[] = [];
  for (let row = runNextBackup(app, hooks); row; row = runNextBackup(app, hooks)) ended.push(row);
  catchUpOffsite(app);
  return ended;
}

/**
 * A backup taken at once, in the caller's thread, before something that must not start without
 * one: the first HQ merge of a batch (which already runs on the side host), the state a restore
 * replaces. An open request that asks the same is taken on instead of a second one.
 */
export function backupNow(app: App, request: { kind: BackupKindName; ref: string | null; by: string | null }): BackupRow {
  const row = requestBackup(app.db, { ...request, id: app.newId(), at: nowOf(app) });
  return row.state === 'ok' || row.state === 'failed' ? row : runBackup(app, row);
}

/**
 * The backup an HQ merge batch takes before its first file (one per batch, not per file): taken
 * now, in the call's name, if the batch has none yet; a batch whose backup failed merges nothing
 * (BACKUP_FAILED, with the backup's reason), as an import does not start without one.
 */
export function backupBeforeBatch(ctx: Ctx, batch: string): void {
  const db = ctx.app.db;
  const existing = backupQueries(db).forRef('merge', batch);
  const ended = existing?.state === 'ok' || existing?.state === 'failed' ? existing : null;
  const row = ended ?? backupNow(ctx.app, { kind: 'merge', ref: batch, by: ctx.caller?.id ?? null });
  if (!ended) {
    db.transaction(() =>
      writeAudit(ctx, { action: 'backup.beforeMerge', entity: 'backup', entityId: row.id, after: { batch, state: row.state } }),
    )();
  }
  if (row.state !== 'ok') {
    throw new AppError('BACKUP_FAILED', 'The backup before this merge failed: nothing was merged', {
      reason: row.error ?? 'copy_failed',
      backupId: row.id,
      when: 'merge',
    });
  }
}
