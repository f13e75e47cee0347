import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export type BackupKindName = 'startup' | 'daily' | 'migration' | 'import' | 'merge' | 'manual' | 'restore';
export type BackupStateName = 'requested' | 'copying' | 'verifying' | 'ok' | 'failed';

export interface BackupRow {
  id: string;
  kind: BackupKindName;
  state: BackupStateName;
  ref: string | null;
  file_name: string | null;
  bytes: number | null;
  requested_at: string;
  requested_by: string | null;
  snapshot_at: string | null;
  finished_at: string | null;
  check_json: string | null;
  offsite_state: 'none' | 'copied' | 'failed';
  offsite_at: string | null;
  offsite_error: string | null;
  error: string | null;
  keep: 'daily' | 'weekly' | 'monthly' | null;
}

export interface BackupListRow extends BackupRow {
  requested_by_name: string | null;
}

export interface NewBackup {
  id: string;
  kind: BackupKindName;
  ref: string | null;
  requested_at: string;
  requested_by: string | null;
}

// `state IN (…)` as the partial index backups_open has it, so SQLite uses it.
const OPEN = "state IN ('requested', 'copying', 'verifying')";
const WITH_NAME = 'SELECT b.*, s.name AS requested_by_name FROM backups b LEFT JOIN staff s ON s.id = b.requested_by';

