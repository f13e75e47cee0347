import { test, expect, shot, addStaff, login, sessionFor, createMember } from './fixtures';

// The app bar while a job runs: the points expiry stopped from the chip's list by a manager
// while the counter goes on.

const MANAGER = { name: '李经理', pin: '1357' };
const CLERK = { name: '小李', pin: '2468' };

// A demo store last opened six months ago: its first chores find about 5,300 lots past their
// date, a counting slice and seven of 800 lots (docs/jobs.md); 4 s between slices keeps the
// job running for half a minute, long enough to stop it.
test.use({ serverEnv: { BRANCHDESK_TEST_SLICE_DELAY_MS: '4000' }, pastStore: { monthsAgo: 6, members: 3000 } });

test('a manager cancels the points expiry from the app bar: it shows as cancelled, and the counter goes on', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(60_000);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  await createMember(server, admin, { name: '陈静', phone: '13800138000' });

  // The counter, in its own window: the clerk sees what runs, but no way to stop a job the
  // app's chores started (jobs.cancel: a manager, or whoever started it).
  const counter = await context.newPage();
  await login(counter, server, CLERK.name, CLERK.pin);
  await counter.getByTestId('jobs-indicator').click();
  await expect(counter.getByTestId('jobs-list')).toContainText('正在处理到期积分');
  await expect(counter.getByTestId('job-cancel')).toHaveCount(0);
  await counter.keyboard.press('Escape');

  await page.bringToFront();
  await login(page, server, MANAGER.name, MANAGER.pin);
  const chip = page.getByTestId('jobs-indicator');
  await chip.click();
  const list = page.getByTestId('jobs-list');
  await expect(list.getByTestId('jobs-indicator-item')).toHaveCount(1);
  await list.getByTestId('job-cancel').click();
  // The app's own question, the way out first: nothing stops before the manager confirms.
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByRole('heading')).toHaveText('取消「到期积分处理」？');
  await expect(dialog).toContainText('已经处理的部分会保留，其余的留到下一次处理。');
  await expect(dialog.getByTestId('confirm-cancel')).toBeFocused();
  await shot(page, '73-cancel-expiry-confirm');
  await dialog.getByTestId('confirm-ok').click();

  await expect(page.getByTestId('job-cancelled')).toHaveText('已取消「到期积分处理」，已经处理的部分保留。');
  await expect(chip).toHaveCount(0);
  await shot(page, '74-expiry-cancelled');
  const r = await server.rpc('jobs.list', {}, admin);
  const { active, recent } = r.body.result as { active: unknown[]; recent: Array<{ state: string; done: number; total: number }> };
  expect(active).toEqual([]);
  expect(recent[0]).toMatchObject({ kind: 'points.expire', state: 'cancelled' });
  expect(recent[0].done).toBeLessThan(recent[0].total);

  // The counter goes on: a search answers, and the chip is gone at the clerk's next look.
  await counter.bringToFront();
  await counter.getByTestId('counter-search').fill('8000');
  await expect(counter.getByTestId('search-hit').filter({ hasText: '陈静' })).toBeVisible();
  await expect(counter.getByTestId('jobs-indicator')).toHaveCount(0, { timeout: 5_000 });
});
