import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';

// 品类列表: a manager keeps the list under Settings; a sale picks its category from it, a clerk's
// other text is recorded as typed, and a manager is offered to add it.

const MANAGER = { name: '赵经理', pin: '1357' };
const CLERK = { name: '小李', pin: '1357' };

test('a manager keeps the category list; sales pick from it, and a new name is offered to the manager only', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, MANAGER.name, 'manager');
  await addStaff(server, CLERK.name, 'clerk');
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '张三', phone: '13812345678' });
  const categories = async () => ((await server.rpc('categories.list', {}, admin)).body.result as { items: string[] }).items;
  const lastCategory = async () =>
    ((await server.rpc('purchases.list', { memberId: member.id }, admin)).body.result as { items: { category: string | null }[] }).items[0]
      .category;

  // The manager sets the list up under Settings.
  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.getByRole('tab', { name: '设置' }).click();
  const card = page.getByTestId('categories-card');
  await expect(card.getByRole('heading', { name: '品类列表' })).toBeVisible();
  const input = card.getByRole('combobox', { name: '品类' });
  for (const name of ['服装', '鞋包', '食品']) {
    await input.fill(name);
    await input.press('Enter');
  }
  // The same name again, in another case, is not a second category.
  await input.fill('鞋包 ');
  await input.press('Enter');
  await card.getByRole('button', { name: '食品' }).locator('svg').click();
  // Typed without Enter, it still counts when saved.
  await input.fill('美妆');
  await shot(page, '60-settings-categories');
  await card.getByTestId('categories-save').click();
  await expect(card.getByTestId('categories-saved')).toHaveText('品类列表已保存');
  expect(await categories()).toEqual(['服装', '鞋包', '美妆']);

  // A clerk picks from the list: two characters find it.
  await page.getByRole('button', { name: '退出登录' }).click();
  await login(page, server, CLERK.name, CLERK.pin);
  await page.goto(new URL(`/#/members/${member.id}`, server.url).href);
  await page.getByRole('button', { name: '更多选项' }).click();
  const category = page.getByRole('combobox', { name: '品类' });
  await category.fill('服');
  await page.getByRole('option', { name: '服装' }).click();
  await expect(category).toHaveValue('服装');
  await page.locator('input[name=amount]').fill('120');
  await page.locator('input[name=amount]').press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText('已记录消费 ¥120.00');
  expect(await lastCategory()).toBe('服装');
  await expect(category).toHaveValue('');

  // Something else may still be typed: recorded as typed, and a clerk cannot add it to the list.
  await category.fill('配件');
  await expect(page.getByText('不在品类列表中，将按输入记录')).toBeVisible();
  await expect(page.getByTestId('category-add')).toHaveCount(0);
  await shot(page, '61-sale-category-not-listed');
  await page.locator('input[name=amount]').fill('30');
  await page.locator('input[name=amount]').press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText('已记录消费 ¥30.00');
  expect(await lastCategory()).toBe('配件');
  expect(await categories()).toEqual(['服装', '鞋包', '美妆']);

  // A manager typing a new name is offered to add it to the list.
  await page.getByRole('button', { name: '退出登录' }).click();
  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.goto(new URL(`/#/members/${member.id}`, server.url).href);
  await page.getByRole('button', { name: '更多选项' }).click();
  await category.fill('衣服');
  await page.getByTestId('category-add').click();
  await expect(page.getByText('「衣服」已加入品类列表')).toBeVisible();
  expect(await categories()).toEqual(['服装', '鞋包', '美妆', '衣服']);
  await page.locator('input[name=amount]').fill('88');
  await page.locator('input[name=amount]').press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText('已记录消费 ¥88.00');
  expect(await lastCategory()).toBe('衣服');
  // The member's purchases say each sale's category, newest first.
  await expect(page.getByTestId('purchase-sale').first().getByTestId('purchase-category')).toHaveText('衣服');
  // The sale recorded empties the field, and the note about the add goes with it.
  await expect(category).toHaveValue('');
  await expect(page.getByText('「衣服」已加入品类列表')).toHaveCount(0);
  // Next time it is offered like the others.
  await category.fill('衣');
  await expect(page.getByRole('option', { name: '衣服' })).toBeVisible();
});
