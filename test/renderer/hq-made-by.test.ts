import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { exportedBy, mergedBy } from '../../renderer/features/hq/madeBy';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('who made an export or a merge', () => {
  it('names the command line in words, in both languages, and a staff member by name', async () => {
    const zh = await translator('zh-CN');
    expect([exportedBy(zh, null), mergedBy(zh, null), exportedBy(zh, '赵经理'), mergedBy(zh, '赵经理')]).toEqual(['命令行导出', '命令行合并', '赵经理', '赵经理']);
    const english = await translator('en');
    expect([exportedBy(english, null), mergedBy(english, null)]).toEqual(['Command line', 'Command line']);
  });
});
