import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, addStaff, login, sessionFor, createMember, ADMIN, type WebServer } from './fixtures';
import { csvRows, download, pdfPages, xlsxRows } from './report-files';

// 报表 end to end (issue 5): a store with sales of this month only, figures worked out by hand;
// the dashboard and its periods, an RFM segment's members, CSV and Excel files read back, and a
// printed report checked in the PDF Chromium makes of the print CSS.

// The browser sits in another zone than the store (Asia/Shanghai, the default), 16 hours behind
// it: the page must still count the store's days and months, as the services do.
test.use({ timezoneId: 'America/Los_Angeles' });

const MANAGER = { name: '李经理', pin: '1357' };
const CLERK = { name: '小李', pin: '2468' };
/** ASCII and CJK, so the PDF check reads both kinds of glyph back through the fonts' ToUnicode maps. */
const STORE = 'BranchDesk Test 店';
const SHOTS = '/tmp/try/shots';

const tabNames = (page: Page) => page.getByRole('tablist', { name: 'main' }).getByRole('tab').allTextContents();

/** This month, last month and this year in the branch's zone, as keys and as the screen names them. */
function periods() {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-').map(Number);
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const key = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
  // This month so far is set against as many days of last month, at most all of it.
  const prevDays = Math.min(d, new Date(Date.UTC(py, pm, 0)).getUTCDate());
  const prevLabel = `${py}年${pm}月`;
  return {
    month: key(y, m),
    monthLabel: `${y}年${m}月`,
    prevLabel,
    yearLabel: `${y}年`,
    prevDays,
    prevSoFar: `${prevLabel}前 ${prevDays} 天`,
  };
}

/**
 * The store, all of it this month: 张三 buys ¥300 and ¥200 and returns ¥100 of the first; 李四
 * ¥150; 王五 ¥50; 赵六 registers and buys nothing. So: 4 new, 3 active, 1 of them twice (33.3%),
 * 4 orders, sales ¥700, refunds ¥100, net ¥600, ¥150 an order; 700 points earned (¥1 = 1 point),
 * 100 reversed, 600 outstanding worth ¥6.00.
 * RFM (12 months, all bought today, so every R is 5 and none is above the mean): F edges 1,1,1,2
 * give 张三 F 4, the others 1 (mean 2); M (net) 40000/15000/5000 fen give 4/2/1 (mean 2.33). So
 * 张三 is 重要保持 (F and M high), 李四 and 王五 一般挽留; CLV = M × 12/12 × 30% × 3 years.
 * Categories: 张三's ¥300 (and so its refund) and 李四's ¥150 are 食品, 张三's ¥200 日用, 王五's none.
 */
