import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import ExcelJS from 'exceljs';
import type { SegmentCampaign } from '../../shared/contract/segment-actions';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { reportCsv, reportXlsx } from '../../renderer/components/reports/exportFile';
import {
  campaignFileName,
  campaignNotice,
  campaignPhone,
  campaignTable,
  followupsResultText,
} from '../../renderer/features/reports/segmentCampaign';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

const scores = { recencyDays: 150, frequency: 1, monetaryFen: 100000, r: 2, f: 1, m: 5 };
const campaign: SegmentCampaign = {
  asOf: '2026-11-25',
  from: '2025-11-26',
  segment: 'important_retain',
  members: 6,
  excludedNoConsent: 3,
  excludedInactive: 1,
  items: [
    {
      memberId: 'm1',
      name: '张三',
      cardNo: 'SH0100000001',
      phone: '+8613812345678',
      tierName: '金卡',
      segment: 'important_retain',
      ...scores,
    },
    {
      memberId: 'm2',
      name: '=HYPERLINK("http://x")',
      cardNo: 'SH0100000002',
      phone: '+85291234567',
      tierName: null,
      segment: 'important_retain',
      ...scores,
      monetaryFen: 99950,
    },
  ],
};

describe('the campaign list file', () => {
  it("is the list in CSV through the report frame's writer: mainland phones as 11 digits, formulas escaped, money in yuan", async () => {
    const t = await translator('zh-CN');
    const lines = reportCsv(campaignTable(t, campaign)).slice(1).split('\r\n');
    expect(lines).toEqual([
      '姓名,卡号,手机号,等级,分群,R 天数,F 笔数,M 金额,R 分,F 分,M 分',
      '张三,SH0100000001,13812345678,金卡,重要挽留客户,150,1,1000.00,2,1,5',
      // A foreign number keeps its plus, behind the apostrophe that stops Excel reading it as a formula.
      `"'=HYPERLINK(""http://x"")",SH0100000002,"'+85291234567",,重要挽留客户,150,1,999.50,2,1,5`,
    ]);
    expect(campaignFileName(t, campaign)).toBe('重要挽留客户营销名单-2026-11-25');
    expect(campaignFileName(await translator('en'), campaign)).toBe('Important retain campaign list-2026-11-25');
  });

  it('keeps phones as text in Excel, so no leading digit or plus is lost', async () => {
    const t = await translator('en');
    const bytes = await reportXlsx(campaignTable(t, campaign), { title: 'Important retain: campaign list' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['Name', 'Card', 'Phone', 'Tier', 'Segment']);
    expect(sheet.getCell('C2').value).toBe('13812345678');
    expect(sheet.getCell('E2').value).toBe('Important retain');
    expect(sheet.getCell('H3').value).toBe(999.5);
  });

  it('says how many are in it and who was left out, before the download', async () => {
    const zh = await translator('zh-CN');
    expect(campaignNotice(zh, campaign)).toEqual(['名单 2 人：分群 6 人中，未授权营销的 3 人已排除', '已停用的 1 人也已排除。']);
    expect(campaignNotice(zh, { ...campaign, excludedInactive: 0 })).toEqual(['名单 2 人：分群 6 人中，未授权营销的 3 人已排除']);
    const english = await translator('en');
    expect(campaignNotice(english, { ...campaign, excludedInactive: 0 })).toEqual([
      "2 on the list: of the segment's 6, 3 without marketing consent are left out",
    ]);
  });

  it('dials foreign numbers in E.164', () => {
    expect([campaignPhone('+8613812345678'), campaignPhone('+862162345678'), campaignPhone('+85291234567')]).toEqual([
      '13812345678',
      '2162345678',
      '+85291234567',
    ]);
  });
});

describe('the follow-ups result', () => {
  it('says what was created and why the rest was skipped, members without marketing consent first', async () => {
    const zh = await translator('zh-CN');
    const r = { asOf: '2026-11-25', members: 21, created: 12, skipped: 2, skippedBy: { planned: 2, inactive: 0, noConsent: 0 } };
    expect(followupsResultText(zh, { ...r, skipped: 0, skippedBy: { planned: 0, inactive: 0, noConsent: 0 } })).toBe('已创建 12 条');
    expect(followupsResultText(zh, r)).toBe('已创建 12 条，跳过 2 位：当天已有待办 2 位');
    expect(followupsResultText(zh, { ...r, skipped: 9, skippedBy: { planned: 0, inactive: 0, noConsent: 9 } })).toBe(
      '已创建 12 条，跳过 9 位：未同意营销 9 位',
    );
    expect(followupsResultText(zh, { ...r, skipped: 12, skippedBy: { planned: 2, inactive: 1, noConsent: 9 } })).toBe(
      '已创建 12 条，跳过 12 位：未同意营销 9 位，当天已有待办 2 位，会员已停用 1 位',
    );
    expect(followupsResultText(await translator('en'), { ...r, skipped: 11, skippedBy: { planned: 2, inactive: 0, noConsent: 9 } })).toBe(
      'Created 12, skipped 11: 9 without marketing consent, 2 already planned that day',
    );
  });
});
