import { test, expect, shot, addStaff, createMember, sessionFor } from './fixtures';
import { exportToFile, hqLogin, mergeFiles, setUpBranchInChain, setUpHq } from './hq-helpers';

// HQ's 审计日志 (docs/hq.md "The audit trail"): the rows a branch sent come with its file; an HQ
// admin picks the branch and reads them in words — the branch's staff and members by name, money
// in yuan, times in the app's format — as the branch's own page shows them.

// Two servers and a merge: more than the usual minute on a busy machine.
test.slow();

test('an HQ admin picks a merged branch on the audit page and reads its rows in words', async ({ page, server, hqServer }) => {
  const chainCode = await setUpHq(hqServer);

  // The branch's day: a clerk registers 张三, edits her notes and sells to her.
  const admin = await setUpBranchInChain(server, chainCode);
  await addStaff(server, '小李', 'clerk', '2468');
  const clerk = await sessionFor(server, { name: '小李', pin: '2468' });
  const zhang = await createMember(server, clerk, { name: '张三', phone: '13812345678' });
  expect((await server.rpc('members.update', { id: zhang.id, notes: '喜欢绿茶' }, clerk)).body.ok).toBe(true);
  expect((await server.rpc('purchases.record', { memberId: zhang.id, amount: '128.00' }, clerk)).body.ok).toBe(true);
  const path = await exportToFile(server, 'full', admin);

  // HQ merges the file through its screen, then opens the audit page under 设置.
  await hqLogin(page, hqServer);
  await mergeFiles(page, [path]);
  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByTestId('settings-audit-open').click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const rows = page.getByTestId('audit-row');
  // HQ's own trail first: its admin's login and the merge.
  await expect(rows.filter({ hasText: '合并门店文件' })).toHaveCount(1);

  await page.getByTestId('audit-branch').getByRole('combobox').click();
  await page.getByRole('option', { name: '徐汇店 (SH01)' }).click();
  await expect(rows.filter({ hasText: '修改会员资料' })).toHaveCount(1);
  const edit = rows.filter({ hasText: '修改会员资料' });
  await expect(edit).toContainText('小李');
  await expect(edit).toContainText(`张三 (${zhang.cardNo})`);
  await expect(edit).toContainText('备注: — → 喜欢绿茶');
  const sale = rows.filter({ hasText: '记录消费' });
  await expect(sale).toContainText('¥128.00');
  await expect(sale).toContainText(`会员: — → 张三 (${zhang.cardNo})`);
  await expect(page.getByTestId('audit-staff').getByRole('combobox')).toBeVisible();
  await shot(page, 'audit-hq-branch');

  // Nothing on the page is raw: no UTC time, no id, no JSON.
  for (const text of await rows.allInnerTexts()) {
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i);
    expect(text).not.toMatch(/[{}]|":/);
  }

  await sale.click();
  const detail = page.getByTestId('audit-detail');
  await expect(detail.getByTestId('audit-changes').getByRole('row', { name: /金额/ }).first()).toContainText('¥128.00');
  await detail.getByRole('button', { name: '关闭' }).click();
});
