import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/api/apiError';
import { errorMessage } from '../../renderer/api/errors';
import { FOREIGN_KINDS, RESTORE_REFUSALS } from '../../shared/contract/restore';
import { translator } from './translator';

// A backup refused for a restore says why in its own sentence, in both languages, with what it
// names (sizes, the other store, the versions), and that the store is as it was.

const details: Record<string, Record<string, unknown>> = {
  truncated: { expectedBytes: 327_450_624, actualBytes: 163_725_312 },
  corrupt: { problems: ['Tree 8 page 121: btreeInitPage() returns error code 11'] },
  newer: { schemaVersion: 25, appVersion: 19 },
};
const foreign: Record<string, Record<string, unknown>> = {
  not_branchdesk: {},
  hq: { code: 'HQ', name: '总部' },
  branch: { code: 'SH01', name: '徐汇店' },
  other: { code: 'BJ01', name: '朝阳店', currentCode: 'SH01', currentName: '徐汇店' },
};

const refusals = [
  ...RESTORE_REFUSALS.filter((r) => r !== 'foreign').map((reason) => ({ reason, backup: true, ...details[reason] })),
  ...FOREIGN_KINDS.map((kind) => ({ reason: 'foreign', foreign: kind, backup: true, ...foreign[kind] })),
];

describe('a backup refused, in words', () => {
  it('has its own sentence for every reason and every kind of foreign file, placeholders filled, in both languages', async () => {
    for (const lng of ['zh-CN', 'en'] as const) {
      const t = await translator(lng);
      const generic = errorMessage(t, new ApiError('BAD_FILE', '', { backup: true }));
      const seen = new Set<string>();
      for (const d of refusals) {
        const text = errorMessage(t, new ApiError('BAD_FILE', '', d));
        expect(text, `${lng} ${JSON.stringify(d)}`).not.toBe(generic);
        expect(text, `${lng} ${JSON.stringify(d)}`).not.toMatch(/{{|undefined|\?|NaN/);
        expect(text).toMatch(lng === 'en' ? /nothing changed/ : /数据没有改动/);
        seen.add(text);
      }
      expect(seen.size).toBe(refusals.length);
    }
  });

  it('names the other store, the sizes and the versions; an HQ merge’s refusal keeps its own words', async () => {
    const zh = await translator('zh-CN');
    const message = (d: Record<string, unknown>) => errorMessage(zh, new ApiError('BAD_FILE', '', d));
    expect(message({ reason: 'foreign', foreign: 'other', backup: true, ...foreign.other })).toBe(
      '这是另一家门店（BJ01 朝阳店）的备份，不是本店（SH01 徐汇店）的；数据没有改动。',
    );
    expect(message({ reason: 'truncated', backup: true, ...details.truncated })).toContain('163,725,312 / 327,450,624 字节');
    expect(message({ reason: 'newer', backup: true, ...details.newer })).toContain('数据版本 25，本软件最高支持 19');
    // The same reason from an HQ merge (no `backup`) is still the merge's sentence.
    expect(message({ reason: 'truncated', ...details.truncated })).toContain('总部');
  });
});
