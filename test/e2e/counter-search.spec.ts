import type { Page } from '@playwright/test';
import {
  test,
  expect,
  shot,
  setUpViaRpc,
  addStaff,
  login,
  sessionFor,
  createMember,
  ADMIN,
  type WebServer,
  type CreatedMember,
} from './fixtures';

// The counter's one search box: phone tail, card, pinyin, name, keyboard choice, scanner, new member.

interface Seeded {
  zhangSan: CreatedMember;
  liSi: CreatedMember;
  zhangShan: CreatedMember;
  wangWu: CreatedMember;
}

/** Four members chosen so that each kind of search has a distractor: 张三/张山 share initials and a tail. */
async function seed(server: WebServer, demoMembers = 0): Promise<Seeded> {
  await setUpViaRpc(server, demoMembers);
  const session = await sessionFor(server);
  return {
    zhangSan: await createMember(server, session, { name: '张三', phone: '13812345678' }),
    liSi: await createMember(server, session, { name: '李四', phone: '139 9876 5432' }),
    zhangShan: await createMember(server, session, { name: '张山', phone: '+86 150-0000-5678' }),
    wangWu: await createMember(server, session, { name: '王五', phone: '13700001111' }),
  };
}

const hits = (page: Page) => page.getByTestId('search-hit');

/** The name column of each result row, top to bottom. */
const hitNames = (page: Page) =>
  hits(page).evaluateAll((rows) => rows.map((r) => r.querySelector('.MuiListItemText-primary span span')?.textContent ?? ''));

/** Type into the counter box and wait until the list shows exactly these names (in any order). */
async function searchFor(page: Page, q: string, names: string[]): Promise<void> {
  const box = page.getByTestId('counter-search');
  await box.fill(q);
  // Polled: until the answer arrives the list still shows the previous query's rows.
  await expect.poll(async () => (await hitNames(page)).sort()).toEqual([...names].sort());
}

async function backToCounter(page: Page): Promise<void> {
  await page.getByRole('tab', { name: '前台' }).click();
  await expect(page.getByTestId('counter-search')).toBeFocused();
}

