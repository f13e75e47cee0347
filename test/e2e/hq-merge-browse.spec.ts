import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test, expect, shot, addStaff, createMember, sessionFor } from './fixtures';
import { exportToFile, hqLogin, HQ_ADMIN, setUpBranchInChain, setUpHq, startMerge } from './hq-helpers';

// An HQ merge runs on a thread of its own (electron/backend/host.ts): while one file merges, an
// HQ clerk in another window goes on browsing HQ's pages, which show HQ as it was until the file
// commits, whole. The merge is held half-way, inside its transaction, by a gate file this test
// creates (services/core/test-gate.ts), not by a large file or a timer.

const HQ_CLERK = { name: '总部小王', pin: '1357' };
const dir = mkdtempSync(join(tmpdir(), 'branchdesk-merge-browse-'));
const gate = join(dir, 'gate');

test.use({ hqServerEnv: { BRANCHDESK_TEST_MERGE_GATE: gate } });
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));
test.slow();

test('an HQ clerk browses HQ’s pages while a file merges, and sees the file only once it is merged whole', async ({
  page,
  context,
  server,
  hqServer,
}) => {
  // HQ and a branch of its chain, set up through the wire protocol (hq.spec.ts walks their screens).
  const chainCode = await setUpHq(hqServer);
  const hqAdmin = await sessionFor(hqServer, HQ_ADMIN);
  expect((await hqServer.rpc('staff.create', { ...HQ_CLERK, role: 'manager' }, hqAdmin)).body.ok).toBe(true);

  const branch = await setUpBranchInChain(server, chainCode);
  await addStaff(server, '李经理', 'manager');
  const member = await createMember(server, branch, { name: '张三', phone: '13812345678' });
  expect((await server.rpc('purchases.record', { memberId: member.id, amount: '128.00' }, branch)).body.ok).toBe(true);
  const path = await exportToFile(server, 'full', branch);

  // The clerk is at work in a window of their own (a login records itself: one made during the
  // merge is answered once the merge has ended).
  const clerk = await context.newPage();
  await hqLogin(clerk, hqServer, HQ_CLERK);

  // The manager starts the merge; it stops half-way, inside its transaction.
  await page.bringToFront();
  await hqLogin(page, hqServer);
  await startMerge(page, [path]);
  await expect.poll(() => existsSync(`${gate}.reached`), { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId('merge-summary')).toHaveCount(0);
  // The page sent the file to POST /upload and the merge reads it there, by its token.
  const uploads = join(dirname(hqServer.dbPath), 'uploads');
  expect(readdirSync(uploads)).toEqual([expect.stringMatching(/^[A-Za-z0-9_-]{32}$/)]);

  // Meanwhile the clerk browses: every page answers, without the file.
  await clerk.bringToFront();
  await clerk.reload();
  await expect(clerk.getByTestId('merge-start')).toBeVisible();
  await expect(clerk.getByTestId('merge-log')).toContainText('还没有合并记录');
  await clerk.getByRole('tab', { name: '分店对比' }).click();
  await expect(clerk.getByTestId('report-frame').first()).toBeVisible();
  await expect(clerk.getByRole('row', { name: /SH01/ })).toHaveCount(0);
  await clerk.getByRole('tab', { name: '会员查询' }).click();
  await clerk.locator('input[name=phone]').fill('13812345678');
  await clerk.getByRole('button', { name: '查询' }).click();
  await expect(clerk.getByTestId('person-profile')).toHaveCount(0);
  await shot(clerk, 'hq-merge-browse-01-while-merging');

  // The gate opens: the merge commits, whole, and the manager sees its summary.
  writeFileSync(gate, '');
  await expect(page.getByTestId('merge-summary')).toBeVisible();
  await expect(page.getByTestId('merge-file')).toHaveAttribute('data-state', 'merged');
  expect(readdirSync(uploads)).toEqual([]);
  await clerk.getByRole('button', { name: '查询' }).click();
  await expect(clerk.getByTestId('person-profile')).toContainText('张三');
  await clerk.getByRole('tab', { name: '分店对比' }).click();
  await expect(clerk.getByTestId('report-frame').first().getByRole('row', { name: /SH01/ })).toBeVisible();
  await shot(clerk, 'hq-merge-browse-02-merged');
});
