import { describe, expect, it } from 'vitest';
import { translator } from './translator';
import type { PrivacyNotice } from '../../shared/contract/consent';
import { consentState, noticeDated, noticeTextIn } from '../../renderer/features/privacy/noticeWords';
import { setStoreZone } from '../../renderer/components/format';

// What the privacy pages choose to say (renderer/features/privacy/noticeWords.ts): which text of
// a notice a reader gets, how a version is dated, and a consent given, withdrawn or never given.

const SHIPPED: PrivacyNotice = {
  version: 1,
  text: '本店会员隐私告知',
  textEn: 'Privacy notice for members of this store',
  createdAt: '2026-12-06T00:00:00.000Z',
  createdByName: null,
  shipped: true,
};
const CHINESE_ONLY: PrivacyNotice = {
  version: 2,
  text: '第二版',
  textEn: null,
  createdAt: '2026-12-07T06:05:00.000Z',
  createdByName: '王店长',
  shipped: false,
};

describe('the notice a reader gets', () => {
  it("is in the screen's language where the version has that text, else the Chinese every version has", () => {
    expect(noticeTextIn(SHIPPED, 'en')).toEqual({ language: 'en', text: 'Privacy notice for members of this store' });
    expect(noticeTextIn(SHIPPED, 'zh-CN')).toEqual({ language: 'zh-CN', text: '本店会员隐私告知' });
    expect(noticeTextIn(CHINESE_ONLY, 'en')).toEqual({ language: 'zh-CN', text: '第二版' });
  });

  it('dates the shipped version by its day, labelled, and a saved one by its time at the store', async () => {
    setStoreZone('Asia/Shanghai');
    const zh = await translator('zh-CN');
    const en = await translator('en');
    expect(noticeDated(SHIPPED, zh, 'zh-CN')).toBe('随软件提供的默认告知 · 2026/12/06');
    expect(noticeDated(SHIPPED, en, 'en')).toBe('the default text shipped with the app · 2026-12-06');
    // A store west of Greenwich reads the same day: the day the text was written, not an instant.
    setStoreZone('America/Los_Angeles');
    expect(noticeDated(SHIPPED, zh, 'zh-CN')).toBe('随软件提供的默认告知 · 2026/12/06');
    setStoreZone('Asia/Shanghai');
    expect(noticeDated(CHINESE_ONLY, zh, 'zh-CN')).toBe('2026/12/07 14:05');
  });
});

describe("a member's marketing consent", () => {
  const AT = '2026-12-07T06:05:00.000Z';

  it('reads given, withdrawn (when and by whom) or never given, in both languages', async () => {
    setStoreZone('Asia/Shanghai');
    const zh = await translator('zh-CN');
    const en = await translator('en');
    expect(consentState({ given: true, at: AT, byName: '小李' }, zh, 'zh-CN')).toBe('已同意 · 2026/12/07 14:05 · 小李');
    expect(consentState({ given: false, at: AT, byName: '小李' }, zh, 'zh-CN')).toBe('已撤回 · 2026/12/07 14:05 · 小李');
    expect(consentState({ given: false, at: null, byName: null }, zh, 'zh-CN')).toBe('未同意');
    expect(consentState({ given: false, at: AT, byName: '小李' }, en, 'en')).toBe('Withdrawn · 2026-12-07 14:05 · 小李');
    expect(consentState({ given: false, at: null, byName: null }, en, 'en')).toBe('Not given');
  });
});
