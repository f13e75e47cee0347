import type { Page } from '@playwright/test';
import { test, expect, shot, setUpViaRpc, addStaff, login, ADMIN } from './fixtures';

// PINs: an admin resets a colleague's on the staff page; everyone changes their own from the
// menu under their name, giving the current one.

async function tryLogin(page: Page, name: string, pin: string): Promise<void> {
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=pin]').fill(pin);
  await page.locator('button[type=submit]').click();
}

test("an admin resets a clerk's forgotten PIN from the staff page", async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk', '1357');
  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.getByRole('tab', { name: '员工' }).click();
  const table = page.getByTestId('staff-table');
  // 小李 forgot the PIN and locked the name trying (for 30 s: the steps below take a few).
  for (const pin of ['0000', '1111', '2222']) await server.rpc('auth.login', { name: '小李', pin });
  expect((await server.rpc('auth.login', { name: '小李', pin: '1357' })).body.error?.code).toBe('LOCKED_OUT');
  // The admin's own row has no reset: their PIN is changed from the menu, with the current one.
  await expect(table.getByRole('row', { name: new RegExp(ADMIN.name) }).getByRole('button', { name: '重置 PIN' })).toHaveCount(0);
  await table.getByRole('row', { name: /小李/ }).getByRole('button', { name: '重置 PIN' }).click();

  const dialog = page.getByTestId('reset-pin-dialog');
  await expect(dialog.getByRole('heading', { name: '重置 小李 的 PIN' })).toBeVisible();
  await expect(dialog.locator('input[name=oldPin]')).toHaveCount(0);
  // Typed twice, as at setup: two different PINs cannot be saved.
  await dialog.locator('input[name=newPin]').fill('8642');
  await dialog.locator('input[name=newPinAgain]').fill('8643');
  await expect(dialog.getByText('两次输入的新 PIN 不一致')).toBeVisible();
  await expect(dialog.getByTestId('dialog-submit')).toBeDisabled();
  // Too short is the service's refusal, on the field.
  await dialog.locator('input[name=newPin]').fill('12');
  await dialog.locator('input[name=newPinAgain]').fill('12');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog.getByTestId('error-alert')).toHaveText('输入有误，请检查标出的项目。');
  await expect(dialog.getByText('至少 4 个字符')).toBeVisible();
  // Nothing changed: still locked, which any reset would have lifted.
  expect((await server.rpc('auth.login', { name: '小李', pin: '1357' })).body.error?.code).toBe('LOCKED_OUT');

  await dialog.locator('input[name=newPin]').fill('864200');
  await dialog.locator('input[name=newPinAgain]').fill('864200');
  await shot(page, '37-staff-reset-pin');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已重置 小李 的 PIN。')).toBeVisible();

  // The reset lifts the lock: the new PIN works at once, the old one no longer.
  await page.getByRole('button', { name: '退出登录' }).click();
  await tryLogin(page, '小李', '1357');
  await expect(page.getByTestId('error-alert')).toHaveText('姓名或密码不正确。');
  await tryLogin(page, '小李', '864200');
  await expect(page.getByTestId('counter-search')).toBeVisible();
});

test('a clerk changes their own PIN from the menu under their name', async ({ page, server, browser }) => {
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk', '1357');
  // Logged in elsewhere too: that session ends with the change.
  const elsewhere = ((await server.rpc('auth.login', { name: '小李', pin: '1357' })).body.result as { session: string }).session;
  await login(page, server, '小李', '1357');

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '修改 PIN' }).click();
  const dialog = page.getByTestId('change-pin-dialog');
  await expect(dialog.getByRole('heading', { name: '修改我的 PIN' })).toBeVisible();
  await expect(dialog.locator('input[name=oldPin]')).toBeFocused();

  // A wrong current PIN is refused and cleared; nothing changes.
  await dialog.locator('input[name=oldPin]').fill('0000');
  await dialog.locator('input[name=newPin]').fill('864200');
  await dialog.locator('input[name=newPinAgain]').fill('864200');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog.getByTestId('error-alert')).toHaveText('当前 PIN 不正确。');
  await expect(dialog.locator('input[name=oldPin]')).toHaveValue('');
  await expect(dialog.locator('input[name=oldPin]')).toHaveAttribute('aria-invalid', 'true');
  expect((await server.rpc('auth.me', {}, elsewhere)).body.ok).toBe(true);

  await dialog.locator('input[name=oldPin]').fill('1357');
  await shot(page, '38-change-own-pin');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('pin-changed')).toHaveText('PIN 已修改，下次登录请用新 PIN。');
  // Still at work here; the other session is over.
  await expect(page.getByTestId('counter-search')).toBeVisible();
  expect((await server.rpc('auth.me', {}, elsewhere)).body.error?.code).toBe('UNAUTHENTICATED');

  // Given up after a refusal and opened again, the dialog holds neither the PINs nor the refusal.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '修改 PIN' }).click();
  await dialog.locator('input[name=oldPin]').fill('9999');
  await dialog.locator('input[name=newPin]').fill('111111');
  await dialog.locator('input[name=newPinAgain]').fill('111111');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog.getByTestId('error-alert')).toHaveText('当前 PIN 不正确。');
  await dialog.getByRole('button', { name: '取消' }).click();
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '修改 PIN' }).click();
  await expect(dialog.locator('input[name=oldPin]')).toHaveValue('');
  await expect(dialog.locator('input[name=newPin]')).toHaveValue('');
  await expect(dialog.getByTestId('error-alert')).toHaveCount(0);
  await dialog.getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '退出登录' }).click();
  await tryLogin(page, '小李', '1357');
  await expect(page.getByTestId('error-alert')).toHaveText('姓名或密码不正确。');
  await tryLogin(page, '小李', '864200');
  await expect(page.getByTestId('counter-search')).toBeVisible();

  // In English the menu says the same.
  const english = await browser.newContext({ locale: 'en' });
  try {
    const page2 = await english.newPage();
    await login(page2, server, ADMIN.name, ADMIN.pin);
    await page2.getByRole('tab', { name: '设置' }).click();
    await page2.getByRole('combobox', { name: '界面语言' }).click();
    await page2.getByRole('option', { name: 'English' }).click();
    await page2.getByTestId('user-menu').click();
    await page2.getByRole('menuitem', { name: 'Change PIN' }).click();
    await expect(page2.getByRole('heading', { name: 'Change my PIN' })).toBeVisible();
    await expect(page2.getByLabel('Current PIN')).toBeVisible();
  } finally {
    await english.close();
  }
});
