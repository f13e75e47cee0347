import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { AppError } from '../../../shared/errors';
import { openImportFile, type ImportFile, type ImportRow } from '../../../services/import/read';

// What the import reader's tests share: the fixtures' folder, a scratch folder, and reading a
// file whole or expecting it refused.

export const FIXTURES = join(import.meta.dirname, '../../fixtures/import');

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** A scratch folder for files a test writes; `remove` when done. */
export function scratchFolder(): { path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'branchdesk-import-'));
  return { path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens the file and reads every row. */
export async function readAll(path: string, options: { sheet?: string } = {}): Promise<{ file: ImportFile; rows: ImportRow[] }> {
  const file = await openImportFile(path, options);
  const rows: ImportRow[] = [];
  for await (const row of file.rows()) rows.push(row);
  return { file, rows };
}

/** The details of the IMPORT_BAD_FILE the work ends in (it must end in one). */
export async function refusal(work: Promise<unknown>): Promise<Record<string, unknown>> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'refused').toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('IMPORT_BAD_FILE');
  return (err as AppError).details ?? {};
}
