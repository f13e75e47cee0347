import { writeFileSync } from 'node:fs';
import type { ImportKind, ImportSession } from '../../../shared/contract/import';
import { runBackups } from '../../../services/backup/run';
import { storeUpload, type TestApp } from '../../helpers';

// What the import's service tests share: a file written for a test, opened and previewed as the
// screen would (the guessed mapping), and started.

/** Writes CSV lines (CRLF, as Excel saves) to `path`; answers the path. */
export function writeCsv(path: string, lines: readonly string[]): string {
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

/** Stores `path` as an upload and opens it as an import of `kind`. */
export function openFile(t: TestApp, session: string, path: string, kind: ImportKind = 'members'): Promise<ImportSession> {
  const upload = storeUpload(t.path, path);
  return t.callAsync('import.open', { kind, fileName: path.split('/').pop() ?? 'file.csv', upload }, session);
}

/** Opens and previews `path` under the mapping guessed from its headers. */
export async function previewFile(t: TestApp, session: string, path: string, kind: ImportKind = 'members'): Promise<ImportSession> {
  const open = await openFile(t, session, path, kind);
  return t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, session);
}

/**
 * Previews `path` and starts its import (the manager's consent declared for members); the backup
 * it asked for is taken (as the side host would), the job queued, not run.
 */
export async function startFile(
  t: TestApp,
  session: string,
  path: string,
  kind: ImportKind = 'members',
  options: { tiers?: 'file' | 'computed'; historyPoints?: boolean } = {},
): Promise<ImportSession> {
  const preview = await previewFile(t, session, path, kind);
  const started = t.call('import.start', { id: preview.id, consentDeclared: kind === 'members', ...options }, session);
  runBackups(t.app);
  return started;
}

/** Previews, starts and runs an import to its end (its follow-on jobs too); answers the import as it ended. */
export async function importFile(
  t: TestApp,
  session: string,
  path: string,
  kind: ImportKind = 'members',
  options: { tiers?: 'file' | 'computed'; historyPoints?: boolean } = {},
): Promise<ImportSession> {
  const started = await startFile(t, session, path, kind, options);
  t.runJobs();
  return t.call('import.get', { id: started.id }, session);
}

export const count = (t: TestApp, sql: string, ...params: unknown[]): number =>
  t.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
