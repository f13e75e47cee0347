import { writeFileSync } from 'node:fs';
import { test, expect, shot, ADMIN, createMember, login, scratchPath, sessionFor, type WebServer } from './fixtures';
import { exportToFile, hqLogin, HQ_ADMIN, mergeFiles, setUpHq } from './hq-helpers';

/** Sales at the branch, by hand: 128.00 + 56.50 + 300.00, then 20.00 of the 300 refunded. */
const SALES = [
  { member: 0, amount: '128.00' },
  { member: 1, amount: '56.50' },
  { member: 2, amount: '300.00' },
];
const NET_SALES = '¥464.50';

/** A branch set up without a chain code (it enters HQ's on 上报总部), with three members and their sales. */
async function setUpBranch(server: WebServer): Promise<void> {
  const r = await server.rpc('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  const session = await sessionFor(server);
  const members = [
    await createMember(server, session, { name: '张三', phone: '13812345678' }),
    await createMember(server, session, { name: '李四', phone: '13987654321' }),
    await createMember(server, session, { name: '王五', phone: '13700001111' }),
  ];
  const sales = [];
  for (const sale of SALES) {
    const s = await server.rpc('purchases.record', { memberId: members[sale.member].id, amount: sale.amount }, session);
    expect(s.body.ok, JSON.stringify(s.body.error)).toBe(true);
    sales.push((s.body.result as { purchase: { id: string } }).purchase);
  }
  const refund = await server.rpc('purchases.refund', { purchaseId: sales[2].id, amount: '20.00' }, session);
  expect(refund.body.ok, JSON.stringify(refund.body.error)).toBe(true);
}

// Each test starts two or three servers and walks through several pages: more than the usual minute on a busy machine.
test.slow();

test('a branch exports, HQ merges the file, compares branches, finds a person, and refuses a file twice over', async ({
  page,
  context,
  server,
  hqServer,
}) => {
  // HQ is set up on its own screen, which shows the chain code to give the branches.
  const hq = await context.newPage();
  await hq.goto(hqServer.url);
  await hq.getByTestId('setup-kind-hq').click();
  await expect(hq.locator('input[name=demo]')).toHaveCount(0);
  await hq.locator('input[name=branchName]').fill('华东总部');
  await hq.locator('input[name=branchCode]').fill('HQ');
  await hq.locator('input[name=adminName]').fill(HQ_ADMIN.name);
  await hq.locator('input[name=adminPin]').fill(HQ_ADMIN.pin);
  await hq.locator('input[name=pinAgain]').fill(HQ_ADMIN.pin);
  await shot(hq, 'hq-01-setup');
  await hq.getByRole('button', { name: '创建总部' }).click();
  const codeBox = hq.getByTestId('chain-code');
  await expect(codeBox).toHaveText(/^BD-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const chainCode = (await codeBox.textContent())!;
  await expect(hq.getByText('请把这个编号告诉每一家分店')).toBeVisible();
  await shot(hq, 'hq-02-chain-code');
  await hq.getByRole('button', { name: '去登录' }).click();
  await expect(hq.getByText('总部已创建，请登录。')).toBeVisible();
  await hq.locator('input[name=pin]').fill(HQ_ADMIN.pin);
  await hq.getByRole('button', { name: '登录' }).click();
  // HQ has no counter: its first page merges files.
  await expect(hq.getByTestId('merge-start')).toBeVisible();
  await expect(hq.getByRole('tab', { name: '前台' })).toHaveCount(0);
  await expect(hq.getByRole('tab', { name: '分店对比' })).toBeVisible();
  // HQ's settings speak of HQ, not of 本店, and say what the chain code is for.
  await hq.getByRole('tab', { name: '设置' }).click();
  await expect(hq.getByText('总部：华东总部 · 代码 HQ')).toBeVisible();
  await expect(hq.getByTestId('settings-chain-code')).toContainText(`连锁编号：${chainCode}各分店在「上报总部」页填写这个编号后`);
  await hq.getByRole('tab', { name: '合并文件' }).click();

  // The branch sells, types in HQ's code on 上报总部 (no export without it), and exports.
  await setUpBranch(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.getByRole('tab', { name: '上报总部' }).click();
  await expect(page.getByTestId('export-incremental')).toBeDisabled();
  const joinForm = page.getByTestId('join-chain');
  await joinForm.locator('input[name=chainCode]').fill('BD-1234');
  await joinForm.getByRole('button', { name: '保存编号' }).click();
  await expect(joinForm).toContainText('连锁编号格式为 BD-XXXX-XXXX');
  await shot(page, 'hq-03a-join-chain');
  // Typed as read over the phone: lower case, a space for the second dash.
  await joinForm.locator('input[name=chainCode]').fill(chainCode.toLowerCase().replace(/-(?=[^-]*$)/, ' '));
  await joinForm.getByRole('button', { name: '保存编号' }).click();
  await expect(page.getByTestId('chain-code')).toHaveText(`本店属于连锁 ${chainCode}。`);
  await expect(page.getByTestId('export-what')).toContainText('员工的密码（PIN）留在本店');
  await expect(page.getByTestId('export-pending')).toHaveText('第一次导出总是全部数据。');
  await expect(page.getByTestId('export-incremental')).toBeDisabled();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-full').click();
  const download = await downloading;
  const exportPath = scratchPath(download.suggestedFilename());
  await download.saveAs(exportPath);
  expect(download.suggestedFilename()).toMatch(/^BranchDesk-SH01-0001-full-\d{8}\.bdx$/);
  await expect(page.getByTestId('export-done')).toContainText(`已导出第 1 次（全部，`);
  const status = await server.rpc('hq.status', {}, await sessionFor(server));
  const exported = (status.body.result as { exports: { rows: number; sha256: string }[] }).exports[0];
  const history = page.getByTestId('export-history').locator('tbody tr');
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText(exported.sha256.slice(0, 12));
  await expect(history.first()).toContainText(String(exported.rows));
  await expect(page.getByTestId('export-pending')).toHaveText('上次导出以后没有新的变化，不需要导出增量。');
  // An empty file would be one more file HQ must have before the next: there is nothing to press.
  await expect(page.getByTestId('export-incremental')).toBeDisabled();
  await expect(page.getByTestId('export-full')).toBeEnabled();
  await shot(page, 'hq-03-branch-export');

  // HQ merges it: every row is new, and the per-table counts are the branch's.
  await mergeFiles(hq, [exportPath]);
  const merged = hq.getByTestId('merge-file');
  await expect(merged).toHaveAttribute('data-state', 'merged');
  await expect(merged).toContainText('徐汇店（SH01）第 1 次导出 · 全部');
  await expect(merged).toContainText(`新增 ${exported.rows} 行，更新 0 行，未变 0 行`);
  await expect(hq.getByTestId('merge-progress')).toHaveText('已处理 1 / 1 个文件');
  await merged.getByRole('button', { name: '按表查看' }).click();
  const tables = hq.getByTestId('merge-tables');
  await expect(tables.getByRole('row', { name: /^会员 3 0 0$/ })).toBeVisible();
  await expect(tables.getByRole('row', { name: /^消费与退款 4 0 0$/ })).toBeVisible();
  // Fully open before the picture is taken.
  await expect(hq.locator('.MuiCollapse-entered')).toHaveCount(1);
  await expect(hq.getByTestId('hq-branch')).toContainText('徐汇店（SH01）');
  await expect(hq.getByTestId('merge-log').locator('tbody tr')).toHaveCount(1);
  await shot(hq, 'hq-04-merged');

  // 分店对比: the branch's net sales as worked out above, in the chain's card and its row.
  await hq.getByRole('tab', { name: '分店对比' }).click();
  await expect(hq.getByTestId('chain-totals').getByTestId('kpi-netSalesFen').getByTestId('kpi-value')).toHaveText(NET_SALES);
  await expect(hq.getByTestId('chain-totals').getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText('3');
  const branchRow = hq
    .getByTestId('report-frame')
    .first()
    .getByRole('row', { name: /徐汇店（SH01）/ });
  await expect(branchRow).toContainText(NET_SALES);
  // Sales before refunds and the refunds themselves, as the branch's own dashboard shows them.
  const moneyRow = hq
    .getByTestId('report-frame')
    .nth(1)
    .getByRole('row', { name: /徐汇店（SH01）/ });
  await expect(moneyRow).toContainText('¥484.50');
  await expect(moneyRow).toContainText('¥20.00');
  const serviceRow = hq
    .getByTestId('report-frame')
    .nth(2)
    .getByRole('row', { name: /徐汇店（SH01）/ });
  // 484 points earned on ¥484 paid; the refund took 20 back, so 464 are outstanding.
  await expect(serviceRow).toHaveText(/^1徐汇店（SH01）4840464000$/);
  await expect(hq.getByTestId('multi-branch')).toHaveText('本期在两家及以上门店消费的会员：0 人');
  await shot(hq, 'hq-05-compare');

  // 会员查询: one person by phone, with the branch's card.
  await hq.getByRole('tab', { name: '会员查询' }).click();
  await hq.locator('input[name=phone]').fill('139 8765 4321');
  await hq.getByRole('button', { name: '查询' }).click();
  await expect(hq.getByTestId('person-profile')).toContainText('李四');
  await expect(hq.getByTestId('person-branches')).toContainText('SH0100000002');
  await expect(hq.getByTestId('person-totals')).toContainText('¥56.50');
  await shot(hq, 'hq-06-person');
  // A phone's last digits, a card, a name or pinyin find people too: the start of the branch's cards lists its three.
  await hq.locator('input[name=phone]').fill('sh01');
  await hq.getByRole('button', { name: '查询' }).click();
  const hits = hq.getByTestId('person-hits');
  await expect(hits.locator('tbody tr')).toHaveCount(3);
  await expect(hits.locator('tbody tr').first()).toHaveText(/^李四139 8765 4321徐汇店 SH0100000002卡号开头$/);
  await shot(hq, 'hq-06b-people-found');
  await hits.getByRole('row', { name: /王五/ }).click();
  await expect(hq.getByTestId('person-profile')).toContainText('王五');
  await hq.goBack();
  await expect(hits.locator('tbody tr')).toHaveCount(3);
  // Nobody; and one person found opens at once.
  await hq.locator('input[name=phone]').fill('马');
  await hq.getByRole('button', { name: '查询' }).click();
  await expect(hq.getByTestId('person-hits')).toContainText('没有找到符合的会员');
  await expect(hq.getByTestId('person-profile')).toHaveCount(0);
  await hq.locator('input[name=phone]').fill('4321');
  await hq.getByRole('button', { name: '查询' }).click();
  await expect(hq.getByTestId('person-profile')).toContainText('李四');
  await expect(hq.locator('input[name=phone]')).toHaveValue('139 8765 4321');
  // The next search lists its own answer: the single person just opened is not opened again
  // while it loads (the address leaves ?phone= for ?q=).
  await hq.locator('input[name=phone]').fill('sh01');
  await hq.getByRole('button', { name: '查询' }).click();
  await expect(hq.getByTestId('person-hits').locator('tbody tr')).toHaveCount(3);
  await expect(hq).toHaveURL(/[?&]q=sh01/);
  await expect(hq.getByTestId('person-profile')).toHaveCount(0);
  // A whole number that is no phone is marked on the field itself.
  await hq.locator('input[name=phone]').fill('12345678901');
  await hq.getByRole('button', { name: '查询' }).click();
  await expect(hq.getByText('不是有效的手机号或电话号码')).toBeVisible();
  await expect(hq.getByText('输入有误')).toHaveCount(0);
  await expect(hq.locator('input[name=phone]')).toHaveAttribute('aria-invalid', 'true');
  // …and 李四, found before, is no longer shown under it as if he were the answer.
  await expect(hq.getByTestId('person-profile')).toHaveCount(0);

  // A new member of HQ's staff starts as a manager (主管 at HQ, not a store's 店长): HQ's pages are a manager's.
  await hq.getByRole('tab', { name: '员工' }).click();
  await hq.getByRole('button', { name: '添加员工' }).click();
  const dialog = hq.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: '角色' })).toHaveText('主管');
  await expect(dialog).toContainText('总部的合并文件、分店对比和冲突处理需要主管或管理员');
  await dialog.getByRole('combobox', { name: '角色' }).click();
  await expect(hq.getByRole('option')).toHaveText(['职员', '主管', '管理员']);
  await hq.keyboard.press('Escape');
  await dialog.getByRole('button', { name: '取消' }).click();

  // The same file again, with a text file renamed .bdx: the first changes nothing, the second is refused, neither stops the other.
  const textPath = scratchPath('notes.bdx');
  writeFileSync(textPath, '这不是导出文件\n');
  await hq.getByRole('tab', { name: '合并文件' }).click();
  await mergeFiles(hq, [textPath, exportPath]);
  await expect(hq.getByTestId('merge-summary')).toHaveText('合并完成：0 个已合并，1 个之前已合并，1 个被拒绝。');
  await expect(hq.getByTestId('merge-progress')).toHaveText('已处理 2 / 2 个文件');
  const refused = hq.locator('[data-testid=merge-file][data-state=refused]');
  await expect(refused).toContainText('notes.bdx');
  await expect(refused.getByTestId('merge-refusal')).toHaveText('这不是门店会员管家的导出文件，总部数据没有改动。');
  const again = hq.locator('[data-testid=merge-file][data-state=already]');
  await expect(again).toContainText('这个文件之前已经合并过，这次没有任何改动。');
  await shot(hq, 'hq-07-again-and-refused');

  await hq.getByRole('tab', { name: '分店对比' }).click();
  await expect(hq.getByTestId('chain-totals').getByTestId('kpi-netSalesFen').getByTestId('kpi-value')).toHaveText(NET_SALES);
  await expect(
    hq
      .getByTestId('report-frame')
      .first()
      .getByRole('row', { name: /徐汇店（SH01）/ }),
  ).toContainText(NET_SALES);
});

test('two branches share a customer: HQ links her, lists her as shopping at both, and settles her differing name', async ({
  page,
  server,
  secondBranchServer,
  hqServer,
}) => {
  const chainCode = await setUpHq(hqServer);
  const branches = [
    { server, branchName: '徐汇店', branchCode: 'SH01', customer: '张三', amount: '100.00' },
    // Registered later at the second branch, spelt differently: the newer name is the one HQ shows first.
    { server: secondBranchServer, branchName: '静安店', branchCode: 'SH02', customer: '张叁', amount: '50.00' },
  ];
  const files: string[] = [];
  for (const b of branches) {
    const r = await b.server.rpc('setup.init', {
      branchName: b.branchName,
      branchCode: b.branchCode,
      adminName: ADMIN.name,
      adminPin: ADMIN.pin,
      chainCode,
    });
    expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
    const session = await sessionFor(b.server);
    const member = await createMember(b.server, session, { name: b.customer, phone: '13812345678' });
    const sale = await b.server.rpc('purchases.record', { memberId: member.id, amount: b.amount }, session);
    expect(sale.body.ok, JSON.stringify(sale.body.error)).toBe(true);
    files.push(await exportToFile(b.server, 'incremental'));
  }

  await hqLogin(page, hqServer);
  await mergeFiles(page, files);
  await expect(page.getByTestId('merge-summary')).toHaveText('合并完成：2 个已合并，0 个之前已合并，0 个被拒绝。');
  const second = page.getByTestId('merge-file').nth(1);
  await expect(second).toContainText('静安店（SH02）第 1 次导出');
  await expect(second).toContainText('新冲突 1 项');
  await expect(second).toContainText('关联到其他门店同一手机号的会员');
  await expect(page.getByTestId('hq-branch')).toHaveCount(2);

  // 分店对比 counts her once in the chain, and lists her as a customer of both.
  await page.getByRole('tab', { name: '分店对比' }).click();
  await expect(page.getByTestId('chain-totals').getByTestId('kpi-netSalesFen').getByTestId('kpi-value')).toHaveText('¥150.00');
  await expect(page.getByTestId('report-frame').first().locator('tbody tr').first()).toContainText('徐汇店（SH01）');
  await expect(page.getByTestId('multi-branch')).toContainText('：1 人');
  await page.getByRole('button', { name: '查看名单' }).click();
  const listed = page.getByTestId('multi-branch-list').getByRole('row', { name: /138 1234 5678/ });
  // What she bought in the period, at each branch and in all.
  await expect(listed).toContainText('徐汇店 ¥100.00、静安店 ¥50.00');
  await expect(listed).toContainText('¥150.00');
  await expect(page.getByTestId('multi-branch-list').getByRole('columnheader', { name: '本期净消费' })).toBeVisible();
  await shot(page, 'hq-08-multi-branch');

  // Her row opens her: a card at each branch, one open conflict.
  await listed.click();
  await expect(page.getByTestId('person-branches').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('person-totals')).toContainText('¥150.00');
  // Each card's consent, as its branch sent it, with the notice it was given under to read.
  const consents = page.getByTestId('person-consents');
  await expect(consents.locator('li')).toHaveCount(2);
  await expect(consents.locator('li').first()).toHaveText(/^保存个人信息：同意 · .+ · 办理会员 · 隐私告知（第 1 版）$/);
  await shot(page, 'hq-08b-person-consents');
  await consents.getByTestId('person-notice-open').first().click();
  await expect(page.getByRole('dialog')).toContainText('本店会员隐私告知');
  await page.getByRole('dialog').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByText('这个人有 1 项资料冲突未处理')).toBeVisible();
  await page.getByRole('button', { name: '去处理' }).click();

  // 冲突处理: HQ keeps the name she gave first.
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('姓名');
  await expect(conflict.locator('td').nth(2)).toHaveText('张叁');
  await expect(conflict.locator('td').nth(3)).toHaveText('张三');
  await expect(conflict).toContainText('徐汇店（SH01）');
  await shot(page, 'hq-09-conflict');
  await conflict.getByRole('button', { name: '改用此值' }).click();
  await expect(page.getByText('已处理 1 项冲突。选错了可以在「已处理」里改选。')).toBeVisible();
  await expect(page.getByText('没有待处理的冲突。')).toBeVisible();
  await page.getByRole('tab', { name: '已处理' }).click();
  // Both names the clerk had in front of them are decided, so no later merge asks again.
  await expect(conflict).toHaveCount(2);
  for (const row of [conflict.first(), conflict.nth(1)]) {
    await expect(row.locator('td').nth(4)).toHaveText('张三');
    await expect(row.locator('td').nth(6)).toHaveText(HQ_ADMIN.name);
  }
  // A wrong choice is changed here: the row holding the other name offers it, and then the first offers it back.
  const other = conflict.filter({ has: page.locator('td:nth-child(3)', { hasText: /^张叁$/ }) });
  await other.getByRole('button', { name: '改为保留此值' }).click();
  await expect(page.getByText('已改为保留「张叁」。')).toBeVisible();
  for (const row of [conflict.first(), conflict.nth(1)]) await expect(row.locator('td').nth(4)).toHaveText('张叁');
  await shot(page, 'hq-09b-conflict-changed');
  await conflict
    .filter({ has: page.locator('td:nth-child(3)', { hasText: /^张三$/ }) })
    .getByRole('button', { name: '改为保留此值' })
    .click();
  await expect(page.getByText('已改为保留「张三」。')).toBeVisible();
  for (const row of [conflict.first(), conflict.nth(1)]) await expect(row.locator('td').nth(4)).toHaveText('张三');

  await page.getByRole('tab', { name: '会员查询' }).click();
  await page.locator('input[name=phone]').fill('13812345678');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByTestId('person-profile').locator('h2')).toHaveText('张三');

  // In English, the HQ pages and a merge refusal.
  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByRole('combobox', { name: '界面语言' }).click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect
    .poll(() => page.getByRole('tablist', { name: 'main' }).getByRole('tab').allTextContents())
    .toEqual(['Merge', 'Branches', 'People', 'Conflicts', 'Staff', 'Settings']);
  await page.getByRole('tab', { name: 'Merge' }).click();
  await mergeFiles(page, [files[0]]);
  await expect(page.getByTestId('merge-file')).toContainText('This file was merged before: nothing changed this time.');
  await page.getByRole('tab', { name: 'Branches' }).click();
  await expect(page.getByTestId('multi-branch')).toHaveText('People who bought at two or more branches in the period: 1List them');
  await shot(page, 'hq-10-compare-english');
});
