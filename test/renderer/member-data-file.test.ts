import { describe, expect, it } from 'vitest';
import { translator } from './translator';
import type { MemberDataExport } from '../../shared/contract/member-export';
import { memberDataFileName, memberDataHtml, memberDataJson } from '../../renderer/features/privacy/memberDataFile';
import { setStoreZone } from '../../renderer/components/format';

// The member's data file as the member page saves it: in the reader's language, the app's date
// format at the store's clock, money in yuan from fen, and nothing the member typed read as markup.

const AT = '2026-12-05T06:05:00.000Z'; // 14:05 in Shanghai

function exported(): MemberDataExport {
  return {
    format: 'branchdesk.member-data',
    formatVersion: 1,
    generatedAt: AT,
    generatedByName: '王店长',
    store: { code: 'SH01', name: '徐汇店' },
    member: {
      id: 'm1',
      cardNo: 'SH0100000001',
      name: '张<b>三</b>',
      phone: '+8613812345678',
      gender: 'female',
      birthday: '1990-05-20',
      email: null,
      address: null,
      notes: null,
      tags: ['VIP'],
      consentData: { given: true, at: AT, byName: '小李' },
      consentMarketing: { given: false, at: AT, byName: '小李' },
      status: 'active',
      homeBranch: { id: 'b1', code: 'SH01', name: '徐汇店' },
      createdAt: AT,
      updatedAt: AT,
      createdByName: '小李',
      version: 2,
      mergedInto: null,
      mergedAt: null,
      erasedAt: null,
    },
    consents: [{ id: 'c1', kind: 'marketing', granted: false, noticeVersion: 1, at: AT, byName: '小李', channel: 'counter' }],
    notices: [{ version: 1, text: '告知 & 说明', textEn: null, createdAt: '2026-12-06T00:00:00.000Z', createdByName: null, shipped: true }],
    points: { balance: 288, ledger: [], lots: [] },
    tier: null,
    purchases: [
      {
        id: 'p1',
        kind: 'sale',
        originalId: null,
        receiptNo: 'R-1',
        amountFen: 123456,
        redeemedPoints: 0,
        redeemedFen: 0,
        paidFen: 123456,
        category: null,
        note: null,
        occurredAt: AT,
        byName: '小李',
      },
    ],
    followups: [],
    feedback: [],
    merges: [],
    audit: [],
    auditRefs: { staff: {}, members: {}, tiers: {}, sales: {}, branches: {} },
  };
}

