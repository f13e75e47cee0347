import type { Page } from '@playwright/test';
import { test, expect, setUpViaRpc, addStaff, login, sessionFor, createMember, shot } from './fixtures';

// The app asks its own questions (never a browser box titled "127.0.0.1 显示"), its buttons say
// what they close, and a long text never pushes a dialog's buttons off the screen.

const CLERK = { name: '小李', pin: '2468' };

/** Any browser confirm/alert/prompt box the page opens; dismissed so the test goes on to fail on it. */
function browserBoxes(page: Page): string[] {
  const seen: string[] = [];
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
  return seen;
}

test('a follow-up is cancelled only after the app’s own question, which names the member', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '张三', phone: '13812345678' });
  const today = ((await server.rpc('followups.today', {}, admin)).body.result as { today: string }).today;
  const task = (await server.rpc('followups.create', { memberId: member.id, dueDate: today, note: '问问新茶' }, admin)).body.result as { id: string };
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
