import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/api/apiError';
import { errorMessage, fieldErrors } from '../../renderer/api/errors';
import { IMPORT_FILE_REASONS } from '../../shared/import/file-refusals';
import { translator } from './translator';

// A file refused whole says why in its own sentence, with the row or column it names; an import
// in the wrong state, or with nothing to import, says so; a consent left undeclared is the field's.

const details: Record<string, Record<string, unknown>> = {
  too_large: { bytes: 250_000_000, maxBytes: 200_000_000 },
  other_spreadsheet: { format: 'xls' },
  binary: { format: 'png' },
  no_sheet: { sheet: '会员' },
  header_only: { headerRow: 1 },
  empty_header: { column: 'C' },
  duplicate_header: { header: '手机', column: 'B', otherColumn: 'E' },
  too_many_columns: { row: 7, columns: 10000, max: 500 },
  broken_quotes: { row: 3 },
  row_too_long: { row: 9 },
  mixed_encodings: { row: 4, encoding: 'gb18030' },
};

describe('an import file refused whole, in words', () => {
  it('has its own sentence for every reason, every placeholder filled, in both languages', async () => {
    for (const lng of ['zh-CN', 'en'] as const) {
      const t = await translator(lng);
      const generic = errorMessage(t, new ApiError('IMPORT_BAD_FILE', '', {}));
      const seen = new Set<string>();
      for (const reason of IMPORT_FILE_REASONS) {
        const text = errorMessage(t, new ApiError('IMPORT_BAD_FILE', '', { reason, ...details[reason] }));
        expect(text, `${lng} ${reason}`).not.toBe(generic);
        expect(text, `${lng} ${reason}`).not.toMatch(/{{|undefined|\?|NaN/);
        seen.add(text);
      }
      expect(seen.size).toBe(IMPORT_FILE_REASONS.length);
    }
  });

  it('names the row, the column, the format and the limit', async () => {
    const zh = await translator('zh-CN');
    const message = (d: Record<string, unknown>) => errorMessage(zh, new ApiError('IMPORT_BAD_FILE', '', d));
    expect(message({ reason: 'binary', format: 'png' })).toBe('这不是表格或 CSV 文件（是 PNG 文件）。');
    expect(message({ reason: 'binary', format: 'unknown' })).toBe('这不是表格或 CSV 文件。');
    expect(message({ reason: 'too_large', ...details.too_large })).toContain('超过 200 MB');
    expect(message({ reason: 'duplicate_header', ...details.duplicate_header })).toBe('B 列和 E 列的表头都是「手机」：请改成不同的名字。');
    expect(message({ reason: 'mixed_encodings', ...details.mixed_encodings })).toContain(
      '从第 4 行起混有另一种文字编码（文件其余部分是 GB18030）',
    );
    expect(message({ reason: 'no_sheet' })).toBe('工作簿里没有工作表。');
    expect(message({ reason: 'something_new' })).toBe(zh('errors.IMPORT_BAD_FILE'));
  });

  it('says an import that moved on, one with nothing to import, and a consent not declared', async () => {
    const zh = await translator('zh-CN');
    expect(errorMessage(zh, new ApiError('CONFLICT', '', { reason: 'import_state', state: 'done' }))).toContain('这次导入的状态已经变了');
    expect(errorMessage(zh, new ApiError('CONFLICT', '', { reason: 'nothing_to_import' }))).toContain('没有可以导入的行');
    const consent = new ApiError('VALIDATION', '', { issues: [{ field: 'consentDeclared', rule: 'consent_required' }] });
    expect(fieldErrors(zh, consent)).toEqual({ consentDeclared: '登记会员需要其同意保存个人信息' });
  });
});
