import { mkdirSync } from 'node:fs';
import { test, expect, addStaff, login, sessionFor, createMember, ADMIN } from './fixtures';
import { download, xlsxRows } from './report-files';

// RFM as a store manager meets it (issue 14): the segments first, each with what to do about it;
// the model's settings (CLV margin and years, the edges, the formula) folded away until asked
// for; files named in Chinese; buttons reading as written (导出 Excel, not 导出 EXCEL).

const MANAGER = { name: '李经理', pin: '1357' };
const SHOTS = '/tmp/try/shots';

test('RFM opens with the segments and what to do with each; the model settings are folded away; its file is named in Chinese', async ({
  page,
  server,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  expect(
    (await server.rpc('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin })).body.ok,
  ).toBe(true);
  const admin = await sessionFor(server);
  // 张三 comes twice and pays most (重要保持); 李四 and 王五 once, for less (一般挽留). As in reports.spec.ts.
  const sell = async (name: string, phone: string, amounts: string[]) => {
    const member = await createMember(server, admin, { name, phone });
    // 张三 buys ¥200 twice at once: meant, so the counter's 可能重复 question is answered up front.
    for (const amount of amounts)
      expect((await server.rpc('purchases.record', { memberId: member.id, amount, confirmDuplicate: true }, admin)).body.ok).toBe(true);
  };
  await sell('张三', '13800000001', ['200', '200']);
  await sell('李四', '13800000002', ['150']);
  await sell('王五', '13800000003', ['50']);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.getByRole('tab', { name: '报表' }).click();
  await page.getByRole('tab', { name: 'RFM 分析' }).click();

  // The segments come first, each with its members, share and what to do.
  const segments = page.getByTestId('report-frame').first();
  await expect(segments.getByRole('heading', { name: 'RFM 分群' })).toBeVisible();
  const table = segments.getByRole('table', { name: 'RFM 分群' });
  await expect(table.getByRole('columnheader')).toHaveText([
    '分群',
    '会员数',
    '实付金额',
    '销售占比',
    '建议做法',
    'R / F / M',
    '平均 R（天）',
    '平均 F（笔）',
    '平均 CLV',
  ]);
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await expect(row('重要挽留客户').getByRole('cell').nth(4)).toHaveText('花得多，但来得少、最近也没来，快要流失。尽快回访挽回。');
  await expect(row('重要保持客户').getByRole('cell').nth(1)).toHaveText('1');
  await expect(row('重要保持客户').getByRole('cell').nth(8)).toHaveText('¥360.00'); // 400 × 30% × 3 years
  await expect(page.getByTestId('rfm-scored')).toHaveText('已评分 3 人 · 未评分 0 人（窗口内没有消费，不属于任何分群）');

  // The model settings: folded, and nothing of them shows until opened.
  const settings = page.getByTestId('rfm-settings');
  const summary = settings.getByRole('button', { name: '模型设置：毛利率、预计留存年数、分群边界和 CLV 公式' });
  await expect(summary).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('input[name=marginPct]')).toBeHidden();
  await expect(page.locator('input[name=expectedYears]')).toBeHidden();
  await expect(page.getByTestId('rfm-basis')).toBeHidden();
  await expect(page.locator('input[name=windowMonths]')).toBeVisible(); // the window is the segments' own
  await page.screenshot({ path: `${SHOTS}/rfm-manager-folded.png`, fullPage: true });

  await summary.click();
  await expect(summary).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('rfm-basis')).toBeVisible();
  await expect(page.getByTestId('rfm-basis')).toContainText('CLV = M × (12 ÷ 统计月数) × 毛利率 × 预计留存年数');
  await expect(page.getByTestId('rfm-basis')).toContainText('F 边界（消费笔数）');
  // The folded inputs still work: twice the margin, twice the CLV.
  await page.locator('input[name=marginPct]').fill('60');
  await expect(page).toHaveURL(/margin=60/);
  await expect(row('重要保持客户').getByRole('cell').nth(8)).toHaveText('¥720.00');
  await page.screenshot({ path: `${SHOTS}/rfm-manager-open.png`, fullPage: true });

  // Buttons read as written, and the file is named in Chinese.
  const excel = segments.getByRole('button', { name: '导出 Excel' });
  await expect(excel).toHaveCSS('text-transform', 'none');
  const file = await download(page, segments, '导出 Excel');
  expect(file.name).toBe(`RFM分群-${today}.xlsx`);
  const sheet = await xlsxRows(file.bytes);
  expect(sheet[0]).toEqual(['分群', '会员数', '实付金额', '销售占比', '建议做法', 'R / F / M', '平均 R（天）', '平均 F（笔）', '平均 CLV']);
  expect(sheet.find((r) => r[0] === '重要挽留客户')?.[4]).toBe('花得多，但来得少、最近也没来，快要流失。尽快回访挽回。');

  // A segment opens its members with what to do about them, beside the actions that do it.
  await row('一般挽留客户').click();
  const list = page.getByTestId('segment-members');
  await expect(list.getByTestId('segment-advice')).toHaveText('建议：来得少、花得少，最近也没来。节日群发问候即可，不必逐个回访。');
  await expect(list.getByRole('button', { name: '为该分群创建回访' })).toBeVisible();
  await expect(list.getByRole('button', { name: '导出营销名单' })).toBeVisible();
  const members = await download(page, list, '导出 CSV');
  expect(members.name).toBe(`一般挽留客户名单-${today}-第1页.csv`);
});
