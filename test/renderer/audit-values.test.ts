import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { setStoreZone } from '../../renderer/components/format';
import { changesLine, fieldChanges, recordText, rowValues, staffText } from '../../renderer/features/audit/auditText';
import { NO_REFS, type AuditWords } from '../../renderer/features/audit/auditValues';
import type { AuditItem, AuditRefs } from '../../shared/contract/audit';
import { translator } from './translator';

// Each kind of value an audit row holds, as the audit page says it (renderer/features/audit/auditValues.ts).

const refs: AuditRefs = {
  staff: { s1: '小李', s2: '王店长' },
  members: {
    m1: { name: '张三', cardNo: 'SH0100000001', erased: false },
    m9: { name: '已删除-019a2b3c4d5e', cardNo: '已删除-019a2b3c4d5e', erased: true },
  },
  tiers: { t1: '普通会员', t2: '银卡会员' },
  sales: { p1: { kind: 'sale', amountFen: 8800, at: '2026-06-15T02:05:00.000Z' } },
  branches: { b1: { name: '徐汇店', code: 'SH01' } },
};

let zh: TFunction;
let en: TFunction;
beforeAll(async () => {
  setStoreZone('Asia/Shanghai');
  zh = await translator('zh-CN');
  en = await translator('en');
});

const words = (lng: 'zh-CN' | 'en'): AuditWords => ({ t: lng === 'en' ? en : zh, locale: lng, refs });

const row = (over: Partial<AuditItem>): AuditItem => ({
  id: 'a1',
  at: '2026-06-15T02:05:00.000Z',
  staffId: 's1',
  staffName: '小李',
  action: 'members.update',
  entity: 'member',
  entityId: 'm1',
  member: { id: 'm1', name: '张三', cardNo: 'SH0100000001' },
  before: null,
  after: null,
  ...over,
});

const line = (lng: 'zh-CN' | 'en', over: Partial<AuditItem>) => changesLine(words(lng), rowValues(row(over)));

