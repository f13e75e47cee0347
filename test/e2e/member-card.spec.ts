import type { Locator, Page } from '@playwright/test';
import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';
import { pdfPages } from './report-files';
import { modulesOfBars, readCode128 } from '../renderer/code128';

// 打印会员卡: the card on CR80 paper (85.6 × 54 mm) and a sheet of barcode labels on A4, checked in
// the PDF Chromium makes of the print CSS, with the bars read back as a scanner would.

const PT_PER_MM = 72 / 25.4;

/** What a scanner would read from an SVG barcode: its bars, module by module. */
async function readBars(svg: Locator): Promise<string> {
  const bars = await svg
    .locator('rect')
    .evaluateAll((rects) => rects.map((r) => ({ x: Number(r.getAttribute('x')), width: Number(r.getAttribute('width')) })));
  return readCode128(modulesOfBars(bars));
}

async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { printCalls: number }).printCalls = 0;
    window.print = () => void (window as unknown as { printCalls: number }).printCalls++;
  });
}

test('a member card prints at CR80 size with a barcode of the card number, and labels on an A4 sheet', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk');
  const member = await createMember(server, await sessionFor(server), { name: '欧阳娜娜', phone: '13812345678' });
  expect(member.cardNo).toBe('SH0100000001');

  await login(page, server, '小李', '1357');
  await page.goto(new URL(`/#/members/${member.id}`, server.url).href);
  await page.getByTestId('print-member-card').click();
  const dialog = page.getByTestId('member-card-dialog');
  await expect(dialog.getByRole('heading', { name: '打印会员卡：欧阳娜娜' })).toBeVisible();
  const preview = dialog.getByTestId('member-card-preview');
  await expect(preview).toContainText('徐汇店');
  await expect(preview).toContainText('欧阳娜娜');
  await expect(preview).toContainText('SH0100000001');
  // The bars on screen are the card number, checksum and all.
  expect(await readBars(preview.getByTestId('card-barcode'))).toBe('SH0100000001');
  // Shown at its real size: 85.6 mm is 323.5 CSS pixels.
  const box = await preview.getByTestId('member-card-face').boundingBox();
  expect([Math.round(box!.width), Math.round(box!.height)]).toEqual([324, 204]);
  await shot(page, '70-member-card-dialog');

  await stubPrint(page);
  await dialog.getByTestId('member-card-print').click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)).toBe(1);

  // On paper: one CR80 page. Asked for by size, Chromium rounds the page to its own units (within
  // half a millimetre); taken from the page's own @page rule, it is within ID-1's tolerances
  // (85.47–85.72 × 53.92–54.03 mm, ISO/IEC 7810).
  const cases: Array<[object, [number, number], [number, number]]> = [
    [{ width: '85.6mm', height: '54mm' }, [85.1, 86.1], [53.5, 54.5]],
    [{ preferCSSPageSize: true }, [85.47, 85.72], [53.92, 54.03]],
  ];
  for (const [options, [minWidth, maxWidth], [minHeight, maxHeight]] of cases) {
    const pages = pdfPages(await page.pdf({ ...options, printBackground: true }));
    expect(pages, JSON.stringify(options)).toHaveLength(1);
    const [width, height] = [pages[0].width / PT_PER_MM, pages[0].height / PT_PER_MM]; // MediaBox ≈ 242.6 × 153.1 pt
    expect(width).toBeGreaterThanOrEqual(minWidth);
    expect(width).toBeLessThanOrEqual(maxWidth);
    expect(height).toBeGreaterThanOrEqual(minHeight);
    expect(height).toBeLessThanOrEqual(maxHeight);
    const text = pages[0].text.replace(/\s+/g, '');
    for (const expected of ['徐汇店', '会员卡', '欧阳娜娜', 'SH0100000001']) expect(text).toContain(expected);
    // Nothing of the page or the dialog behind it.
    for (const absent of ['打印会员卡', '前台', '消费金额', '积分']) expect(text).not.toContain(absent);
  }
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('member-card-print-root').getByTestId('member-card-face')).toBeVisible();
  await page.getByTestId('member-card-print-root').screenshot({ path: 'test-results/screenshots/72-member-card-on-paper.png' });
  expect(await readBars(page.getByTestId('member-card-print-root').getByTestId('card-barcode'))).toBe('SH0100000001');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('member-card-print-root')).toBeHidden();
  await page.emulateMedia({ media: null }); // or page.pdf would print the screen

  // The label sheet, on a sheet whose first three labels are used.
  await dialog.getByTestId('member-card-kind-labels').click();
  const first = dialog.locator('input[name=firstLabel]');
  await first.fill('25');
  await expect(dialog.getByText('请输入 1 到 24 之间的整数')).toBeVisible();
  await expect(dialog.getByTestId('member-card-print')).toBeDisabled();
  await first.fill('4');
  await expect(dialog.getByText('用过的标签纸：跳过已撕掉的，共打印 21 个')).toBeVisible();
  await shot(page, '71-member-card-labels');
  const labels = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  expect(labels).toHaveLength(1);
  expect([Math.round(labels[0].width), Math.round(labels[0].height)]).toEqual([595, 842]); // A4
  expect(labels[0].text.match(/SH0100000001/g)).toHaveLength(21);
  const sheet = page.getByTestId('member-card-print-root');
  await expect(sheet.getByTestId('card-label')).toHaveCount(21);
  expect(await readBars(sheet.getByTestId('card-barcode').last())).toBe('SH0100000001');
  await page.emulateMedia({ media: 'print' });
  await sheet.screenshot({ path: 'test-results/screenshots/73-member-card-labels-on-paper.png' });
  await page.emulateMedia({ media: null });

  // Closed, the page prints as it did before.
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('member-card-print-root')).toHaveCount(0);
  const after = pdfPages(await page.pdf({ preferCSSPageSize: true }));
  expect(after.map((p) => p.text).join('')).toContain('消费');
});
