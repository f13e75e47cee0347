import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';

// After a member merge the report summaries are built again by a background job
// (reports.summaries): the dashboard says so, with the job's bar, instead of showing figures,
// and shows the figures by itself once the job has ended.

const MANAGER = { name: '李经理', pin: '1357' };

// 3,000 demo members and their 12,000 sales make about 19 slices (docs/jobs.md); 600 ms between
// slices makes the build last about ten seconds, on any machine.
test.use({ serverEnv: { BRANCHDESK_TEST_SLICE_DELAY_MS: '600' } });

test('after a merge the dashboard shows the figures being prepared, then the figures, with no reload', async ({ page, server }) => {
  // The server's start and a 3,000-member store take most of it on a busy machine.
  test.setTimeout(60_000);
  await setUpViaRpc(server, 3000);
  await addStaff(server, MANAGER.name, 'manager', MANAGER.pin);
  const manager = await sessionFor(server, MANAGER);
  const keep = await createMember(server, manager, { name: '陈静', phone: '13800138000' });
  const duplicate = await createMember(server, manager, { name: '陈静', phone: '13800138001' });
  const month = (await server.rpc('reports.summary', { period: new Date().toISOString().slice(0, 7) }, manager)).body;
  expect(month.ok).toBe(true); // current at once: a new store's summaries need no build

  await login(page, server, MANAGER.name, MANAGER.pin);
  const merged = await server.rpc('members.merge', { keepId: keep.id, mergeId: duplicate.id }, manager);
  expect(merged.body.ok).toBe(true);
  await page.getByRole('tab', { name: '报表' }).click();

  const notice = page.getByTestId('report-building');
  await expect(notice).toBeVisible();
  await expect(page.getByTestId('report-building-text')).toHaveText(/^报表数据正在整理(（\d+%）)?…$/);
  await expect(notice.getByTestId('job-progress')).toContainText('正在整理报表数据');
  await expect(notice.getByTestId('job-progress-detail')).toContainText(/已完成 [\d,]+ \/ [\d,]+|正在统计数量|排队中/);
  // At 1280 px the chip shows how far; its name says what runs.
  await expect(page.getByTestId('jobs-indicator')).toHaveAttribute('aria-label', /^正在整理报表数据/);
  // Never figures half built: none at all until the job ends.
  await expect(page.getByTestId('kpi-headline')).toHaveCount(0);
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  await shot(page, '72-report-building');

  // The figures once it has ended, asked again by the page itself.
  await expect(page.getByTestId('kpi-headline')).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveCount(0);
  await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText(/^[\d,]+$/);
  await expect(page.getByTestId('jobs-indicator')).toHaveCount(0, { timeout: 5_000 });
  await shot(page, '73-report-built');
});
