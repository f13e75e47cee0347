import { truncateSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { MEMBER_FILE_COLUMNS } from '../../../shared/member-file';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/import/file-refusals';
import { openImportFile, readImportSample } from '../../../services/import/read';
import { fixture, readAll, refusal, scratchFolder } from './import-files';

const scratch = scratchFolder();
afterAll(() => scratch.remove());

/** A file written for one test. */
function written(name: string, content: string | Uint8Array): string {
  const path = scratch.path(name);
  writeFileSync(path, content);
  return path;
}

describe('reading a CSV', () => {
  it('reads a real GBK file (Excel on Chinese Windows) as GB18030, cells as they are', async () => {
    const { file, rows } = await readAll(fixture('members-gbk.csv'));
    expect(file).toMatchObject({ kind: 'csv', encoding: 'gb18030', delimiter: ',', sheet: null, sheets: null, headerRow: 1 });
    expect(file.headers).toEqual(['会员卡号', '姓名', '手机', '生日', '性别', '积分', '备注']);
    expect(rows).toEqual([
      { row: 2, cells: ['00012', '张三', '13800138000', '1990-05-01', '男', '120', '老顾客'] },
      { row: 3, cells: ['00013', '李四', '+86 139-0013-9000', '1985/3/2', '女', '0', '喜欢绿茶，不要糖'] },
      { row: 4, cells: ['00014', '王五', '１３７００１３７０００', '19920315', 'M', '35', ''] },
    ]);
  });

  it('reads the member list export (UTF-8 with a BOM) with its own headers, the BOM gone', async () => {
    const { file, rows } = await readAll(fixture('members-utf8-bom.csv'));
    expect(file).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(file.headers).toEqual(MEMBER_FILE_COLUMNS.map((c) => c.header));
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(rows[0].cells[7]).toBe('老顾客、爱喝茶');
    expect(rows[0].cells[12]).toBe('北京市朝阳区,1号');
    expect(rows[1].cells).toHaveLength(MEMBER_FILE_COLUMNS.length);
  });

  it('reads UTF-16LE with a BOM (Excel\'s "Unicode text"), tab-separated', async () => {
    const { file, rows } = await readAll(fixture('members-utf16le.txt'));
    expect(file).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', headers: ['姓名', '手机', '积分'] });
    expect(rows).toEqual([
      { row: 2, cells: ['张三', '13800138000', '120'] },
      { row: 3, cells: ['李四', '13900139000', '0'] },
    ]);
  });

  it('finds tab and semicolon delimiters from the header line; a comma in a cell stays in it', async () => {
    const tab = await readAll(fixture('members-tab.tsv'));
    expect(tab.file).toMatchObject({ encoding: 'utf-8', delimiter: '\t', headers: ['姓名', '手机', '备注'] });
    expect(tab.rows[0].cells).toEqual(['张三', '13800138000', '有逗号,也没关系']);
    const semicolon = await readAll(fixture('members-semicolon.csv'));
    expect(semicolon.file.delimiter).toBe(';');
    expect(semicolon.rows).toEqual([
      { row: 2, cells: ['张三', '13800138000', '喜欢绿茶, 不要糖'] },
      { row: 3, cells: ['李四', '13900139000', ''] },
    ]);
  });

  it('numbers rows as Excel does: a quoted line break is inside a row, a blank line is a row of its own', async () => {
    const { rows } = await readAll(fixture('quoted-newlines.csv'));
    expect(rows).toEqual([
      { row: 2, cells: ['张三', '13800138000', '第一行\r\n第二行'] },
      { row: 3, cells: ['李四', '13900139000', '他说"你好"'] },
      { row: 5, cells: ['王五', '13700137000', '多行\n备注\n第三行'] },
      { row: 6, cells: ['赵六', '13600136000', ''] },
    ]);
  });

  it('reads a header on a later line below blank ones, old Mac line ends, and drops trailing empty headers', async () => {
    const { file, rows } = await readAll(written('mac.csv', '\r\r姓名,手机,,\r张三,13800138000\r'));
    expect(file).toMatchObject({ headerRow: 3, headers: ['姓名', '手机'] });
    expect(rows).toEqual([{ row: 4, cells: ['张三', '13800138000'] }]);
  });

  it('keeps values past the last header, for the cleaning to report', async () => {
    const { rows } = await readAll(written('extra.csv', '姓名,手机\n张三,13800138000,多出来的\n李四\n'));
    expect(rows).toEqual([
      { row: 2, cells: ['张三', '13800138000', '多出来的'] },
      { row: 3, cells: ['李四', ''] },
    ]);
  });

  it('decides the encoding where the first Chinese text is, however far down: ASCII reads alike in both', async () => {
    const ascii = 'date,amount,phone\n' + '2024-05-01,12.50,13800138000\n'.repeat(5000);
    const path = written('late-gbk.csv', Buffer.concat([Buffer.from(ascii), Buffer.from([0xc5, 0xae, 0xd7, 0xb0]), Buffer.from(',1,2\n')]));
    const { file, rows } = await readAll(path);
    // GBK's 女装 is also valid UTF-8 (two 2-byte sequences): a Chinese store's file means GBK
    expect(file.encoding).toBe('gb18030');
    expect(rows.at(-1)).toEqual({ row: 5002, cells: ['女装', '1', '2'] });
  });
});

describe('refusing a CSV', () => {
  it('refuses a file with nothing in it, or only blank lines and empty cells', async () => {
    expect(await refusal(openImportFile(fixture('empty.csv')))).toEqual({ reason: 'empty' });
    expect(await refusal(openImportFile(written('blank.csv', '\r\n ,, \r\n\t\r\n')))).toEqual({ reason: 'empty' });
  });

  it('refuses a header without rows under it', async () => {
    expect(await refusal(openImportFile(fixture('header-only.csv')))).toEqual({ reason: 'header_only', headerRow: 1 });
    expect(await refusal(openImportFile(written('header-blank.csv', '姓名,手机\n\n,\n')))).toMatchObject({ reason: 'header_only' });
  });

  it('refuses an empty header between named ones, and two headers alike', async () => {
    expect(await refusal(openImportFile(written('gap.csv', '姓名,,手机\n张三,x,138\n')))).toEqual({ reason: 'empty_header', column: 'B' });
    expect(await refusal(openImportFile(written('twice.csv', '姓名,手机,备注,手机 \n张三,1,2,3\n')))).toEqual({
      reason: 'duplicate_header',
      header: '手机',
      column: 'B',
      otherColumn: 'D',
    });
    // full-width and case folded as the mapping compares them
    expect(await refusal(openImportFile(written('twice-folded.csv', 'Phone,ＰＨＯＮＥ\n1,2\n')))).toMatchObject({
      column: 'A',
      otherColumn: 'B',
    });
  });

  it('refuses an unclosed quote at the row it opens in', async () => {
    expect(await refusal(readAll(fixture('broken-quotes.csv')))).toEqual({ reason: 'broken_quotes', row: 3 });
  });

  it('refuses a quote closed in the middle of a cell', async () => {
    const path = written('mid-quote.csv', '姓名,手机\n张三,138\n"李四"先生,139\n');
    expect(await refusal(readAll(path))).toEqual({ reason: 'broken_quotes', row: 3 });
  });

  it('refuses a quote left open in a big file at its row, at once, without holding the rest', async () => {
    const rows = '张三,13800138000,好\n'.repeat(20_000);
    const path = written('open-quote.csv', `姓名,手机,备注\n${rows}李四,"13900139000,女\n${rows.repeat(5)}`);
    const started = Date.now();
    expect(await refusal(readAll(path))).toEqual({ reason: 'broken_quotes', row: 20_002 });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a row of 10,000 columns', async () => {
    const path = written('wide.csv', `姓名,手机\n${Array.from({ length: 10_000 }, (_, i) => `v${i}`).join(',')}\n`);
    expect(await refusal(readAll(path))).toEqual({ reason: 'too_many_columns', row: 2, columns: 10_000, max: 500 });
  });

  it('refuses a UTF-8 file with a GBK row pasted in, at that row', async () => {
    expect(await refusal(readAll(fixture('mixed-encodings.csv')))).toEqual({ reason: 'mixed_encodings', row: 4, encoding: 'utf-8' });
  });

  it('refuses a GBK file with a UTF-8 row pasted in, at that row', async () => {
    expect(await refusal(readAll(fixture('mixed-encodings-gbk.csv')))).toEqual({ reason: 'mixed_encodings', row: 3, encoding: 'gb18030' });
  });
});

describe('refusing what is not a table', () => {
  it('refuses a file of 200 MB before reading it', async () => {
    const path = scratch.path('huge.csv');
    writeFileSync(path, '姓名,手机\n');
    truncateSync(path, MAX_IMPORT_FILE_BYTES); // sparse: nothing is written, nothing read
    expect(await refusal(openImportFile(path))).toEqual({
      reason: 'too_large',
      bytes: MAX_IMPORT_FILE_BYTES,
      maxBytes: MAX_IMPORT_FILE_BYTES,
    });
  });

  it.each([
    ['a PNG', fixture('image.png'), { reason: 'binary', format: 'png' }],
    ['a PDF', written('a.pdf', '%PDF-1.7\n%\xe2\xe3\n1 0 obj'), { reason: 'binary', format: 'pdf' }],
    ['a zip that is no workbook', fixture('not-a-workbook.zip'), { reason: 'binary', format: 'zip' }],
    ['bytes with zeros', written('a.bin', new Uint8Array([0x41, 0x00, 0x42, 0x2c, 0x0a])), { reason: 'binary', format: 'unknown' }],
    ['an OpenDocument spreadsheet', fixture('spreadsheet.ods'), { reason: 'other_spreadsheet', format: 'ods' }],
    [
      'a web page saved as .xls',
      written('page.xls', '\ufeff<html><body><table><tr><td>姓名</td></tr></table>'),
      { reason: 'other_spreadsheet', format: 'html' },
    ],
  ])('refuses %s', async (_what, path, expected) => {
    expect(await refusal(openImportFile(path))).toEqual(expected);
  });

  it('refuses an Excel 97–2003 workbook (save it as .xlsx or CSV), and says when one has a password', async () => {
    const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const xls = new Uint8Array(1024);
    xls.set(ole2);
    expect(await refusal(openImportFile(written('old.xls', xls)))).toEqual({ reason: 'other_spreadsheet', format: 'xls' });
    const encrypted = Buffer.alloc(2048);
    encrypted.set(ole2);
    encrypted.write('EncryptedPackage', 1536, 'utf16le');
    expect(await refusal(openImportFile(written('locked.xlsx', encrypted)))).toEqual({ reason: 'encrypted', format: 'xls' });
  });
});

describe('the reading API', () => {
  it('gives the preview its sample: the header and the first rows only', async () => {
    const sample = await readImportSample(fixture('members-gbk.csv'), 2);
    expect(sample).toMatchObject({ kind: 'csv', encoding: 'gb18030', delimiter: ',', headerRow: 1 });
    expect(sample.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('reads on after a given row (a job resumed) and reads a file once', async () => {
    const file = await openImportFile(fixture('quoted-newlines.csv'));
    const rows = [];
    for await (const row of file.rows({ after: 3 })) rows.push(row.row);
    expect(rows).toEqual([5, 6]);
    await expect(file.rows().next()).rejects.toThrow(/once/);
  });

  it('streams: reading 200,000 rows keeps memory flat', async () => {
    const line = '会员M0000000,张三丰,13800138000,1990-05-01,男,1200,老顾客、爱喝茶,一些备注文字在这里\n';
    const path = scratch.path('big.csv');
    writeFileSync(path, `会员卡号,姓名,手机,生日,性别,积分,标签,备注\n${line.repeat(200_000)}`); // about 25 MB
    const gc = exposeGc();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let cells = 0;
    for await (const row of (await openImportFile(path)).rows()) {
      cells += row.cells.length;
      if (++count % 40_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect([count, cells]).toEqual([200_000, 8 * 200_000]);
    // The file whole would be 50 MB of strings before a row of it was split.
    expect(peak).toBeLessThan(15 * 1024 * 1024);
  });
});

/** V8's collector, so that heap figures count what is held, not what is waiting to be collected. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
