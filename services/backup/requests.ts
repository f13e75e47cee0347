import type { DB } from '../../db/connection';
import { backupQueries, type BackupKindName, type BackupRow } from '../../db/queries/backup/backups';
import { branchQueries } from '../../db/queries/core/branch';
import type { App, Ctx } from '../core/context';

// Who asks for a backup (docs/backup.md "When"): a request is a row in `requested`, which the
// side host's loop copies (loop.ts), or runBackups where there is no host (tests, scripts).

const HOUR_MS = 60 * 60 * 1000;
/** The start-up backup waits this long after the chores start: the first customers come first. */
export const BACKUP_AFTER_START_MS = 60_000;
/** No start-up backup when a good one is younger: a PC restarted at lunch copies nothing again. */
export const STARTUP_SKIP_MS = 12 * HOUR_MS;
/**
 * A daily backup is due when the last good one is this old. Checked hourly: a day to the minute
 * would be missed by the seconds a copy takes to begin and slip an hour every day.
 */
export const DAILY_DUE_MS = 24 * HOUR_MS - 5 * 60 * 1000;

interface Request {
  kind: BackupKindName;
  ref?: string | null;
  by: string | null;
  id: string;
  at: string;
}

/**
 * Asks for a backup: a new row in `requested`, or the open one that already asks the same (a
 * second click, a start-up request not yet taken, the same import). Answers the row.
 */
export function requestBackup(db: DB, request: Request): BackupRow {
  const q = backupQueries(db);
  const ref = request.ref ?? null;
  const open = ref === null ? q.openOfKind(request.kind) : q.forRef(request.kind, ref);
  if (open && (open.state === 'requested' || open.state === 'copying' || open.state === 'verifying')) return open;
  q.insert({ id: request.id, kind: request.kind, ref, requested_at: request.at, requested_by: request.by });
  return q.byId(request.id)!;
}

/** A request in a call's name (backup.create, import.start); `created` false when an open one asked the same already. */
export function requestInCall(ctx: Ctx, kind: BackupKindName, ref: string | null = null): { row: BackupRow; created: boolean } {
  const id = ctx.newId();
  const row = requestBackup(ctx.app.db, { kind, ref, by: ctx.caller?.id ?? null, id, at: ctx.now });
  return { row, created: row.id === id };
}

/** A request of the app's own (no staff behind it), unless the store is not set up or its file is in memory. */
function requestOwn(app: App, kind: BackupKindName): BackupRow | null {
  if (app.db.memory || !branchQueries(app.db).self()) return null;
  return requestBackup(app.db, { kind, by: null, id: app.newId(), at: app.clock.now().toISOString() });
}

const ageMs = (app: App, at: string | null | undefined) => (at ? app.clock.now().getTime() - Date.parse(at) : Infinity);

/** The start-up backup, unless a good backup is younger than STARTUP_SKIP_MS. */
export function requestStartupBackup(app: App): BackupRow | null {
  if (ageMs(app, backupQueries(app.db).lastOk()?.snapshot_at) < STARTUP_SKIP_MS) return null;
  return requestOwn(app, 'startup');
}

/** The daily backup, when the last good daily one is a day old (or there is none). */
export function requestDailyBackup(app: App): BackupRow | null {
  if (ageMs(app, backupQueries(app.db).lastOkOfKind('daily')?.snapshot_at) < DAILY_DUE_MS) return null;
  return requestOwn(app, 'daily');
}

/**
 * Where the backup asked for before an import or a merge batch stands: none asked (an import
 * started before backups existed), still to come (`wait`: its copy has not begun, or is not yet
 * checked), good, or failed.
 */
export function backupGate(db: DB, kind: BackupKindName, ref: string): 'none' | 'wait' | 'ok' | 'failed' {
  const row = backupQueries(db).forRef(kind, ref);
  if (!row) return 'none';
  if (row.state === 'ok' || row.state === 'failed') return row.state;
  return 'wait';
}
