import type { Page } from '@playwright/test';
import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember, shownDate as shown, type WebServer } from './fixtures';

// 回访: a sale makes its callback at once, the clerk works the Today queue and completes a call
// with scores; a complaint goes open → in progress → resolved → closed and leaves a complaint
// follow-up behind; the rules and scripts are the manager's. Default rules: a callback 3 days
// after a purchase, a complaint follow-up 1 day after it is resolved.

const MANAGER = { name: '李经理', pin: '1357' };
const CLERK = { name: '小李', pin: '2468' };

/** The branch's today (Asia/Shanghai), as the queue counts it. */
async function branchToday(server: WebServer, session: string): Promise<string> {
  const r = await server.rpc('followups.today', {}, session);
  expect(r.body.ok).toBe(true);
  return (r.body.result as { today: string }).today;
}

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function openMemberAtCounter(page: Page, search: string, name: string): Promise<void> {
  await page.getByRole('tablist', { name: 'main' }).getByRole('tab', { name: '前台' }).click();
  await page.getByTestId('counter-search').fill(search);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText(name);
}

async function openFollowups(page: Page, tab?: '投诉与反馈' | '回访规则与话术'): Promise<void> {
  await page.getByRole('tablist', { name: 'main' }).getByRole('tab', { name: '回访' }).click();
  if (tab) await page.getByRole('tab', { name: tab }).click();
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.locator('input[name=pin]')).toBeVisible();
}

async function recordSale(page: Page, amount: string): Promise<void> {
  const input = page.locator('input[name=amount]');
  await input.fill(amount);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText(`已记录消费 ¥${amount}.00`);
}

