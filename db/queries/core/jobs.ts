import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  params_json: string;
  cursor_json: string | null;
  done: number;
  total: number | null;
  result_json: string | null;
  error: string | null;
  started_by: string | null;
  created_at: string;
  started_at: string | null;
  updated_at: string;
  finished_at: string | null;
  run_started_at: string | null;
  run_started_done: number | null;
  audited: 0 | 1;
  superseded_by: string | null;
  cancelled_by: string | null;
}

export interface JobListRow extends JobRow {
  started_by_name: string | null;
}

export interface NewJob {
  id: string;
  kind: string;
  params_json: string;
  started_by: string | null;
  at: string;
}

/** A slice's outcome, written in the slice's own transaction with the work it did. */
export interface JobProgress {
  id: string;
  cursor_json: string | null;
  done: number;
  total: number | null;
  result_json: string;
  audited: 0 | 1;
  at: string;
}

// `state IN ('queued', 'running')` is written as the partial index jobs_open has it, so SQLite uses it.
const OPEN = "state IN ('queued', 'running')";

export const jobQueries = perDatabase((db: DB) => {
  const insert = db.prepare<NewJob>(
    `INSERT INTO jobs (id, kind, state, params_json, started_by, created_at, updated_at)
     VALUES (@id, @kind, 'queued', @params_json, @started_by, @at, @at)`,
  );
  const byId = db.prepare<[string], JobListRow>(
    'SELECT j.*, s.name AS started_by_name FROM jobs j LEFT JOIN staff s ON s.id = j.started_by WHERE j.id = ?',
  );
  const open = db.prepare<[], JobListRow>(
    `SELECT j.*, s.name AS started_by_name FROM jobs j LEFT JOIN staff s ON s.id = j.started_by WHERE ${OPEN} ORDER BY j.id`,
  );
  const finishedRecently = db.prepare<[number], JobListRow>(
    `SELECT j.*, s.name AS started_by_name FROM jobs j LEFT JOIN staff s ON s.id = j.started_by
      WHERE state NOT IN ('queued', 'running') ORDER BY j.id DESC LIMIT ?`,
  );
  const openOfKind = db.prepare<[string], JobRow>(`SELECT * FROM jobs WHERE ${OPEN} AND kind = ? ORDER BY id`);
  // Running before queued: a job a restart interrupted goes on before anything newer starts.
  const next = db.prepare<[], JobRow>(`SELECT * FROM jobs WHERE ${OPEN} ORDER BY state = 'queued', id LIMIT 1`);
  const begin = db.prepare<{ id: string; at: string }>(
    `UPDATE jobs SET state = 'running', started_at = COALESCE(started_at, @at), run_started_at = @at, run_started_done = done,
       updated_at = @at WHERE id = @id AND ${OPEN}`,
  );
  const progress = db.prepare<JobProgress>(
    `UPDATE jobs SET cursor_json = @cursor_json, done = @done, total = @total, result_json = @result_json, audited = @audited,
       updated_at = @at WHERE id = @id AND state = 'running'`,
  );
  const finish = db.prepare<{ id: string; state: 'done' | 'failed'; error: string | null; at: string }>(
    `UPDATE jobs SET state = @state, error = @error, finished_at = @at, updated_at = @at, run_started_at = NULL, run_started_done = NULL
      WHERE id = @id AND ${OPEN}`,
  );
  const cancel = db.prepare<{ id: string; by: string | null; superseded_by: string | null; at: string }>(
    `UPDATE jobs SET state = 'cancelled', cancelled_by = @by, superseded_by = @superseded_by, finished_at = @at, updated_at = @at,
       run_started_at = NULL, run_started_done = NULL
      WHERE id = @id AND ${OPEN}`,
  );
  return {
    insert: (job: NewJob) => insert.run(job),
    byId: (id: string) => byId.get(id) ?? null,
    /** Every job still to run or to finish, oldest first. */
    open: () => open.all(),
    /** The latest jobs that have ended, newest first. */
    finishedRecently: (limit: number) => finishedRecently.all(limit),
    openOfKind: (kind: string) => openOfKind.all(kind),
    /** The job the runner takes next, if any. */
    next: () => next.get() ?? null,
    /** Marks the start of a run: a queued job's first, or a resumption after a restart. */
    begin: (id: string, at: string) => begin.run({ id, at }).changes === 1,
    progress: (p: JobProgress) => progress.run(p).changes === 1,
    finish: (id: string, state: 'done' | 'failed', error: string | null, at: string) => finish.run({ id, state, error, at }).changes === 1,
    /** Cancels a job still open; false when it had already ended. */
    cancel: (id: string, by: string | null, supersededBy: string | null, at: string) =>
      cancel.run({ id, by, superseded_by: supersededBy, at }).changes === 1,
  };
});