export const backupQueries = perDatabase((db: DB) => {
  const insert = db.prepare<NewBackup>(
    `INSERT INTO backups (id, kind, ref, requested_at, requested_by) VALUES (@id, @kind, @ref, @requested_at, @requested_by)`,
  );
  const byId = db.prepare<[string], BackupListRow>(`${WITH_NAME} WHERE b.id = ?`);
  const list = db.prepare<[number], BackupListRow>(`${WITH_NAME} ORDER BY b.id DESC LIMIT ?`);
  // A copy taken already and still to check goes first: it waits on nothing but the check.
  const next = db.prepare<[], BackupRow>(
    `SELECT * FROM backups WHERE ${OPEN} AND state != 'copying' ORDER BY state = 'requested', id LIMIT 1`,
  );
  const openOfKind = db.prepare<[string], BackupRow>(`SELECT * FROM backups WHERE ${OPEN} AND kind = ? ORDER BY id LIMIT 1`);
  const running = db.prepare<[], BackupListRow>(`${WITH_NAME} WHERE b.${OPEN} AND b.state != 'requested' ORDER BY b.id LIMIT 1`);
  const forRef = db.prepare<[string, string], BackupRow>('SELECT * FROM backups WHERE kind = ? AND ref = ? ORDER BY id DESC LIMIT 1');
  const lastOk = db.prepare<[], BackupRow>("SELECT * FROM backups WHERE state = 'ok' ORDER BY snapshot_at DESC, id DESC LIMIT 1");
  const lastOkOfKind = db.prepare<[string], BackupRow>(
    "SELECT * FROM backups WHERE state = 'ok' AND kind = ? ORDER BY snapshot_at DESC, id DESC LIMIT 1",
  );
  const lastOffsite = db.prepare<[], BackupRow>(
    "SELECT * FROM backups WHERE state = 'ok' AND offsite_state = 'copied' ORDER BY snapshot_at DESC, id DESC LIMIT 1",
  );
  const lastFinished = db.prepare<[], BackupListRow>(
    `${WITH_NAME} WHERE b.state IN ('ok', 'failed') ORDER BY b.finished_at DESC, b.id DESC LIMIT 1`,
  );
  const finishedOfKind = db.prepare<[string, string], BackupRow>(
    'SELECT * FROM backups WHERE kind = ? AND state = ? ORDER BY snapshot_at DESC, id DESC',
  );
  const nameTaken = db.prepare<[string], number>('SELECT 1 FROM backups WHERE file_name = ?').pluck();
  const claim = db.prepare<{ id: string; at: string; file_name: string }>(
    "UPDATE backups SET state = 'copying', snapshot_at = @at, file_name = @file_name WHERE id = @id AND state = 'requested'",
  );
  const copied = db.prepare<{ id: string; bytes: number }>(
    "UPDATE backups SET state = 'verifying', bytes = @bytes WHERE id = @id AND state = 'copying'",
  );
  const finish = db.prepare<{ id: string; state: 'ok' | 'failed'; error: string | null; check_json: string | null; at: string }>(
    `UPDATE backups SET state = @state, error = @error, check_json = COALESCE(@check_json, check_json), finished_at = @at
      WHERE id = @id AND ${OPEN}`,
  );
  const offsite = db.prepare<{ id: string; state: 'copied' | 'failed'; at: string; error: string | null }>(
    'UPDATE backups SET offsite_state = @state, offsite_at = @at, offsite_error = @error WHERE id = @id',
  );
  const okFiles = db.prepare<[], BackupRow>("SELECT * FROM backups WHERE state = 'ok' AND file_name IS NOT NULL ORDER BY id");
  const copyingFiles = db.prepare<[], string>("SELECT file_name FROM backups WHERE state = 'copying' AND file_name IS NOT NULL").pluck();
  const setKeep = db.prepare<[string | null, string]>('UPDATE backups SET keep = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM backups WHERE id = ?');
  // A copy cut off by a crash (or a host that was stopped) starts again from its request.
  const interrupted = db.prepare<[], { id: string; file_name: string | null }>(
    "UPDATE backups SET state = 'requested', snapshot_at = NULL, file_name = NULL WHERE state = 'copying' RETURNING id, file_name",
  );
  return {
    insert: (row: NewBackup) => insert.run(row),
    byId: (id: string) => byId.get(id) ?? null,
    /** Newest first. */
    list: (limit: number) => list.all(limit),
    /** The backup to work on next: a copy to check, else the oldest request. */
    next: () => next.get() ?? null,
    /** A request of this kind not yet ended, if any. */
    openOfKind: (kind: BackupKindName) => openOfKind.get(kind) ?? null,
    /** The backup being copied or checked, if any. */
    running: () => running.get() ?? null,
    /** The newest backup taken for an import or merge batch. */
    forRef: (kind: BackupKindName, ref: string) => forRef.get(kind, ref) ?? null,
    lastOk: () => lastOk.get() ?? null,
    lastOkOfKind: (kind: BackupKindName) => lastOkOfKind.get(kind) ?? null,
    lastOffsite: () => lastOffsite.get() ?? null,
    lastFinished: () => lastFinished.get() ?? null,
    /** Every backup of a kind in a state, the newest copy first (rotation). */
    ofKindInState: (kind: BackupKindName, state: 'ok' | 'failed') => finishedOfKind.all(kind, state),
    nameTaken: (fileName: string) => nameTaken.get(fileName) !== undefined,
    /** Takes a request for copying; false when another took it or it is gone. */
    claim: (id: string, at: string, fileName: string) => claim.run({ id, at, file_name: fileName }).changes === 1,
    copied: (id: string, bytes: number) => copied.run({ id, bytes }).changes === 1,
    finish: (id: string, state: 'ok' | 'failed', error: string | null, checkJson: string | null, at: string) =>
      finish.run({ id, state, error, check_json: checkJson, at }).changes === 1,
    offsite: (id: string, state: 'copied' | 'failed', at: string, error: string | null) => offsite.run({ id, state, at, error }),
    /** Every good backup's row (its file in the backups folder), the oldest first. */
    okFiles: () => okFiles.all(),
    /** The files being copied now (their `.partial` is no leftover). */
    copyingFiles: () => new Set(copyingFiles.all()),
    setKeep: (id: string, keep: BackupRow['keep']) => setKeep.run(keep, id),
    remove: (id: string) => remove.run(id),
    /** Puts copies cut off half-way back to requested; answers their files, to remove. */
    requeueInterrupted: () => interrupted.all(),
  };
});