describe("a member's data file", () => {
  it('reads in Chinese with the store, the date at the store, money in yuan, and markup escaped', async () => {
    setStoreZone('Asia/Shanghai');
    const html = memberDataHtml(exported(), await translator('zh-CN'), 'zh-CN');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>会员个人数据: 张&lt;b&gt;三&lt;/b&gt;</h1>');
    expect(html).toContain('门店: 徐汇店 (SH01) · 生成时间: 2026/12/05 14:05 · 导出人: 王店长');
    expect(html).toContain('<td>1234.56</td>');
    expect(html).toContain('<td>接收营销信息</td><td>撤回</td><td>1</td>');
    expect(html).toContain('<pre lang="zh-CN">告知 &amp; 说明</pre>');
    // The notice that came with the app is dated by its day, labelled, not at 08:00 of a clock nobody saved it at.
    expect(html).toContain('<h3>隐私告知（第 1 版） · 随软件提供的默认告知 · 2026/12/06</h3>');
    expect(html).not.toContain('2026/12/06 08:00');
    expect(html).toContain('<p class="none">无</p>');
    expect(html).toContain('@page { size: A4');
  });

  it('gives a lot the last day it can be used, as the member page does, not the instant it is gone', async () => {
    setStoreZone('Asia/Shanghai');
    const data = exported();
    // Gone at the first moment of 2028-01-01 in Shanghai: usable through 2027-12-31.
    const lot = {
      id: 'l1',
      points: 388,
      remaining: 388,
      earnedAt: '2026-12-05T06:05:00.000Z',
      availableAt: '2026-12-05T06:05:00.000Z',
      expiresAt: '2027-12-31T16:00:00.000Z',
      expiredPoints: 0,
    };
    data.points.lots = [lot, { ...lot, id: 'l2', expiresAt: null }];
    const html = memberDataHtml(data, await translator('zh-CN'), 'zh-CN');
    expect(html).toContain('<td>388</td><td>388</td><td>2027/12/31</td>');
    expect(html).not.toContain('2028/01/01');
    expect(html).toContain('<td>388</td><td>388</td><td>—</td>');
  });

  it('reads in English with the English date format', async () => {
    setStoreZone('Asia/Shanghai');
    const html = memberDataHtml(exported(), await translator('en'), 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Generated: 2026-12-05 14:05');
    expect(html).toContain('<h2>Purchases</h2>');
  });

  it('holds both texts of a version the consent was given under, and a version an admin saved by its time', async () => {
    setStoreZone('Asia/Shanghai');
    const data = exported();
    data.notices = [{ version: 2, text: '第二版', textEn: 'Version <two>', createdAt: AT, createdByName: '王店长', shipped: false }];
    const html = memberDataHtml(data, await translator('en'), 'en');
    expect(html).toContain('<h3>Privacy notice (version 2) · 2026-12-05 14:05</h3>');
    expect(html).toContain('<h4>中文</h4><pre lang="zh-CN">第二版</pre><h4>English</h4><pre lang="en">Version &lt;two&gt;</pre>');
  });

  it('says its 操作记录 in the audit page’s words: actions, records, times, consent and tiers by name, no JSON', async () => {
    setStoreZone('Asia/Shanghai');
    const data = exported();
    data.audit = [
      {
        id: 'a1',
        at: AT,
        staffName: '小李',
        action: 'members.setMarketingConsent',
        entity: 'member',
        entityId: 'm1',
        before: { consent_marketing: 1 },
        after: { consent_marketing: 0, notice_version: 1 },
      },
      {
        id: 'a2',
        at: AT,
        staffName: null,
        action: 'tiers.upgrade',
        entity: 'member',
        entityId: 'm1',
        before: { tier_id: 't1' },
        after: { tier_id: 't2', reviewAt: '2027-12-05T06:05:00.000Z' },
      },
    ];
    data.auditRefs = {
      ...data.auditRefs,
      members: { m1: { name: '张三', cardNo: 'SH0100000001', erased: false } },
      tiers: { t1: '普通会员', t2: '银卡会员' },
    };
    const html = memberDataHtml(data, await translator('zh-CN'), 'zh-CN');
    expect(html).toContain(
      '<td>2026/12/05 14:05</td><td>撤回营销同意</td><td>小李</td><td>张三 (SH0100000001)</td><td>营销同意: 已同意 → 未同意; 隐私告知版本: — → 1</td>',
    );
    expect(html).toContain('<td>系统</td><td>张三 (SH0100000001)</td><td>等级: 普通会员 → 银卡会员; 等级复核日: — → 2027/12/05 14:05</td>');
    const english = memberDataHtml(data, await translator('en'), 'en');
    expect(english).toContain('<td>Withdrew marketing consent</td><td>小李</td>');
    expect(english).toContain('Marketing consent: Given → Not given');
    expect(english).not.toMatch(/\{&quot;|T06:05/);
  });

  it('is named by card and store day; the JSON file is the answer as it is', () => {
    setStoreZone('Asia/Shanghai');
    const data = { ...exported(), generatedAt: '2026-12-05T17:00:00.000Z' }; // 01:00 on the 6th in Shanghai
    expect(memberDataFileName(data, 'html')).toBe('member-data-SH0100000001-2026-12-06.html');
    expect(JSON.parse(memberDataJson(data))).toEqual(data);
  });
});
