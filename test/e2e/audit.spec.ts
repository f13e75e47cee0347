import { test, expect, addStaff, login, sessionFor, createMember, shot, ADMIN } from './fixtures';
import { csvRows, download } from './report-files';

// 审计日志 (issue 20, point 4): an admin reads who changed what through the real screens — filters
// by a member and by an action, opens a row's before and after, and exports the rows to CSV.

const CLERK = { name: '小李', pin: '2468' };

test('an admin filters the audit log by a member and an action, reads the before/after and exports it', async ({ page, server }) => {
  const init = await server.rpc('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
  expect(init.body.ok).toBe(true);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const clerk = await sessionFor(server, CLERK);
  const admin = await sessionFor(server);
  const zhang = await createMember(server, clerk, { name: '张三', phone: '13800000001' });
  await createMember(server, admin, { name: '李四', phone: '13800000002' });
  const edit = await server.rpc('members.update', { id: zhang.id, name: '张叁', notes: '喜欢绿茶' }, clerk);
  expect(edit.body.ok).toBe(true);

  await login(page, server, ADMIN.name, ADMIN.pin);
  // Under 设置, as the backups are: a tenth tab would not fit a 1280 px screen in English.
  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByTestId('settings-audit-open').click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const rows = page.getByTestId('audit-row');
  // Newest first: the admin's own login just now, then the edit.
  await expect(rows.first()).toContainText('王店长登录');
  await expect(rows.nth(1)).toContainText('修改会员资料');
  expect(await rows.count()).toBeGreaterThan(5);

  await page.getByTestId('audit-member').locator('input').fill('张');
  await page.getByRole('option', { name: `张叁 (${zhang.cardNo})` }).click();
  // The picked member stays in the box, by name and card.
  await expect(page.getByTestId('audit-member').locator('input')).toHaveValue(`张叁 (${zhang.cardNo})`);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('修改会员资料');
  await expect(rows.nth(1)).toContainText('新建会员');
  await expect(rows.nth(0)).toContainText('小李');
  await expect(rows.nth(0)).toContainText(`张叁 (${zhang.cardNo})`);
  // The 改动 column in words: the store's time for a time, 已同意 for a consent, never JSON.
  await expect(rows.nth(0)).toContainText('备注: — → 喜欢绿茶');
  await expect(rows.nth(1)).toContainText('营销同意: — → 未同意');
  for (const text of await rows.allInnerTexts()) expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|[{}]|":/);

  await page.getByTestId('audit-action').getByRole('combobox').click();
  await page.getByRole('option', { name: '修改会员资料' }).click();
  await expect(rows).toHaveCount(1);
  // The menu fades out after the pick: the page's picture waits until it is gone.
  await expect(page.locator('.MuiMenu-root')).toHaveCount(0);
  await shot(page, 'audit-page');

  await rows.first().click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail).toContainText('修改会员资料');
  const changes = detail.getByTestId('audit-changes');
  await expect(changes.getByRole('row', { name: /姓名/ })).toContainText('张三');
  await expect(changes.getByRole('row', { name: /姓名/ })).toContainText('张叁');
  await expect(changes.getByRole('row', { name: /备注/ })).toContainText('喜欢绿茶');
  await shot(page, 'audit-detail');
  await detail.getByRole('button', { name: '关闭' }).click();

  const csv = await download(page, page.getByTestId('audit-page'), '导出 CSV');
  expect(csv.name).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/);
  const table = csvRows(csv.bytes);
  expect(table[0]).toEqual(['时间', '员工', '操作', '对象', '改动']);
  expect(table).toHaveLength(2);
  expect(table[1].slice(1, 4)).toEqual(['小李', '修改会员资料', `张叁 (${zhang.cardNo})`]);
  expect(table[1][0]).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
  expect(table[1][4]).toContain('姓名: 张三 → 张叁');
  await expect(page.getByTestId('audit-export-done')).toContainText('已导出 1 条记录');
});

test('a manager has no way to the audit log, and the service refuses it', async ({ page, server }) => {
  const init = await server.rpc('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
  expect(init.body.ok).toBe(true);
  await addStaff(server, '赵经理', 'manager', '1357');
  await login(page, server, '赵经理', '1357');
  await expect(page.getByRole('tab', { name: '报表' })).toBeVisible();
  await page.getByRole('tab', { name: '设置' }).click();
  await expect(page.getByTestId('settings-audit')).toHaveCount(0);
  const r = await server.rpc('audit.list', {}, await sessionFor(server, { name: '赵经理', pin: '1357' }));
  expect(r.status).toBe(403);
  expect(r.body.error?.code).toBe('FORBIDDEN');
});
