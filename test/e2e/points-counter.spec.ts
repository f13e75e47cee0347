import { test, expect, shot, setUpViaRpc, addStaff, login, sessionFor, createMember } from './fixtures';

// A day at the counter: a sale earns points and lifts the tier, points pay part of a bill,
// a refund takes the points back. Default rules: 1 point per ¥1, 100 points = ¥1,
// 银卡 at ¥2,000 in 12 months with ×1.2.

test('record a purchase, see points and tier change, redeem, refund and see the reversal', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '小李', 'clerk');
  const admin = await sessionFor(server);
  await createMember(server, admin, { name: '张三', phone: '13812345678' });

  await login(page, server, '小李', '1357');
  await page.getByTestId('counter-search').fill('5678');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-name')).toHaveText('张三');
  await expect(page.getByTestId('tier-name')).toHaveText('普通会员');
  await expect(page.getByTestId('points-balance')).toHaveText('0');

  // Type the bill, press Enter: that is the whole sale.
  const amount = page.locator('input[name=amount]');
  await expect(amount).toBeFocused();
  await amount.fill('2000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText('已记录消费 ¥2,000.00，获得 2000 分');
  // A bill of ¥10,000 or more needs a second Enter; an edit cancels the question.
  await amount.fill('99999999');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('confirm-large-bill')).toHaveText('金额较大：¥99,999,999.00。请核对后再按 Enter 确认。');
  await amount.fill('');
  await expect(page.getByTestId('confirm-large-bill')).toHaveCount(0);
  await expect(page.getByTestId('points-balance')).toHaveText('2000');
  await expect(page.getByTestId('member-notice')).toContainText('恭喜，已升级为银卡会员');
  await expect(page.getByTestId('points-balance')).toHaveText('2000');
  await expect(page.getByTestId('tier-name')).toHaveText('银卡会员');
  await expect(page.getByTestId('tier-why')).toHaveText('近 12 个月消费 ¥2,000.00');
  await expect(page.getByTestId('tier-next')).toHaveText('再消费 ¥8,000.00 可升级为金卡会员');
  await expect(amount).toBeFocused();
  await shot(page, '50-points-after-sale');

  // A second sale paid partly with 500 points (¥5): earns ×1.2 on the ¥95 paid = 114. Before
  // Enter the counter shows what is left to collect, and the notice repeats it.
  await page.getByRole('button', { name: '更多选项' }).click();
  await amount.fill('100');
  await page.locator('input[name=redeemPoints]').fill('500');
  await expect(page.getByTestId('payment-split')).toContainText('应收¥100.00积分抵扣 500 分−¥5.00实付¥95.00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText(
    '已记录消费：应收 ¥100.00，积分抵扣 500 分（¥5.00），实付 ¥95.00，获得 114 分。',
  );
  await expect(page.getByTestId('payment-split')).toHaveCount(0);
  await expect(page.getByTestId('points-balance')).toHaveText(String(2000 - 500 + 114));

  // Redeem at the counter for a gift.
  await page.getByRole('button', { name: '兑换积分' }).click();
  const dialog = page.getByTestId('redeem-dialog');
  await expect(dialog).toContainText('可用 1614 分（价值 ¥16.14）');
  await dialog.locator('input[name=points]').fill('99999');
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog.getByTestId('error-alert')).toHaveText('可用积分不足（可用 1614 分）。');
  await dialog.locator('input[name=points]').fill('300');
  await dialog.locator('input[name=reason]').fill('保温杯');
  await dialog.getByTestId('dialog-submit').click();
  await expect(page.getByTestId('member-notice')).toHaveText('已兑换 300 分');
  await expect(page.getByTestId('points-balance')).toHaveText('1314');

  // Refund the first sale in full: its 2000 points come back out; 1314 are left to take, the rest is a shortfall.
  const firstSale = page.getByTestId('purchase-sale').last();
  await firstSale.getByRole('button', { name: '退款' }).click();
  const refund = page.getByTestId('refund-dialog');
  await expect(refund.locator('input[name=refundAmount]')).toHaveValue('2000.00');
  await expect(refund.getByTestId('refund-preview')).toHaveText('退款额 ¥2,000.00（退给顾客的钱），退回抵扣积分 0 分');
  await refund.locator('input[name=refundAmount]').fill('2500');
  await refund.getByTestId('dialog-submit').click();
  await expect(refund.getByTestId('error-alert')).toHaveText('超过了还可退的账单金额（最多 ¥2,000.00）。');
  await refund.locator('input[name=refundAmount]').fill('2000');
  await refund.locator('input[name=reason]').fill('尺码不合适');
  await refund.getByTestId('dialog-submit').click();
  // The notice is shown before the dialog closes: wait for it to go, or the Esc below meets a dialog.
  await expect(refund).toBeHidden();
  await expect(page.getByTestId('member-notice')).toContainText('已退款：退款额 ¥2,000.00（账单部分 ¥2,000.00），扣回 1314 分。');
  await expect(page.getByTestId('member-notice')).toContainText('有 686 分已被使用，无法扣回，已记录为差额。');
  await expect(page.getByTestId('points-balance')).toHaveText('0');
  await expect(page.getByTestId('ledger-reverse')).toContainText('-1314');
  await expect(page.getByTestId('purchase-refund')).toContainText('-¥2,000.00');
  // The tier stays until its review date although the spend fell below the threshold.
  await expect(page.getByTestId('tier-name')).toHaveText('银卡会员');
  await expect(page.getByTestId('member-tier')).toContainText('按近期消费应为普通会员，保级至复核日');
  await shot(page, '51-points-after-refund');

  // A refunded sale cannot be refunded again.
  await expect(page.getByTestId('purchase-sale').last().getByRole('button', { name: '退款' })).toHaveCount(0);

  // Esc: back to the counter for the next customer.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('counter-search')).toBeFocused();
});