async function seedStore(server: WebServer) {
  const init = await server.rpc('setup.init', { branchName: STORE, branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
  expect(init.body.ok).toBe(true);
  const admin = await sessionFor(server);
  const zhang = await createMember(server, admin, { name: '张三', phone: '13800000001' });
  const li = await createMember(server, admin, { name: '李四', phone: '13800000002' });
  const wang = await createMember(server, admin, { name: '王五', phone: '13800000003' });
  await createMember(server, admin, { name: '赵六', phone: '13800000004' });
  const sell = async (memberId: string, amount: string, category?: string) => {
    const r = await server.rpc('purchases.record', { memberId, amount, ...(category ? { category } : {}) }, admin);
    expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
    const result = r.body.result as { purchase: { id: string }; earned: number };
    expect(result.earned).toBe(Number(amount)); // the premise of the points figures below
    return result.purchase.id;
  };
  const first = await sell(zhang.id, '300', '食品');
  await sell(zhang.id, '200', '日用');
  await sell(li.id, '150', '食品');
  await sell(wang.id, '50');
  const refund = await server.rpc('purchases.refund', { purchaseId: first, amount: '100' }, admin);
  expect(refund.body.result).toMatchObject({ reversed: 100 });
  return { zhang, li, wang };
}

/** One KPI card: its value, the previous period's, the change. */
async function expectKpi(page: Page, kpi: string, value: string, previous?: string, change?: string) {
  const card = page.getByTestId(`kpi-${kpi}`);
  await expect(card.getByTestId('kpi-value')).toHaveText(value);
  if (previous !== undefined) await expect(card).toContainText(`上期 ${previous}`);
  if (change !== undefined) await expect(card.getByTestId('kpi-change')).toHaveText(change);
}

test('a manager reads the dashboard, changes the period, opens an RFM segment, exports and prints', async ({ page, server }) => {
  mkdirSync(SHOTS, { recursive: true });
  const { zhang, li, wang } = await seedStore(server);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  const p = periods();
  // window.print() would open a dialog; on paper is what page.pdf() makes of the print CSS.
  await page.addInitScript(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => void (window as unknown as { printCalls: number }).printCalls++;
  });

  await login(page, server, MANAGER.name, MANAGER.pin);
  await expect.poll(() => tabNames(page)).toEqual(['前台', '会员', '回访', '报表', '积分与等级', '上报总部', '导入数据', '设置']);
  await page.getByRole('tab', { name: '报表' }).click();
  await expect(page).toHaveURL(/#\/reports$/);
  await expect(page.getByRole('tab', { name: '经营概览' })).toHaveAttribute('aria-selected', 'true');

  // This month against as many days of last month, which had nothing.
  await expect(page.getByTestId('period-label')).toHaveText(p.monthLabel);
  await expect(page.getByTestId('period-compared')).toContainText(`对比 ${p.prevLabel}的前 ${p.prevDays} 天`);
  // The daily few lead; the rest wait under 其他指标 until asked for.
  const headline = page.getByTestId('kpi-headline');
  for (const kpi of ['netSalesFen', 'orders', 'aovFen', 'activeMembers', 'newMembers', 'followupsOverdue', 'complaintsOpen'])
    await expect(headline.getByTestId(`kpi-${kpi}`)).toHaveCount(1);
  await expect(headline.getByTestId('kpi-pointsIssued')).toHaveCount(0);
  await expect(page.getByTestId('kpi-pointsIssued')).toBeHidden();
  await page
    .getByTestId('kpi-more')
    .getByRole('button', { name: /其他指标（\d+ 项）/ })
    .click();
  await expect(page.getByTestId('kpi-pointsIssued')).toBeVisible();
  await expectKpi(page, 'newMembers', '4', '0', '▲ 上期为 0');
  await expectKpi(page, 'activeMembers', '3', '0', '▲ 上期为 0');
  await expectKpi(page, 'repurchaseRate', '33.3%', '—', '—');
  await expectKpi(page, 'retentionRate', '—');
  await expectKpi(page, 'orders', '4', '0', '▲ 上期为 0');
  await expectKpi(page, 'salesFen', '¥700.00', '¥0.00');
  await expectKpi(page, 'refundsFen', '¥100.00', '¥0.00');
  await expectKpi(page, 'netSalesFen', '¥600.00', '¥0.00');
  await expectKpi(page, 'aovFen', '¥150.00', '—', '—');
  await expectKpi(page, 'pointsIssued', '700');
  await expectKpi(page, 'pointsReversed', '100');
  await expectKpi(page, 'pointsRedeemed', '0');
  await expectKpi(page, 'pointsOutstanding', '600', '0');
  await expectKpi(page, 'liabilityFen', '¥6.00', '¥0.00');
  await expectKpi(page, 'complaintsOpened', '0', '0', '持平');
  await page.screenshot({ path: `${SHOTS}/e2e-dashboard.png`, fullPage: true });

  // The files behind "全部指标": every figure, in its row's unit, this period and the last.
  const all = page.getByTestId('report-frame').filter({ has: page.getByRole('heading', { name: '全部指标' }) });
  const csv = await download(page, all, '导出 CSV');
  expect(csv.name).toBe(`经营概览-全部指标-${p.month}.csv`);
  const csvTable = csvRows(csv.bytes);
  expect(csvTable[0]).toEqual(['分类', '指标', '单位', p.monthLabel, p.prevSoFar, '变化']);
  expect(csvTable).toHaveLength(1 + 28); // with the three takings figures
  const csvByFigure = new Map(csvTable.slice(1).map((r) => [r[1], r]));
  expect(csvByFigure.get('订单数')).toEqual(['销售', '订单数', '单', '4', '0', '▲ 上期为 0']);
  expect(csvByFigure.get('销售额')).toEqual(['销售', '销售额', '元', '700', '0', '▲ 上期为 0']);
  expect(csvByFigure.get('客单价')).toEqual(['销售', '客单价', '元', '150', '', '—']);
  expect(csvByFigure.get('复购率')).toEqual(['会员', '复购率', '%', '33.3', '', '—']);
  expect(csvByFigure.get('未兑换积分')).toEqual(['积分', '未兑换积分', '分', '600', '0', '▲ 上期为 0']);
  const xlsx = await download(page, all, '导出 Excel');
  expect(xlsx.name).toBe(`经营概览-全部指标-${p.month}.xlsx`);
  const sheet = await xlsxRows(xlsx.bytes);
  expect(sheet[0]).toEqual(['分类', '指标', '单位', p.monthLabel, p.prevSoFar, '变化']);
  expect(sheet).toHaveLength(1 + 28); // with the three takings figures
  const sheetByFigure = new Map(sheet.slice(1).map((r) => [r[1], r]));
  expect(sheetByFigure.get('净销售额')).toEqual(['销售', '净销售额', '元', 600, 0, '▲ 上期为 0']);
  expect(sheetByFigure.get('活跃会员')).toEqual(['会员', '活跃会员', '人', 3, 0, '▲ 上期为 0']);
  expect(sheetByFigure.get('复购率')?.slice(0, 4)).toEqual(['会员', '复购率', '%', 33.3]);

  // Print "销售对比": only that frame goes on paper, with the store, period and who printed.
  const sales = page.getByTestId('report-frame').filter({ has: page.getByRole('heading', { name: '销售对比' }) });
  await sales.getByRole('button', { name: '打印' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(sales.getByTestId('report-print-header')).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'main' })).toBeHidden();
  // The page size comes from the report's own @page rule (A4 portrait: 210 × 297 mm in points).
  const pages = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(pages.length).toBeGreaterThanOrEqual(1);
  for (const { width, height } of pages) expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  const onPaper = pages
    .map((p) => p.text)
    .join('\n')
    .replace(/\s+/g, '');
  expect(onPaper).not.toContain('\uFFFD'); // every glyph read back
  for (const text of [
    `门店：${STORE}`,
    '销售对比',
    `统计期间：${p.monthLabel}，对比${p.prevSoFar}`,
    `打印人：${MANAGER.name}`,
    '净销售额¥600.00¥0.00',
  ]) {
    expect(onPaper).toContain(text.replace(/\s+/g, ''));
  }
  for (const text of ['全部指标', '前台', '积分与等级', '导出CSV']) expect(onPaper).not.toContain(text);
  // After the dialog the page is as it was.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('[data-report-printing]')).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: 'main' })).toBeVisible();

  // Last month: nothing happened, and it is compared with the month before.
  await page.getByTestId('period-previous').click();
  await expect(page.getByTestId('period-label')).toHaveText(p.prevLabel);
  await expect(page).toHaveURL(/period=\d{4}-\d{2}/);
  await expectKpi(page, 'orders', '0', '0', '持平');
  await expectKpi(page, 'salesFen', '¥0.00', '¥0.00', '持平');
  await expectKpi(page, 'newMembers', '0');
  await expectKpi(page, 'activeMembers', '0');
  await expectKpi(page, 'repurchaseRate', '—');
  await expectKpi(page, 'aovFen', '—');
  await expectKpi(page, 'pointsOutstanding', '0');

  // This year holds this month's sales and nothing else; last year had none.
  await page.getByRole('button', { name: '回到本期' }).click();
  await page.getByTestId('period-kind-year').click();
  await expect(page.getByTestId('period-label')).toHaveText(p.yearLabel);
  await expectKpi(page, 'orders', '4', '0', '▲ 上期为 0');
  await expectKpi(page, 'salesFen', '¥700.00', '¥0.00');
  await expectKpi(page, 'netSalesFen', '¥600.00');
  await expectKpi(page, 'activeMembers', '3');
  await expectKpi(page, 'repurchaseRate', '33.3%');

  // RFM: three members scored, 赵六 (no sale) not; 一般挽留 holds 李四 and 王五, best paying first.
  await page.getByRole('tab', { name: 'RFM 分析' }).click();
  await expect(page).toHaveURL(/#\/reports\/rfm/);
  await expect(page.getByTestId('rfm-scored')).toHaveText('已评分 3 人 · 未评分 1 人（窗口内没有消费，不属于任何分群）');
  const segments = page.getByRole('table', { name: 'RFM 分群' });
  const segmentRow = (name: string) => segments.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(segmentRow('重要保持客户').getByRole('cell')).toHaveText([
    '重要保持客户',
    '1',
    '¥400.00',
    '66.7%',
    /^常来、花得多，但最近没来。/,
    '低 / 高 / 高',
    '0.0',
    '2.0',
    '¥360.00',
  ]);
  await expect(segmentRow('一般挽留客户').getByRole('cell')).toHaveText([
    '一般挽留客户',
    '2',
    '¥200.00',
    '33.3%',
    /^来得少、花得少，最近也没来。/,
    '低 / 低 / 低',
    '0.0',
    '1.0',
    '¥90.00',
  ]);
  await expect(segmentRow('重要价值客户').getByRole('cell').nth(1)).toHaveText('0');
  await expect(segmentRow('全部已评分').getByRole('cell')).toHaveText([
    '全部已评分',
    '3',
    '¥600.00',
    '100.0%',
    '',
    '',
    '0.0',
    '1.3',
    '¥180.00',
  ]);
  await segmentRow('一般挽留客户').click();
  await expect(page).toHaveURL(/segment=general_retain/);
  const list = page.getByTestId('segment-members');
  const members = list.getByRole('table', { name: '一般挽留客户：会员' });
  await expect(members.getByRole('row')).toHaveCount(3);
  await expect(members.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    '李四',
    li.cardNo,
    '138 0000 0002',
    '普通会员',
    '0',
    '1',
    '¥150.00',
    '5',
    '1',
    '2',
    '¥135.00',
    '否',
  ]);
  await expect(members.getByRole('row').nth(2).getByRole('cell')).toHaveText([
    '王五',
    wang.cardNo,
    '138 0000 0003',
    '普通会员',
    '0',
    '1',
    '¥50.00',
    '5',
    '1',
    '1',
    '¥45.00',
    '否',
  ]);
  await expect(list).toContainText('共 2 人');
  await expect(members).not.toContainText('张三');
  // The list scrolls itself into view (smoothly): once it is there, shoot from the top.
  const scrolledThere = async () => {
    const before = await page.evaluate(() => window.scrollY);
    await page.waitForTimeout(100);
    return before > 0 && before === (await page.evaluate(() => window.scrollY));
  };
  await expect.poll(scrolledThere).toBe(true);
  await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await page.screenshot({ path: `${SHOTS}/e2e-rfm.png`, fullPage: true });

  // The segment's members in both files: the same people, money in yuan, scores as numbers.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const header = ['姓名', '卡号', '手机号', '等级', 'R 天数', 'F 笔数', 'M 金额', 'R 分', 'F 分', 'M 分', 'CLV', '营销授权'];
  const segCsv = await download(page, list, '导出 CSV');
  expect(segCsv.name).toBe(`一般挽留客户名单-${today}-第1页.csv`);
  expect(csvRows(segCsv.bytes)).toEqual([
    header,
    ['李四', li.cardNo, '138 0000 0002', '普通会员', '0', '1', '150.00', '5', '1', '2', '135.00', '否'],
    ['王五', wang.cardNo, '138 0000 0003', '普通会员', '0', '1', '50.00', '5', '1', '1', '45.00', '否'],
  ]);
  const segXlsx = await download(page, list, '导出 Excel');
  expect(segXlsx.name).toBe(`一般挽留客户名单-${today}-第1页.xlsx`);
  expect(await xlsxRows(segXlsx.bytes)).toEqual([
    header,
    ['李四', li.cardNo, '138 0000 0002', '普通会员', 0, 1, 150, 5, 1, 2, 135, '否'],
    ['王五', wang.cardNo, '138 0000 0003', '普通会员', 0, 1, 50, 5, 1, 1, 45, '否'],
  ]);

  // The other segment has 张三 alone; a row opens the member.
  await segmentRow('重要保持客户').click();
  const keep = page.getByRole('table', { name: '重要保持客户：会员' });
  await expect(keep.getByRole('row')).toHaveCount(2);
  await expect(keep.getByRole('row').nth(1)).toContainText('张三');
  await keep.getByRole('row').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`#/members/${zhang.id}$`));
  await expect(page.getByTestId('member-name')).toHaveText('张三');
});

