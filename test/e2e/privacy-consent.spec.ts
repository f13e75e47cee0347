import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  test,
  expect,
  shot,
  setUpViaRpc,
  addStaff,
  login,
  sessionFor,
  createMember,
  storeToday,
  shownDate,
  ADMIN,
  type WebServer,
} from './fixtures';

// A member's privacy rights at the counter (docs/privacy.md): registration shows the privacy
// notice beside the consent boxes and keeps its version with the consent; marketing consent is
// withdrawn from the member page through the app's own dialog; an admin exports a member's data
// as a printable HTML file and a JSON file.

const CLERK = { name: '小李', pin: '1357' };

async function openMember(page: Page, cardNo: string): Promise<void> {
  await page.getByRole('tab', { name: '前台' }).click();
  await page.getByTestId('counter-search').fill(cardNo);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-card')).toHaveText(cardNo);
}

async function marketingList(server: WebServer): Promise<string[]> {
  const r = await server.rpc('members.list', { consent: 'yes' }, await sessionFor(server));
  expect(r.body.ok).toBe(true);
  return (r.body.result as { items: Array<{ name: string }> }).items.map((m) => m.name);
}

/**
 * The two consent boxes of a registration stand one above the other, each box level with the
 * form's fields (a label placed straight in the form's Stack sat 11 px to the right).
 */
async function expectConsentBoxesAligned(page: Page): Promise<void> {
  const left = async (selector: string) => (await page.locator(selector).boundingBox())!.x;
  const data = await left('.MuiCheckbox-root:has(input[name=consentData]) svg');
  const marketing = await left('.MuiCheckbox-root:has(input[name=consentMarketing]) svg');
  const field = await left('.MuiTextField-root:has(input[name=name])');
  expect(marketing).toBe(data);
  // The icon's square is drawn 3 px inside it: the square's edge is the field's.
  expect(Math.abs(data + 3 - field)).toBeLessThanOrEqual(2);
}

async function saveFile(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

test('a clerk registers a member under the notice shown, then withdraws their marketing consent', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  await login(page, server, CLERK.name, CLERK.pin);
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: '新建会员' })).toBeVisible();
  const notice = page.getByTestId('privacy-notice');
  await expect(notice).toContainText('隐私告知（第 1 版）');
  await expect(notice).toContainText('您可以随时在柜台撤回这项同意');
  await page.locator('input[name=name]').fill('周晓梅');
  await page.locator('input[name=phone]').fill('13900001111');
  await page.locator('input[name=consentData]').check();
  await page.locator('input[name=consentMarketing]').check();
  await expectConsentBoxesAligned(page);
  await shot(page, '20a-registration-notice');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectConsentBoxesAligned(page);
  await shot(page, '20b-registration-zh-1920');
  await page.setViewportSize({ width: 1280, height: 800 });
  // An admin saves a new notice while the form is open: the customer must read that one first.
  const admin = await sessionFor(server);
  expect((await server.rpc('privacy.saveNotice', { text: '本店会员隐私告知（第二版）：短信由本店自行发送。' }, admin)).body.ok).toBe(true);
  await page.getByTestId('member-submit').click();
  await expect(page.getByTestId('notice-changed')).toContainText('隐私告知刚刚更新为第 2 版');
  await expect(notice).toContainText('第二版');
  await page.getByTestId('member-submit').click();

  const history = page.getByTestId('consent-history');
  await expect(history.locator('li')).toHaveCount(2);
  await expect(history.locator('li').nth(0)).toContainText('保存个人信息：同意');
  await expect(history.locator('li').nth(1)).toContainText('接收营销信息：同意');
  await expect(history).toContainText('小李 · 办理会员 · 隐私告知（第 2 版）');
  expect(await marketingList(server)).toEqual(['周晓梅']);
  await expect(page.getByTestId('member-consent-marketing')).toContainText('已同意');
  // Clerks see no export: that is an admin's.
  await expect(page.getByTestId('member-data-export')).toHaveCount(0);

  await page.getByTestId('withdraw-marketing').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('撤回 周晓梅 的营销同意？');
  await shot(page, '20a-withdraw-marketing-dialog');
  await dialog.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('privacy-done')).toHaveText('已撤回营销同意');
  await expect(history.locator('li')).toHaveCount(3);
  await expect(history.locator('li').nth(2)).toContainText('接收营销信息：撤回');
  await expect(page.getByTestId('grant-marketing')).toBeVisible();
  expect(await marketingList(server)).toEqual([]);
  // Withdrawn is not "never given": the page says when, and who took it down.
  const today = shownDate(await storeToday(server, admin));
  await expect(page.getByTestId('member-consent-marketing')).toHaveText(new RegExp(`^已撤回 · ${today} \\d{2}:\\d{2} · 小李$`));
  await expect(page.getByTestId('privacy-marketing-state')).toHaveText(
    new RegExp(`^接收营销信息：已撤回 · ${today} \\d{2}:\\d{2} · 小李$`),
  );
  await shot(page, '20b-marketing-withdrawn');

  // Withdrawing consent to keep data is erasing, which is an admin's.
  await page.getByTestId('withdraw-data').click();
  await expect(page.getByTestId('withdraw-data-dialog')).toContainText('就是注销会员');
  await expect(page.getByTestId('withdraw-data-admin')).toContainText('注销会员需要管理员操作');
  await shot(page, '20a-member-consents');
});