test('a receipt number cannot earn twice, and amounts are checked', async ({ page, server }) => {
  await setUpViaRpc(server);
  const admin = await sessionFor(server);
  await createMember(server, admin, { name: '李四', phone: '13900001111' });
  await login(page, server, '王店长', '246810');
  await page.getByTestId('counter-search').fill('李四');
  await page.keyboard.press('Enter');
  const amount = page.locator('input[name=amount]');
  await amount.fill('12.345');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-purchase')).toContainText('金额最多两位小数');
  await amount.fill('-5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-purchase')).toContainText('金额必须大于 0');

  await page.getByRole('button', { name: '更多选项' }).click();
  await amount.fill('88');
  await page.locator('input[name=receiptNo]').fill('R-001');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText('获得 88 分');
  // The extra fields stay open for the next sale (a shop that keys receipts keys them every time).
  await expect(page.locator('input[name=receiptNo]')).toHaveValue('');
  await amount.fill('88');
  await page.locator('input[name=receiptNo]').fill('R-001');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-purchase')).toContainText('这张小票号已经登记过，不会重复积分。');
  await expect(page.getByTestId('points-balance')).toHaveText('88');

  // A large bill goes through on the second Enter.
  await page.locator('input[name=receiptNo]').fill('');
  await amount.fill('10000');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('confirm-large-bill')).toBeVisible();
  await expect(page.getByTestId('points-balance')).toHaveText('88');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-notice')).toContainText('获得 10000 分');
  await expect(page.getByTestId('points-balance')).toHaveText('10088');
});

