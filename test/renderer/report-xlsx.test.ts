import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { reportXlsx, sheetName } from '../../renderer/components/reports/exportFile';
import type { ReportColumn } from '../../renderer/components/reports/columns';

interface BranchRow {
  branch: string;
  card: string;
  members: number;
  avgVisits: number;
  spendFen: number;
  repurchase: number | null;
}

const columns: ReportColumn<BranchRow>[] = [
  { key: 'branch', header: '门店' },
  { key: 'card', header: '卡号' },
  { key: 'members', header: '会员数', kind: 'number' },
  { key: 'avgVisits', header: '人均到店', kind: 'number', decimals: 2 },
  { key: 'spendFen', header: '消费金额（元）', kind: 'money' },
  { key: 'repurchase', header: '复购率', kind: 'percent' },
];

const rows: BranchRow[] = [
  { branch: '上海一店, 南京路', card: '0012', members: 1200, avgVisits: 2.3456, spendFen: 123456789, repurchase: 0.4567 },
  { branch: '=cmd', card: 'SH0100000001', members: 3, avgVisits: 1, spendFen: -1250, repurchase: null },
];

async function readBack(bytes: Uint8Array<ArrayBuffer>): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0];
}

function values(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  return (sheet.getRow(rowNumber).values as unknown[]).slice(1);
}

describe('report XLSX', () => {
  it('writes one sheet named after the report: header row, rows as numbers and text', async () => {
    const sheet = await readBack(await reportXlsx({ columns, rows }, { title: 'RFM 分群 2025/01' }));
    expect(sheet.name).toBe('RFM 分群 2025 01');
    expect(sheet.rowCount).toBe(3);
    expect(values(sheet, 1)).toEqual(['门店', '卡号', '会员数', '人均到店', '消费金额（元）', '复购率']);
    expect(values(sheet, 2)).toEqual(['上海一店, 南京路', '0012', 1200, 2.35, 1234567.89, 0.457]); // 45.7%, as shown
    // Text stays text (a formula-looking name is never a formula in XLSX); no value is an empty cell.
    expect(sheet.getRow(3).getCell(6).type).toBe(ExcelJS.ValueType.Null);
    expect(values(sheet, 3)).toEqual(['=cmd', 'SH0100000001', 3, 1, -12.5]);
  });

  it('gives money, percent and rounded numbers Excel number formats, and a bold frozen header', async () => {
    const sheet = await readBack(await reportXlsx({ columns, rows }, { title: '门店对比' }));
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('0.0%');
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('#,##0.00');
    expect(sheet.getRow(1).font?.bold ?? sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes the totals row last, in bold', async () => {
    const total: BranchRow = { branch: '合计', card: '', members: 1203, avgVisits: 2.34, spendFen: 123455539, repurchase: 0.45 };
    const sheet = await readBack(await reportXlsx({ columns, rows, totalRow: total }, { title: '门店对比' }));
    expect(sheet.rowCount).toBe(4);
    expect(values(sheet, 4)).toEqual(['合计', undefined, 1203, 2.34, 1234555.39, 0.45]);
    expect(sheet.getRow(4).getCell(1).font?.bold).toBe(true);
  });

  it('writes a header-only sheet for an empty report', async () => {
    const sheet = await readBack(await reportXlsx({ columns, rows: [] }, { title: '空' }));
    expect(sheet.rowCount).toBe(1);
  });

  it('cleans sheet names the way Excel requires', () => {
    expect(sheetName('a/b\\c[d]e:f*g?h')).toBe('a b c d e f g h');
    expect(sheetName('会'.repeat(40))).toHaveLength(31);
    expect(sheetName(' / ')).toBe('Sheet1');
  });
});
