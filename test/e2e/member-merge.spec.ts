import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';

// 合并会员: a manager merges a customer's second registration into the first from the member
// page; the second card and phone still find her at the counter and open the first.

test('a manager merges a duplicate; its phone still finds the customer, and its page points to her', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '赵经理', 'manager');
  const session = await sessionFor(server);
  const keep = await createMember(server, session, { name: '张三', phone: '13800000001' });
  const dup = await createMember(server, session, { name: '张叁', phone: '13900000002', tags: ['宝妈'] });
  for (const [memberId, amount] of [
    [keep.id, '300'],
    [dup.id, '500'],
  ] as const) {
    expect((await server.rpc('purchases.record', { memberId, amount }, session)).body.ok).toBe(true);
  }

  await login(page, server, '赵经理', '1357');
  await page.getByTestId('counter-search').fill(keep.cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText('张三');
  await page.getByTestId('merge-member').click();

  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByText('合并会员：把重复登记并入 张三')).toBeVisible();
  await dialog.getByTestId('merge-search').fill('张');
  // The member on the page is listed but cannot be picked.
  await expect(dialog.getByTestId('merge-hit').filter({ hasText: '当前会员' })).toHaveAttribute('aria-disabled', 'true');
  await dialog.getByTestId('merge-hit').filter({ hasText: '张叁' }).click();
  const preview = dialog.getByTestId('merge-preview');
  await expect(preview.getByTestId('merge-row-points')).toHaveText(['积分', '300', '500', '800'].join(''));
  await expect(preview.getByTestId('merge-row-sales')).toHaveText(['消费笔数', '1', '1', '2'].join(''));
  await expect(preview.getByTestId('merge-row-netFen')).toHaveText(['消费净额', '¥300.00', '¥500.00', '¥800.00'].join(''));
  await expect(preview.getByTestId('merge-row-tier')).toHaveText(['等级', '普通会员', '普通会员', '普通会员'].join(''));
  await dialog.getByTestId('merge-reason').fill('同一人登记了两次');
  await shot(page, '60-merge-preview');
  await dialog.getByTestId('merge-next').click();

  const confirm = page.getByTestId('merge-confirm');
  await expect(confirm.getByText('确认合并？此操作不能撤销')).toBeVisible();
  await expect(confirm.getByText(/张叁（SH0100000002）的 1 笔消费、500 分积分.*将转到 张三（SH0100000001）名下/)).toBeVisible();
  await expect(confirm.getByText('合并不能撤销。')).toBeVisible();
  await shot(page, '61-merge-confirm');
  await confirm.getByTestId('merge-confirm-button').click();

  await expect(page.getByTestId('member-notice')).toHaveText('已把 张叁（SH0100000002）合并到本会员：转入 1 条消费记录、500 分积分。');
  await expect(page.getByTestId('points-balance')).toContainText('800');
  await expect(page.locator('main').getByText('宝妈', { exact: true })).toBeVisible();
  await expect(page.getByTestId('ledger-merge')).toContainText('张叁 (SH0100000002)');

  // At the counter the duplicate's phone shows it merged, and Enter opens the customer.
  await page.getByRole('tab', { name: '前台' }).click();
  await page.getByTestId('counter-search').fill('139 0000 0002');
  const hit = page.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('已合并');
  await expect(hit.getByTestId('hit-merged-into')).toHaveText('→ 张三 SH0100000001');
  await shot(page, '62-merged-hit');
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-card')).toHaveText('SH0100000001');

  // The duplicate's own page says where its records went, and offers nothing to change.
  await page.goto(new URL(`/#/members/${dup.id}`, server.url).href);
  await expect(page.getByTestId('merged-banner')).toContainText('该会员已于');
  await expect(page.getByTestId('merged-banner')).toContainText('合并到 张三（SH0100000001）');
  await expect(page.getByTestId('member-status')).toHaveText('已停用');
  for (const testId of ['merge-member', 'record-feedback']) await expect(page.getByTestId(testId)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '编辑' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '重新启用' })).toHaveCount(0);
  await shot(page, '63-merged-banner');
  await page.getByTestId('merged-open').click();
  await expect(page.getByTestId('member-name')).toHaveText('张三');
  await expect(page).toHaveURL(new RegExp(`#/members/${keep.id}$`));
});

test('a clerk sees no merge action, and the service refuses one from him', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk');
  const session = await sessionFor(server);
  const a = await createMember(server, session, { name: '甲', phone: '13800000001' });
  const b = await createMember(server, session, { name: '乙', phone: '13800000002' });
  await login(page, server, '小李', '1357');
  await page.getByTestId('counter-search').fill(a.cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText('甲');
  await expect(page.getByTestId('merge-member')).toHaveCount(0);
  const clerk = await sessionFor(server, { name: '小李', pin: '1357' });
  const refused = await server.rpc('members.merge', { keepId: a.id, mergeId: b.id }, clerk);
  expect(refused.status).toBe(403);
  expect(refused.body.error?.code).toBe('FORBIDDEN');
});