test('趋势与明细: today by day and by month, this month by category, staff and tier, the sales behind a row and a bar, in a file', async ({
  page,
  server,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const { zhang, li, wang } = await seedStore(server);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  const p = periods();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const shownToday = today.replaceAll('-', '/'); // as the screen writes a date (the URL and file names keep ISO)

  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.getByRole('tab', { name: '报表' }).click();
  await page.getByRole('tab', { name: '趋势与明细' }).click();
  await expect(page).toHaveURL(/#\/reports\/trends$/);

  // By day, the last 30 days: 29 empty days and today. Members are not totalled across days.
  const trend = page.getByTestId('report-frame').filter({ has: page.getByRole('heading', { name: '销售与会员趋势' }) });
  const days = trend.getByRole('table', { name: '销售与会员趋势' });
  await expect(days.getByRole('row')).toHaveCount(1 + 30 + 1);
  const todayRow = days.getByRole('row').filter({ hasText: shownToday });
  await expect(todayRow.getByRole('cell')).toHaveText([new RegExp(`^${shownToday} 周.$`), '4', '¥700.00', '¥100.00', '¥600.00', '3', '4']);
  await expect(days.getByRole('row').nth(1).getByRole('cell')).toHaveText([/周/, '0', '¥0.00', '¥0.00', '¥0.00', '0', '0']);
  await expect(days.getByRole('row').last().getByRole('cell')).toHaveText(['合计', '4', '¥700.00', '¥100.00', '¥600.00', '—', '4']);
  await expect(trend.getByTestId('report-footnote')).toContainText('活跃会员按时段分别统计');
  await page.screenshot({ path: `${SHOTS}/trends-e2e.png`, fullPage: true });

  // This month by category (largest sales first), by staff (the admin recorded all) and by tier.
  const breakdown = (name: string) => page.getByRole('table', { name });
  const rowsOf = async (name: string) =>
    breakdown(name)
      .getByRole('row')
      .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('th, td'), (c) => c.textContent)));
  await expect(page.getByTestId('period-label')).toHaveText(p.monthLabel);
  await expect
    .poll(() => rowsOf('按品类'))
    .toEqual([
      ['品类', '订单数', '销售额', '退款额', '净销售额', '占比'],
      ['食品', '2', '¥450.00', '¥100.00', '¥350.00', '58.3%'],
      ['日用', '1', '¥200.00', '¥0.00', '¥200.00', '33.3%'],
      ['未分类', '1', '¥50.00', '¥0.00', '¥50.00', '8.3%'],
      ['合计', '4', '¥700.00', '¥100.00', '¥600.00', '100.0%'],
    ]);
  await expect
    .poll(() => rowsOf('按经手员工'))
    .toEqual([
      ['经手员工', '订单数', '销售额', '退款额', '净销售额', '占比'],
      [ADMIN.name, '4', '¥700.00', '¥100.00', '¥600.00', '100.0%'],
      ['合计', '4', '¥700.00', '¥100.00', '¥600.00', '100.0%'],
    ]);
  await expect
    .poll(() => rowsOf('按会员等级'))
    .toEqual([
      ['会员等级', '订单数', '销售额', '退款额', '净销售额', '占比'],
      ['普通会员', '4', '¥700.00', '¥100.00', '¥600.00', '100.0%'],
      ['合计', '4', '¥700.00', '¥100.00', '¥600.00', '100.0%'],
    ]);

  // Today's row opens today's sales and the refund, newest first; refunds count negative.
  await todayRow.click();
  await expect(page).toHaveURL(new RegExp(`dfrom=${today}&dto=${today}`));
  const detail = page.getByTestId('sales-detail');
  const list = detail.getByRole('table', { name: `销售明细：${shownToday}` });
  const time = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/;
  const expected = [
    ['退款', '张三', zhang.cardNo, '-¥100.00', '-¥100.00', '食品'],
    ['消费', '王五', wang.cardNo, '¥50.00', '¥50.00', '未分类'],
    ['消费', '李四', li.cardNo, '¥150.00', '¥150.00', '食品'],
    ['消费', '张三', zhang.cardNo, '¥200.00', '¥200.00', '日用'],
    ['消费', '张三', zhang.cardNo, '¥300.00', '¥300.00', '食品'],
  ];
  await expect(list.getByRole('row')).toHaveCount(1 + 5);
  for (const [i, row] of expected.entries()) {
    await expect(
      list
        .getByRole('row')
        .nth(i + 1)
        .getByRole('cell'),
    ).toHaveText([time, ...row, ADMIN.name, '普通会员', '—']);
  }
  await expect(detail).toContainText('第 1–5 条，共 5 条');
  await expect(detail.getByTestId('report-footnote')).toHaveText('导出的文件包含全部 5 条；打印只打本页。');

  // The file: every row of the list, money in yuan (refunds negative), no dash for a missing receipt.
  const file = await download(page, detail, '导出 CSV');
  expect(file.name).toBe(`销售明细-${today}.csv`);
  const csv = csvRows(file.bytes);
  expect(csv[0]).toEqual(['时间', '类型', '会员', '卡号', '金额', '实付', '品类', '经手员工', '等级', '小票号']);
  expect(csv.slice(1).map((r) => r.slice(1))).toEqual(
    expected.map((r) => [...r.slice(0, 3), r[3].replace(/[¥,]/g, ''), r[4].replace(/[¥,]/g, ''), r[5], ADMIN.name, '普通会员', '']),
  );
  for (const r of csv.slice(1)) expect(r[0]).toMatch(time);
  const sheet = await xlsxRows((await download(page, detail, '导出 Excel')).bytes);
  expect(sheet.slice(1).map((r) => r[5])).toEqual([-100, 50, 150, 200, 300]);

  // A category row opens its sales of the month: the refund counts under its sale's category.
  await breakdown('按品类').getByRole('row').filter({ hasText: '食品' }).click();
  await expect(page).toHaveURL(/dim=category&key=%E9%A3%9F%E5%93%81/);
  const food = page.getByTestId('sales-detail').getByRole('table', { name: `销售明细：${p.monthLabel} · 食品` });
  await expect(food.getByRole('row')).toHaveCount(1 + 3);
  await expect(food.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('退款');
  await expect(food.getByRole('row').nth(2).getByRole('cell').nth(2)).toHaveText('李四');
  await expect(food.getByRole('row').nth(3).getByRole('cell').nth(4)).toHaveText('¥300.00');
  // "None recorded" is a row of its own.
  await breakdown('按品类').getByRole('row').filter({ hasText: '未分类' }).click();
  const none = page.getByTestId('sales-detail').getByRole('table', { name: `销售明细：${p.monthLabel} · 未分类` });
  await expect(none.getByRole('row')).toHaveCount(1 + 1);
  await expect(none.getByRole('row').nth(1)).toContainText('王五');

  // By month, this month's bar (the last of 12) opens the same five lines as today's row.
  await page.getByTestId('trend-grain-month').click();
  const months = trend.getByRole('table', { name: '销售与会员趋势' });
  await expect(months.getByRole('row')).toHaveCount(1 + 12 + 1);
  await expect(months.getByRole('row').filter({ hasText: p.monthLabel }).getByRole('cell')).toHaveText([
    p.monthLabel,
    '4',
    '¥700.00',
    '¥100.00',
    '¥600.00',
    '3',
    '4',
  ]);
  await expect(page.getByTestId('sales-detail')).toHaveCount(0); // a new range closes the list
  const canvas = trend.locator('canvas');
  await expect.poll(async () => (await canvas.boundingBox())?.width ?? 0).toBeGreaterThan(500);
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + box.width - 100, box.y + box.height / 2);
  const month = page.getByTestId('sales-detail').getByRole('table', { name: `销售明细：${p.monthLabel}` });
  await expect(month.getByRole('row')).toHaveCount(1 + 5);

  // A line opens its member; Back returns to the same list.
  await month.getByRole('row').filter({ hasText: '李四' }).click();
  await expect(page).toHaveURL(new RegExp(`#/members/${li.id}$`));
  await page.goBack();
  await expect(
    page
      .getByTestId('sales-detail')
      .getByRole('table', { name: `销售明细：${p.monthLabel}` })
      .getByRole('row'),
  ).toHaveCount(1 + 5);
});

