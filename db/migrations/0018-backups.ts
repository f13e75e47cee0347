/**
 * Backups (docs/backup.md): each copy of the store the app takes, one row from the request to the
 * verified file. A request is a row in `requested`; the side host (electron/backend/host.ts) takes
 * the oldest, copies the store into the backups folder beside the database (`copying`, with
 * `snapshot_at` the instant its copy began), checks the copy (`verifying`) and ends it `ok` or
 * `failed`; then the second destination's copy (`offsite_*`) and the rotation (`keep`: which slot
 * keeps a daily backup). A copy taken before a migration, while the app was not serving yet, is
 * registered `verifying` and checked once the side host runs.
 *
 * - `kind`: why it was taken (the start, the day, a migration, an import or HQ merge batch it
 *   guards, an admin's request, the state a restore replaced); `ref` names the import or batch.
 * - `file_name`: the file in the backups folder, written as `<file_name>.partial` and renamed
 *   once whole, so a half-written copy is never a backup.
 * - `check_json`: what the check found (integrity, members counted, balances that disagree with
 *   their ledger or open lots), and how long copying and checking took.
 * - `error` / `offsite_error`: reason codes the app translates (shared/contract/backup.ts).
 *
 * The table is the store's own bookkeeping: it never travels to HQ. A backup file holds it as it
 * was when its copy began (its own row says `copying`).
 */
export const sql = /* sql */ `
CREATE TABLE backups (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('startup', 'daily', 'migration', 'import', 'merge', 'manual', 'restore')),
  state         TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'copying', 'verifying', 'ok', 'failed')),
  ref           TEXT,
  file_name     TEXT,
  bytes         INTEGER CHECK (bytes >= 0),
  requested_at  TEXT NOT NULL,
  requested_by  TEXT REFERENCES staff(id),
  snapshot_at   TEXT,
  finished_at   TEXT,
  check_json    TEXT,
  offsite_state TEXT NOT NULL DEFAULT 'none' CHECK (offsite_state IN ('none', 'copied', 'failed')),
  offsite_at    TEXT,
  offsite_error TEXT,
  error         TEXT,
  keep          TEXT CHECK (keep IN ('daily', 'weekly', 'monthly')),
  CHECK ((state = 'failed') = (error IS NOT NULL))
);

-- The side host's queue: what is still to copy or to check, oldest first (ids are UUIDv7).
CREATE INDEX backups_open ON backups(id) WHERE state IN ('requested', 'copying', 'verifying');
-- The newest backup of a kind (is a daily one due?), and the one an import or a merge batch waits for.
CREATE INDEX backups_kind ON backups(kind, ref, id);
`;
