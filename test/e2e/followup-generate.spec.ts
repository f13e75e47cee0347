import { test, expect, shot, setUpViaRpc, addStaff, login } from './fixtures';

// The follow-up generator's run over the whole window is a background job: after a rule change
// the manager's "check now" shows its bar, the app bar its chip, and the counts when it ends; the
// next check reads only what changed and answers at once.

const MANAGER = { name: '李经理', pin: '1357' };

// 1,500 members are three slices of 500 (docs/jobs.md); 1.5 s between slices keeps the bar up for
// about three seconds, long enough to see it on any machine.
test.use({ serverEnv: { BRANCHDESK_TEST_SLICE_DELAY_MS: '1500' } });

test('after a rule change, the check runs as a job with a progress bar, then shows what it made', async ({ page, server }) => {
  // The server's start and a 1,500-member demo store take most of it on a busy machine.
  test.setTimeout(45_000);
  // The demo store's first run is made with it: the rules are covered until they change.
  await setUpViaRpc(server, 1500);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  await login(page, server, MANAGER.name, MANAGER.pin);
  await page.getByRole('tablist', { name: 'main' }).getByRole('tab', { name: '回访' }).click();
  await page.getByRole('tab', { name: '回访规则与话术' }).click();

  // Callbacks 5 days after a purchase instead of 3: every sale of the window is looked at again.
  await page.getByTestId('rule-postPurchase').locator('input[name="postPurchase.days"]').fill('5');
  await page.getByTestId('save-followup-settings').click();
  await expect(page.getByTestId('settings-notice')).toHaveText('回访规则和话术已保存。');

  await page.getByTestId('generate-followups').click();
  const bar = page.getByTestId('job-progress');
  await expect(bar).toBeVisible();
  await expect(bar).toContainText('正在生成回访任务');
  await expect(page.getByTestId('job-progress-detail')).toContainText(/已完成 [\d,]+ \/ 1,500/);
  // At 1280 px the chip shows how far; its name says what runs.
  await expect(page.getByTestId('jobs-indicator')).toHaveAttribute('aria-label', /^正在生成回访任务/);
  // The page stays usable meanwhile.
  await expect(page.getByTestId('save-followup-settings')).toBeEnabled();
  await shot(page, '62-followups-generate-job');

  await expect(page.getByTestId('generate-done')).toContainText(/新建了 \d+ 条回访任务（消费 \d+，生日 \d+，唤醒 \d+，投诉 \d+）。/, {
    timeout: 15_000,
  });
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('jobs-indicator')).toHaveCount(0);

  // Covered now: the next check reads only what changed, inline, and finds nothing new.
  await page.getByTestId('generate-followups').click();
  await expect(page.getByTestId('settings-notice')).toHaveText('新建了 0 条回访任务（消费 0，生日 0，唤醒 0，投诉 0）。');
  await expect(page.getByTestId('generate-done')).toHaveCount(0);
});
