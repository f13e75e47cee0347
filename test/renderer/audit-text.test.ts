import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import Papa from 'papaparse';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { reportCsv } from '../../renderer/components/reports/exportFile';
import { setStoreZone } from '../../renderer/components/format';
import { actionText, auditTable, fieldChanges, rowActionText, rowValues } from '../../renderer/features/audit/auditText';
import { NO_REFS } from '../../renderer/features/audit/auditValues';
import type { AuditItem } from '../../shared/contract/audit';
import { writtenActions } from './written-actions';

// The audit page's words (renderer/features/audit/auditMessages.ts) and its CSV.

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

const item = (over: Partial<AuditItem>): AuditItem => ({
  id: 'a1',
  at: '2026-06-15T02:05:00.000Z',
  staffId: 's1',
  staffName: '小李',
  action: 'members.update',
  entity: 'member',
  entityId: 'm1',
  member: { id: 'm1', name: '张叁', cardNo: 'SH0100000001' },
  before: null,
  after: null,
  ...over,
});

describe('the audit page', () => {
  it('says every action the services write in words, in both languages; an unknown one shows its code', async () => {
    const actions = writtenActions();
    expect(actions.length).toBeGreaterThan(50);
    for (const lng of ['zh-CN', 'en'] as const) {
      const t = await translator(lng);
      const missing = actions.filter((a) => actionText(t, a) === a);
      expect(missing, lng).toEqual([]);
      expect(actionText(t, 'members.somethingNew')).toBe('members.somethingNew');
      expect(actionText(t, 'members')).toBe('members');
    }
    expect(actionText(await translator('zh-CN'), 'members.update')).toBe('修改会员资料');
  });

  it('names a row by what it did where the action alone reads either way: 撤回营销同意, not 登记或撤回营销同意', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    const consent = (after: string | null) => ({ action: 'members.setMarketingConsent', after });
    expect(rowActionText(zh, consent('{"consent_marketing":0,"notice_version":2}'))).toBe('撤回营销同意');
    expect(rowActionText(zh, consent('{"consent_marketing":1,"notice_version":2}'))).toBe('登记营销同意');
    expect(rowActionText(en, { action: 'members.setMarketingConsent', after: { consent_marketing: 0 } })).toBe(
      'Withdrew marketing consent',
    );
    expect(rowActionText(zh, { action: 'members.setStatus', after: '{"status":"inactive","reason":null}' })).toBe('停用会员');
    expect(rowActionText(en, { action: 'members.setStatus', after: '{"status":"active","reason":null}' })).toBe('Reactivated member');
    // A row that does not say (or says it in a way not known) keeps the action's words; the filter lists those.
    expect(rowActionText(zh, consent(null))).toBe('登记或撤回营销同意');
    expect(rowActionText(zh, consent('not json'))).toBe('登记或撤回营销同意');
    expect(rowActionText(zh, { action: 'members.update', after: '{"consent_marketing":0}' })).toBe('修改会员资料');
    const csv = Papa.parse<string[]>(
      reportCsv(auditTable(zh, 'zh-CN', [item({ action: 'members.setMarketingConsent', after: '{"consent_marketing":0}' })], NO_REFS)),
    ).data;
    expect(csv[1]).toContain('撤回营销同意');
  });

  it('shows the fields a row changed, before and after, in words; a nested record opens into its fields', async () => {
    const w = { t: await translator('zh-CN'), locale: 'zh-CN', refs: NO_REFS };
    const changes = (over: Partial<AuditItem>) =>
      fieldChanges(w, rowValues(item(over))).map(({ label, before, after }) => [label, before, after]);
    expect(changes({ before: '{"name":"张三","notes":null,"tags":["VIP"]}', after: '{"name":"张叁","notes":null,"tags":[]}' })).toEqual([
      ['姓名', '张三', '张叁'],
      ['标签', 'VIP', '无'],
    ]);
    expect(changes({ after: '{"name":"李四"}' })).toEqual([['姓名', '—', '李四']]);
    // Absent before and empty after is no change: a deactivation without a reason has no 原因: — → — line.
    expect(changes({ before: '{"status":"active"}', after: '{"status":"inactive","reason":null}' })).toEqual([['状态', '在用', '已停用']]);
    expect(changes({ before: '["a"]', after: '["a","b"]' })).toEqual([['', 'a', 'a、b']]);
    expect(changes({})).toEqual([]);
    // members.merge: the two member records, field by field
    expect(
      changes({
        action: 'members.merge',
        before: '{"keep":{"id":"m1","points_balance":10}}',
        after: '{"keep":{"id":"m1","points_balance":30}}',
      }),
    ).toEqual([['保留的会员 · 积分余额', '10', '30']]);
  });

  it('exports the page’s columns as CSV with a BOM, times at the store in the app’s format', async () => {
    setStoreZone('Asia/Shanghai');
    const t = await translator('zh-CN');
    const rows = [
      item({ before: '{"name":"张三"}', after: '{"name":"张叁"}' }),
      item({ id: 'a2', action: 'auth.login', entity: 'staff', entityId: 's1', member: null, staffId: null, staffName: null }),
      item({ id: 'a3', action: 'erasure.somethingNew', member: null, after: '{"name":"=HYPERLINK(1)"}' }),
    ];
    const csv = reportCsv(auditTable(t, 'zh-CN', rows, { ...NO_REFS, staff: { s1: '小李' } }));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(parsed).toEqual([
      ['时间', '员工', '操作', '对象', '改动'],
      ['2026/06/15 10:05', '小李', '修改会员资料', '张叁 (SH0100000001)', '姓名: 张三 → 张叁'],
      ['2026/06/15 10:05', '系统', '登录', '员工 · 小李', ''],
      ['2026/06/15 10:05', '小李', 'erasure.somethingNew', '会员 · 已不在档案中的会员 #…m1', '姓名: — → =HYPERLINK(1)'],
    ]);
    const english = reportCsv(auditTable(await translator('en'), 'en', rows.slice(0, 1), NO_REFS));
    expect(english.split('\r\n')[0]).toBe('\uFEFFTime,Staff,Action,Record,Changes');
    expect(english).toContain('2026-06-15 10:05,小李,Edited member');
  });
});
