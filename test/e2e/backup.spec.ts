import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, shot, setUpViaRpc, login, sessionFor, createMember, ADMIN } from './fixtures';

// 数据备份: an admin sees on the dashboard that the backups stay on this PC, backs up now, sets a
// second place (a folder standing in for a USB stick) and backs up again, which is copied there;
// a sale made after that backup is then undone by restoring it, and the login says to when.

test('an admin backs up, copies to a second place, and restores a backup', async ({ page, server }) => {
  await setUpViaRpc(server);
  const session = await sessionFor(server);
  const member = await createMember(server, session, { name: '张三', phone: '13800000001' });
  expect((await server.rpc('purchases.record', { memberId: member.id, amount: '100' }, session)).body.ok).toBe(true);
  const usb = mkdtempSync(join(tmpdir(), 'branchdesk-usb-'));
  try {
    await login(page, server, ADMIN.name, ADMIN.pin);
    await page.getByRole('tab', { name: '报表' }).click();
    await expect(page.getByTestId('backup-warning')).toContainText('备份只存在这台电脑上');

    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByTestId('settings-backups-open').click();
    await expect(page.getByRole('heading', { name: '数据备份', level: 1 })).toBeVisible();
    await page.getByTestId('backup-now').click();
    const rows = page.getByTestId('backup-row');
    await expect(rows.first()).toContainText('手动备份');
    // The side host copies and checks it within a few seconds; the page reads the list again meanwhile.
    await expect(rows.first()).toContainText('完好', { timeout: 30_000 });
    await expect(rows.first()).toContainText('1 位会员，余额与明细一致');

    const settings = page.getByTestId('backup-settings');
    await settings.getByLabel('第二备份位置（文件夹）').fill(join(usb, 'missing'));
    await settings.getByTestId('backup-settings-save').click();
    await expect(settings).toContainText('找不到这个文件夹');
    await settings.getByLabel('第二备份位置（文件夹）').fill(usb);
    await settings.getByTestId('backup-settings-save').click();
    await expect(page.getByTestId('backup-settings-saved')).toBeVisible();

    await page.getByTestId('backup-now').click();
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('已复制', { timeout: 30_000 });
    expect(readdirSync(usb).some((f) => f.endsWith('.sqlite'))).toBe(true);
    await expect(page.getByTestId('backup-summary')).not.toContainText('未设置第二位置');
    // A second place set and copied to: the reminder is gone from the page and the dashboard.
    await expect(page.getByTestId('backup-warning')).toHaveCount(0);
    await shot(page, '70-backups');

    // A sale after the backup: the restore takes the store back to before it.
    expect((await server.rpc('purchases.record', { memberId: member.id, amount: '250' }, session)).body.ok).toBe(true);
    await rows.first().getByTestId('restore-backup').click();
    const dialog = page.getByTestId('restore-dialog');
    await expect(dialog.getByTestId('restore-contents')).toContainText('会员：1 位');
    await expect(dialog.getByTestId('restore-confirm')).toBeDisabled();
    await dialog.getByTestId('restore-understood').click();
    await shot(page, '71-restore-dialog');
    await dialog.getByTestId('restore-confirm').click();

    await expect(page.getByTestId('restored-note')).toContainText('门店数据已恢复到');
    await login(page, server, ADMIN.name, ADMIN.pin);
    const again = await sessionFor(server);
    // The store as it was at the backup: one sale of ¥100, not the ¥250 after it.
    const purchases = await server.rpc('purchases.list', { memberId: member.id }, again);
    expect(purchases.body.result).toMatchObject({ totals: { sales: 1, salesFen: 10000 } });
  } finally {
    rmSync(usb, { recursive: true, force: true });
  }
});
