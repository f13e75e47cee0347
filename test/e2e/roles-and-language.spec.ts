import type { Page } from '@playwright/test';
import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, ADMIN } from './fixtures';

// Who may do what, how a wrong PIN is answered, and the interface language.

const tabNames = (page: Page) => page.getByRole('tablist', { name: 'main' }).getByRole('tab').allTextContents();

async function tryLogin(page: Page, name: string, pin: string): Promise<void> {
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=pin]').fill(pin);
  await page.locator('button[type=submit]').click();
}

async function chooseLanguage(page: Page, label: string, language: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: language }).click();
}

test('an admin adds a clerk on the Staff page; the clerk cannot manage staff', async ({ page, server }) => {
  await setUpViaRpc(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await expect.poll(() => tabNames(page)).toEqual(['前台', '会员', '回访', '报表', '积分与等级', '上报总部', '导入数据', '员工', '设置']);
  await page.getByRole('tab', { name: '员工' }).click();
  await expect(page.getByRole('heading', { name: '员工管理' })).toBeVisible();
  await expect(page.getByTestId('staff-table').getByRole('row')).toHaveCount(2); // header + the admin

  await page.getByRole('button', { name: '添加员工' }).click();
  const dialog = page.getByRole('dialog', { name: '添加员工' });
  await dialog.locator('input[name=name]').fill('小李');
  await dialog.getByRole('combobox', { name: '角色' }).click();
  await page.getByRole('option', { name: '店员' }).click();
  // A PIN that is too short is refused with the field's own message.
  await dialog.locator('input[name=pin]').fill('12');
  await dialog.getByTestId('staff-submit').click();
  await expect(dialog.getByTestId('error-alert')).toHaveText('输入有误，请检查标出的项目。');
  await expect(dialog.getByText('至少 4 个字符')).toBeVisible();
  await dialog.locator('input[name=pin]').fill('1357');
  await shot(page, '30-staff-add-clerk');
  await dialog.getByTestId('staff-submit').click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText('已添加员工 小李')).toBeVisible();
  const row = page.getByTestId('staff-table').getByRole('row', { name: /小李/ });
  await expect(row).toContainText('店员');
  await expect(row).toContainText('在用');
  await shot(page, '31-staff-list');

  // The same name twice is refused.
  await page.getByRole('button', { name: '添加员工' }).click();
  await dialog.locator('input[name=name]').fill('小李');
  await dialog.locator('input[name=pin]').fill('2468');
  await dialog.getByTestId('staff-submit').click();
  await expect(dialog.getByTestId('error-alert')).toHaveText('已有同名员工。');
  await dialog.getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '退出登录' }).click();
  await login(page, server, '小李', '1357');
  await expect(page.getByText('小李 · 店员')).toBeVisible();
  await expect.poll(() => tabNames(page)).toEqual(['前台', '会员', '回访', '设置']);

  await page.goto(new URL('/#/staff', server.url).href);
  await expect(page.getByTestId('staff-forbidden')).toHaveText('只有管理员可以管理员工。');
  await expect(page.getByTestId('staff-table')).toHaveCount(0);
  await shot(page, '32-staff-forbidden-for-clerk');

  const clerk = await sessionFor(server, { name: '小李', pin: '1357' });
  const list = await server.rpc('staff.list', {}, clerk);
  expect(list.status).toBe(403);
  expect(list.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const create = await server.rpc('staff.create', { name: '黑客', role: 'admin', pin: '0000' }, clerk);
  expect(create.status).toBe(403);
  expect(create.body.error?.code).toBe('FORBIDDEN');
});

test('a wrong PIN is refused, and repeated wrong PINs lock the name out for a while', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk', '1357');
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: '员工登录 · 徐汇店' })).toBeVisible();

  await tryLogin(page, '小李', '0000');
  await expect(page.getByTestId('error-alert')).toHaveText('姓名或密码不正确。');
  await expect(page.locator('input[name=pin]')).toHaveValue('');
  await expect(page.locator('input[name=name]')).toHaveValue('小李');
  await shot(page, '33-login-wrong-pin');

  // An unknown name gets the same answer, so names cannot be guessed.
  await tryLogin(page, '不存在', '0000');
  await expect(page.getByTestId('error-alert')).toHaveText('姓名或密码不正确。');

  await tryLogin(page, '小李', '1111');
  await expect(page.getByTestId('error-alert')).toHaveText('姓名或密码不正确。');
  // The third wrong PIN locks the name for 30 seconds.
  await tryLogin(page, '小李', '2222');
  await expect(page.getByTestId('error-alert')).toHaveText('姓名或密码不正确。错误次数过多，请 30 秒后再试。');
  // While locked, even the right PIN is refused, with the seconds left.
  await tryLogin(page, '小李', '1357');
  await expect(page.getByTestId('error-alert')).toHaveText(/^错误次数过多，请 (30|[12]\d|[1-9]) 秒后再试。$/);
  await shot(page, '34-login-locked-out');
  await expect(page.getByTestId('counter-search')).toHaveCount(0);

  const r = await server.rpc('auth.login', { name: '小李', pin: '1357' });
  expect(r.status).toBe(429);
  expect(r.body.error?.code).toBe('LOCKED_OUT');
  // Another name is not affected.
  await tryLogin(page, ADMIN.name, ADMIN.pin);
  await expect(page.getByTestId('counter-search')).toBeVisible();
});

