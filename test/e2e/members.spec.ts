import type { Page } from '@playwright/test';
import {
  test,
  expect,
  shot,
  setUpViaRpc,
  addStaff,
  login,
  sessionFor,
  createMember,
  dateField,
  typeDate,
  ADMIN,
  type WebServer,
} from './fixtures';

// Registering, refusing, editing and (de)activating members through the real screens.

/** The helper text under a form field (MUI puts it in the field's FormControl). */
const helper = (page: Page, name: string) =>
  page.locator('.MuiFormControl-root', { has: page.locator(`input[name=${name}]`) }).locator('.MuiFormHelperText-root');

async function openNewMemberForm(page: Page): Promise<void> {
  await expect(page.getByTestId('counter-search')).toBeFocused();
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: '新建会员' })).toBeVisible();
}

/** Open a member from the counter the way a clerk does: type the card number, Enter. */
async function openMember(page: Page, cardNo: string): Promise<void> {
  await page.getByRole('tab', { name: '前台' }).click();
  await page.getByTestId('counter-search').fill(cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-card')).toHaveText(cardNo);
}

const searchCount = async (server: WebServer, q: string) =>
  ((await server.rpc('members.search', { q }, await sessionFor(server))).body.result as { items: unknown[] }).items.length;

test('register a member through the form', async ({ page, server }) => {
  await setUpViaRpc(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openNewMemberForm(page);
  await expect(page.locator('input[name=name]')).toBeFocused();

  await page.locator('input[name=name]').fill('林小雨');
  await page.locator('input[name=phone]').fill('１５９ ８８８８ ０００１'); // full-width digits, as some IMEs type them
  await page.getByRole('combobox', { name: '性别' }).click();
  await page.getByRole('option', { name: '女' }).click();
  await typeDate(page, 'birthday', '1995/03/08');
  await page.locator('input[name=email]').fill('xiaoyu@example.com');
  await page.locator('input[name=address]').fill('徐汇区建设路 8 号');
  for (const tag of ['VIP', '宝妈']) {
    await page.locator('input[name=tags]').fill(tag);
    await page.locator('input[name=tags]').press('Enter');
  }
  await page.locator('textarea[name=notes]').fill('喜欢无糖饮品');
  await page.locator('input[name=consentData]').check();
  await page.locator('input[name=consentMarketing]').check();
  await shot(page, '20-member-form-filled');
  await page.getByTestId('member-submit').click();

  await expect(page.getByTestId('member-name')).toHaveText('林小雨');
  await expect(page.getByTestId('member-notice')).toHaveText('会员已登记，卡号 SH0100000001');
  await expect(page.getByTestId('member-card')).toHaveText('SH0100000001');
  await expect(page.getByTestId('member-phone')).toHaveText('159 8888 0001');
  await expect(page.getByTestId('member-status')).toHaveText('在用');
  const main = page.locator('main');
  for (const text of ['女', '1995/03/08', 'xiaoyu@example.com', '徐汇区建设路 8 号', 'VIP', '宝妈', '喜欢无糖饮品', '徐汇店 (SH01)']) {
    await expect(main.getByText(text, { exact: true })).toBeVisible();
  }
  await expect(main.getByText(/^已同意 · .+ · 王店长$/)).toHaveCount(2);
  await shot(page, '21-member-registered');

  // The record really exists, with the phone stored normalised.
  const r = await server.rpc('members.search', { q: '15988880001' }, await sessionFor(server));
  const items = (r.body.result as { items: { name: string; phone: string }[] }).items;
  expect(items).toEqual([expect.objectContaining({ name: '林小雨', phone: '+8615988880001' })]);
});

test('a duplicate phone in another format is refused, with a link to the member who has it', async ({ page, server }) => {
  await setUpViaRpc(server);
  const zhang = await createMember(server, await sessionFor(server), { name: '张三', phone: '13812345678' });
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openNewMemberForm(page);

  await page.locator('input[name=name]').fill('李四');
  await page.locator('input[name=phone]').fill('+86 138-1234-5678');
  await page.locator('input[name=consentData]').check();
  await page.getByTestId('member-submit').click();

  await expect(page.getByTestId('error-alert')).toHaveText('这个手机号已属于另一位会员。');
  const link = page.getByTestId('existing-member-link');
  await expect(link).toHaveText(`打开已有会员：张三（${zhang.cardNo}）`);
  await shot(page, '22-member-duplicate-phone');
  expect(await searchCount(server, '李四')).toBe(0);

  // 0086 and full-width digits are the same number too.
  await page.locator('input[name=phone]').fill('0086１３８１２３４５６７８');
  await page.getByTestId('member-submit').click();
  await expect(page.getByTestId('error-alert')).toHaveText('这个手机号已属于另一位会员。');
  expect(await searchCount(server, '李四')).toBe(0);

  await link.click();
  await expect(page.getByTestId('member-card')).toHaveText(zhang.cardNo);
  await expect(page.getByTestId('member-phone')).toHaveText('138 1234 5678');
});

test('an invalid phone and an impossible birthday show field errors and create nothing', async ({ page, server }) => {
  await setUpViaRpc(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openNewMemberForm(page);

  await page.locator('input[name=name]').fill('王五');
  await page.locator('input[name=phone]').fill('12345');
  await typeDate(page, 'birthday', '2999/01/01');
  await page.locator('input[name=consentData]').check();
  await page.getByTestId('member-submit').click();

  await expect(page.getByTestId('error-alert')).toHaveText('输入有误，请检查标出的项目。');
  await expect(helper(page, 'phone')).toHaveText('不是有效的手机号或电话号码');
  await expect(helper(page, 'birthday')).toHaveText('生日须在 1900 年之后且不晚于今天');
  await expect(page.locator('input[name=phone]')).toHaveAttribute('aria-invalid', 'true');
  await expect(dateField(page, 'birthday').getByRole('group')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('input[name=name]')).toHaveAttribute('aria-invalid', 'false');
  await shot(page, '23-member-field-errors');
  expect(await searchCount(server, '王五')).toBe(0);

  // A field's error goes as soon as it is changed, before the next save; the others' stay.
  await page.locator('input[name=phone]').fill('1370000');
  await expect(page.locator('input[name=phone]')).toHaveAttribute('aria-invalid', 'false');
  await expect(helper(page, 'phone')).toHaveText('支持 +86、空格、横线、全角数字');
  await expect(helper(page, 'birthday')).toHaveText('生日须在 1900 年之后且不晚于今天');

  // Fix the phone only: its error goes, the birthday's (now too early) stays.
  await page.locator('input[name=phone]').fill('13700001111');
  await typeDate(page, 'birthday', '1899/12/31');
  await page.getByTestId('member-submit').click();
  await expect(helper(page, 'birthday')).toHaveText('生日须在 1900 年之后且不晚于今天');
  await expect(helper(page, 'phone')).toHaveText('支持 +86、空格、横线、全角数字');
  await expect(page.locator('input[name=phone]')).toHaveAttribute('aria-invalid', 'false');
  expect(await searchCount(server, '王五')).toBe(0);

  // Without consent the member is refused as well.
  await typeDate(page, 'birthday', '1988/08/08');
  await page.locator('input[name=consentData]').uncheck();
  await page.getByTestId('member-submit').click();
  await expect(page.getByTestId('error-alert')).toHaveText('输入有误，请检查标出的项目。');
  const consentError = page.getByTestId('member-form').getByText('登记会员需要其同意保存个人信息');
  await expect(consentError).toBeVisible();
  expect(await searchCount(server, '王五')).toBe(0);

  // Ticked, the box is no longer red while the clerk finishes the form, and with nothing marked
  // any more the sentence above goes too; unticked again, both are back.
  await page.locator('input[name=consentData]').check();
  await expect(consentError).toHaveCount(0);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  await page.locator('input[name=consentData]').uncheck();
  await expect(consentError).toBeVisible();
  await expect(page.getByTestId('error-alert')).toBeVisible();

  // All put right, the member is registered once.
  await page.locator('input[name=consentData]').check();
  await page.getByTestId('member-submit').click();
  await expect(page.getByTestId('member-name')).toHaveText('王五');
  await expect(page.getByTestId('member-phone')).toHaveText('137 0000 1111');
  expect(await searchCount(server, '王五')).toBe(1);
});

test('edit a member: new name and tag show on the page and in search', async ({ page, server }) => {
  await setUpViaRpc(server);
  const session = await sessionFor(server);
  const zhang = await createMember(server, session, { name: '张三', phone: '13812345678', tags: ['老顾客'] });
  await createMember(server, session, { name: '李四', phone: '13998765432' });
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openMember(page, zhang.cardNo);

  await page.getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑会员' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('input[name=name]')).toHaveValue('张三');
  await expect(dialog.locator('input[name=phone]')).toHaveValue('138 1234 5678');
  await expect(dialog.getByRole('button', { name: '老顾客' })).toBeVisible();
  // Consent to store data is given at registration; the edit form does not offer to take it back.
  await expect(dialog.locator('input[name=consentData]')).toHaveCount(0);

  // Another member's phone is refused here too.
  await dialog.locator('input[name=phone]').fill('139 9876 5432');
  await dialog.getByTestId('member-submit').click();
  await expect(dialog.getByTestId('error-alert')).toHaveText('这个手机号已属于另一位会员。');
  await expect(dialog.getByTestId('existing-member-link')).toContainText('李四');

  await dialog.locator('input[name=phone]').fill('138 1234 5678');
  await dialog.locator('input[name=name]').fill('张三丰');
  await dialog.locator('input[name=tags]').fill('VIP');
  await dialog.locator('input[name=tags]').press('Enter');
  await shot(page, '24-member-edit-dialog');
  await dialog.getByTestId('member-submit').click();

  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('member-notice')).toHaveText('已保存');
  await expect(page.getByTestId('member-name')).toHaveText('张三丰');
  const main = page.locator('main');
  await expect(main.getByText('VIP', { exact: true })).toBeVisible();
  await expect(main.getByText('老顾客', { exact: true })).toBeVisible();
  await shot(page, '25-member-edited');

  const got = await server.rpc('members.get', { id: zhang.id }, session);
  expect(got.body.result).toMatchObject({ name: '张三丰', tags: expect.arrayContaining(['老顾客', 'VIP']), phone: '+8613812345678' });
  expect((got.body.result as { tags: string[] }).tags).toHaveLength(2);

  // The search index follows the new name.
  await page.getByRole('tab', { name: '前台' }).click();
  await page.getByTestId('counter-search').fill('zsf');
  await expect(page.getByTestId('search-hit')).toHaveCount(1);
  await expect(page.getByTestId('search-hit')).toContainText('张三丰');
});

test('the duplicate-phone link inside the edit dialog opens the other member without carrying the form over', async ({ page, server }) => {
  await setUpViaRpc(server);
  const session = await sessionFor(server);
  const zhang = await createMember(server, session, { name: '张三', phone: '13812345678' });
  const li = await createMember(server, session, { name: '李四', phone: '13998765432' });
  await login(page, server, ADMIN.name, ADMIN.pin);
  await openMember(page, zhang.cardNo);
  await page.getByRole('button', { name: '编辑' }).click();
  const dialog = page.getByRole('dialog', { name: '编辑会员' });
  await dialog.locator('input[name=name]').fill('张三丰');
  await dialog.locator('input[name=phone]').fill('139 9876 5432');
  await dialog.getByTestId('member-submit').click();
  await dialog.getByTestId('existing-member-link').click();

  // A fresh page for 李四: the half-edited form for 张三 is gone and cannot be saved over 李四.
  await expect(page.getByTestId('member-card')).toHaveText(li.cardNo);
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: '编辑' }).click();
  await expect(dialog.locator('input[name=name]')).toHaveValue('李四');
  const got = await server.rpc('members.get', { id: li.id }, session);
  expect(got.body.result).toMatchObject({ name: '李四', version: 1 });
});

