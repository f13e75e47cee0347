import { test, expect, shot, ADMIN } from './fixtures';

// The first run's demo data: loaded only when asked for (the box starts unticked), and removed
// again from 设置 by the admin, after which the member list and the dashboard show none of it.

test('demo data asked for at setup, then removed from 设置: no member left, no sale on the dashboard', async ({ page, server }) => {
  test.setTimeout(90_000);
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: '欢迎使用门店会员管家' })).toBeVisible();
  await page.locator('input[name=branchName]').fill('徐汇店');
  await page.locator('input[name=branchCode]').fill('sh01');
  await page.locator('input[name=adminName]').fill(ADMIN.name);
  await page.locator('input[name=adminPin]').fill(ADMIN.pin);
  await page.locator('input[name=pinAgain]').fill(ADMIN.pin);
  // Unticked until asked for, and said plainly what it is.
  const demo = page.locator('input[name=demo]');
  await expect(demo).not.toBeChecked();
  await expect(page.getByTestId('setup-demo-help')).toContainText('300 位虚构的会员和他们一年的消费记录');
  await demo.check();
  await shot(page, '110-setup-demo-ticked');
  await page.getByRole('button', { name: '创建门店' }).click();
  await expect(page.getByText('门店已创建，请登录。')).toBeVisible({ timeout: 30_000 });
  await page.locator('input[name=pin]').fill(ADMIN.pin);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('counter-search')).toBeVisible();

  // The dashboard has this month's demo sales before.
  await page.getByRole('tab', { name: '报表' }).click();
  await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).not.toHaveText('0', { timeout: 30_000 });

  await page.getByRole('tab', { name: '设置' }).click();
  const card = page.getByTestId('settings-demo');
  await expect(card).toContainText('300 位虚构的会员');
  await card.getByTestId('demo-remove').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByRole('heading', { name: '删除演示数据？' })).toBeVisible();
  await expect(dialog.getByTestId('demo-remove-goes')).toContainText('300 位演示会员');
  await expect(dialog.getByTestId('demo-remove-goes')).toContainText('1200 笔消费');
  await expect(dialog).toContainText('保留：员工、设置');
  await expect(dialog).toContainText('删除前会先备份');
  await shot(page, '111-demo-remove-dialog');
  await dialog.getByTestId('confirm-ok').click();
  await expect(card.getByTestId('demo-removed')).toHaveText('演示数据已删除。', { timeout: 60_000 });
  await shot(page, '112-demo-removed');

  await page.getByRole('tab', { name: '会员' }).click();
  await expect(page.getByText('还没有会员。在「前台」登记第一位会员。')).toBeVisible();
  await expect(page.getByTestId('members-row')).toHaveCount(0);

  await page.getByRole('tab', { name: '报表' }).click();
  await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText('0', { timeout: 30_000 });
  await expect(page.getByTestId('kpi-netSalesFen').getByTestId('kpi-value')).toHaveText('¥0.00');
  await expect(page.getByTestId('kpi-activeMembers').getByTestId('kpi-value')).toHaveText('0');
  await shot(page, '113-dashboard-after-demo-removed');

  // Back in 设置 the card is gone: nothing left to remove.
  await page.getByRole('tab', { name: '设置' }).click();
  await expect(page.getByTestId('settings-audit')).toBeVisible();
  await expect(page.getByTestId('settings-demo')).toHaveCount(0);
});
