import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { EXPORT_TABLES, type MergeResult } from '../../shared/contract/hq';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { ApiError } from '../../renderer/api/apiError';
import { BAD_FILE_REASONS, errorMessage } from '../../renderer/api/errors';
import type { ChosenFile } from '../../renderer/api/uploads';
import { base64ToBytes } from '../../renderer/features/hq/base64';
import {
  inExportOrder,
  mergeOneByOne,
  mergeTotals,
  resultLines,
  runSummary,
  tablesWithRows,
  type MergeOutcome,
} from '../../renderer/features/hq/mergeRun';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

function result(over: Partial<MergeResult> = {}): MergeResult {
  return {
    fileName: 'BranchDesk-SH01-0002-incr-20261125.bdx',
    exportId: 'e2',
    branch: { id: 'b1', code: 'SH01', name: '徐汇店' },
    seq: 2,
    mode: 'incremental',
    createdAt: '2026-11-25T02:00:00.000Z',
    alreadyMerged: false,
    tables: [
      { table: 'purchases', added: 12, updated: 0, unchanged: 0 },
      { table: 'members', added: 3, updated: 2, unchanged: 1 },
      { table: 'feedback', added: 0, updated: 0, unchanged: 0 },
    ],
    conflicts: 1,
    linked: 2,
    ms: 40,
    ...over,
  };
}

describe('export files as base64', () => {
  it('decodes every byte value as Node encodes it', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) % 256);
    expect(base64ToBytes(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    expect(base64ToBytes('')).toEqual(new Uint8Array());
  });
});

describe('merging files one by one', () => {
  it('takes each branch’s exports by number whatever order they were picked in, other files last', () => {
    const names = [
      'notes.txt',
      'BranchDesk-SH01-0010-incr-20261125.bdx',
      'BranchDesk-JA01-0002-incr-20261124.bdx',
      'BranchDesk-SH01-0009-incr-20261124.bdx',
      'renamed.bdx',
      'BranchDesk-JA01-0001-full-20261123.bdx',
    ];
    expect(inExportOrder(names.map((name) => ({ name }))).map((f) => f.name)).toEqual([
      'BranchDesk-JA01-0001-full-20261123.bdx',
      'BranchDesk-JA01-0002-incr-20261124.bdx',
      'BranchDesk-SH01-0009-incr-20261124.bdx',
      'BranchDesk-SH01-0010-incr-20261125.bdx',
      'notes.txt',
      'renamed.bdx',
    ]);
  });

  const uploads: string[] = [];
  const tooLarge = new ApiError('BAD_FILE', 'too large', { reason: 'too_large', maxBytes: 512 });
  const file = (name: string): ChosenFile => ({
    name,
    size: 3,
    lastModified: 0,
    upload: async () => {
      if (name === 'huge.bdx') throw tooLarge;
      uploads.push(name);
      return { token: `token-of-${name}`, fileName: name, bytes: 3 };
    },
  });

  it('stores each file as an upload and merges it by its token, one at a time, in order, going on after a refusal', async () => {
    const sent: string[] = [];
    const reports: Array<[number, MergeOutcome['state']]> = [];
    const refusal = new ApiError('BAD_FILE', 'checksum', { reason: 'checksum' });
    await mergeOneByOne(
      [file('a.bdx'), file('b.bdx'), file('huge.bdx'), file('c.bdx')],
      async ({ fileName, upload }) => {
        // Each file is stored just before its merge, not all at once ahead of the first.
        sent.push(`${fileName}:${upload}:${uploads.length}`);
        if (fileName === 'b.bdx') throw refusal;
        return result({ fileName, alreadyMerged: fileName === 'c.bdx' });
      },
      (index, outcome) => reports.push([index, outcome.state]),
    );
    expect(sent).toEqual(['a.bdx:token-of-a.bdx:1', 'b.bdx:token-of-b.bdx:2', 'c.bdx:token-of-c.bdx:3']);
    expect(reports).toEqual([
      [0, 'merging'],
      [0, 'merged'],
      [1, 'merging'],
      [1, 'refused'],
      [2, 'merging'],
      [2, 'refused'],
      [3, 'merging'],
      [3, 'already'],
    ]);
  });

  it('counts a run by outcome', () => {
    const outcomes: MergeOutcome[] = [
      { state: 'merged', result: result() },
      { state: 'refused', error: new Error('x') },
      { state: 'already', result: result({ alreadyMerged: true }) },
      { state: 'merged', result: result() },
    ];
    expect(runSummary(outcomes)).toEqual({ merged: 2, already: 1, refused: 1 });
  });
});

