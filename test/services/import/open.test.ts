import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { newUploadToken, uploadsDirFor } from '../../../services/core/uploads';
import { IMPORT_FILE_REASONS, MAX_IMPORT_FILE_BYTES, type ImportFileReason } from '../../../shared/import/file-refusals';
import { makeTestApp, setUpBranch, storeUpload, type TestApp } from '../../helpers';
import { snapshot } from '../fixtures';
import { fixture, scratchFolder } from './import-files';
import { count, openFile } from './import-fixtures';

// A file that is not a table reaches the manager as one clear refusal (IMPORT_BAD_FILE, its
// reason and where) from import.open, or from import.preview when the fault lies past the rows
// the opening reads; either way nothing of the store is written (issue 17, "Bad input").

const scratch = scratchFolder();
afterAll(() => scratch.remove());

function written(name: string, content: string | Uint8Array): string {
  const path = scratch.path(name);
  writeFileSync(path, content);
  return path;
}

async function workbook(name: string, rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('会员');
  sheet.addRow(['姓名', '手机']);
  for (let i = 0; i < rows; i++) sheet.addRow([`会员${i}`, `1380000${String(i).padStart(4, '0')}`]);
  const path = scratch.path(name);
  await wb.xlsx.writeFile(path);
  return path;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** For each reason, a file refused for it, and the sheet asked for (a workbook's). */
const BAD_FILES: Record<ImportFileReason, () => Promise<{ path: string; sheet?: string; details: Record<string, unknown> }>> = {
  empty: async () => ({ path: fixture('empty.csv'), details: {} }),
  // written in the uploads folder itself below: a copy of 200 MB is no test's business
  too_large: async () => ({ path: '', details: { bytes: MAX_IMPORT_FILE_BYTES, maxBytes: MAX_IMPORT_FILE_BYTES } }),
  other_spreadsheet: async () => ({ path: fixture('spreadsheet.ods'), details: { format: 'ods' } }),
  encrypted: async () => {
    const bytes = Buffer.alloc(2048);
    bytes.set(OLE2);
    bytes.write('EncryptedPackage', 1536, 'utf16le');
    return { path: written('locked.xlsx', bytes), details: { format: 'xls' } };
  },
  binary: async () => ({ path: fixture('image.png'), details: { format: 'png' } }),
  damaged: async () => {
    const bytes = readFileSync(await workbook('whole.xlsx', 3000));
    return { path: written('cut.xlsx', bytes.subarray(0, 2000)), details: {} };
  },
  no_sheet: async () => ({ path: await workbook('sheets.xlsx', 2), sheet: '库存', details: { sheet: '库存' } }),
  header_only: async () => ({ path: fixture('header-only.csv'), details: { headerRow: 1 } }),
  empty_header: async () => ({ path: written('gap.csv', '姓名,,手机\n张三,x,13800138000\n'), details: { column: 'B' } }),
  duplicate_header: async () => ({
    path: written('twice.csv', '姓名,手机,手机\n张三,1,2\n'),
    details: { header: '手机', column: 'B', otherColumn: 'C' },
  }),
  too_many_columns: async () => ({
    path: written('wide.csv', `姓名,手机\n${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n`),
    details: { row: 2, columns: 10_000, max: 500 },
  }),
  broken_quotes: async () => ({ path: fixture('broken-quotes.csv'), details: { row: 3 } }),
  row_too_long: async () => ({ path: written('long.csv', `姓名,手机\n${'长'.repeat(1_100_000)},1\n`), details: { row: 2 } }),
  mixed_encodings: async () => ({ path: fixture('mixed-encodings.csv'), details: { row: 4, encoding: 'utf-8' } }),
};

function store() {
  const t = makeTestApp();
  const admin = setUpBranch(t);
  return { t, admin };
}

/** An upload of a sparse file of `bytes`: nothing written, nothing read. */
function hugeUpload(t: TestApp): string {
  const token = newUploadToken();
  const path = join(uploadsDirFor(t.path), token);
  writeFileSync(path, '姓名,手机\n');
  truncateSync(path, MAX_IMPORT_FILE_BYTES);
  return token;
}

describe('a bad file', () => {
  it.each(IMPORT_FILE_REASONS)('%s: refused by import.open with its reason, nothing written', async (reason) => {
    const { t, admin } = store();
    const bad = await BAD_FILES[reason]();
    storeUpload(t.path, fixture('empty.csv')); // the uploads folder exists
    const upload = reason === 'too_large' ? hugeUpload(t) : storeUpload(t.path, bad.path);
    const before = snapshot(t.db);
    const answer = await t.rawAsync(
      'import.open',
      { kind: 'members', fileName: 'file.csv', upload, ...(bad.sheet ? { sheet: bad.sheet } : {}) },
      admin,
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'IMPORT_BAD_FILE', details: { reason, ...bad.details } } });
    expect(answer.ok ? '' : answer.error.message).toMatch(/\w/);
    expect(snapshot(t.db)).toEqual(before);
  });

  it('with its fault past the rows import.open reads: refused by the preview, the import failed and nothing staged', async () => {
    const { t, admin } = store();
    const lines = ['姓名,手机'];
    for (let i = 0; i < 1200; i++) lines.push(`会员${i},138${String(i).padStart(8, '0')}`);
    lines.push('李四,"13900139000', '王五,13700137000');
    const open = await openFile(t, admin, written('late-quote.csv', lines.join('\n') + '\n'));
    expect(open.state).toBe('opened');
    const answer = await t.rawAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
    expect(answer).toMatchObject({ ok: false, error: { code: 'IMPORT_BAD_FILE', details: { reason: 'broken_quotes', row: 1202 } } });
    const failed = t.call('import.get', { id: open.id }, admin);
    expect(failed).toMatchObject({ state: 'failed', counts: null });
    expect(failed.error).toContain('Quotes are not closed properly');
    expect(count(t, 'SELECT count(*) FROM import_rows')).toBe(0);
    expect(count(t, 'SELECT count(*) FROM members')).toBe(0);
    expect(t.raw('import.start', { id: open.id, consentDeclared: true }, admin)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'import_state', state: 'failed' } },
    });
    expect(t.call('import.cancel', { id: open.id }, admin).state).toBe('cancelled');
  });

  it('an upload that is not there: BAD_FILE upload_missing', async () => {
    const { t, admin } = store();
    const answer = await t.rawAsync('import.open', { kind: 'members', fileName: 'a.csv', upload: newUploadToken() }, admin);
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { reason: 'upload_missing' } } });
  });
});