test('an admin saves a new notice version and exports a member’s data as HTML and JSON', async ({ page, server }) => {
  await setUpViaRpc(server);
  const session = await sessionFor(server);
  const member = await createMember(server, session, { name: '陈立新', phone: '13900002222', consentMarketing: true });
  expect((await server.rpc('purchases.record', { memberId: member.id, amount: '388' }, session)).body.ok).toBe(true);
  await login(page, server, ADMIN.name, ADMIN.pin);

  await page.getByRole('tab', { name: '设置' }).click();
  const card = page.getByTestId('privacy-notice-card');
  // The notice that came with the app is dated by its day and says so, not at a time nobody saved it.
  await expect(card.getByTestId('privacy-notice-current')).toHaveText(/^当前为第 1 版（随软件提供的默认告知 · \d{4}\/\d{2}\/\d{2}）$/);
  await expect(card.locator('textarea[name=noticeTextEn]')).toHaveValue(/^Privacy notice for members of this store/);
  await shot(page, '20b-settings-notice-v1');
  await card.locator('textarea[name=noticeText]').fill('本店会员隐私告知（第二版）：短信由本店自行发送。');
  await card.locator('textarea[name=noticeTextEn]').fill('Privacy notice, version 2: the store sends its own text messages.');
  await card.getByTestId('privacy-notice-save').click();
  await expect(card).toContainText('已保存为第 2 版');
  await expect(card).toContainText('由 王店长 保存');
  await shot(page, '20a-settings-notice');

  await openMember(page, member.cardNo);
  const html = await saveFile(page, 'export-member-html');
  expect(html.name).toMatch(new RegExp(`^member-data-${member.cardNo}-\\d{4}-\\d{2}-\\d{2}\\.html$`));
  expect(html.text).toContain('<h1>会员个人数据: 陈立新</h1>');
  expect(html.text).toContain('徐汇店');
  expect(html.text).toContain('<td>388.00</td>');
  expect(html.text).toContain('隐私告知（第 1 版） · 随软件提供的默认告知');
  // The consent was given under version 1: its text in both languages.
  expect(html.text).toContain('<pre lang="zh-CN">本店会员隐私告知');
  expect(html.text).toContain('<pre lang="en">Privacy notice for members of this store');
  const json = await saveFile(page, 'export-member-json');
  const data = JSON.parse(json.text) as { format: string; member: { name: string }; purchases: Array<{ amountFen: number }> };
  expect(data.format).toBe('branchdesk.member-data');
  expect(data.member.name).toBe('陈立新');
  expect(data.purchases.map((p) => p.amountFen)).toEqual([38800]);
  await expect(page.getByTestId('privacy-done')).toContainText('.json');
  await shot(page, '20a-member-export');

  // The printable file as a browser shows it.
  await page.setContent(html.text);
  await shot(page, '20a-member-data-file');
});

