import { ADMIN, addStaff, expect, login, sessionFor, setUpViaRpc, shot, test } from './fixtures';

// 闲置锁屏 and 换人 (docs/privacy.md "Sessions and access"). The browser's clock is Playwright's,
// moved forward rather than waited for: one idle minute passes in an instant.

test('an idle counter locks over a half-filled form, the PIN resumes it as it was, and F9 then a digit hands it to a colleague', async ({
  page,
  server,
}) => {
  // Three logins, a lock, a wrong and a right PIN, a switch and a reload: 50 s alone on a loaded machine.
  test.setTimeout(120_000);
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk', '1357');
  await addStaff(server, '小王', 'clerk', '2468');
  const admin = await sessionFor(server);
  expect((await server.rpc('auth.saveLockSettings', { idleMinutes: 1 }, admin)).body.ok).toBe(true);

  await page.clock.install();
  await login(page, server, '小李', '1357');
  // At a shop's 1280 px the key is named in the menu under the name (on a wider screen, a button of its own).
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('switch-clerk-menu')).toHaveText('换人 F9');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F2'); // the counter's own key: a new member's form
  await expect(page.getByRole('heading', { name: '新建会员' })).toBeVisible();
  await page.locator('input[name=name]').fill('林小雨');
  await page.locator('input[name=phone]').fill('15988880001');

  // A minute without a key or the mouse: the screen locks, the page behind covered and inert.
  await page.clock.fastForward('01:05');
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('小李');
  await expect(page.getByTestId('session-page')).toHaveAttribute('inert', '');
  await shot(page, '20d-session-locked');
  // The server refuses the locked session whatever the window does.
  const locked = await page.evaluate(() => sessionStorage.getItem('branchdesk.session'));
  const refused = await server.rpc('members.search', { q: '159' }, locked!);
  expect([refused.status, refused.body.error?.code]).toEqual([423, 'SESSION_LOCKED']);

  // A wrong PIN is refused in words; the right one finds the form as it was.
  await page.getByTestId('lock-pin').fill('9999');
  await page.getByTestId('lock-resume').click();
  await expect(overlay.getByRole('alert')).toHaveText('PIN 不正确。');
  await page.getByTestId('lock-pin').fill('1357');
  await page.getByTestId('lock-resume').click();
  await expect(overlay).toBeHidden();
  await expect(page.locator('input[name=name]')).toHaveValue('林小雨');
  await expect(page.locator('input[name=phone]')).toHaveValue('15988880001');

  // 换人: F9, then the digit beside 小王, then 小王's PIN.
  await page.keyboard.press('F9');
  const dialog = page.getByTestId('switch-dialog');
  const names = await dialog.getByTestId('switch-colleague').allInnerTexts();
  const digit = names.findIndex((n) => n.includes('小王')) + 1;
  expect(names).toHaveLength(3);
  expect(names[digit - 1]).toContain(String(digit));
  await shot(page, '20d-switch-dialog');
  await page.keyboard.press(String(digit));
  await expect(dialog.getByTestId('switch-pin')).toBeFocused();
  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('user-menu')).toContainText('小王');
  // 小王 starts at an empty counter: what 小李 typed is not carried over, and 小李's session has ended.
  await expect(page.getByTestId('counter-search')).toBeVisible();
  await page.keyboard.press('F2');
  await expect(page.locator('input[name=name]')).toHaveValue('');
  expect((await server.rpc('auth.me', {}, locked!)).body.error?.code).toBe('UNAUTHENTICATED');

  // From the lock itself: 换人 there too; the admin takes over.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('lock-now').click();
  await expect(overlay).toBeVisible();
  // A reload does not get round it: the session is locked on the server, and the screen follows.
  await page.reload();
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('小王');
  await page.getByTestId('lock-switch').click();
  await dialog.getByTestId('switch-colleague').filter({ hasText: ADMIN.name }).click();
  await dialog.getByTestId('switch-pin').fill(ADMIN.pin);
  await dialog.getByTestId('switch-submit').click();
  await expect(overlay).toBeHidden();
  await expect(page.getByTestId('user-menu')).toContainText(ADMIN.name);
});

test("换人 says whose session it is and that the screen's language is theirs", async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk', '1357');
  await addStaff(server, 'Anna', 'clerk', '2468');
  const anna = await sessionFor(server, { name: 'Anna', pin: '2468' });
  expect((await server.rpc('auth.setLocale', { locale: 'en' }, anna)).body.ok).toBe(true);
  await login(page, server, '小李', '1357');

  // Anna works in English: the screen turns English with her, and says why.
  await page.keyboard.press('F9');
  const dialog = page.getByTestId('switch-dialog');
  await expect(dialog).toContainText('界面换成下一位自己设置的语言');
  await dialog.getByTestId('switch-colleague').filter({ hasText: 'Anna' }).click();
  await dialog.getByTestId('switch-pin').fill('2468');
  await dialog.getByTestId('switch-submit').click();
  const greeting = page.getByTestId('switch-greeting');
  await expect(greeting).toContainText("This is Anna's session now. The screen has changed to Anna's own language: English.");
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(greeting).toHaveCSS('opacity', '1'); // faded in
  await shot(page, '20b-switch-greeting-en');

  // Back to 小李, whose screen is Chinese.
  await page.keyboard.press('F9');
  await dialog.getByTestId('switch-colleague').filter({ hasText: '小李' }).click();
  await dialog.getByTestId('switch-pin').fill('1357');
  await dialog.getByTestId('switch-submit').click();
  await expect(greeting).toContainText('现在是 小李 的会话。界面已换成 小李 自己设置的语言：简体中文。');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(greeting).toHaveCSS('opacity', '1'); // faded in
  await shot(page, '20b-switch-greeting-zh');

  // 小李 turns the screen to English in 设置: the greeting, which says it is Chinese now, goes.
  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByRole('combobox', { name: '界面语言' }).click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // At once: not the 12 s after which it hides by itself.
  await expect(greeting).toBeHidden({ timeout: 2000 });
});
