import { readFileSync } from 'node:fs';
import { test, expect, shot, ADMIN, createMember, login, scratchPath, sessionFor } from './fixtures';
import { hqLogin, setUpHq, startMerge } from './hq-helpers';

// The chain's export passphrase on its two pages (docs/hq.md "Encrypted export files"): the branch's
// admin sets it on 上报总部 and the file goes out encrypted; HQ refuses it until HQ's admin sets the
// same one on 合并文件; removing it is asked first.

const CHAIN_PASS = 'chain-export-2026';

test.slow();

test('a branch encrypts its export with the chain’s passphrase; HQ refuses it until it has the same one', async ({
  page,
  context,
  server,
  hqServer,
}) => {
  const chainCode = await setUpHq(hqServer);
  const setup = await server.rpc('setup.init', {
    branchName: '徐汇店',
    branchCode: 'SH01',
    adminName: ADMIN.name,
    adminPin: ADMIN.pin,
    chainCode,
  });
  expect(setup.body.ok, JSON.stringify(setup.body.error)).toBe(true);
  await createMember(server, await sessionFor(server), { name: '张三', phone: '13812345678' });

  // The branch's admin sets it on 上报总部; the page says only that it is set.
  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.getByRole('tab', { name: '上报总部' }).click();
  const card = page.getByTestId('export-passphrase');
  await expect(card.getByTestId('export-passphrase-state')).toHaveText('没有设置导出密码：上报总部的文件不加密。');
  await card.locator('input[name=passphrase]').fill('short');
  await card.getByTestId('export-passphrase-save').click();
  await expect(card.locator('input[name=passphrase]')).toHaveAttribute('aria-invalid', 'true');
  await card.locator('input[name=passphrase]').fill(CHAIN_PASS);
  await card.getByTestId('export-passphrase-save').click();
  await expect(card.getByTestId('export-passphrase-state')).toHaveText('已设置连锁的导出密码：上报总部的文件会用它加密。');
  await expect(card.locator('input[name=passphrase]')).toHaveValue('');
  await shot(page, 'hq-passphrase-01-branch');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-full').click();
  const download = await downloading;
  const exportPath = scratchPath(download.suggestedFilename());
  await download.saveAs(exportPath);
  const raw = readFileSync(exportPath);
  expect(raw.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
  expect(raw.includes(Buffer.from('13812345678'))).toBe(false);

  // HQ without it refuses the file with its reason.
  const hq = await context.newPage();
  await hqLogin(hq, hqServer);
  const hqCard = hq.getByTestId('export-passphrase');
  await expect(hqCard.getByTestId('export-passphrase-state')).toHaveText('没有设置导出密码：总部打不开分店加密的文件。');
  await startMerge(hq, [exportPath]);
  await expect(hq.getByTestId('merge-file')).toHaveAttribute('data-state', 'refused');
  await expect(hq.getByTestId('merge-refusal')).toContainText('这个文件是加密的');

  // With the same one, the same file merges.
  await hqCard.locator('input[name=passphrase]').fill(CHAIN_PASS);
  await hqCard.getByTestId('export-passphrase-save').click();
  await expect(hqCard.getByTestId('export-passphrase-state')).toHaveText('已设置连锁的导出密码：总部用它打开分店加密的文件。');
  await startMerge(hq, [exportPath]);
  await expect(hq.getByTestId('merge-file')).toHaveAttribute('data-state', 'merged');
  await shot(hq, 'hq-passphrase-02-hq');

  // Removing it at the branch is asked first; going back changes nothing.
  await card.getByTestId('export-passphrase-remove').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('上报总部的文件不再加密');
  await page.getByTestId('confirm-cancel').click();
  await expect(card.getByTestId('export-passphrase-state')).toContainText('已设置');
  await card.getByTestId('export-passphrase-remove').click();
  await page.getByTestId('confirm-ok').click();
  await expect(card.getByTestId('export-passphrase-state')).toHaveText('没有设置导出密码：上报总部的文件不加密。');
});
