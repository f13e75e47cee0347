import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { ApiError } from '../../renderer/api/apiError';
import { errorMessage, fieldErrors } from '../../renderer/api/errors';

// The sentences for refusals of the PIN change and the category list, by code and details only.

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('error sentences', () => {
  it("says the current PIN is wrong, not the name or PIN, when changing one's own", async () => {
    const [zh, english] = [await translator('zh-CN'), await translator('en')];
    expect(errorMessage(zh, new ApiError('WRONG_CREDENTIALS', '', { field: 'oldPin' }))).toBe('当前 PIN 不正确。');
    expect(errorMessage(zh, new ApiError('WRONG_CREDENTIALS', '', { field: 'oldPin', lockedForSeconds: 30 }))).toBe(
      '当前 PIN 不正确。错误次数过多，请 30 秒后再试。',
    );
    expect(errorMessage(english, new ApiError('WRONG_CREDENTIALS', '', { field: 'oldPin', lockedForSeconds: 60 }))).toBe(
      'The current PIN is wrong. Too many attempts: try again in 60 s.',
    );
    // A login's refusal is unchanged.
    expect(errorMessage(zh, new ApiError('WRONG_CREDENTIALS', '', {}))).toBe('姓名或密码不正确。');
  });

  it('says how many categories a list holds, and which name repeats', async () => {
    const zh = await translator('zh-CN');
    expect(errorMessage(zh, new ApiError('CONFLICT', '', { reason: 'category_list_full', max: 200 }))).toBe(
      '品类列表已满（最多 200 个），请先在「设置」里删掉不用的品类。',
    );
    const duplicate = new ApiError('VALIDATION', '', { issues: [{ field: 'items.2', rule: 'duplicate' }] });
    expect(fieldErrors(zh, duplicate)).toEqual({ items: '与前面的重复（不区分大小写）' });
  });
});
