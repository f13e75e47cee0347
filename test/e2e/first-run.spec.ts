import { test, expect, shot, typeDate, ADMIN } from './fixtures';

test('first run: set up the branch, log in, register a member and find them', async ({ page, server }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: '欢迎使用门店会员管家' })).toBeVisible();
  await page.locator('input[name=branchName]').fill('徐汇店');
  await page.locator('input[name=branchCode]').fill('sh01');
  await page.locator('input[name=adminName]').fill(ADMIN.name);
  await page.locator('input[name=adminPin]').fill(ADMIN.pin);
  await page.locator('input[name=pinAgain]').fill(ADMIN.pin);
  await page.locator('input[name=demo]').uncheck();
  await shot(page, '01-setup');
  await page.getByRole('button', { name: '创建门店' }).click();

  await expect(page.getByText('门店已创建，请登录。')).toBeVisible();
  await expect(page.locator('input[name=name]')).toHaveValue(ADMIN.name);
  await page.locator('input[name=pin]').fill(ADMIN.pin);
  await shot(page, '02-login');
  await page.getByRole('button', { name: '登录' }).click();

  const search = page.getByTestId('counter-search');
  await expect(search).toBeFocused();
  await search.fill('138 1234 5678');
  await expect(page.getByText('没有找到会员')).toBeVisible();
  await page.keyboard.press('F2');
  await expect(page.locator('input[name=phone]')).toHaveValue('138 1234 5678');
  await page.locator('input[name=name]').fill('张三');
  await typeDate(page, 'birthday', '1990/05/20');
  await page.locator('input[name=consentData]').check();
  await shot(page, '03-new-member');
  await page.getByTestId('member-submit').click();

  await expect(page.getByTestId('member-name')).toHaveText('张三');
  await expect(page.getByTestId('member-card')).toHaveText('SH0100000001');
  await expect(page.getByTestId('member-phone')).toHaveText('138 1234 5678');
  await expect(page.getByTestId('member-notice')).toContainText('SH0100000001');
  await shot(page, '04-member');
});