test('takings entered short of what members spent: the member share above 100% says to check them', async ({ page, server }) => {
  await seedStore(server);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  const manager = await sessionFor(server, MANAGER);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const enter = async (amount: string) => {
    const r = await server.rpc('takings.set', { date: today, amount }, manager);
    expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  };
  // Members' net sales today are ¥600; the till's takings typed as ¥400.
  await enter('400');
  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.getByRole('tab', { name: '报表' }).click();
  await page
    .getByTestId('kpi-more')
    .getByRole('button', { name: /其他指标/ })
    .click();
  const share = page.getByTestId('kpi-memberShare');
  await expect(share.getByTestId('kpi-value')).toHaveText('150.0%');
  await expect(share.getByTestId('kpi-warning')).toHaveText('会员净销售额超过录入的营业额，请核对营业额');
  await share.screenshot({ path: `${SHOTS}/e2e-member-share-over.png` });
  // Corrected to ¥800: a share that can be, and no warning.
  await enter('800');
  await page.reload();
  await page
    .getByTestId('kpi-more')
    .getByRole('button', { name: /其他指标/ })
    .click();
  await expect(share.getByTestId('kpi-value')).toHaveText('75.0%');
  await expect(share.getByTestId('kpi-warning')).toHaveCount(0);
});