test('a manager deactivates and reactivates a member; a clerk cannot', async ({ page, server }) => {
  await setUpViaRpc(server);
  const zhang = await createMember(server, await sessionFor(server), { name: '张三', phone: '13812345678' });
  await addStaff(server, '赵经理', 'manager', '2468');
  await addStaff(server, '小李', 'clerk', '1357');
  await login(page, server, '赵经理', '2468');
  await openMember(page, zhang.cardNo);
  await expect(page.getByTestId('member-status')).toHaveText('在用');

  // The app asks in its own dialog, never a browser box ("127.0.0.1 显示"); 返回 changes nothing.
  const browserBoxes: string[] = [];
  page.on('dialog', (d) => {
    browserBoxes.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('button', { name: '停用会员' }).click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm.getByRole('heading')).toHaveText('停用会员 张三？');
  await expect(confirm).toContainText('停用后会员仍保留全部记录，可以随时重新启用。');
  await expect(confirm.getByTestId('confirm-cancel')).toBeFocused();
  await shot(page, '25-member-deactivate-confirm');
  await confirm.getByRole('button', { name: '返回' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('member-status')).toHaveText('在用');

  await page.getByRole('button', { name: '停用会员' }).click();
  await confirm.getByRole('button', { name: '停用会员' }).click();
  await expect(page.getByTestId('member-status')).toHaveText('已停用');
  expect(browserBoxes).toEqual([]);
  await expect(page.getByTestId('member-notice')).toHaveText('会员已停用');
  await expect(page.getByRole('button', { name: '重新启用' })).toBeVisible();
  await expect(page.getByRole('button', { name: '停用会员' })).toHaveCount(0);
  await shot(page, '26-member-deactivated');

  // Still found at the counter, marked inactive.
  await page.getByRole('tab', { name: '前台' }).click();
  await page.getByTestId('counter-search').fill('张三');
  await expect(page.getByTestId('search-hit')).toContainText('已停用');

  await openMember(page, zhang.cardNo);
  await page.getByRole('button', { name: '重新启用' }).click();
  await expect(page.getByTestId('member-status')).toHaveText('在用');
  await expect(page.getByTestId('member-notice')).toHaveText('会员已重新启用');
  const got = await server.rpc('members.get', { id: zhang.id }, await sessionFor(server));
  expect(got.body.result).toMatchObject({ status: 'active' });

  // A clerk sees no such button, and the wire refuses them.
  await page.getByRole('button', { name: '退出登录' }).click();
  await login(page, server, '小李', '1357');
  await openMember(page, zhang.cardNo);
  await expect(page.getByRole('button', { name: '编辑' })).toBeVisible();
  await expect(page.getByRole('button', { name: '停用会员' })).toHaveCount(0);
  const clerk = await sessionFor(server, { name: '小李', pin: '1357' });
  const refused = await server.rpc('members.setStatus', { id: zhang.id, status: 'inactive' }, clerk);
  expect(refused.status).toBe(403);
  expect(refused.body.error?.code).toBe('FORBIDDEN');
});
