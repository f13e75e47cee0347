import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ImportSession } from '../../shared/contract/import';
import { formatYuan } from '../../shared/money';
import { ApiError } from '../../renderer/api/apiError';
import {
  asksYearLast,
  fieldsOf,
  mappingProblems,
  reasonText,
  requiredFields,
  resultLine,
  sampleValues,
} from '../../renderer/features/import/importText';
import { rejectedCsv, rejectedFileName } from '../../renderer/features/import/rejectedFile';
import { translator } from './translator';

// What the import's screens say of the services' answers: a mapping's problems by column, when
// the date order is asked, what an import did, and the rejected rows' file.

function session(over: Partial<ImportSession> = {}): ImportSession {
  return {
    id: 'imp-1',
    kind: 'members',
    state: 'opened',
    fileName: '会员.csv',
    file: { kind: 'csv', encoding: 'gb18030', delimiter: ',', sheet: null, sheets: null, headerRow: 1, headers: ['姓名', '手机', '生日'] },
    mapping: ['name', 'phone', 'birthday'],
    mappingRemembered: false,
    yearLast: null,
    sample: [
      { row: 2, cells: ['张三', '13800138000', '1990-05-01'] },
      { row: 3, cells: ['', '13900139000', '1985/3/2'] },
      { row: 4, cells: ['王五', '', ''] },
    ],
    counts: null,
    notices: null,
    cleaning: [],
    jobId: null,
    result: {},
    consent: null,
    createdAt: '2026-06-15T02:00:00.000Z',
    createdByName: '王店长',
    error: null,
    ...over,
  };
}

const validation = (issues: Array<{ field: string; rule: string; params?: Record<string, string | number> }>) =>
  new ApiError('VALIDATION', '', { issues });

describe('the mapping step', () => {
  it('offers each kind its fields, and names the ones a row needs', () => {
    expect(fieldsOf('members')).toContain('storedValue');
    expect(fieldsOf('sales')).toEqual(['soldAt', 'amount', 'phone', 'cardNo', 'receiptNo', 'category']);
    expect(requiredFields('members')).toEqual(['name', 'phone']);
    expect(requiredFields('sales')).toEqual(['soldAt', 'amount']);
  });

  it('says a refused mapping beside its column, or above the table when no column is at fault', async () => {
    const zh = await translator('zh-CN');
    const err = validation([
      { field: 'mapping.2', rule: 'field_twice', params: { field: 'name' } },
      { field: 'mapping', rule: 'field_unmapped', params: { field: 'phone' } },
    ]);
    expect(mappingProblems(zh, 'members', err)).toEqual({
      columns: { 2: '「姓名」只能对应一列' },
      general: ['「手机」必须对应文件中的一列'],
    });
    // A sales file needs the phone or the card: said as that.
    const sales = mappingProblems(zh, 'sales', validation([{ field: 'mapping', rule: 'field_unmapped', params: { field: 'phone' } }]));
    expect(sales?.general).toEqual(['手机或会员卡号至少要对应一列，才能找到每笔消费的会员']);
    expect(mappingProblems(zh, 'members', new ApiError('IMPORT_BAD_FILE', '', { reason: 'empty' }))).toBeNull();
  });

  it('asks how dates with the year last are written only when the file may have one', () => {
    expect(asksYearLast(session(), ['name', 'phone', 'birthday'])).toBe(false);
    expect(asksYearLast(session(), ['name', 'phone', null])).toBe(false);
    const yearLast = session({ sample: [{ row: 2, cells: ['张三', '13800138000', '5/1/1990'] }] });
    expect(asksYearLast(yearLast, ['name', 'phone', 'birthday'])).toBe(true);
    expect(asksYearLast(yearLast, ['name', 'phone', null])).toBe(false);
    // Further down the file: a preview that refused rows, or an order chosen before.
    const refused = session({
      counts: { rows: 9, valid: 8, invalid: 1, create: 8, update: 0, skip: 0, duplicatePairs: 0, possibleDuplicates: 0 },
    });
    expect(asksYearLast(refused, ['name', 'phone', 'birthday'])).toBe(true);
    expect(asksYearLast(session({ yearLast: 'dayFirst' }), ['name', 'phone', 'birthday'])).toBe(true);
  });

  it('shows a column’s first two values that are not empty', () => {
    expect(sampleValues(session(), 0)).toEqual(['张三', '王五']);
    expect(sampleValues(session(), 2)).toEqual(['1990-05-01', '1985/3/2']);
  });
});

describe('what an import did', () => {
  it('counts members and their points, sales and their amount, and what an undo took back', async () => {
    const zh = await translator('zh-CN');
    const done = session({ state: 'done', result: { created: 1200, updated: 3, skipped: 2, points: 15000 } });
    expect(resultLine(zh, done, formatYuan)).toBe('新建 1,200 位、更新 3 位、跳过 2 行，带入期初积分 15,000 分。');
    const sales = session({ kind: 'sales', state: 'done', result: { sales: 36, salesFen: 404050 } });
    expect(resultLine(zh, sales, formatYuan)).toBe('导入消费 36 笔，共 ¥4,040.50，跳过 0 行。');
    expect(resultLine(zh, session({ state: 'cancelled', result: { created: 300, undone: 300 } }), formatYuan)).toBe('已撤销 300 行。');
    expect(resultLine(zh, session({ state: 'cancelled', result: { undone: 298, kept: 2 } }), formatYuan)).toBe(
      '已撤销 298 行；2 行在导入后已被使用，予以保留。',
    );
    expect(resultLine(zh, session({ state: 'previewed' }), formatYuan)).toBe('');
  });

  it('says why a value or a row was refused, with its limit', async () => {
    const en = await translator('en');
    expect(reasonText(en, { reason: 'text.tooLong', limit: 40 })).toBe('Too long: at most 40 characters');
    expect(reasonText(en, { reason: 'member.notFound', limit: null })).toBe(
      'No member has this phone or card number: import the members first',
    );
  });
});

describe('the rejected rows’ file', () => {
  const rejected = {
    headers: ['姓名', '手机', '生日', '积分'],
    rows: [
      {
        row: 3,
        cells: ['李四', '+86 12345', '1985-01-01', ''],
        problems: [{ row: 3, column: '手机', value: '+86 12345', reason: 'phone.invalid' as const, limit: null }],
      },
      {
        row: 5,
        cells: ['赵六', '13700137000', '1991-02-30', 'abc'],
        problems: [
          { row: 5, column: '生日', value: '1991-02-30', reason: 'date.noSuchDay' as const, limit: null },
          { row: 5, column: '积分', value: 'abc', reason: 'points.notNumber' as const, limit: null },
        ],
      },
    ],
  };

  it('gives the rows back as they were, with their row number and reasons, for Excel', async () => {
    const zh = await translator('zh-CN');
    const csv = rejectedCsv(zh, rejected);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['姓名', '手机', '生日', '积分', '行号', '原因'],
      // The export's apostrophe keeps Excel from running "+86…" as a formula; the importer takes it off.
      ['李四', "'+86 12345", '1985-01-01', '', '3', '手机：不是有效的电话号码'],
      ['赵六', '13700137000', '1991-02-30', 'abc', '5', '生日：没有这一天（如 2 月 30 日）；积分：积分不是数字'],
    ]);
    expect(rejectedFileName(zh, '会员资料.xlsx')).toBe('会员资料-无效行');
  });
});