test('registration in English shows the English notice, the Chinese one a tap away, and a Chinese-only version says so', async ({
  page,
  server,
}) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  expect((await server.rpc('auth.setLocale', { locale: 'en' }, await sessionFor(server, CLERK))).body.ok).toBe(true);
  await login(page, server, CLERK.name, CLERK.pin);
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: 'New member' })).toBeVisible();
  const notice = page.getByTestId('privacy-notice');
  const text = page.getByTestId('privacy-notice-text');
  await expect(notice).toHaveAttribute('data-language', 'en');
  await expect(notice).toContainText('Privacy notice (version 1)');
  await expect(text).toContainText('Marketing: only if you tick a separate box');
  await page.locator('input[name=name]').fill('Anna Schmidt');
  await page.locator('input[name=phone]').fill('13900003333');
  await page.locator('input[name=consentData]').check();
  await expectConsentBoxesAligned(page);
  await shot(page, '20b-registration-en-1280');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expectConsentBoxesAligned(page);
  await shot(page, '20b-registration-en-1920');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The customer reads Chinese: one tap, and back.
  await notice.getByRole('button', { name: '中文' }).click();
  await expect(notice).toHaveAttribute('data-language', 'zh-CN');
  await expect(text).toContainText('营销信息：只有在您另外勾选同意后');
  await shot(page, '20b-registration-en-chinese-notice');
  await notice.getByRole('button', { name: 'English' }).click();
  await expect(text).toContainText('Your rights:');
  await page.getByTestId('member-submit').click();
  const history = page.getByTestId('consent-history');
  await expect(history.locator('li')).toHaveCount(1);
  await expect(history).toContainText('Keep personal data: Given');
  await expect(history).toContainText('registration · Privacy notice (version 1)');
  await expect(page.getByTestId('member-consent-marketing')).toHaveText('Not given');
  // The member page's header in English at 1280 px, as an admin sees it (the most buttons): the
  // name on one line, and each button's words on one line (the tryout saw 张伟/荔 and three
  // buttons of two lines each).
  const memberPage = page.url();
  expect((await server.rpc('auth.setLocale', { locale: 'en' }, await sessionFor(server))).body.ok).toBe(true);
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, server, ADMIN.name, ADMIN.pin);
  await page.goto(memberPage);
  await expect(page.getByTestId('member-name')).toHaveText('Anna Schmidt');
  await expect(page.getByTestId('erase-member')).toBeVisible();
  const lineHeights = await page
    .getByTestId('member-actions')
    .getByRole('button')
    .evaluateAll((buttons) => buttons.map((b) => [b.textContent, b.getBoundingClientRect().height]));
  expect(lineHeights.length).toBeGreaterThanOrEqual(6);
  for (const [label, height] of lineHeights) expect(height, String(label)).toBeLessThan(45);
  expect((await page.getByTestId('member-name').boundingBox())!.height).toBeLessThan(50);
  await shot(page, '20b-member-page-en-1280');

  // A version the store wrote in Chinese only: the English screen shows the Chinese and says why.
  const admin = await sessionFor(server);
  expect((await server.rpc('privacy.saveNotice', { text: '本店会员隐私告知（第二版）。' }, admin)).body.ok).toBe(true);
  // Esc back to the counter, and F2 only once the counter has its search box (CI pressed F2 into the page change).
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByLabel('Find a member')).toBeFocused({ timeout: 1000 });
  }).toPass();
  await page.keyboard.press('F2');
  await expect(notice).toHaveAttribute('data-version', '2');
  await expect(notice).toHaveAttribute('data-language', 'zh-CN');
  await expect(page.getByTestId('privacy-notice-no-english')).toHaveText(
    'This version of the notice has no English text; the Chinese text is shown.',
  );
  await expect(notice.getByRole('button', { name: 'English' })).toHaveCount(0);
  await shot(page, '20b-registration-en-chinese-only');
});
