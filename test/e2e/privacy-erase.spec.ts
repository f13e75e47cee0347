import { test, expect, shot, setUpViaRpc, login, sessionFor, createMember, ADMIN } from './fixtures';

// 删除会员（个人信息） (docs/privacy.md "Erasing a member"): an admin erases a member from the
// member page through the app's own dialog; the counter then finds her by nothing.

test('an admin erases a member through the dialog; the counter search for her phone and name finds nothing', async ({ page, server }) => {
  await setUpViaRpc(server);
  const session = await sessionFor(server);
  const chen = await createMember(server, session, { name: '陈晓燕', phone: '13912345678', tags: ['宝妈'] });
  expect((await server.rpc('purchases.record', { memberId: chen.id, amount: '120' }, session)).body.ok).toBe(true);

  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.getByTestId('counter-search').fill(chen.cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText('陈晓燕');
  await page.getByTestId('erase-member').click();

  const dialog = page.getByTestId('erase-member-dialog');
  await expect(dialog.getByText('删除会员（个人信息）：陈晓燕')).toBeVisible();
  await expect(dialog.getByText(/保留（用于账目，不含个人信息）：消费、退款、积分流水/)).toBeVisible();
  const submit = dialog.getByTestId('dialog-submit');
  await dialog.getByTestId('erase-reason').fill('会员本人要求删除');
  await expect(submit).toBeDisabled(); // the card number is not typed yet
  await dialog.getByTestId('erase-card').fill('SH01');
  await expect(submit).toBeDisabled();
  await dialog.getByTestId('erase-card').fill(chen.cardNo);
  await expect(submit).toBeEnabled();
  await shot(page, '99-erase-dialog');
  await submit.click();

  await expect(page.getByTestId('member-name')).toHaveText('已删除（个人信息已抹去）');
  await expect(page.getByTestId('member-notice')).toHaveText('会员的个人信息已删除');
  await expect(page.getByTestId('member-status')).toHaveText('已删除');
  for (const testId of ['erase-member', 'record-feedback', 'merge-member', 'quick-purchase'])
    await expect(page.getByTestId(testId)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(page.getByText('陈晓燕')).toHaveCount(0);
  await shot(page, '100-erased-member');

  await page.getByRole('tab', { name: '前台' }).click();
  for (const q of ['13912345678', '5678', '陈晓燕', chen.cardNo]) {
    await page.getByTestId('counter-search').fill(q);
    await expect(page.getByText('没有找到会员。按 Enter 或 F2 新建会员。')).toBeVisible();
    await expect(page.getByTestId('search-hit')).toHaveCount(0);
  }
});

test('a manager sees no erase action, and the service refuses one from him', async ({ page, server }) => {
  await setUpViaRpc(server);
  const admin = await sessionFor(server);
  await server.rpc('staff.create', { name: '赵经理', role: 'manager', pin: '1357' }, admin);
  const chen = await createMember(server, admin, { name: '陈晓燕', phone: '13912345678' });
  const manager = await sessionFor(server, { name: '赵经理', pin: '1357' });
  const refused = await server.rpc('members.erase', { id: chen.id, confirm: true, reason: 'x' }, manager);
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await login(page, server, '赵经理', '1357');
  await page.goto(new URL(`/#/members/${chen.id}`, server.url).href);
  await expect(page.getByTestId('member-name')).toHaveText('陈晓燕');
  await expect(page.getByTestId('erase-member')).toHaveCount(0);
});
