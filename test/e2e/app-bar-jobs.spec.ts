import type { Page } from '@playwright/test';
import { test, expect, shot, addStaff, login, sessionFor, createMember, ADMIN, type WebServer } from './fixtures';

// The app bar while a job runs: everything in its place on a shop's 1280 px screen, and the
// points expiry stopped from the chip's list by a manager while the counter goes on.

const MANAGER = { name: '李经理', pin: '1357' };
const CLERK = { name: '小李', pin: '2468' };

// A demo store last opened six months ago: its first chores find about 5,300 lots past their
// date, a counting slice and seven of 800 lots (docs/jobs.md); 4 s between slices keeps the
// job running for half a minute, long enough to look at the app bar and to stop it.
test.use({ serverEnv: { BRANCHDESK_TEST_SLICE_DELAY_MS: '4000' }, pastStore: { monthsAgo: 6, members: 3000 } });

/** Every main tab and 退出登录 wholly on screen (none scrolled off or clipped) and each on one line. */
async function expectAppBarFits(page: Page, logout: string) {
  const tabs = page.getByRole('tablist', { name: 'main' }).getByRole('tab');
  await expect(tabs).toHaveCount(9); // an admin's: the counter's, the manager's and the admin's
  for (const tab of await tabs.all()) await expect(tab).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: logout })).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('jobs-indicator')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('user-menu')).toBeInViewport({ ratio: 1 });
  // A label that wraps has its text on two lines: two different tops among its text's line boxes.
  const lines = await page.evaluate(() => {
    const bar = document.querySelector('header')!;
    const labelled = [...bar.querySelectorAll('[role=tab], button, [data-testid=jobs-indicator], [data-testid=user-menu]')];
    return labelled.map((el) => {
      const tops = new Set<number>();
      const text = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = text.nextNode(); node; node = text.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
      }
      return `${el.textContent}: ${tops.size}`;
    });
  });
  for (const line of lines) expect(line).toMatch(/: [01]$/);
}

/**
 * The bar's items side by side on one row: the store's name, each tab, the job chip, 换人 F9 (an
 * office screen's own button), the name's menu and 退出登录, each wholly inside the bar and none
 * overlapping the next (their boxes, left to right).
 */
async function expectAppBarInOneRow(page: Page, logout: string) {
  const bar = page.locator('header');
  const items = [
    bar.locator('.MuiTypography-h6'),
    ...(await page.getByRole('tablist', { name: 'main' }).getByRole('tab').all()),
    page.getByTestId('jobs-indicator'),
    page.getByTestId('switch-clerk'),
    page.getByTestId('user-menu'),
    page.getByRole('button', { name: logout }),
  ];
  const barBox = (await bar.boundingBox())!;
  let right = barBox.x;
  for (const item of items) {
    const box = (await item.boundingBox())!;
    const name = (await item.textContent()) ?? '';
    expect(box.x, `${name} starts after the item before it`).toBeGreaterThanOrEqual(right - 0.5);
    expect(box.y, `${name} within the bar`).toBeGreaterThanOrEqual(barBox.y);
    expect(box.y + box.height, `${name} within the bar`).toBeLessThanOrEqual(barBox.y + barBox.height + 0.5);
    right = box.x + box.width;
  }
  expect(right, 'the last item ends inside the bar').toBeLessThanOrEqual(barBox.x + barBox.width + 0.5);
}

async function jobRunning(server: WebServer, session: string) {
  const r = await server.rpc('jobs.list', {}, session);
  return (r.body.result as { active: Array<{ kind: string; state: string }> }).active;
}

test('at 1280 and 1366 px every tab and 退出登录 fit, on one line, beside a running job, in Chinese and English', async ({
  page,
  server,
}) => {
  test.setTimeout(60_000);
  const admin = await sessionFor(server);
  expect(await jobRunning(server, admin)).toMatchObject([{ kind: 'points.expire' }]);
  await login(page, server, ADMIN.name, ADMIN.pin);
  const chip = page.getByTestId('jobs-indicator');
  await expect(chip).toHaveAttribute('aria-label', /^正在处理到期积分/);

  for (const [locale, logout] of [
    ['zh-CN', '退出登录'],
    ['en', 'Log out'],
  ] as const) {
    await server.rpc('auth.setLocale', { locale }, admin);
    await page.reload();
    await expect(page.getByRole('button', { name: logout })).toBeVisible();
    for (const [width, height] of [
      [1280, 800],
      [1366, 768],
    ]) {
      await page.setViewportSize({ width, height });
      await expectAppBarFits(page, logout);
    }
    // Narrow, the chip shows how far; hovering it says what runs.
    await chip.hover();
    await expect(page.getByRole('tooltip')).toContainText(locale === 'en' ? 'Expiring due points' : '正在处理到期积分');
    await shot(page, `72-app-bar-job-1366-${locale}`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.mouse.move(600, 400);
  }
  // Still running throughout: the checks above were made beside the job's chip.
  expect(await jobRunning(server, admin)).toMatchObject([{ kind: 'points.expire', state: 'running' }]);
});

test.describe('an office screen', () => {
  // Four looks at the bar, a reload each: the expiry's slices 8 s apart keep it running throughout.
  test.use({ serverEnv: { BRANCHDESK_TEST_SLICE_DELAY_MS: '8000' } });

  test('at 1536 and 1920 px 换人 F9 has its own button and the bar keeps one row, none overlapping, beside a running job, in Chinese and English', async ({
    page,
    server,
  }) => {
    test.setTimeout(120_000);
    const admin = await sessionFor(server);
    expect(await jobRunning(server, admin)).toMatchObject([{ kind: 'points.expire' }]);
    await login(page, server, ADMIN.name, ADMIN.pin);
    for (const [locale, logout, switchLabel] of [
      ['zh-CN', '退出登录', '换人 F9'],
      ['en', 'Log out', null],
    ] as const) {
      await server.rpc('auth.setLocale', { locale }, admin);
      await page.reload();
      await expect(page.getByRole('button', { name: logout })).toBeVisible();
      for (const [width, height] of [
        [1536, 864],
        [1920, 1080],
      ]) {
        await page.setViewportSize({ width, height });
        // An office screen: 换人 is a button of its own, beside the chip that says what runs.
        await expect(page.getByTestId('switch-clerk')).toBeVisible();
        if (switchLabel) await expect(page.getByTestId('switch-clerk')).toHaveText(switchLabel);
        await expect(page.getByTestId('jobs-indicator')).toContainText(locale === 'en' ? 'Expiring due points' : '正在处理到期积分');
        await expectAppBarFits(page, logout);
        await expectAppBarInOneRow(page, logout);
        await shot(page, `75-app-bar-${width}-${locale}`);
      }
    }
    expect(await jobRunning(server, admin)).toMatchObject([{ kind: 'points.expire', state: 'running' }]);
  });
});

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
