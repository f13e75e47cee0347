import { AppError } from '../../shared/errors';
import type { ImportSession } from '../../shared/contract/import';
import type { DB } from '../../db/connection';
import { importQueries, type ImportRecord, type ImportView } from '../../db/queries/import/imports';

// An import's row as the screen reads it (shared/contract/import.ts ImportSession).

const parsed = <T>(json: string | null, fallback: T): T => (json === null ? fallback : (JSON.parse(json) as T));

export function sessionView(row: ImportView): ImportSession {
  const options = parsed<{ result?: Record<string, number> }>(row.options_json, {});
  return {
    id: row.id,
    kind: row.kind,
    // A job that failed half-way leaves its import importing until a cancel undoes it: it is shown failed.
    state: row.state === 'importing' && row.job_state === 'failed' ? 'failed' : row.state,
    fileName: row.file_name,
    file: JSON.parse(row.file_json) as ImportSession['file'],
    mapping: JSON.parse(row.mapping_json) as ImportSession['mapping'],
    mappingRemembered: row.mapping_remembered === 1,
    yearLast: row.year_last,
    sample: JSON.parse(row.sample_json) as ImportSession['sample'],
    counts: parsed(row.counts_json, null),
    notices: parsed(row.notices_json, null),
    cleaning: parsed(row.cleaning_json, []),
    jobId: row.job_id,
    result: parsed<Record<string, number>>(row.job_result_json, options.result ?? {}),
    consent: row.consent_at && row.consent_by_name !== null ? { byName: row.consent_by_name, at: row.consent_at } : null,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    error: row.error ?? (row.state === 'importing' ? row.job_error : null),
  };
}

export function requireImport(db: DB, id: string): ImportView {
  const row = importQueries(db).byId(id);
  if (!row) throw new AppError('NOT_FOUND', 'No such import', { entity: 'import', id });
  return row;
}

/** An import that must be in one of `states` for what is asked of it. */
export function requireState(row: ImportRecord, states: readonly ImportRecord['state'][]): void {
  if (!states.includes(row.state)) {
    throw new AppError('CONFLICT', `This import is ${row.state}`, { reason: 'import_state', state: row.state });
  }
}

export function sessionOf(db: DB, id: string): ImportSession {
  return sessionView(requireImport(db, id));
}
