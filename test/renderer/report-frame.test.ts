import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import type { ChartConfiguration } from 'chart.js';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { ReportFrame, type ReportFrameProps } from '../../renderer/components/reports/ReportFrame';
import type { ReportColumn } from '../../renderer/components/reports/columns';
import { printCss } from '../../renderer/components/reports/print';

// The demo of the report frame: a small sales-by-tier report rendered as the page author would
// use it. Rendered to HTML under Node (effects, and so the chart.js canvas drawing, do not run).

interface TierSales {
  tierId: string;
  tier: string;
  members: number;
  salesFen: number;
  repurchase: number;
}

const rows: TierSales[] = [
  { tierId: 't1', tier: '普通会员', members: 820, salesFen: 4_512_050, repurchase: 0.214 },
  { tierId: 't2', tier: '金卡', members: 96, salesFen: 3_870_000, repurchase: 0.5 },
];

const columns: ReportColumn<TierSales>[] = [
  { key: 'tier', header: '等级' },
  { key: 'members', header: '会员数', kind: 'number' },
  { key: 'salesFen', header: '消费金额', kind: 'money' },
  { key: 'repurchase', header: '复购率', kind: 'percent' },
];

const chart: ChartConfiguration<'bar'> = {
  type: 'bar',
  data: { labels: rows.map((r) => r.tier), datasets: [{ label: '消费金额（元）', data: rows.map((r) => r.salesFen / 100) }] },
  options: { plugins: { legend: { display: false } } },
};

async function render(language: 'zh-CN' | 'en', overrides: Partial<ReportFrameProps<TierSales>> = {}): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    interpolation: { escapeValue: false },
  });
  const props: ReportFrameProps<TierSales> = {
    title: '各等级消费',
    subtitle: '2025年1月',
    chart,
    columns,
    rows,
    totalRow: { tierId: 'all', tier: '合计', members: 916, salesFen: 8_382_050, repurchase: 0.244 },
    rowKey: (row) => row.tierId,
    exportName: 'tier-sales-2025-01',
    printMeta: { storeName: '上海一店', printedBy: '王店长' },
    onRowClick: () => undefined,
    ...overrides,
  };
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(ReportFrame<TierSales>, props)));
}

describe('ReportFrame (demo)', () => {
  it('shows the title, period, the three buttons, the chart canvas and the table', async () => {
    const html = await render('zh-CN');
    for (const text of ['各等级消费', '2025年1月', '打印', '导出 CSV', '导出 Excel']) expect(html).toContain(text);
    expect(html).toMatch(/<canvas[^>]*role="img"[^>]*aria-label="各等级消费图表，数据见下表"/);
    for (const text of ['等级', '会员数', '消费金额', '复购率', '普通会员', '820', '¥45,120.50', '21.4%', '金卡', '¥38,700.00', '50.0%']) {
      expect(html).toContain(`>${text}<`);
    }
    expect(html).toContain('>合计<');
    expect(html).toContain('>¥83,820.50<');
  });

  it('carries a print-only header with store, period, printed at and printed by (browser mode)', async () => {
    const html = await render('zh-CN');
    expect(html).toMatch(/bd-report-print-only[^>]*data-testid="report-print-header"/);
    expect(html).toMatch(/门店：上海一店 · 统计期间：2025年1月 · 打印时间：[^<]+ · 打印人：王店长/);
    // The buttons sit in the part that never prints.
    expect(html).toMatch(/bd-report-no-print[^]*打印[^]*导出 Excel/);
  });

  it('takes the period for paper from printMeta when the subtitle says more', async () => {
    const html = await render('zh-CN', {
      subtitle: '2025年1月 · 对比上月',
      printMeta: { storeName: '上海一店', printedBy: '王店长', periodLabel: '2025-01-01 至 2025-01-31' },
    });
    expect(html).toContain('统计期间：2025-01-01 至 2025-01-31');
  });

  it('speaks English when the staff member does', async () => {
    const html = await render('en');
    for (const text of ['Print', 'Export CSV', 'Export Excel', 'Store: 上海一店', 'Printed by: 王店长']) expect(html).toContain(text);
  });

  it('says so when the period has no data, and leaves out the chart when there is none', async () => {
    const html = await render('zh-CN', { rows: [], chart: null });
    expect(html).toContain('这段时间没有数据');
    expect(html).not.toContain('<canvas');
    expect(html).not.toContain('>合计<');
  });

  it('makes clickable rows reachable by keyboard', async () => {
    const html = await render('zh-CN');
    expect(html.match(/<tr[^>]*tabindex="0"/g)).toHaveLength(rows.length);
    expect(await render('zh-CN', { onRowClick: undefined })).not.toMatch(/<tr[^>]*tabindex/);
  });

  it("prints a footnote under the table, and offers a header's definition on hover", async () => {
    const withHelp = columns.map((c) => (c.key === 'repurchase' ? { ...c, help: '消费两笔及以上的会员 ÷ 会员数' } : c));
    const html = await render('zh-CN', { columns: withHelp, footnote: '会员按等级分别统计' });
    expect(html).toMatch(/data-testid="report-footnote"[^>]*>会员按等级分别统计</);
    expect(html).not.toMatch(/bd-report-no-print[^>]*data-testid="report-footnote"/);
    // The definition describes the header; its name stays the header's own text.
    expect(html).toMatch(/<span[^>]*title="消费两笔及以上的会员 ÷ 会员数"[^>]*>复购率<\/span>/);
    expect(html).not.toContain('aria-label="消费两笔及以上的会员 ÷ 会员数"');
    expect(html).toContain('>等级</th>');
  });
});

describe('report print CSS', () => {
  it('sets A4 and 12 mm margins for the browser, hides everything off the report path, keeps rows whole', () => {
    const css = printCss({ landscape: false });
    expect(css).toContain('@page { size: A4; margin: 12mm; }');
    expect(printCss({ landscape: true })).toContain('size: A4 landscape');
    expect(css).toContain('[data-report-print-hidden] { display: none !important; }');
    expect(css).toContain('.bd-report-no-print { display: none !important; }');
    expect(css).toContain('tr { break-inside: avoid; }');
  });

  it('leaves page size and margins to printToPDF in Electron', () => {
    expect(printCss(null)).not.toContain('@page');
  });

  it('keeps the page-number placeholders for the PDF footer through translation', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', interpolation: { escapeValue: false } });
    expect(i18n.t('reportFrame.printHeader.page', { page: '{{page}}', pages: '{{pages}}' })).toBe('第 {{page}} / {{pages}} 页');
  });
});
