import { describe, expect, it } from 'vitest';
import { translator } from './translator';
import { consentRow } from '../../renderer/features/privacy/consentText';
import { setStoreZone } from '../../renderer/components/format';

// A consent as the member page's 同意记录 and HQ's person page word it
// (renderer/features/privacy/consentText.ts).

const AT = '2026-12-05T06:05:00.000Z'; // 14:05 in Shanghai
const entry = { kind: 'data', granted: true, noticeVersion: 2, at: AT, byName: '赵经理' };

describe('a consent in words', () => {
  it("says an imported member's consent was the manager's declaration, under the notice then in force", async () => {
    setStoreZone('Asia/Shanghai');
    const zh = await translator('zh-CN');
    const en = await translator('en');
    expect(consentRow(zh, { ...entry, channel: 'import' }, 'zh-CN')).toBe(
      '保存个人信息：同意 · 2026/12/05 14:05 · 赵经理 · 导入时由店长声明 · 声明时的告知为第 2 版',
    );
    expect(consentRow(en, { ...entry, channel: 'import' }, 'en')).toBe(
      'Keep personal data: Given · 2026-12-05 14:05 · 赵经理 · declared by a manager at import · notice in force when declared: version 2',
    );
    expect(consentRow(zh, { ...entry, kind: 'marketing', granted: false, channel: 'counter' }, 'zh-CN')).toBe(
      '接收营销信息：撤回 · 2026/12/05 14:05 · 赵经理 · 柜台 · 隐私告知（第 2 版）',
    );
    expect(consentRow(zh, { ...entry, noticeVersion: null, byName: null, channel: 'before_notice' }, 'zh-CN')).toBe(
      '保存个人信息：同意 · 2026/12/05 14:05 · — · 启用告知前 · （当时未记录告知版本）',
    );
  });

  it('a kind or channel HQ does not know (a newer branch sent it) is shown as sent', async () => {
    const zh = await translator('zh-CN');
    expect(consentRow(zh, { ...entry, channel: 'kiosk' }, 'zh-CN')).toContain('· kiosk ·');
  });
});