test('the same sale typed twice is asked about, a manager voids it, and a refund shows the money paid back', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, '赵经理', 'manager');
  await addStaff(server, '小李', 'clerk');
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '张三', phone: '13812345678' });
  expect((await server.rpc('purchases.record', { memberId: member.id, amount: '1000' }, admin)).body.ok).toBe(true);

  await login(page, server, '赵经理', '1357');
  await page.getByTestId('counter-search').fill('5678');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('points-balance')).toHaveText('1000');

  // ¥399, 300 points of it paid with points: the cashier collects ¥396, and sees so before Enter.
  const amount = page.locator('input[name=amount]');
  await page.getByRole('button', { name: '更多选项' }).click();
  await amount.fill('399');
  await page.locator('input[name=redeemPoints]').fill('300');
  await expect(page.getByTestId('split-bill')).toHaveText('¥399.00');
  await expect(page.getByTestId('split-points')).toHaveText('−¥3.00');
  await expect(page.getByTestId('split-pay')).toHaveText('¥396.00');
  await shot(page, '52-points-part-payment');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-notice')).toHaveText(
    '已记录消费：应收 ¥399.00，积分抵扣 300 分（¥3.00），实付 ¥396.00，获得 396 分。',
  );
  await expect(page.getByTestId('points-balance')).toHaveText('1096');

  // The same ¥88 again moments later: the counter asks, Esc records nothing.
  await amount.fill('88');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('member-notice')).toHaveText('已记录消费 ¥88.00，获得 88 分。');
  await amount.fill('88');
  await page.keyboard.press('Enter');
  const asked = page.getByTestId('duplicate-dialog');
  await expect(asked).toContainText('可能重复');
  await expect(asked.getByTestId('duplicate-earlier')).toContainText('已为这位会员记录过一笔 ¥88.00 的消费。录入人：赵经理。');
  await shot(page, '53-possible-duplicate');
  await page.keyboard.press('Escape');
  await expect(asked).toBeHidden();
  await expect(page.getByTestId('purchase-sale')).toHaveCount(3);
  await expect(amount).toHaveValue('88');
  // Asked again, a habitual Enter records nothing either: 不记录 has the focus, the amount stays.
  await page.keyboard.press('Enter');
  await expect(asked).toBeVisible();
  await expect(asked.getByTestId('duplicate-cancel')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(asked).toBeHidden();
  await expect(page.getByTestId('purchase-sale')).toHaveCount(3);
  await expect(amount).toHaveValue('88');
  await expect(page.getByTestId('points-balance')).toHaveText('1184');
  // A real second purchase takes a click on 仍然记录.
  await page.keyboard.press('Enter');
  await expect(asked).toBeVisible();
  await asked.getByTestId('duplicate-record').click();
  await expect(asked).toBeHidden();
  await expect(page.getByTestId('purchase-sale')).toHaveCount(4);
  await expect(page.getByTestId('points-balance')).toHaveText('1272');

  // It was the same sale after all: the manager voids the newest one, with a reason.
  await page.getByTestId('purchase-sale').first().getByTestId('void-sale').click();
  const voiding = page.getByTestId('void-dialog');
  await expect(voiding.getByTestId('void-sale-figures')).toContainText('应收 ¥88.00 · 实付 ¥88.00');
  await expect(voiding).toContainText('这笔消费获得的 88 分将扣回');
  await expect(voiding).toContainText('如果会员因这笔消费升级，等级和复核日期恢复到消费前');
  await voiding.getByTestId('dialog-submit').click();
  await expect(voiding.locator('input[name=voidReason]')).toHaveAttribute('aria-invalid', 'true');
  await voiding.locator('input[name=voidReason]').fill('重复录入');
  await voiding.getByTestId('dialog-submit').click();
  await expect(voiding).toBeHidden();
  await expect(page.getByTestId('member-notice')).toHaveText('已作废消费 ¥88.00：扣回 88 分。');
  await expect(page.getByTestId('points-balance')).toHaveText('1184');
  await expect(page.getByTestId('purchase-void')).toContainText('-¥88.00');
  await expect(page.getByTestId('purchase-void')).toContainText('重复录入');
  await expect(page.locator('[data-testid=purchase-sale][data-voided=true]')).toHaveCount(1);
  await expect(page.getByTestId('purchase-totals')).toHaveText('共 3 笔消费 · 销售额 ¥1,484.00 · 退款额 ¥0.00 · 净销售额 ¥1,484.00');
  await expect(page.getByTestId('ledger-reverse').first()).toContainText('作废冲回');
  // The 动态 timeline marks the voided sale as the table does, and shows the void as a void.
  const timeline = page.getByTestId('member-timeline');
  await expect(timeline.getByTestId('timeline-item').first()).toContainText('作废 ¥88.00 的消费');
  await expect(timeline.locator('[data-testid=timeline-item][data-voided=true]')).toHaveCount(1);
  await expect(timeline.locator('[data-testid=timeline-item][data-voided=true]')).toContainText('消费 ¥88.00 · +88 分 已作废');

  // A refund of the part-paid sale: its figure is the money paid back (¥396), the bill part beside it.
  const partPaid = page.getByTestId('purchase-sale').filter({ hasText: '¥399.00' });
  await partPaid.getByRole('button', { name: '退款' }).click();
  const refund = page.getByTestId('refund-dialog');
  await expect(refund.getByTestId('refund-preview')).toHaveText('退款额 ¥396.00（退给顾客的钱），退回抵扣积分 300 分');
  await refund.getByTestId('dialog-submit').click();
  await expect(refund).toBeHidden();
  await expect(page.getByTestId('member-notice')).toContainText('已退款：退款额 ¥396.00（账单部分 ¥399.00），扣回 396 分。');
  const refundRow = page.getByTestId('purchase-refund');
  await expect(refundRow.getByTestId('purchase-paid')).toHaveText('-¥396.00');
  await expect(refundRow).toContainText('账单部分 ¥399.00');
  await expect(refundRow).toContainText('退回 300 分');
  await expect(partPaid).toContainText('退款额 ¥396.00');
  await expect(page.getByTestId('purchase-totals')).toHaveText('共 3 笔消费 · 销售额 ¥1,484.00 · 退款额 ¥396.00 · 净销售额 ¥1,088.00');
  // A refunded sale is no longer voided from here.
  await expect(partPaid.getByTestId('void-sale')).toHaveCount(0);
  await shot(page, '54-void-and-refund');

  // The dashboard counts the same figures: three orders (the voided sale is none), ¥396 refunded.
  await page.getByRole('tab', { name: '报表' }).click();
  await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText('3');
  await expect(page.getByTestId('kpi-salesFen').getByTestId('kpi-value')).toHaveText('¥1,484.00');
  await expect(page.getByTestId('kpi-refundsFen').getByTestId('kpi-value')).toHaveText('¥396.00');

  // A clerk sees no 作废.
  await page.getByRole('button', { name: '退出登录' }).click();
  await login(page, server, '小李', '1357');
  await page.getByTestId('counter-search').fill('5678');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('purchase-sale')).toHaveCount(4);
  await expect(page.getByTestId('void-sale')).toHaveCount(0);
});
