import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readImportSample } from '../../../services/import/read';
import { readAll, refusal, scratchFolder } from './import-files';

const scratch = scratchFolder();
afterAll(() => scratch.remove());

/** A workbook made here with exceljs, as a store's Excel would save it: sheets before their shared strings. */
async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = scratch.path(name);
  await wb.xlsx.writeFile(path);
  return path;
}

const utcDay = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

describe('reading an .xlsx', () => {
  it('reads cells as Excel shows them: numbers in full, kept zeros, dates, formula results never formulas', async () => {
    const path = await workbook('members.xlsx', (wb) => {
      const sheet = wb.addWorksheet('会员');
      sheet.addRow(['会员卡号', '姓名', '手机', '生日', '积分', '消费', '备注', '到店']);
      const first = sheet.addRow([
        12,
        '张三',
        13800138000,
        utcDay(1990, 5, 1),
        { formula: 'E5*2', result: 240 },
        12.5,
        null,
        utcDay(2024, 5, 1, 14, 30),
      ]);
      first.getCell(1).numFmt = '000000';
      first.getCell(6).numFmt = '#,##0.00';
      first.getCell(7).value = { richText: [{ text: '老' }, { text: '顾客', font: { bold: true } }] };
      // row 3 left blank; row 4: a card number as a number, a date column of plain numbers,
      // a formula with text, one never computed, an error, a share and a float's last digit
      const second = sheet.getRow(4);
      second.values = ['6222020200112345', '李四', '13900139000', 32874, { formula: '"VIP"&"1"', result: 'VIP1' }, 0.1 + 0.2, true, 0.125];
      second.getCell(8).numFmt = '0.0%';
      sheet.getRow(5).values = [7, '王五', { formula: 'A5' }, { error: '#N/A' }];
    });
    const { file, rows } = await readAll(path);
    expect(file).toMatchObject({ kind: 'xlsx', encoding: null, delimiter: null, sheet: '会员', headerRow: 1 });
    expect(file.headers).toEqual(['会员卡号', '姓名', '手机', '生日', '积分', '消费', '备注', '到店']);
    expect(rows).toEqual([
      { row: 2, cells: ['000012', '张三', '13800138000', '1990-05-01', '240', '12.50', '老顾客', '2024-05-01 14:30'] },
      { row: 4, cells: ['6222020200112345', '李四', '13900139000', '32874', 'VIP1', '0.3', 'TRUE', '12.5%'] },
      { row: 5, cells: ['7', '王五', '', '#N/A', '', '', '', ''] },
    ]);
  });

  it('reads the first tab a user sees, or the one named; refuses a name the workbook lacks', async () => {
    const path = await workbook('sheets.xlsx', (wb) => {
      const hidden = wb.addWorksheet('说明');
      hidden.state = 'hidden';
      hidden.addRows([['这里不是数据'], ['x']]);
      const members = wb.addWorksheet('会员');
      members.addRows([[], [], ['姓名', '手机'], ['张三', '13800138000']]);
      wb.addWorksheet('消费').addRows([
        ['日期', '金额'],
        ['2024-05-01', 88],
      ]);
    });
    const first = await readAll(path);
    expect(first.file).toMatchObject({ sheet: '会员', sheets: ['会员', '消费'], headerRow: 3, headers: ['姓名', '手机'] });
    expect(first.rows).toEqual([{ row: 4, cells: ['张三', '13800138000'] }]);
    const sales = await readAll(path, { sheet: '消费' });
    expect(sales.rows).toEqual([{ row: 2, cells: ['2024-05-01', '88'] }]);
    expect(await refusal(readAll(path, { sheet: '库存' }))).toEqual({ reason: 'no_sheet', sheet: '库存' });
  });

  it("keeps every Chinese character whole across the zip's chunks (exceljs alone garbles about 3 in 20,000 names)", async () => {
    const surnames =
      '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范';
    const names = Array.from(
      { length: 20_000 },
      (_, i) => [0, 1, 2].map((k) => surnames[(i * 7 + k * 13 + (i % 11)) % surnames.length]).join('') + i,
    );
    const path = await workbook('names.xlsx', (wb) => {
      const sheet = wb.addWorksheet('会员');
      sheet.addRow(['姓名']);
      for (const name of names) sheet.addRow([name]);
    });
    const { rows } = await readAll(path);
    expect(rows.map((r) => r.cells[0])).toEqual(names);
  });

  it('leaves no temporary file behind when a preview reads only the first rows', async () => {
    const path = await workbook('sample.xlsx', (wb) => {
      for (const name of ['会员', '消费', '备份']) {
        const sheet = wb.addWorksheet(name);
        sheet.addRow(['姓名', '手机']);
        for (let i = 0; i < 2000; i++) sheet.addRow([`会员${i}`, 13800000000 + i]);
      }
    });
    const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = ours();
    const sample = await readImportSample(path, 3);
    expect(sample.rows).toEqual([
      { row: 2, cells: ['会员0', '13800000000'] },
      { row: 3, cells: ['会员1', '13800000001'] },
      { row: 4, cells: ['会员2', '13800000002'] },
    ]);
    // exceljs deletes each file a moment after it is let go
    await vi.waitFor(() => expect(ours()).toEqual(before), { timeout: 2000 });
  });

  it('refuses a workbook cut short', async () => {
    const whole = await workbook('whole.xlsx', (wb) => {
      const sheet = wb.addWorksheet('会员');
      for (let i = 0; i < 3000; i++) sheet.addRow([`会员${i}`, 13800000000 + i]);
    });
    const bytes = readFileSync(whole);
    const cut = scratch.path('cut.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await refusal(readAll(cut))).toEqual({ reason: 'damaged' });
  });

  it('refuses a sheet with only a header, and one with nothing', async () => {
    const path = await workbook('header.xlsx', (wb) => {
      wb.addWorksheet('会员').addRow(['姓名', '手机']);
      wb.addWorksheet('空');
    });
    expect(await refusal(readAll(path))).toEqual({ reason: 'header_only', headerRow: 1 });
    expect(await refusal(readAll(path, { sheet: '空' }))).toEqual({ reason: 'empty' });
  });
});
