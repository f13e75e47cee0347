import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface ImportRecord {
  id: string;
  kind: 'members' | 'sales';
  state: 'opened' | 'previewing' | 'previewed' | 'importing' | 'done' | 'cancelled' | 'failed';
  file_name: string;
  upload: string | null;
  file_json: string;
  sample_json: string;
  mapping_json: string;
  mapping_remembered: 0 | 1;
  year_last: 'monthFirst' | 'dayFirst' | null;
  counts_json: string | null;
  notices_json: string | null;
  cleaning_json: string | null;
  options_json: string | null;
  job_id: string | null;
  consent_by: string | null;
  consent_at: string | null;
  error: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface ImportView extends ImportRecord {
  created_by_name: string | null;
  consent_by_name: string | null;
  job_result_json: string | null;
  job_state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | null;
  job_error: string | null;
}

export interface StagedRow {
  import_id: string;
  row: number;
  action: 'create' | 'update' | 'skip' | 'invalid';
  member_id: string | null;
  values_json: string | null;
  cells_json: string;
  problems_json: string | null;
  steps_json: string | null;
  duplicate_json: string | null;
  sale_key: string | null;
  written_id: string | null;
  before_json: string | null;
}

const VIEW = `SELECT i.*, c.name AS created_by_name, d.name AS consent_by_name, j.result_json AS job_result_json,
    j.state AS job_state, j.error AS job_error
  FROM imports i LEFT JOIN staff c ON c.id = i.created_by LEFT JOIN staff d ON d.id = i.consent_by
  LEFT JOIN jobs j ON j.id = i.job_id`;

/** The imports and the rows their previews staged (migration 0016). */
export const importQueries = perDatabase((db: DB) => {
  const insert = db.prepare<ImportRecord>(
    `INSERT INTO imports (id, kind, state, file_name, upload, file_json, sample_json, mapping_json, mapping_remembered,
       year_last, counts_json, notices_json, cleaning_json, options_json, job_id, consent_by, consent_at, error,
       created_at, created_by, updated_at)
     VALUES (@id, @kind, @state, @file_name, @upload, @file_json, @sample_json, @mapping_json, @mapping_remembered,
       @year_last, @counts_json, @notices_json, @cleaning_json, @options_json, @job_id, @consent_by, @consent_at, @error,
       @created_at, @created_by, @updated_at)`,
  );
  const save = db.prepare<ImportRecord>(
    `UPDATE imports SET state = @state, upload = @upload, mapping_json = @mapping_json, mapping_remembered = @mapping_remembered,
       year_last = @year_last, counts_json = @counts_json, notices_json = @notices_json, cleaning_json = @cleaning_json,
       options_json = @options_json, job_id = @job_id, consent_by = @consent_by, consent_at = @consent_at, error = @error,
       updated_at = @updated_at
     WHERE id = @id`,
  );
  const progress = db.prepare<[string, string]>("UPDATE imports SET counts_json = ? WHERE id = ? AND state = 'previewing'");
  const byId = db.prepare<[string], ImportView>(`${VIEW} WHERE i.id = ?`);
  const page = db.prepare<[number, number], ImportView>(`${VIEW} ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?`);
  const count = db.prepare<[], number>('SELECT count(*) FROM imports').pluck();

  const insertRow = db.prepare<StagedRow>(
    `INSERT INTO import_rows (import_id, row, action, member_id, values_json, cells_json, problems_json, steps_json,
       duplicate_json, sale_key, written_id, before_json)
     VALUES (@import_id, @row, @action, @member_id, @values_json, @cells_json, @problems_json, @steps_json,
       @duplicate_json, @sale_key, @written_id, @before_json)`,
  );
  const clearRows = db.prepare<{ id: string; limit: number }>(
    'DELETE FROM import_rows WHERE import_id = @id AND row IN (SELECT row FROM import_rows WHERE import_id = @id ORDER BY row LIMIT @limit)',
  );
  const rowsAfter = db.prepare<[string, number, number], StagedRow>(
    'SELECT * FROM import_rows WHERE import_id = ? AND row > ? ORDER BY row LIMIT ?',
  );
  const rowAt = db.prepare<[string, number], StagedRow>('SELECT * FROM import_rows WHERE import_id = ? AND row = ?');
  const problems = db.prepare<[string, number, number], StagedRow>(
    'SELECT * FROM import_rows WHERE import_id = ? AND problems_json IS NOT NULL ORDER BY row LIMIT ? OFFSET ?',
  );
  const problemCount = db
    .prepare<[string], number>('SELECT count(*) FROM import_rows WHERE import_id = ? AND problems_json IS NOT NULL')
    .pluck();
  const problemRows = db.prepare<[string], StagedRow>(
    "SELECT * FROM import_rows WHERE import_id = ? AND problems_json IS NOT NULL AND action = 'invalid' ORDER BY row",
  );
  const duplicates = db.prepare<[string, number, number], StagedRow>(
    'SELECT * FROM import_rows WHERE import_id = ? AND duplicate_json IS NOT NULL ORDER BY row LIMIT ? OFFSET ?',
  );
  const duplicateCount = db
    .prepare<[string], number>('SELECT count(*) FROM import_rows WHERE import_id = ? AND duplicate_json IS NOT NULL')
    .pluck();
  const withSteps = db.prepare<[string, number, number], Pick<StagedRow, 'row' | 'steps_json'>>(
    'SELECT row, steps_json FROM import_rows WHERE import_id = ? AND steps_json IS NOT NULL AND row > ? ORDER BY row LIMIT ?',
  );
  const setAction = db.prepare<{ import_id: string; row: number; action: StagedRow['action']; duplicate_json: string }>(
    'UPDATE import_rows SET action = @action, duplicate_json = @duplicate_json WHERE import_id = @import_id AND row = @row',
  );
  const setWritten = db.prepare<{ import_id: string; row: number; written_id: string | null; before_json: string | null }>(
    'UPDATE import_rows SET written_id = @written_id, before_json = @before_json WHERE import_id = @import_id AND row = @row',
  );
  const writtenAfter = db.prepare<[string, number, number], StagedRow>(
    'SELECT * FROM import_rows WHERE import_id = ? AND row > ? AND written_id IS NOT NULL ORDER BY row LIMIT ?',
  );
  const rowCount = db.prepare<[string], number>('SELECT count(*) FROM import_rows WHERE import_id = ?').pluck();
  const dropDone = db.prepare<{ id: string; limit: number }>(
    `DELETE FROM import_rows WHERE import_id = @id AND row IN (
       SELECT row FROM import_rows WHERE import_id = @id AND action <> 'invalid' ORDER BY row LIMIT @limit)`,
  );
  const actionCounts = db.prepare<[string], { action: StagedRow['action']; n: number }>(
    'SELECT action, count(*) AS n FROM import_rows WHERE import_id = ? GROUP BY action',
  );
  const possibleRows = db.prepare<[string], StagedRow>(
    'SELECT * FROM import_rows WHERE import_id = ? AND duplicate_json IS NOT NULL AND duplicate_json LIKE \'%"certain":false%\' ORDER BY row',
  );
  const setting = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const putSetting = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const raiseCounter = db.prepare<[string, number]>(
    'INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)',
  );
  const refuseRow = db.prepare<{ import_id: string; row: number; problems_json: string }>(
    "UPDATE import_rows SET action = 'invalid', problems_json = @problems_json WHERE import_id = @import_id AND row = @row",
  );
  const saleKey = db.prepare<[string], string>('SELECT purchase_id FROM import_sale_keys WHERE key = ?').pluck();
  const insertSaleKey = db.prepare<[string, string, string]>('INSERT INTO import_sale_keys (key, purchase_id, import_id) VALUES (?, ?, ?)');
  const dropSaleKey = db.prepare<[string]>('DELETE FROM import_sale_keys WHERE purchase_id = ?');
  return {
    insert: (row: ImportRecord) => insert.run(row),
    save: (row: ImportRecord) => save.run(row),
    byId: (id: string) => byId.get(id) ?? null,
    /** A preview's counts so far, while it reads. */
    progress: (id: string, countsJson: string) => progress.run(countsJson, id),
    page: (limit: number, offset: number) => page.all(limit, offset),
    count: () => count.get() ?? 0,
    insertRow: (row: StagedRow) => insertRow.run(row),
    /** Drops up to `limit` staged rows of an import; answers how many went. */
    clearRows: (importId: string, limit: number) => clearRows.run({ id: importId, limit }).changes,
    rowsAfter: (importId: string, after: number, limit: number) => rowsAfter.all(importId, after, limit),
    rowAt: (importId: string, row: number) => rowAt.get(importId, row) ?? null,
    problems: (importId: string, limit: number, offset: number) => problems.all(importId, limit, offset),
    problemCount: (importId: string) => problemCount.get(importId) ?? 0,
    rejectedRows: (importId: string) => problemRows.all(importId),
    duplicates: (importId: string, limit: number, offset: number) => duplicates.all(importId, limit, offset),
    duplicateCount: (importId: string) => duplicateCount.get(importId) ?? 0,
    rowsWithSteps: (importId: string, after: number, limit: number) => withSteps.all(importId, after, limit),
    setAction: (p: { import_id: string; row: number; action: StagedRow['action']; duplicate_json: string }) => setAction.run(p),
    setWritten: (p: { import_id: string; row: number; written_id: string | null; before_json: string | null }) => setWritten.run(p),
    writtenAfter: (importId: string, after: number, limit: number) => writtenAfter.all(importId, after, limit),
    actionCounts: (importId: string) => actionCounts.all(importId),
    possibleDuplicates: (importId: string) => possibleRows.all(importId),
    rowCount: (importId: string) => rowCount.get(importId) ?? 0,
    /** Drops up to `limit` staged rows an import is done with (the refused ones stay, for the rejected rows' file); answers how many. */
    dropDone: (importId: string, limit: number) => dropDone.run({ id: importId, limit }).changes,
    setting: (key: string) => setting.get(key) ?? null,
    putSetting: (key: string, value: string) => putSetting.run(key, value),
    /** Moves a counter (the card numbers) up to at least `atLeast`, never down. */
    raiseCounter: (name: string, atLeast: number) => raiseCounter.run(name, atLeast),
    /** A row the job found it cannot write after all (its phone or card taken since the preview): refused, for the rejected rows' file. */
    refuseRow: (p: { import_id: string; row: number; problems_json: string }) => refuseRow.run(p),
    saleByKey: (key: string) => saleKey.get(key) ?? null,
    insertSaleKey: (key: string, purchaseId: string, importId: string) => insertSaleKey.run(key, purchaseId, importId),
    dropSaleKey: (purchaseId: string) => dropSaleKey.run(purchaseId),
  };
});