test('a clerk has no 报表 tab, and #/reports shows no report', async ({ page, server }) => {
  await seedStore(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  await login(page, server, CLERK.name, CLERK.pin);
  await expect.poll(() => tabNames(page)).toEqual(['前台', '会员', '回访', '设置']);

  await page.goto(new URL('/#/reports', server.url).href);
  await expect(page.getByText('只有店长和管理员可以查看报表。')).toBeVisible();
  await expect(page.getByTestId('period-picker')).toHaveCount(0);
  await expect(page.getByTestId('kpi-orders')).toHaveCount(0);
  await expect(page.getByTestId('report-frame')).toHaveCount(0);
  await page.goto(new URL('/#/reports/rfm', server.url).href);
  await expect(page.getByText('只有店长和管理员可以查看报表。')).toBeVisible();
  await expect(page.getByTestId('rfm-scored')).toHaveCount(0);
  await expect(page.getByTestId('rfm-settings')).toHaveCount(0);
  await page.goto(new URL('/#/reports/trends', server.url).href);
  await expect(page.getByText('只有店长和管理员可以查看报表。')).toBeVisible();
  await expect(page.getByTestId('report-frame')).toHaveCount(0);

  // Not only hidden: the service refuses a clerk too.
  const clerk = await sessionFor(server, CLERK);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  for (const [method, input] of [
    ['reports.summary', { period: periods().month }],
    ['reports.rfm', {}],
    ['reports.segmentMembers', { segment: 'general_retain' }],
    ['reports.trend', { grain: 'day', from: today, to: today }],
    ['reports.breakdown', { period: periods().month, dim: 'category' }],
    ['reports.sales', { from: today, to: today }],
  ] as const) {
    const r = await server.rpc(method, input, clerk);
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('FORBIDDEN');
  }
});
