import type { Page } from '@playwright/test';
import {
  test,
  expect,
  setUpViaRpc,
  login,
  sessionFor,
  createMember,
  dateField,
  dateText,
  typeDate,
  shot,
  storeToday,
  plusDays,
  shownDate as shown,
  ADMIN,
} from './fixtures';

// One date format whatever the browser is set to: a counter PC bought in the US, or a browser
// left in English, showed native date inputs as mm/dd/yyyy beside 2026/11/28 on the page. Here
// the browser speaks American English and lives in Los Angeles, the store is in Shanghai and
// its UI in Chinese: every date reads 2026/11/28, typed and shown.

test.use({ locale: 'en-US', timezoneId: 'America/Los_Angeles' });

async function openMember(page: Page, cardNo: string): Promise<void> {
  await page.getByRole('tab', { name: '前台' }).click();
  await page.getByTestId('counter-search').fill(cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-card')).toHaveText(cardNo);
}

test('a browser set to American English shows and reads every date as 2026/11/28', async ({ page, server }) => {
  await setUpViaRpc(server);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '张三', phone: '13812345678', birthday: '1990-05-20' });
  const today = await storeToday(server, admin);
  await login(page, server, ADMIN.name, ADMIN.pin);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await openMember(page, member.cardNo);

  // Shown on the page: the birthday as it is, the registration at the store's clock.
  const main = page.locator('main');
  await expect(main.getByText('1990/05/20', { exact: true })).toBeVisible();
  await expect(main.getByText(new RegExp(`^${shown(today)} \\d{2}:\\d{2} · ${ADMIN.name}$`))).toBeVisible();
  await expect(main.getByText(/\d{1,2}\/\d{1,2}\/\d{4}/)).toHaveCount(0);

  // The birthday field shows the same, and takes a date typed the same way.
  await page.getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑会员' });
  await expect(dateText(dialog, 'birthday')).toHaveText('1990/05/20');
  await typeDate(dialog, 'birthday', '1991/06/01');
  await expect(dateText(dialog, 'birthday')).toHaveText('1991/06/01');
  await shot(page, '90-date-field-en-US-browser');
  await dialog.getByTestId('member-submit').click();
  await expect(dialog).toBeHidden();
  await expect(main.getByText('1991/06/01', { exact: true })).toBeVisible();
  const saved = await server.rpc('members.get', { id: member.id }, admin);
  expect(saved.body.result).toMatchObject({ birthday: '1991-06-01' });

  // A new follow-up starts tomorrow, in the field and on the page once made.
  const tomorrow = plusDays(today, 1);
  await page.getByRole('button', { name: '新建回访' }).click();
  const create = page.getByTestId('create-followup-dialog');
  await expect(dateText(create, 'dueDate')).toHaveText(shown(tomorrow));
  expect(shown(tomorrow)).toMatch(/^20\d\d\/\d\d\/\d\d$/);
  await create.getByTestId('dialog-submit').click();
  await expect(create).toBeHidden();
  await expect(page.getByTestId('member-followup')).toContainText(shown(tomorrow));
  await expect(page.getByText(`已创建回访任务（${shown(tomorrow)}）`)).toBeVisible();
});

test('in English the same dates read 2026-11-28, on the page and in the fields', async ({ page, server }) => {
  await setUpViaRpc(server);
  const admin = await sessionFor(server);
  expect((await server.rpc('auth.setLocale', { locale: 'en' }, admin)).body.ok).toBe(true);
  const member = await createMember(server, admin, { name: 'Lin', phone: '13812345678', birthday: '1990-05-20' });
  const tomorrow = plusDays(await storeToday(server, admin), 1);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.getByRole('tab', { name: 'Counter' }).click();
  await page.getByTestId('counter-search').fill(member.cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.locator('main').getByText('1990-05-20', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(dateText(page.getByRole('dialog', { name: 'Edit member' }), 'birthday')).toHaveText('1990-05-20');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'New follow-up' }).click();
  await expect(dateText(page.getByTestId('create-followup-dialog'), 'dueDate')).toHaveText(tomorrow);
});

test('an impossible or half-typed date is refused under the field, and nothing is saved', async ({ page, server }) => {
  await setUpViaRpc(server);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '李四', phone: '13900001111' });
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openMember(page, member.cardNo);

  await page.getByRole('button', { name: '新建回访' }).click();
  const create = page.getByTestId('create-followup-dialog');
  // Only the year typed: not a date yet, so not a follow-up on some other day.
  const due = dateField(create, 'dueDate');
  await due.getByRole('spinbutton').first().click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('2031');
  await create.getByTestId('dialog-submit').click();
  await expect(due.locator('.MuiFormHelperText-root')).toHaveText('不是有效的日期');
  await expect(create).toBeVisible();
  const tasks = await server.rpc('followups.list', { memberId: member.id }, admin);
  expect(tasks.body.result).toMatchObject({ items: [] });
});