test('a purchase creates its callback; the clerk completes today’s call with scores', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  const zhang = await createMember(server, admin, { name: '张三', phone: '13812345678' });
  const li = await createMember(server, admin, { name: '李四', phone: '13900001111' });
  const today = await branchToday(server, admin);

  // Default rule: the callback is due 3 days after the sale, so it waits under 未来 7 天.
  await login(page, server, CLERK.name, CLERK.pin);
  await openMemberAtCounter(page, '5678', '张三');
  await expect(page.getByTestId('member-followups')).toContainText('还没有回访任务');
  await recordSale(page, '300');
  const card = page.getByTestId('member-followups');
  const task = card.getByTestId('member-followup');
  await expect(task).toHaveCount(1);
  await expect(task).toContainText(shown(plusDays(today, 3)));
  await expect(task).toContainText('消费回访');
  await expect(task).toContainText('待回访');
  await expect(task).toContainText(`${shown(today)} 消费 ¥300.00`);
  await expect(page.getByTestId('member-timeline').getByTestId('timeline-item').first()).toContainText('消费回访 · 待回访');

  await openFollowups(page);
  await expect(page).toHaveURL(/#\/followups$/);
  await expect(page.getByRole('tab', { name: '今日回访' })).toHaveAttribute('aria-selected', 'true');
  const upcoming = page.getByTestId('section-upcoming');
  await expect(upcoming).toContainText('未来 7 天');
  const upcomingRow = upcoming.getByTestId('followup-row');
  await expect(upcomingRow).toHaveCount(1);
  await expect(upcomingRow).toContainText(shown(plusDays(today, 3)));
  await expect(upcomingRow.getByTestId('followup-member')).toHaveText('张三');
  await expect(upcomingRow.getByTestId('copy-phone')).toHaveText('138 1234 5678');
  await expect(upcomingRow.getByTestId('followup-kind')).toHaveText('消费回访');
  await expect(upcomingRow.getByTestId('followup-why')).toHaveText(`${shown(today)} 消费 ¥300.00`);
  await expect(upcomingRow).toContainText('未指派');
  await expect(page.getByTestId('section-dueToday').getByTestId('followup-row')).toHaveCount(0);
  await expect(page.getByTestId('queue-summary')).toHaveText(`今天 ${shown(today)}：逾期 0，今天到期 0，未接通 0，今天已完成 0`);

  // The manager sets callbacks for the same day, through the rules form.
  await logout(page);
  await login(page, server, MANAGER.name, MANAGER.pin);
  await openFollowups(page, '回访规则与话术');
  await expect(page).toHaveURL(/#\/followups\/settings$/);
  const postPurchase = page.getByTestId('rule-postPurchase');
  await expect(postPurchase.locator('input[name="postPurchase.days"]')).toHaveValue('3');
  await expect(postPurchase).toContainText('会员消费后第 3 天回访（同一天多笔消费只回访一次）');
  await postPurchase.locator('input[name="postPurchase.days"]').fill('0');
  await expect(postPurchase).toContainText('会员消费当天回访（同一天多笔消费只回访一次）');
  // The script editor says which fields a member may lack, and that their sentence is then left out.
  const birthdayScript = page
    .locator('textarea[name="script.birthday"]')
    .locator('xpath=ancestor::div[contains(@class,"MuiTextField-root")]');
  await expect(birthdayScript).toContainText(
    '可能为空：{{benefits}} 等级权益、{{birthday}} 生日（月/日）。为空时，含有它的那句话会被省略。',
  );
  await page.getByTestId('save-followup-settings').click();
  // The form is taller than the window: the confirmation shows where the manager is looking.
  await expect(page.getByTestId('settings-notice')).toHaveText('回访规则和话术已保存。');
  await expect(page.getByTestId('settings-notice')).toBeInViewport();
  await expect(postPurchase.locator('input[name="postPurchase.days"]')).toHaveValue('0');
  await page.evaluate(() => window.scrollTo(0, 0)); // a full-page shot draws the sticky bar where the window was
  await shot(page, '60-followups-rules-saved');
  const saved = await server.rpc('followups.settings', {}, admin);
  expect(saved.body.result).toMatchObject({ rules: { postPurchase: { enabled: true, days: 0 } } });

  // Now a sale's callback is due today.
  await logout(page);
  await login(page, server, CLERK.name, CLERK.pin);
  await openMemberAtCounter(page, '1111', '李四');
  await recordSale(page, '128');
  await expect(page.getByTestId('member-followups').getByTestId('member-followup')).toContainText(shown(today));

  await openFollowups(page);
  const dueToday = page.getByTestId('section-dueToday');
  await expect(dueToday).toContainText('今天到期');
  const row = dueToday.getByTestId('followup-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('followup-member')).toHaveText('李四');
  await expect(row.getByTestId('followup-why')).toHaveText(`${shown(today)} 消费 ¥128.00`);
  await expect(upcoming.getByTestId('followup-row')).toHaveCount(1);
  await expect(page.getByTestId('queue-summary')).toHaveText(`今天 ${shown(today)}：逾期 0，今天到期 1，未接通 0，今天已完成 0`);
  await shot(page, '61-followups-today-queue');

  // Complete: the outcome is focused, the scores are clicks, Enter completes.
  await row.getByTestId('followup-complete').click();
  const dialog = page.getByTestId('complete-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('完成回访：李四');
  const outcome = dialog.locator('textarea[name=outcome]');
  await expect(outcome).toBeFocused();
  await outcome.fill('很满意，下周再来');
  await dialog.getByTestId('satisfaction').locator('label').nth(3).click();
  // A screen reader reads the stars in Chinese, not MUI's "4 Stars".
  await expect(dialog.getByRole('radio', { name: '满意度 4 分，共 5 分' })).toBeChecked();
  await dialog.getByTestId('nps').getByRole('button', { name: '9', exact: true }).click();
  await expect(dialog.getByTestId('nps').getByRole('button', { name: '9', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await shot(page, '62-followups-complete-dialog');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('followup-notice')).toHaveText('已完成回访：李四');
  await expect(dueToday.getByTestId('followup-row')).toHaveCount(0);
  await expect(dueToday.getByTestId('table-dueToday-empty')).toHaveText('没有任务');
  await expect(page.getByTestId('queue-summary')).toContainText('今天已完成 1');
  await expect(page.getByTestId('queue-summary')).toHaveText(`今天 ${shown(today)}：逾期 0，今天到期 0，未接通 0，今天已完成 1`);
  await shot(page, '63-followups-after-complete');

  // The member page keeps what was said and the scores.
  await openMemberAtCounter(page, '1111', '李四');
  const done = page.getByTestId('member-followups').getByTestId('member-followup');
  await expect(done).toContainText('已完成');
  await expect(done).toContainText('结果：很满意，下周再来');
  await expect(done).toContainText('满意度 4 · NPS 9');
  await shot(page, '64-member-followup-done');
  await expect(page.getByTestId('member-timeline').getByTestId('timeline-item').first()).toContainText('消费回访 · 已完成');

  // A finished call cannot be completed twice.
  const clerk = await sessionFor(server, CLERK);
  const list = (await server.rpc('followups.list', { memberId: li.id }, clerk)).body.result as {
    items: { id: string; status: string; satisfaction: number; nps: number }[];
  };
  expect(list.items).toMatchObject([{ status: 'done', satisfaction: 4, nps: 9 }]);
  const again = await server.rpc('followups.complete', { id: list.items[0].id, outcome: '再来一次' }, clerk);
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  // 张三's callback is still waiting.
  const zhangTasks = (await server.rpc('followups.list', { memberId: zhang.id }, clerk)).body.result as {
    items: { status: string; dueDate: string }[];
  };
  expect(zhangTasks.items).toMatchObject([{ status: 'planned', dueDate: plusDays(today, 3) }]);
});

test('a complaint goes through its whole loop and leaves a follow-up; anonymous feedback too', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '陈静', phone: '13800138000' });
  const today = await branchToday(server, admin);

  await login(page, server, CLERK.name, CLERK.pin);
  await openMemberAtCounter(page, '8000', '陈静');
  await page.getByTestId('record-feedback').click();
  const create = page.getByTestId('feedback-dialog');
  await expect(create.getByRole('heading')).toHaveText('记录投诉/反馈 · 陈静');
  await expect(create.locator('textarea[name=description]')).toBeFocused();
  await create.getByRole('combobox', { name: '类别' }).click();
  await page.getByRole('option', { name: '商品' }).click();
  await create.getByRole('combobox', { name: '严重程度' }).click();
  await page.getByRole('option', { name: '严重' }).click();
  await expect(create.getByRole('combobox', { name: '类型' })).toHaveText('投诉');
  // Nothing said yet: refused under the field.
  await create.getByTestId('dialog-submit').click();
  await expect(create.getByTestId('error-alert')).toHaveText('输入有误，请检查标出的项目。');
  await expect(create.getByText('必填')).toBeVisible();
  await create.locator('textarea[name=description]').fill('买的羊绒衫洗一次就起球');
  await create.getByTestId('dialog-submit').click();
  await expect(create).toBeHidden();
  await expect(page.getByTestId('member-notice')).toHaveText('已登记。');
  await expect(page.getByTestId('member-timeline').getByTestId('timeline-item').first()).toContainText('投诉 · 待处理');

  await openFollowups(page, '投诉与反馈');
  await expect(page).toHaveURL(/#\/followups\/feedback$/);
  await expect(page.getByTestId('feedback-tab-unfinished')).toHaveText('未关闭 (1)');
  await expect(page.getByTestId('feedback-tab-open')).toHaveText('待处理 (1)');
  const row = page.getByTestId('feedback-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('feedback-age')).toHaveText(/^\d+ 分钟$/);
  for (const text of ['陈静', '投诉', '商品', '严重', '买的羊绒衫洗一次就起球', '待处理']) await expect(row).toContainText(text);

  await row.click();
  const detail = page.getByTestId('feedback-detail');
  await expect(detail.getByRole('heading')).toContainText('投诉 · 商品');
  await expect(detail.getByTestId('feedback-status')).toHaveText('待处理');
  await expect(detail).toContainText('陈静 · 严重 · 到店');
  await expect(detail).toContainText('买的羊绒衫洗一次就起球');
  const next = detail.getByTestId('feedback-next');
  await expect(next).toHaveText('开始处理');
  await next.click();
  await expect(detail.getByTestId('feedback-status')).toHaveText('处理中');
  await expect(page.getByTestId('feedback-notice')).toHaveText('状态已更新为「处理中」。');

  // Resolved needs a resolution: the field says so and nothing moves.
  await expect(next).toHaveText('标记为已解决');
  await next.click();
  const resolution = detail.locator('textarea[name=resolution]');
  await expect(detail.getByText('必填')).toBeVisible();
  await expect(resolution).toHaveAttribute('aria-invalid', 'true');
  await expect(detail.getByTestId('feedback-status')).toHaveText('处理中');
  await expect(row).toContainText('处理中');
  await shot(page, '65-complaint-resolution-required');
  await resolution.fill('已为客户换新，并赠送洗护说明');
  await next.click();
  await expect(detail.getByTestId('feedback-status')).toHaveText('已解决');
  await expect(detail).toContainText('处理结果：已为客户换新，并赠送洗护说明');
  await expect(detail.getByTestId('error-alert')).toHaveCount(0);
  await expect(next).toHaveText('已告知客户，结案');
  await next.click();
  await expect(detail.getByTestId('feedback-status')).toHaveText('已关闭');
  await expect(page.getByTestId('feedback-notice')).toHaveText('状态已更新为「已关闭」。');
  await expect(next).toHaveCount(0);
  const steps = detail.getByTestId('feedback-steps').locator('> *');
  await expect(steps).toHaveCount(4);
  for (const [i, step] of ['登记', '开始处理', '已解决', '已关闭'].entries()) {
    await expect(steps.nth(i)).toHaveText(new RegExp(`^${step}：.+ · 小李$`));
  }
  await shot(page, '66-complaint-closed-detail');
  await detail.getByRole('button', { name: '关闭窗口', exact: true }).click();
  await expect(detail).toBeHidden();
  // Closed: off the unfinished list, on 全部.
  await expect(page.getByTestId('feedback-tab-unfinished')).toHaveText('未关闭 (0)');
  await expect(page.getByText('没有记录')).toBeVisible();
  await page.getByTestId('feedback-tab-all').click();
  await expect(page.getByTestId('feedback-row')).toContainText('已关闭');

  // Resolving it made the complaint follow-up, due the next day.
  await openFollowups(page);
  const upcomingRow = page.getByTestId('section-upcoming').getByTestId('followup-row');
  await expect(upcomingRow).toHaveCount(1);
  await expect(upcomingRow.getByTestId('followup-kind')).toHaveText('投诉回访');
  await expect(upcomingRow.getByTestId('followup-why')).toHaveText(`投诉已于 ${shown(today)} 处理完毕（商品）`);
  await openMemberAtCounter(page, '8000', '陈静');
  const task = page.getByTestId('member-followups').getByTestId('member-followup');
  await expect(task).toHaveCount(1);
  await expect(task).toContainText(shown(plusDays(today, 1)));
  await expect(task).toContainText('投诉回访');
  await expect(task).toContainText(`投诉已于 ${shown(today)} 处理完毕（商品）`);
  const timeline = page.getByTestId('member-timeline');
  await expect(timeline).toContainText('投诉 · 已关闭');
  await expect(timeline).toContainText('投诉回访 · 待回访');
  const tasks = (await server.rpc('followups.list', { memberId: member.id }, admin)).body.result as { items: unknown[] };
  expect(tasks.items).toMatchObject([{ kind: 'complaint', status: 'planned', dueDate: plusDays(today, 1) }]);

  // Someone who is not a member complains at the counter: anonymous, with a way to reach them.
  await openFollowups(page, '投诉与反馈');
  await page.getByTestId('record-anonymous').click();
  const anon = page.getByTestId('feedback-dialog');
  await expect(anon.getByRole('heading')).toHaveText('记录投诉/反馈（匿名）');
  await anon.locator('textarea[name=description]').fill('门口台阶太滑');
  await anon.getByRole('combobox', { name: '类别' }).click();
  await page.getByRole('option', { name: '环境' }).click();
  await anon.locator('input[name=contact]').fill('王女士 139 0000 2222');
  await anon.getByTestId('dialog-submit').click();
  await expect(anon).toBeHidden();
  await expect(page.getByTestId('feedback-notice')).toHaveText('已登记。');
  await expect(page.getByTestId('feedback-tab-unfinished')).toHaveText('未关闭 (1)');
  const anonRow = page.getByTestId('feedback-row');
  await expect(anonRow).toHaveCount(1);
  await expect(anonRow).toContainText('匿名');
  await expect(anonRow).toContainText('环境');
  await expect(anonRow).toContainText('门口台阶太滑');
  await anonRow.click();
  await expect(page.getByTestId('feedback-detail')).toContainText('匿名 · 王女士 139 0000 2222 · 一般 · 到店');
  await shot(page, '67-feedback-anonymous');
  const list = (await server.rpc('feedback.list', { status: 'unfinished' }, admin)).body.result as { items: unknown[] };
  expect(list.items).toMatchObject([{ memberId: null, contact: '王女士 139 0000 2222', category: 'environment', status: 'open' }]);
});

test('a clerk has no 回访规则与话术 tab and cannot save the rules', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  await login(page, server, CLERK.name, CLERK.pin);
  await openFollowups(page);
  const pageTabs = page.getByRole('main').getByRole('tab');
  await expect.poll(() => pageTabs.allTextContents()).toEqual(['今日回访', '投诉与反馈']);

  await page.goto(new URL('/#/followups/settings', server.url).href);
  await expect(page.getByText('只有店长和管理员可以修改回访规则。')).toBeVisible();
  await expect(page.getByTestId('save-followup-settings')).toHaveCount(0);
  await shot(page, '69-followups-settings-forbidden-for-clerk');

  const clerk = await sessionFor(server, CLERK);
  const settings = (await server.rpc('followups.settings', {}, clerk)).body.result as { rules: { postPurchase: { days: number } } };
  const r = await server.rpc(
    'followups.saveSettings',
    { ...settings, rules: { ...settings.rules, postPurchase: { ...settings.rules.postPurchase, days: 0 } } },
    clerk,
  );
  expect(r.status).toBe(403);
  expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const after = (await server.rpc('followups.settings', {}, clerk)).body.result as { rules: { postPurchase: { days: number } } };
  expect(after.rules.postPurchase.days).toBe(3);
});

test('the call script is filled with the member’s name and the store’s', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '张三', phone: '13812345678' });
  expect((await server.rpc('purchases.record', { memberId: member.id, amount: '300' }, admin)).body.ok).toBe(true);
  const today = await branchToday(server, admin);

  await login(page, server, CLERK.name, CLERK.pin);
  await openFollowups(page);
  const row = page.getByTestId('section-upcoming').getByTestId('followup-row');
  await expect(row.getByTestId('followup-member')).toHaveText('张三');
  await row.getByTestId('followup-script').click();
  const dialog = page.getByTestId('script-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('消费回访话术：张三');
  await expect(dialog.getByTestId('script-text')).toHaveText(
    `张三您好，我是徐汇店的小李。感谢您${today.replace(/-/g, '/')}的光临（消费 ¥300.00）。想问问您对商品和服务是否满意？有任何问题随时联系我们。您目前有 300 积分。`,
  );
  await shot(page, '68-followups-script');
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(dialog).toBeHidden();
});
