import { describe, expect, it } from 'vitest';
import { translator } from './translator';
import { exportedBy, mergedBy } from '../../renderer/features/hq/madeBy';

describe('who made an export or a merge', () => {
  it('names the command line in words, in both languages, and a staff member by name', async () => {
    const zh = await translator('zh-CN');
    expect([exportedBy(zh, null), mergedBy(zh, null), exportedBy(zh, '赵经理'), mergedBy(zh, '赵经理')]).toEqual([
      '命令行导出',
      '命令行合并',
      '赵经理',
      '赵经理',
    ]);
    const english = await translator('en');
    expect([exportedBy(english, null), mergedBy(english, null)]).toEqual(['Command line', 'Command line']);
  });
});