test('finds members by phone tail, card, pinyin initials, full pinyin and name', async ({ page, server }) => {
  const m = await seed(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  await expect(page.getByText('输入或扫码开始')).toBeVisible();

  // Phone tail: two members end in 5678, one in 1111.
  await searchFor(page, '5678', ['张三', '张山']);
  for (const row of await hits(page).all()) await expect(row).toContainText('尾号');
  await shot(page, '10-counter-phone-tail');
  await searchFor(page, '1111', ['王五']);

  // A card number typed by hand is an exact hit.
  await searchFor(page, m.liSi.cardNo, ['李四']);
  await expect(hits(page).first()).toContainText(m.liSi.cardNo);
  await expect(hits(page).first()).toContainText('卡号');
  // Lower case works too (a hand-typed card rarely has the shift key).
  await searchFor(page, m.wangWu.cardNo.toLowerCase(), ['王五']);

  // Pinyin initials match both 张三 and 张山; the full pinyin only 张三.
  await searchFor(page, 'zs', ['张三', '张山']);
  for (const row of await hits(page).all()) await expect(row).toContainText('拼音首字母');
  await shot(page, '11-counter-pinyin-initials');
  await searchFor(page, 'zhangsan', ['张三']);
  await expect(hits(page).first()).toContainText('拼音');
  await searchFor(page, 'zhangshan', ['张山']);

  // Name: a prefix finds both 张, the whole name one.
  await searchFor(page, '李四', ['李四']);
  await expect(hits(page).first()).toContainText('姓名');
  await searchFor(page, '张', ['张三', '张山']);

  // A whole phone number in any format names exactly one member.
  await searchFor(page, '138-1234-5678', ['张三']);
  await expect(hits(page).first()).toContainText('手机号');
  await searchFor(page, 'nobody', []);
  await expect(page.getByText('没有找到会员。按 Enter 或 F2 新建会员。')).toBeVisible();

  // Escape clears the box.
  await page.getByTestId('counter-search').press('Escape');
  await expect(page.getByTestId('counter-search')).toHaveValue('');
  await expect(page.getByText('输入或扫码开始')).toBeVisible();
});

test('arrow keys choose a result and Enter opens it', async ({ page, server }) => {
  await seed(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  const box = page.getByTestId('counter-search');

  await searchFor(page, 'zs', ['张三', '张山']);
  const names = await hitNames(page);
  expect(names).toHaveLength(2);
  await expect(hits(page).nth(0)).toHaveClass(/Mui-selected/);

  await box.press('ArrowDown');
  await expect(hits(page).nth(1)).toHaveClass(/Mui-selected/);
  await expect(hits(page).nth(0)).not.toHaveClass(/Mui-selected/);
  // Down again reaches "new member", and stops there.
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await expect(page.getByTestId('new-member-row')).toHaveClass(/Mui-selected/);
  await box.press('ArrowUp');
  await expect(hits(page).nth(1)).toHaveClass(/Mui-selected/);
  await shot(page, '12-counter-arrow-choice');

  await box.press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText(names[1]);

  // Enter with the first row chosen opens the first.
  await backToCounter(page);
  await searchFor(page, 'zs', ['张三', '张山']);
  await page.getByTestId('counter-search').press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText(names[0]);

  // ↑ stops at the top; a click opens a row too.
  await backToCounter(page);
  await searchFor(page, '5678', ['张三', '张山']);
  await page.getByTestId('counter-search').press('ArrowUp');
  await expect(hits(page).nth(0)).toHaveClass(/Mui-selected/);
  await hits(page).filter({ hasText: '张山' }).click();
  await expect(page.getByTestId('member-name')).toHaveText('张山');
  await expect(page.getByTestId('member-phone')).toHaveText('150 0000 5678');
});

test('a barcode scanner types a card number and Enter at once: that member opens', async ({ page, server }) => {
  // Thirty demo members first: while a card like SH0100000012 is being "scanned", its prefix
  // SH0100000001 is another member's whole card, so a stale result list would open the wrong one.
  const m = await seed(server, 30);
  await login(page, server, ADMIN.name, ADMIN.pin);
  const session = await sessionFor(server);
  const all = await server.rpc('members.search', { q: 'SH010000002', limit: 50 }, session);
  const demoCards = (all.body.result as { items: { cardNo: string }[] }).items.map((i) => i.cardNo);
  expect(demoCards).toContain('SH0100000021');

  const scans = ['SH0100000012', 'SH0100000021', 'SH0100000030', m.wangWu.cardNo, m.zhangSan.cardNo];
  for (const card of scans) {
    const box = page.getByTestId('counter-search');
    await expect(box).toBeFocused();
    await page.keyboard.type(card);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-card')).toHaveText(card);
    await backToCounter(page);
  }
  await page.keyboard.type(m.liSi.cardNo);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText('李四');
  await shot(page, '13-counter-scanned-member');
});

test('Enter with no results opens the new-member form with what was typed', async ({ page, server }) => {
  await seed(server);
  await login(page, server, ADMIN.name, ADMIN.pin);
  const box = page.getByTestId('counter-search');

  // The clerk waits for "no member found", then presses Enter.
  await box.fill('139 1111 2222');
  await expect(page.getByText('没有找到会员。按 Enter 或 F2 新建会员。')).toBeVisible();
  await expect(page.getByTestId('new-member-row')).toContainText('新建会员：139 1111 2222');
  await shot(page, '14-counter-no-results');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: '新建会员' })).toBeVisible();
  await expect(page.locator('input[name=phone]')).toHaveValue('139 1111 2222');
  await expect(page.locator('input[name=name]')).toHaveValue('');
  await expect(page.locator('input[name=name]')).toBeFocused();

  // Typed fast and Enter at once: the same.
  await page.getByRole('button', { name: '取消' }).click();
  await expect(box).toBeFocused();
  await page.keyboard.type('13922223333');
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=phone]')).toHaveValue('13922223333');

  // A Chinese name nobody has becomes the new member's name.
  await backToCounter(page);
  await page.keyboard.type('赵六');
  await expect(page.getByText('没有找到会员。按 Enter 或 F2 新建会员。')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('input[name=name]')).toHaveValue('赵六');
  await expect(page.locator('input[name=phone]')).toHaveValue('');
  await expect(page.locator('input[name=phone]')).toBeFocused();

  // Enter on an empty box does nothing.
  await backToCounter(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('counter-search')).toBeVisible();
  await expect(page.getByText('输入或扫码开始')).toBeVisible();
});

test('a clerk sees masked phones in the results', async ({ page, server }) => {
  await seed(server);
  await addStaff(server, '小李', 'clerk', '1357');
  await login(page, server, '小李', '1357');

  await searchFor(page, '5678', ['张三', '张山']);
  await expect(hits(page).filter({ hasText: '张三' })).toContainText('138****5678');
  await expect(hits(page).filter({ hasText: '张山' })).toContainText('150****5678');
  await expect(page.getByTestId('search-results')).not.toContainText('1381234');
  await shot(page, '15-counter-clerk-masked');

  await searchFor(page, '13812345678', ['张三']);
  await expect(hits(page).first()).toContainText('138****5678');
  await expect(hits(page).first()).not.toContainText('12345678');

  // The wire answers the clerk masked as well, not only the screen.
  const clerk = await sessionFor(server, { name: '小李', pin: '1357' });
  const r = await server.rpc('members.search', { q: 'zs' }, clerk);
  const phones = (r.body.result as { items: { phone: string }[] }).items.map((i) => i.phone).sort();
  expect(phones).toEqual(['138****5678', '150****5678']);
});
