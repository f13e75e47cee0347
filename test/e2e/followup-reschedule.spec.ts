import {
  test,
  expect,
  setUpViaRpc,
  addStaff,
  login,
  sessionFor,
  createMember,
  dateText,
  typeDate,
  shot,
  storeToday,
  plusDays,
  shownDate as shown,
} from './fixtures';

// A call not reached is tried again another day: the reschedule dialog starts on tomorrow (the
// task's own date is usually past), 明天 / 后天 / 下周 pick in one click, and a day in the past
// is refused under the field with nothing changed.

const CLERK = { name: '小李', pin: '2468' };

test('rescheduling starts on tomorrow, with 明天 / 后天 / 下周, and refuses a past day', async ({ page, server }) => {
  await setUpViaRpc(server);
  await addStaff(server, CLERK.name, 'clerk', CLERK.pin);
  const admin = await sessionFor(server);
  const member = await createMember(server, admin, { name: '张三', phone: '13812345678' });
  const today = await storeToday(server, admin);
  const created = await server.rpc('followups.create', { memberId: member.id, dueDate: today, note: '问问新茶' }, admin);
  const taskId = (created.body.result as { id: string }).id;

  // Not reached today: it waits under 未接通, on today's date.
  await login(page, server, CLERK.name, CLERK.pin);
  await page.getByRole('tablist', { name: 'main' }).getByRole('tab', { name: '回访' }).click();
  const dueRow = page.getByTestId('section-dueToday').getByTestId('followup-row');
  await dueRow.getByTestId('followup-more').click();
  await page.getByTestId('followup-miss').click();
  const missedRow = page.getByTestId('section-missed').getByTestId('followup-row');
  await expect(missedRow).toContainText(shown(today));

  await missedRow.getByTestId('followup-more').click();
  await page.getByTestId('followup-reschedule').click();
  const dialog = page.getByTestId('reschedule-dialog');
  // Tomorrow, not the task's date.
  await expect(dateText(dialog, 'dueDate')).toHaveText(shown(plusDays(today, 1)));
  const shortcuts = dialog.getByTestId('reschedule-shortcuts').getByRole('button');
  await expect(shortcuts).toHaveText(['明天', '后天', '下周']);
  await expect(shortcuts.nth(0)).toHaveClass(/MuiButton-contained/);
  await expect(shortcuts.nth(2)).toHaveAttribute('title', `下周同一天，7 天后：${shown(plusDays(today, 7))}`);
  await shortcuts.nth(1).click();
  await expect(dateText(dialog, 'dueDate')).toHaveText(shown(plusDays(today, 2)));
  await shortcuts.nth(2).click();
  await expect(dateText(dialog, 'dueDate')).toHaveText(shown(plusDays(today, 7)));
  await expect(shortcuts.nth(2)).toHaveClass(/MuiButton-contained/);
  await shot(page, '68-followup-reschedule');

  // A day already past is refused under the field; the task stays where it was.
  await typeDate(dialog, 'dueDate', shown(plusDays(today, -1)));
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog.getByText('不能早于今天（现在）')).toBeVisible();
  let task = await server.rpc('followups.get', { id: taskId }, admin);
  expect(task.body.result).toMatchObject({ status: 'missed', dueDate: today });

  await shortcuts.nth(2).click();
  await dialog.getByTestId('dialog-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('followup-notice')).toHaveText(`已改期到 ${shown(plusDays(today, 7))}`);
  task = await server.rpc('followups.get', { id: taskId }, admin);
  expect(task.body.result).toMatchObject({ status: 'planned', dueDate: plusDays(today, 7) });
});
