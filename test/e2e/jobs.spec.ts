import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';

// A tier save re-evaluates every member in a background job: the manager's page shows its bar,
// the app bar its chip, and the counter, in another window, answers its searches meanwhile.

const MANAGER = { name: '李经理', pin: '1357' };
const CLERK = { name: '小李', pin: '2468' };

// 3,000 members are three slices of 1,000 (docs/jobs.md); 1.5 s between slices makes the job run
// for about five seconds, long enough to search during it, on any machine.
test.use({ serverEnv: { BRANCHDESK_TEST_SLICE_DELAY_MS: '1500' } });

test('the counter answers while a tier save re-evaluates the members, and the counts come when it ends', async ({
  page,
  context,
  server,
}) => {
  // The server's start and a 3,000-member store take most of it on a busy machine.
  test.setTimeout(45_000);
  await setUpViaRpc(server, 3000);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  await createMember(server, admin, { name: '陈静', phone: '13800138000' });

  // The counter: its own window, its own clerk; nothing runs yet, so no chip.
  const counter = await context.newPage();
  await login(counter, server, CLERK.name, CLERK.pin);
  await expect(counter.getByTestId('jobs-indicator')).toHaveCount(0);

  await page.bringToFront();
  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.getByRole('tab', { name: '积分与等级' }).click();
  await page.getByRole('tab', { name: '会员等级', exact: true }).click();
  const silver = page.getByTestId('tier-row-1');
  await silver.locator('input[name=threshold]').fill('1000');
  await page.getByTestId('tiers-save').click();

  const bar = page.getByTestId('job-progress');
  await expect(bar).toBeVisible();
  await expect(bar).toContainText('正在重新评定会员等级');
  await expect(page.getByTestId('job-progress-detail')).toContainText(/已完成 [\d,]+ \/ 3,001/);
  // At 1280 px the chip shows how far only (its name says what runs, and so does its tooltip).
  await expect(page.getByTestId('jobs-indicator')).toHaveAttribute('aria-label', /正在重新评定会员等级 \d+%/);
  await expect(page.getByTestId('jobs-indicator')).toContainText(/\d+%/);
  // The page stays usable: the form can be edited while the members are re-evaluated.
  await expect(page.getByTestId('tiers-save')).toBeEnabled();
  await shot(page, '70-tiers-job-running');

  // The counter searches meanwhile and gets its answer before the job has ended.
  // The counter's chip shows at its next look: opening a page, here the same one again.
  await counter.bringToFront();
  await counter.reload();
  await expect(counter.getByTestId('jobs-indicator')).toBeVisible();
  await counter.getByTestId('counter-search').fill('8000');
  await expect(counter.getByTestId('search-hit').filter({ hasText: '陈静' })).toBeVisible();
  await expect(bar).toBeVisible();
  await shot(counter, '71-counter-search-during-job');

  // The job's counts once it has ended; the bar and the chip are gone.
  await expect(page.getByTestId('tiers-saved')).toContainText(/重新评估了 3001 位会员，其中 \d+ 位等级有变化/, { timeout: 15_000 });
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('jobs-indicator')).toHaveCount(0);
  await expect(counter.getByTestId('jobs-indicator')).toHaveCount(0, { timeout: 5_000 });
});