test('switching to English in Settings changes the interface and follows the staff member', async ({ page, server, browser }) => {
  await setUpViaRpc(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.getByRole('tab', { name: '设置' }).click();
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible();
  await chooseLanguage(page, '界面语言', 'English');

  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect
    .poll(() => tabNames(page))
    .toEqual(['Counter', 'Members', 'Follow-ups', 'Reports', 'Points & tiers', 'Send to HQ', 'Import', 'Staff', 'Settings']);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(page.getByText(`Logged in as: ${ADMIN.name} · Admin`)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await shot(page, '35-settings-english');

  await page.getByRole('tab', { name: 'Counter' }).click();
  await expect(page.getByLabel('Find a member')).toBeFocused();
  await page.getByTestId('counter-search').fill('nobody');
  await expect(page.getByText('No member found. Press Enter or F2 to register one.')).toBeVisible();

  // After logout and login the interface stays English.
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Staff login · 徐汇店' })).toBeVisible();
  await tryLogin(page, ADMIN.name, ADMIN.pin);
  await expect
    .poll(() => tabNames(page))
    .toEqual(['Counter', 'Members', 'Follow-ups', 'Reports', 'Points & tiers', 'Send to HQ', 'Import', 'Staff', 'Settings']);

  // The choice belongs to the staff member, not to this browser: a fresh browser starts in Chinese
  // and turns English once the admin logs in.
  const other = await browser.newContext({ locale: 'zh-CN' });
  try {
    const page2 = await other.newPage();
    await page2.goto(server.url);
    await expect(page2.getByRole('heading', { name: '员工登录 · 徐汇店' })).toBeVisible();
    await tryLogin(page2, ADMIN.name, ADMIN.pin);
    await expect(page2.getByRole('tab', { name: 'Counter' })).toBeVisible();
    await expect
      .poll(() => tabNames(page2))
      .toEqual(['Counter', 'Members', 'Follow-ups', 'Reports', 'Points & tiers', 'Send to HQ', 'Import', 'Staff', 'Settings']);
  } finally {
    await other.close();
  }
  const me = await server.rpc('auth.me', {}, await sessionFor(server));
  expect(me.body.result).toMatchObject({ staff: { name: ADMIN.name, locale: 'en' } });

  // And back to Chinese.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await chooseLanguage(page, 'Language', '简体中文');
  await expect.poll(() => tabNames(page)).toEqual(['前台', '会员', '回访', '报表', '积分与等级', '上报总部', '导入数据', '员工', '设置']);
});

test('the login screen has its own language switch', async ({ page, server }) => {
  await setUpViaRpc(server);
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: '员工登录 · 徐汇店' })).toBeVisible();
  await chooseLanguage(page, '界面语言', 'English');

  await expect(page.getByRole('heading', { name: 'Staff login · 徐汇店' })).toBeVisible();
  await expect(page.getByLabel('Name')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await tryLogin(page, ADMIN.name, '999999');
  await expect(page.getByTestId('error-alert')).toHaveText('Wrong name or PIN.');
  await shot(page, '36-login-english');

  // The switch is remembered by this browser across a reload.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Staff login · 徐汇店' })).toBeVisible();
  await chooseLanguage(page, 'Language', '简体中文');
  await expect(page.getByRole('heading', { name: '员工登录 · 徐汇店' })).toBeVisible();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();

  // A language picked at login is the person's choice: it stays after logging in and is saved.
  await chooseLanguage(page, '界面语言', 'English');
  await tryLogin(page, ADMIN.name, ADMIN.pin);
  await expect
    .poll(() => tabNames(page))
    .toEqual(['Counter', 'Members', 'Follow-ups', 'Reports', 'Points & tiers', 'Send to HQ', 'Import', 'Staff', 'Settings']);
  const me = await server.rpc('auth.login', ADMIN);
  expect((me.body.result as { staff: { locale: string } }).staff.locale).toBe('en');
});
