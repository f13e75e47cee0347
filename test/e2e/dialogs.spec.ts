import type { Page } from '@playwright/test';
import { test, expect, setUpViaRpc, addStaff, login, sessionFor, createMember, shot, storeToday, ADMIN } from './fixtures';

// The app asks its own questions (never a browser box titled "127.0.0.1 显示"), its buttons say
// what they close, and a long text never pushes a dialog's buttons off the screen.

const CLERK = { name: '小李', pin: '2468' };

// The rest of the suite runs as a PC with animations turned off (playwright.config.ts); these
// dialogs open and close as most counters show them, fading.
test.use({ reducedMotion: 'no-preference' });

/** Any browser confirm/alert/prompt box the page opens; dismissed so the test goes on to fail on it. */
function browserBoxes(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

/** A complaint as a customer tells it at length: numbered lines, `lines` of them, exactly `length` characters. */
function longText(lines: number, length: number): string {
  const text = Array.from({ length: lines }, (_, i) => `第${i + 1}条：衣服洗一次就起球，袖口开线，店员说不能退。`).join('\n');
  return text.length >= length ? text.slice(0, length) : text + '补'.repeat(length - text.length);
}

test('a follow-up is cancelled only after the app’s own question, which names the member', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '张三', phone: '13812345678' });
  const today = await storeToday(server, admin);
  const task = (await server.rpc('followups.create', { memberId: member.id, dueDate: today, note: '问问新茶' }, admin)).body.result as {
    id: string;
  };
  const boxes = browserBoxes(page);

  await login(page, server, CLERK.name, CLERK.pin);
  await page.getByRole('tablist', { name: 'main' }).getByRole('tab', { name: '回访' }).click();
  const row = page.getByTestId('section-dueToday').getByTestId('followup-row');
  await row.getByTestId('followup-more').click();
  await page.getByTestId('followup-cancel').click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm.getByRole('heading')).toHaveText('取消 张三 的这条回访任务？');
  await expect(confirm).toContainText('问问新茶');
  await expect(confirm.getByRole('button')).toHaveText(['返回', '取消任务']);
  await shot(page, '69-followup-cancel-confirm');
  // 返回 (or Esc) keeps the task.
  await confirm.getByRole('button', { name: '返回' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(1);
  expect((await server.rpc('followups.get', { id: task.id }, admin)).body.result).toMatchObject({ status: 'planned' });

  await row.getByTestId('followup-more').click();
  await page.getByTestId('followup-cancel').click();
  await confirm.getByRole('button', { name: '取消任务' }).click();
  await expect(page.getByTestId('followup-notice')).toHaveText('已取消');
  await expect(page.getByTestId('section-dueToday').getByTestId('followup-row')).toHaveCount(0);
  expect((await server.rpc('followups.get', { id: task.id }, admin)).body.result).toMatchObject({ status: 'cancelled' });
  expect(boxes).toEqual([]);
});

test('a long complaint keeps the dialog’s buttons on screen and counts against its limit; the two close buttons say what they close', async ({
  page,
  server,
}) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '陈静', phone: '13800138000' });

  await login(page, server, CLERK.name, CLERK.pin);
  await page.getByTestId('counter-search').fill(member.cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await page.getByTestId('record-feedback').click();
  const create = page.getByTestId('feedback-dialog');
  const description = create.locator('textarea[name=description]');
  await expect(description).toBeFocused();
  await expect(create.getByTestId('description-counter')).toHaveText('0 / 2000');

  // A page pasted in, over the limit: the box stops growing, the buttons stay, the count is red.
  await page.keyboard.insertText(longText(80, 2100));
  await expect(create.getByTestId('description-counter')).toHaveText('2100 / 2000');
  await expect(create.getByTestId('description-counter')).toHaveCSS('color', 'rgb(211, 47, 47)');
  const submit = create.getByTestId('dialog-submit');
  await expect(submit).toBeInViewport();
  await expect(create.getByRole('button', { name: '取消' })).toBeInViewport();
  expect((await description.boundingBox())!.height).toBeLessThan(260);
  await shot(page, '70-complaint-long-text');
  await submit.click();
  await expect(create.getByText('最多 2000 个字符')).toBeVisible();
  expect((await server.rpc('feedback.list', {}, admin)).body.result).toMatchObject({ items: [] });

  // Within the limit it is recorded whole.
  const told = longText(60, 1500);
  await description.fill(told);
  await expect(create.getByTestId('description-counter')).toHaveText('1500 / 2000');
  await submit.click();
  await expect(create).toBeHidden();
  const list = (await server.rpc('feedback.list', {}, admin)).body.result as { items: { id: string; description: string }[] };
  expect(list.items.map((f) => f.description)).toEqual([told]);

  // The complaint opened: its long text scrolls inside, the buttons stay.
  await page.getByRole('tablist', { name: 'main' }).getByRole('tab', { name: '回访' }).click();
  await page.getByRole('tab', { name: '投诉与反馈' }).click();
  await page.getByTestId('feedback-row').click();
  const detail = page.getByTestId('feedback-detail');
  await expect(detail.getByRole('button', { name: '关闭窗口' })).toBeInViewport();
  await detail.getByTestId('feedback-next').click();
  await expect(detail.getByTestId('feedback-status')).toHaveText('处理中');
  await detail.locator('textarea[name=resolution]').fill(longText(40, 1200));
  await expect(detail.getByTestId('resolution-counter')).toHaveText('1200 / 2000');
  await expect(detail.getByTestId('feedback-next')).toBeInViewport();
  await expect(detail.getByRole('button', { name: '关闭窗口' })).toBeInViewport();
  await detail.getByTestId('feedback-next').click();
  await expect(detail.getByTestId('feedback-status')).toHaveText('已解决');

  // Two ways to close, each saying which: the window, or the complaint (结案).
  await expect(detail.getByRole('button')).toHaveText(['关闭窗口', '已告知客户，结案']);
  await shot(page, '71-complaint-close-buttons');
  await detail.getByRole('button', { name: '已告知客户，结案' }).click();
  await expect(detail.getByTestId('feedback-status')).toHaveText('已关闭');
  await detail.getByRole('button', { name: '关闭窗口' }).click();
  await expect(detail).toBeHidden();
});

test('on a PC with animations turned off a dialog appears at once; with them on it fades in', async ({ page, server }) => {
  await setUpViaRpc(server);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '陈静', phone: '13800138000' });
  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.goto(new URL(`/#/members/${member.id}`, server.url).href);
  const container = page.getByTestId('feedback-dialog').locator('.MuiDialog-container');
  /** The dialog's fade as its container is styled (MUI's Fade writes the transition on it). */
  const fade = () => container.evaluate((el) => getComputedStyle(el).transitionDuration);

  await page.getByTestId('record-feedback').click();
  expect(await fade()).toBe('0.225s');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('feedback-dialog')).toBeHidden();

  // The PC's setting followed as it changes, without a reload.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.getByTestId('record-feedback').click();
  expect(await fade()).toBe('0s');
  await expect(container).toHaveCSS('opacity', '1');
});