describe('an audit row’s values in words', () => {
  it('says times at the store in the app’s format, and days as days', () => {
    const over = { before: '{"consent_marketing_at":null}', after: '{"consent_marketing_at":"2026-12-06T03:12:00.000Z"}' };
    expect(line('zh-CN', over)).toBe('营销同意的时间: — → 2026/12/06 11:12');
    expect(line('en', over)).toBe('Marketing consent given at: — → 2026-12-06 11:12');
    expect(
      line('zh-CN', {
        action: 'followups.reschedule',
        entity: 'followup',
        before: '{"dueDate":"2026-06-20"}',
        after: '{"dueDate":"2026-06-22"}',
      }),
    ).toBe('到期日: 2026/06/20 → 2026/06/22');
  });

  it('says money in yuan, percentages and durations with their units', () => {
    expect(line('zh-CN', { action: 'points.redeem', after: '{"points":100,"valueFen":1050}' })).toBe('积分: — → 100; 抵扣金额: — → ¥10.50');
    expect(line('en', { action: 'takings.set', entity: 'takings', before: '{"totalFen":500000}', after: '{"totalFen":1234500}' })).toBe(
      'Takings: ¥5,000.00 → ¥12,345.00',
    );
    expect(
      line('zh-CN', { action: 'auth.saveLockSettings', entity: 'settings', before: '{"idleMinutes":5}', after: '{"idleMinutes":15}' }),
    ).toBe('闲置锁屏时间: 5 分钟 → 15 分钟');
  });

  it('says yes/no fields and 0/1 flags in words that fit the field', () => {
    const consent = {
      action: 'members.setMarketingConsent',
      before: '{"consent_marketing":1}',
      after: '{"consent_marketing":0,"notice_version":2}',
    };
    expect(line('zh-CN', consent)).toBe('营销同意: 已同意 → 未同意; 隐私告知版本: — → 2');
    expect(line('en', consent)).toBe('Marketing consent: Given → Not given; Notice version: — → 2');
    const staff = { action: 'staff.update', entity: 'staff', entityId: 's1', member: null };
    expect(
      line('zh-CN', { ...staff, before: '{"role":"clerk","active":true}', after: '{"role":"manager","active":false,"pinChanged":false}' }),
    ).toBe('角色: 店员 → 店长; 在职: 在职 → 已停用; 修改了 PIN: — → 否');
    // HQ's own trail names its roles as HQ does; a branch's rows read at HQ keep the branch's words.
    const promoted = rowValues(row({ ...staff, before: '{"role":"clerk"}', after: '{"role":"manager"}' }));
    expect(changesLine({ ...words('zh-CN'), hq: true }, promoted)).toBe('角色: 职员 → 主管');
    expect(changesLine({ ...words('zh-CN'), hq: false }, promoted)).toBe('角色: 店员 → 店长');
  });

  it('says codes in the words their pages use', () => {
    expect(line('zh-CN', { before: '{"gender":"unspecified","status":"active"}', after: '{"gender":"female","status":"inactive"}' })).toBe(
      '性别: 未说明 → 女; 状态: 在用 → 已停用',
    );
    expect(
      line('en', {
        action: 'followups.cancel',
        entity: 'followup',
        entityId: 'f1',
        member: null,
        before: '{"status":"planned"}',
        after: '{"status":"cancelled","reason":"marketing_withdrawn"}',
      }),
    ).toBe('Status: Planned → Cancelled; Reason: — → The member withdrew marketing consent');
  });

  it('names staff, tiers, members and sales by name; an erased member as such, in the UI’s language', () => {
    expect(line('zh-CN', { action: 'tiers.upgrade', before: '{"tier_id":"t1"}', after: '{"tier_id":"t2"}' })).toBe(
      '等级: 普通会员 → 银卡会员',
    );
    const sw = {
      action: 'auth.switch',
      entity: 'staff',
      entityId: 's2',
      staffId: 's2',
      staffName: '王店长',
      member: null,
      before: '{"staffId":"s1"}',
      after: '{"staffId":"s2"}',
    };
    expect(line('zh-CN', sw)).toBe('当班员工: 小李 → 王店长');
    expect(line('en', sw)).toBe('Clerk at the counter: 小李 → 王店长');
    expect(recordText(words('en'), row(sw))).toBe('Staff · 王店长');
    const dismiss = { action: 'members.dismissDuplicate', after: '{"memberId":"m1","otherId":"m9"}' };
    expect(line('en', dismiss)).toBe('Member: — → 张三 (SH0100000001); Other member: — → erased member (card …3c4d5e)');
    const erased = row({ entityId: 'm9', member: { id: 'm9', name: '已删除-019a2b3c4d5e', cardNo: '已删除-019a2b3c4d5e' } });
    expect(recordText(words('en'), erased)).toBe('erased member (card …3c4d5e)');
    expect(recordText(words('zh-CN'), erased)).toBe('已删除的会员（卡号 …3c4d5e）');
    const refund = {
      action: 'purchases.refund',
      entity: 'purchase',
      entityId: 'p2',
      member: null,
      after: '{"saleId":"p1","amountFen":1000}',
    };
    expect(line('zh-CN', refund)).toBe('原消费: — → 消费 ¥88.00 · 2026/06/15 10:05; 金额: — → ¥10.00');
    expect(recordText(words('zh-CN'), row({ ...refund, entityId: 'p1' }))).toBe('消费 ¥88.00 · 2026/06/15 10:05');
  });

  it('shows an id no longer on file as a short neutral label, never the id', () => {
    const gone = { action: 'followups.assign', entity: 'followup', entityId: 'f1', member: null };
    expect(line('zh-CN', { ...gone, before: '{"assigneeId":null}', after: '{"assigneeId":"0193a8e0-1111-7000-8000-00000000dead"}' })).toBe(
      '负责人: — → 已删除的员工',
    );
    expect(line('en', { action: 'tiers.save', entity: 'tiers', after: '{"jobId":"0193a8e0-1111-7000-8000-0000000beef1"}' })).toBe(
      'Background job: — → background job #…0beef1',
    );
    expect(staffText(words('zh-CN'), row({ staffId: 'gone', staffName: null }))).toBe('已删除的员工');
    expect(staffText(words('zh-CN'), row({ staffId: null, staffName: null }))).toBe('系统');
  });

  it('opens nested records into readable lines, not JSON', () => {
    const rules = {
      action: 'points.setRules',
      entity: 'points_rules',
      member: null,
      after: JSON.stringify({
        effectiveFrom: '2026-07-01T00:00:00.000+08:00',
        rules: { earn: { points: 1, perYuan: 1 }, minPurchaseFen: 0, expiry: { kind: 'days', days: 365 }, lockDays: 7 },
      }),
    };
    const text = line('zh-CN', rules);
    expect(text).not.toMatch(/[{}"]/);
    expect(text).toContain('¥0.00');
    expect(text).toContain('365 天');
    const tiers = {
      action: 'tiers.save',
      entity: 'tiers',
      member: null,
      after: JSON.stringify({
        basis: 'spend',
        windowMonths: 12,
        tiers: [{ id: 't2', rank: 1, name: '银卡会员', threshold: 200000, pointsMultiplierPct: 120, discountPct: 5, benefits: null }],
      }),
    };
    const tierLine = line('zh-CN', tiers);
    expect(tierLine).toContain('评定依据: — → 近期消费金额');
    expect(tierLine).toContain('统计期: — → 12 个月');
    expect(tierLine).toContain('等级: — → 等级名称: 银卡会员，门槛: ¥2,000.00，积分倍数: 120%，折扣: 5%，权益: —');
    expect(tierLine).not.toMatch(/[{}"]/);
  });

  it('labels a store’s and a tier’s name as theirs, not a person’s', () => {
    const setup = {
      action: 'setup.init',
      entity: 'branch',
      entityId: 'b1',
      member: null,
      after: '{"id":"b1","code":"SH01","name":"徐汇店","adminName":"王店长"}',
    };
    expect(line('zh-CN', setup)).toBe('门店代码: — → SH01; 门店名称: — → 徐汇店; 管理员: — → 王店长');
    expect(line('en', setup)).toBe('Store code: — → SH01; Store name: — → 徐汇店; Admin: — → 王店长');
    expect(recordText(words('zh-CN'), row(setup))).toBe('门店 · 徐汇店 (SH01)');
  });

  it('says a redacted value as erased, in the UI’s language', () => {
    expect(line('en', { before: '{"name":"[已删除]"}', after: '{"name":"[已删除]","notes":"[已删除]"}' })).toBe('Notes: — → (erased)');
    expect(line('zh-CN', { after: '{"name":"[已删除]"}' })).toBe('姓名: — → （已删除）');
  });

  it('says the rows no single call writes in words: an erasure applied again, a restore, a refused file', () => {
    const again = {
      action: 'members.eraseAgain',
      staffId: null,
      staffName: null,
      entityId: 'm9',
      after: JSON.stringify({
        erasedMembers: ['m9'],
        redactedAuditRows: 3,
        reason: '[已删除]本人要求',
        erasedAt: '2026-06-15T02:05:00.000Z',
        erasedBy: 's2',
      }),
    };
    expect(line('en', again)).toBe(
      'Members erased: — → erased member (card …3c4d5e); Audit rows redacted: — → 3; Reason: — → (erased)本人要求; Erased at: — → 2026-06-15 10:05; Erased by: — → 王店长',
    );
    const restored = {
      action: 'backup.restored',
      entity: 'backup',
      entityId: null,
      member: null,
      after: JSON.stringify({
        fileName: 'SH01-2026-06-14.sqlite',
        restoredTo: '2026-06-14T12:00:00.000Z',
        epoch: 2,
        cardCounter: 120,
        erasedAgain: 1,
      }),
    };
    expect(line('zh-CN', restored)).toBe(
      '文件名: — → SH01-2026-06-14.sqlite; 恢复到: — → 2026/06/14 20:00; 恢复次数: — → 2; 已发卡号: — → 120; 再次删除的会员: — → 1',
    );
    const refused = {
      action: 'hq.mergeRefused',
      entity: 'export',
      entityId: null,
      member: null,
      after: '{"fileName":"a.bdx","reason":"checksum"}',
    };
    expect(line('zh-CN', refused)).toBe('文件名: — → a.bdx; 原因: — → 内容与校验码不符');
    expect(line('en', refused)).toBe('File name: — → a.bdx; Reason: — → Content does not match its checksum');
  });

  it('reads without names as well (an empty refs map)', () => {
    const w: AuditWords = { t: zh, locale: 'zh-CN', refs: NO_REFS };
    expect(fieldChanges(w, rowValues(row({ before: '{"tier_id":"t1"}', after: '{"tier_id":"t2"}' })))[0].after).toBe('未知等级 #…t2');
  });
});
