import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';

// 可能重复的会员: a manager opens the store's possible duplicates from the member list, merges one
// pair through the member merge's own dialog, says the other pair is two people, and the page is
// empty.

test('a manager merges a possible duplicate from the list of them, and dismisses another pair', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '赵经理', 'manager');
  const session = await sessionFor(server);
  const keep = await createMember(server, session, { name: '李娜', phone: '13800000001', birthday: '1990-05-01' });
  const dup = await createMember(server, session, { name: '李 娜', phone: '13900000002', birthday: '1990-05-01' });
  await createMember(server, session, { name: 'Wang Fang', phone: '13700000003', birthday: '1988-08-08' });
  await createMember(server, session, { name: 'WANG FANG', phone: '13600000004', birthday: '1988-08-08' });
  // The same name on another day is no pair.
  await createMember(server, session, { name: '李娜', phone: '13500000005', birthday: '1991-05-01' });
  expect((await server.rpc('purchases.record', { memberId: dup.id, amount: '500' }, session)).body.ok).toBe(true);

  await login(page, server, '赵经理', '1357');
  await page.getByRole('tab', { name: '会员' }).click();
  await page.getByTestId('open-duplicates').click();
  await expect(page.getByRole('heading', { name: '可能重复的会员' })).toBeVisible();
  // The member list's tab stays the one chosen.
  await expect(page.getByRole('tab', { name: '会员' })).toHaveAttribute('aria-selected', 'true');
  const pairs = page.getByTestId('duplicates-pair');
  await expect(pairs).toHaveCount(2);
  await expect(page.getByTestId('duplicates-count')).toHaveText('共 2 对');
  const li = pairs.filter({ hasText: '李 娜' });
  await expect(li.getByTestId('duplicate-basis')).toHaveText('同名同生日');
  await expect(li.getByTestId('duplicate-row-name')).toHaveText('姓名李娜李 娜');
  await expect(li.getByTestId('duplicate-row-cardNo')).toHaveText(`卡号${keep.cardNo}${dup.cardNo}`);
  await expect(li.getByTestId('duplicate-row-birthday')).toHaveText('生日1990/05/011990/05/01');
  await expect(li.getByTestId('duplicate-row-points')).toHaveText('积分0500');
  await shot(page, '64-possible-duplicates');
  // The earlier registration stays unless swapped.
  await li.getByTestId('duplicate-swap').click();
  await expect(li.getByTestId('duplicate-row-name')).toHaveText('姓名李 娜李娜');
  await li.getByTestId('duplicate-swap').click();
  await expect(li.getByTestId('duplicate-row-name')).toHaveText('姓名李娜李 娜');

  await li.getByTestId('duplicate-merge').click();
  const dialog = page.getByTestId('merge-dialog');
  await expect(dialog.getByText('合并会员：把重复登记并入 李娜')).toBeVisible();
  await expect(dialog.getByTestId('merge-search')).toHaveCount(0);
  await expect(dialog.getByTestId('merge-preview').getByTestId('merge-row-points')).toHaveText(['积分', '0', '500', '500'].join(''));
  await dialog.getByTestId('merge-next').click();
  await page.getByTestId('merge-confirm').getByTestId('merge-confirm-button').click();

  await expect(page.getByTestId('duplicates-notice')).toHaveText(`已把 李 娜（${dup.cardNo}）合并到 李娜（${keep.cardNo}）。`);
  await expect(pairs).toHaveCount(1);
  await expect(pairs).toContainText('WANG FANG');

  await pairs.getByTestId('duplicate-dismiss').click();
  const ask = page.getByTestId('confirm-dialog');
  await expect(ask).toContainText('Wang Fang 和 WANG FANG 不是同一人？');
  await ask.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('duplicates-notice')).toHaveText('已标记 Wang Fang 和 WANG FANG 不是同一人。');
  await expect(pairs).toHaveCount(0);
  await expect(page.getByTestId('duplicates-empty')).toHaveText('没有可能重复的会员。');

  // The merged member's page points to the one kept.
  await page.goto(new URL(`/#/members/${dup.id}`, server.url).href);
  await expect(page.getByTestId('merged-banner')).toContainText(`合并到 李娜（${keep.cardNo}）`);
});