describe("a merged file's result", () => {
  it('adds the tables up and lists those with rows in merge order', () => {
    expect(mergeTotals(result())).toEqual({ added: 15, updated: 2, unchanged: 1 });
    expect(tablesWithRows(result()).map((t) => t.table)).toEqual(['members', 'purchases']);
  });

  it('says what the file was and what it did, in both languages', async () => {
    const zh = await translator('zh-CN');
    const lines = resultLines(zh, result(), 'zh-CN');
    expect(lines[0]).toMatch(/^徐汇店（SH01）第 2 次导出 · 增量 · 2026/);
    expect(lines.slice(1)).toEqual(['新增 15 行，更新 2 行，未变 1 行', '新冲突 1 项', '关联到其他门店同一手机号的会员 2 人']);
    const english = await translator('en');
    expect(resultLines(english, result({ conflicts: 0, linked: 0 }), 'en').slice(1)).toEqual(['15 rows added, 2 updated, 1 unchanged']);
  });

  it('says a file merged before changed nothing, without counts', async () => {
    const zh = await translator('zh-CN');
    expect(resultLines(zh, result({ alreadyMerged: true }), 'zh-CN').slice(1)).toEqual(['这个文件之前已经合并过，这次没有任何改动。']);
  });
});

describe('refusals and HQ errors in words', () => {
  const details: Record<string, Record<string, unknown>> = {
    truncated: { expectedBytes: 40960, actualBytes: 1024 },
    format_too_new: { formatVersion: 3, supported: 1 },
    format_unknown: { formatVersion: 0 },
    other_chain: { chainCode: 'BD-AAAA-BBBB' },
    missing_base: { branchCode: 'SH01', lastSeq: 2, baseSeq: 4 },
    branch_code_taken: { branchCode: 'SH01' },
    invalid_content: { detail: 'purchases.member_id' },
    too_large: { maxBytes: 512 * 1024 * 1024 },
  };

  it('has its own sentence for every reason, every placeholder filled, in both languages', async () => {
    for (const lng of ['zh-CN', 'en'] as const) {
      const t = await translator(lng);
      const generic = errorMessage(t, new ApiError('BAD_FILE', '', {}));
      const seen = new Set<string>();
      for (const reason of BAD_FILE_REASONS) {
        const text = errorMessage(t, new ApiError('BAD_FILE', '', { reason, ...details[reason] }));
        expect(text, `${lng} ${reason}`).not.toBe(generic);
        expect(text, `${lng} ${reason}`).not.toMatch(/{{|undefined|\?/);
        seen.add(text);
      }
      expect(seen.size).toBe(BAD_FILE_REASONS.length);
    }
  });

  it('fills in the figures a refusal names', async () => {
    const zh = await translator('zh-CN');
    const message = (d: Record<string, unknown>) => errorMessage(zh, new ApiError('BAD_FILE', '', d));
    expect(message({ reason: 'truncated', ...details.truncated })).toContain('应有 40,960 字节，只有 1,024 字节');
    expect(message({ reason: 'missing_base', ...details.missing_base })).toContain('接在第 4 次导出之后的增量文件，但总部只合并到第 2 次');
    // HQ holding nothing of the branch yet is said so, not "up to no. 0".
    expect(message({ reason: 'missing_base', branchCode: 'SH01', lastSeq: 0, baseSeq: 1 })).toContain('总部还没有合并过这家门店的文件');
    expect(message({ reason: 'something_new' })).toBe(zh('errors.BAD_FILE'));
  });

  it('tells which side a method belongs to, and a branch without a chain code what to do', async () => {
    const english = await translator('en');
    expect(errorMessage(english, new ApiError('WRONG_MODE', '', { needed: 'hq', kind: 'branch' }))).toBe(
      'Only HQ can do this; this is a branch.',
    );
    expect(errorMessage(english, new ApiError('WRONG_MODE', '', { needed: 'branch', kind: 'hq' }))).toBe(
      'Only a branch can do this; this is HQ.',
    );
    expect(errorMessage(english, new ApiError('NOT_IN_CHAIN', '', {}))).toContain('chain code');
    expect(errorMessage(english, new ApiError('CONFLICT', '', { reason: 'chain_code_used', chainCode: 'BD-AAAA-BBBB' }))).toContain(
      'BD-AAAA-BBBB',
    );
  });

  it('names every exported table in both languages', () => {
    for (const table of EXPORT_TABLES) {
      expect(zhCN.hq.tables[table], table).toBeTruthy();
      expect(en.hq.tables[table], table).toBeTruthy();
    }
  });
});
