import type { Page } from '@playwright/test';
import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';

// The manager's 积分与等级 page: points rules, the tier table, refund shortfalls; clerks stay out.

const MANAGER = { name: '李经理', pin: '1357' };
const CLERK = { name: '小李', pin: '2468' };

const tabNames = (page: Page) => page.getByRole('tablist', { name: 'main' }).getByRole('tab').allTextContents();

test('a manager changes the earn rate and a tier threshold; purchases and members follow', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  const admin = await sessionFor(server);
  // Spent ¥1,500: below 银卡会员 (¥2,000) until the manager lowers the threshold.
  const member = await createMember(server, admin, { name: '陈静', phone: '13800138000' });
  expect((await server.rpc('purchases.record', { memberId: member.id, amount: '1500' }, admin)).body.ok).toBe(true);

  await login(page, server, MANAGER.name, MANAGER.pin);
  await expect.poll(() => tabNames(page)).toEqual(['前台', '会员', '回访', '报表', '积分与等级', '上报总部', '导入数据', '设置']);
  await page.getByRole('tab', { name: '积分与等级' }).click();
  await expect(page.getByRole('heading', { name: '积分与等级' })).toBeVisible();

  // Each rule says what it does, in the store's words.
  const form = page.getByTestId('rules-form');
  await expect(page.getByTestId('rules-earn-explain')).toContainText('每消费 ¥1 得 1 分');
  await expect(page.getByTestId('rules-redeem-explain')).toContainText('100 分抵 ¥1');
  await expect(page.getByTestId('rules-expiry-explain')).toContainText('积分在获得后第 12 个月月底过期（当天结束时）');

  // What cannot be read as a number is pointed at before anything is sent.
  await form.locator('input[name=earnPoints]').fill('两');
  await page.getByTestId('rules-save').click();
  await expect(form.getByText('请输入整数')).toBeVisible();
  await expect(form.getByTestId('error-alert')).toHaveText('输入有误，请检查标出的项目。');

  // A multiplier past the schema's limit comes back from the service in the form's own units.
  await form.locator('input[name=earnPoints]').fill('2');
  await form.locator('input[name=birthdayMultiplier]').fill('20');
  await page.getByTestId('rules-save').click();
  await expect(form.getByText('不能超过 ×10')).toBeVisible();

  await form.locator('input[name=birthdayMultiplier]').fill('1.5');
  await expect(page.getByTestId('rules-earn-explain')).toContainText('每消费 ¥1 得 2 分');
  await expect(page.getByTestId('rules-bonus-explain')).toContainText('会员生日所在月份的消费积分 ×1.5');
  await page.getByTestId('rules-save').click();
  await expect(page.getByTestId('rules-saved')).toHaveText('积分规则已保存，立即生效。');
  await expect(page.getByTestId('rules-versions')).toContainText('每消费 ¥1 得 2 分，100 分抵 ¥1。');
  await expect(form.getByTestId('error-alert')).toHaveCount(0);
  await shot(page, '40-loyalty-rules-saved');

  const rules = await server.rpc('points.rules', {}, admin);
  expect(rules.body.result).toMatchObject({
    current: { rules: { earn: { points: 2, perYuan: 1 }, birthdayMonthMultiplierPct: 150 } },
    scheduled: [],
  });
  const sale = await server.rpc('purchases.record', { memberId: member.id, amount: '10' }, admin);
  expect(sale.body.result).toMatchObject({ earned: 20 });

  // Tiers: 银卡会员 from ¥2,000 down to ¥1,000 re-evaluates the member at once.
  await page.getByRole('tab', { name: '会员等级', exact: true }).click();
  const silver = page.getByTestId('tier-row-1');
  await expect(silver.locator('input[name=name]')).toHaveValue('银卡会员');
  await expect(silver.locator('input[name=threshold]')).toHaveValue('2000');
  await expect(page.getByTestId('tier-row-0').locator('input[name=threshold]')).toBeDisabled();
  // Not above the tier before: refused next to the threshold.
  await silver.locator('input[name=threshold]').fill('0');
  await page.getByTestId('tiers-save').click();
  await expect(silver.getByText('须高于上一等级的门槛')).toBeVisible();

  await silver.locator('input[name=threshold]').fill('1000');
  await page.getByTestId('tiers-save').click();
  await expect(page.getByTestId('tiers-saved')).toContainText('重新评估了 1 位会员，其中 1 位等级有变化');
  await expect(silver.locator('input[name=threshold]')).toHaveValue('1000');
  await shot(page, '41-loyalty-tiers-saved');

  const tiers = (await server.rpc('tiers.list', {}, admin)).body.result as { tiers: { name: string; threshold: number }[] };
  expect(tiers.tiers.map((t) => [t.name, t.threshold])).toEqual([
    ['普通会员', 0],
    ['银卡会员', 100000],
    ['金卡会员', 1000000],
    ['钻石会员', 3000000],
  ]);
  const status = await server.rpc('tiers.status', { memberId: member.id }, admin);
  expect(status.body.result).toMatchObject({ tier: { name: '银卡会员' } });

  // Refund shortfalls: none yet, and the page says what they are.
  await page.getByRole('tab', { name: '退款差额' }).click();
  await expect(page.getByText('暂无退款差额。')).toBeVisible();
  await expect(page.getByTestId('shortfalls-total')).toHaveText('合计 0 分');
});

test('points a refund could not take back are listed for the manager', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '陈静', phone: '13800138000' });
  const sale = (await server.rpc('purchases.record', { memberId: member.id, amount: '500' }, admin)).body.result as {
    purchase: { id: string };
  };
  expect((await server.rpc('points.redeem', { memberId: member.id, points: 400 }, admin)).body.ok).toBe(true);
  const refund = await server.rpc('purchases.refund', { purchaseId: sale.purchase.id, amount: '500' }, admin);
  expect(refund.body.result).toMatchObject({ reversed: 100, shortfall: 400 });

  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.getByRole('tab', { name: '积分与等级' }).click();
  await page.getByRole('tab', { name: '退款差额' }).click();
  await expect(page.getByTestId('shortfalls-total')).toHaveText('合计 400 分');
  const row = page.getByTestId('shortfalls-table').getByRole('row', { name: /陈静/ });
  await expect(row).toContainText(member.cardNo);
  await expect(row).toContainText('400');
  await expect(row).toContainText('王店长');
  await shot(page, '42-loyalty-shortfalls');
  await row.getByRole('link', { name: '陈静' }).click();
  await expect(page).toHaveURL(new RegExp(`#/members/${member.id}$`));
});

test('a clerk has no 积分与等级 tab and is told the page is for managers', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  await login(page, server, CLERK.name, CLERK.pin);
  await expect.poll(() => tabNames(page)).toEqual(['前台', '会员', '回访', '设置']);

  await page.goto(new URL('/#/loyalty', server.url).href);
  await expect(page.getByTestId('loyalty-forbidden')).toHaveText('只有店长和管理员可以设置积分与等级。');
  await expect(page.getByTestId('rules-form')).toHaveCount(0);
  await shot(page, '43-loyalty-forbidden-for-clerk');

  const clerk = await sessionFor(server, CLERK);
  const r = await server.rpc('points.shortfalls', {}, clerk);
  expect(r.body.error?.code).toBe('FORBIDDEN');
});
