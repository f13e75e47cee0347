import type { Page } from '@playwright/test';
import { test, expect, addStaff, login, sessionFor, createMember, shot, ADMIN, type WebServer } from './fixtures';
import { csvRows, download, xlsxRows } from './report-files';

// 会员 (issue 14, point 9): the list of every member through the real screens — a filter, a sort,
// opening a member and coming back to the same list, a clerk's masked phones, a manager's export.

const CLERK = { name: '小李', pin: '2468' };
const HEADERS = [
  '会员卡号',
  '姓名',
  '手机',
  '生日',
  '性别',
  '等级',
  '积分',
  '标签',
  '备注',
  '同意营销',
  '注册日期',
  '邮箱',
  '地址',
  '状态',
];

/** Five members; 张三 and 王五 are VIP, 王五 bought today, 李四 has agreed to marketing. */
async function seedStore(server: WebServer) {
  const init = await server.rpc('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
  expect(init.body.ok).toBe(true);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  await createMember(server, admin, { name: '张三', phone: '13800000001', tags: ['VIP'], birthday: '1990-03-05' });
  await createMember(server, admin, { name: '李四', phone: '13800000002', consentMarketing: true });
  const wang = await createMember(server, admin, { name: '王五', phone: '13800000003', tags: ['VIP', '宝妈'] });
  await createMember(server, admin, { name: '陈晓燕', phone: '13800000004' });
  await createMember(server, admin, { name: 'Alice Wong', phone: '13800000005' });
  const sale = await server.rpc('purchases.record', { memberId: wang.id, amount: '88' }, admin);
  expect(sale.body.ok).toBe(true);
}

const rows = (page: Page) => page.getByTestId('members-row');
const names = (page: Page) => page.getByTestId('members-cell-name').allTextContents();

async function openList(page: Page) {
  await page.getByRole('tab', { name: '会员' }).click();
  await expect(page.getByRole('heading', { name: '会员' })).toBeVisible();
}

test('a manager filters by tag, sorts by name, opens a member and comes back to the same list', async ({ page, server }) => {
  await seedStore(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openList(page);
  await expect(rows(page)).toHaveCount(5);
  expect(await names(page)).toEqual(['张三', '李四', '王五', '陈晓燕', 'Alice Wong']);
  await expect(page.getByTestId('members-count')).toHaveText('共 5 位 · 第 1 页');
  // Managers see phones whole.
  await expect(page.getByTestId('members-cell-phone').first()).toHaveText('138 0000 0001');

  await page.getByTestId('members-filter-tag').getByRole('combobox').fill('V');
  await page.getByRole('option', { name: 'VIP' }).click();
  await expect(rows(page)).toHaveCount(2);
  expect(await names(page)).toEqual(['张三', '王五']);

  // 姓名 sorts by pinyin: wang before zhang; clicking again turns it round.
  await page.getByTestId('members-sort-name').click();
  await expect(page.getByTestId('members-cell-name').first()).toHaveText('王五');
  await page.getByTestId('members-sort-name').click();
  await expect(page.getByTestId('members-cell-name').first()).toHaveText('张三');
  await page.getByTestId('members-sort-name').click();
  await expect(page.getByTestId('members-cell-name').first()).toHaveText('王五');
  await expect(rows(page).first().getByTestId('members-cell-lastSaleAt')).not.toHaveText('—');
  await shot(page, '90-members-list-filtered');

  await rows(page).first().click();
  await expect(page.getByTestId('member-name')).toHaveText('王五');
  await page.goBack();
  await expect(rows(page)).toHaveCount(2);
  expect(await names(page)).toEqual(['王五', '张三']);
  await expect(page.getByTestId('members-filter-tag').getByRole('combobox')).toHaveValue('VIP');

  // A second filter narrows further; clearing them shows everyone again.
  await page.getByTestId('members-filter-last-sale').click();
  await page.getByRole('option', { name: '从未消费' }).click();
  await expect(rows(page)).toHaveCount(1);
  expect(await names(page)).toEqual(['张三']);
  await page.getByTestId('members-filter-clear').click();
  await expect(rows(page)).toHaveCount(5);
});

test('a clerk sees masked phones and no export', async ({ page, server }) => {
  await seedStore(server);
  await login(page, server, CLERK.name, CLERK.pin);
  await openList(page);
  await expect(rows(page)).toHaveCount(5);
  expect(await page.getByTestId('members-cell-phone').allTextContents()).toEqual([
    '138****0001',
    '138****0002',
    '138****0003',
    '138****0004',
    '138****0005',
  ]);
  await expect(page.getByTestId('members-export-xlsx')).toHaveCount(0);
  await expect(page.getByTestId('members-export-csv')).toHaveCount(0);
  // Nor does asking the service directly give the file.
  const clerk = await sessionFor(server, CLERK);
  expect((await server.rpc('members.export', {}, clerk)).body.error).toMatchObject({ code: 'FORBIDDEN' });
  await shot(page, '91-members-list-clerk');
});

test('a manager exports the filtered list to Excel and CSV, in the import’s columns', async ({ page, server }) => {
  await seedStore(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openList(page);
  await page.getByTestId('members-filter-tag').getByRole('combobox').fill('VIP');
  await page.getByRole('option', { name: 'VIP' }).click();
  await expect(rows(page)).toHaveCount(2);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  const header = page.locator('main');
  const xlsx = await download(page, header, '导出 Excel');
  expect(xlsx.name).toBe(`会员列表-${today}.xlsx`);
  const sheet = await xlsxRows(xlsx.bytes);
  expect(sheet[0]).toEqual(HEADERS);
  expect(sheet.slice(1).map((r) => r.slice(0, 3))).toEqual([
    ['SH0100000001', '张三', '13800000001'],
    ['SH0100000003', '王五', '13800000003'],
  ]);
  await expect(page.getByTestId('members-export-done')).toHaveText(`已导出 2 位会员：会员列表-${today}.xlsx`);
  await page.getByRole('button', { name: '关闭' }).click();

  const csv = await download(page, header, '导出 CSV');
  expect(csv.name).toBe(`会员列表-${today}.csv`);
  const lines = csvRows(csv.bytes);
  expect(lines[0]).toEqual(HEADERS);
  expect(lines.slice(1).map((r) => [r[1], r[7], r[13]])).toEqual([
    ['张三', 'VIP', '在用'],
    ['王五', 'VIP、宝妈', '在用'],
  ]);
});
