/**
 * Background jobs (services/core/jobs, docs/jobs.md): long work, such as re-evaluating every
 * member's tier after a rule change or the start of the month's points expiry, runs in slices
 * of one short transaction each, so the counter's calls slip in between. A job's row is where
 * it stands: each slice commits its work together with the job's new `cursor_json` (where the
 * next slice starts) and `done`, so a job killed half-way resumes from its last slice on the
 * next start.
 *
 * - `params_json`: what the job was asked, fixed when queued (the expiry's cut-off instant).
 * - `result_json`: the running tally of what the slices did ({reevaluated, changed} …), the
 *   job's answer once it is done.
 * - `run_started_at` / `run_started_done`: when this run of the job began and how far it had
 *   got then, for the time left (a job resumed after a restart is timed from its resumption);
 *   cleared when the job ends, so a job resumed ends as one run straight through would.
 * - `audited`: the job has written its `jobs.started` audit row (the first slice that changed
 *   data does, in that slice's transaction).
 * - `superseded_by` / `cancelled_by`: why a job stopped before its end.
 *
 * The table is the branch's own bookkeeping: it never travels to HQ.
 */
export const sql = /* sql */ `
CREATE TABLE jobs (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  params_json      TEXT NOT NULL DEFAULT '{}',
  cursor_json      TEXT,
  done             INTEGER NOT NULL DEFAULT 0 CHECK (done >= 0),
  total            INTEGER CHECK (total >= 0),
  result_json      TEXT,
  error            TEXT,
  started_by       TEXT REFERENCES staff(id),
  created_at       TEXT NOT NULL,
  started_at       TEXT,
  updated_at       TEXT NOT NULL,
  finished_at      TEXT,
  run_started_at   TEXT,
  run_started_done INTEGER,
  audited          INTEGER NOT NULL DEFAULT 0 CHECK (audited IN (0, 1)),
  superseded_by    TEXT REFERENCES jobs(id),
  cancelled_by     TEXT REFERENCES staff(id)
);

-- The runner's queue: the jobs still to run or to resume, oldest first (ids are UUIDv7).
CREATE INDEX jobs_open ON jobs(id) WHERE state IN ('queued', 'running');
`;
