import { join } from 'node:path';
import { makeTestApp, tempDbPath, type TestApp } from '../helpers';
import { importFile, startFile } from '../services/import/import-fixtures';
import { failure } from '../services/fixtures';
import { counter } from '../services/points-fixtures';

// The trails no single write of the contract makes, for the audit page's walk (audit-walk.test.ts):
// a counter's day (a wrong PIN, a lock and its resume, a clerk switch, an upgrade, a complaint
// to its end, an edited member erased), a store set up with its demo data, and imports run and undone.

function countersDay(): TestApp {
  const c = counter();
  const { t } = c;
  const big = c.member('王五', { consentMarketing: true, birthday: '1990-05-01', tags: ['VIP'] });
  c.buy(big, 3000);
  const id = t.call('feedback.create', { memberId: big, kind: 'complaint', category: 'service', description: '等太久' }, c.manager).id;
  t.call('feedback.transition', { id, to: 'in_progress' }, c.manager);
  t.call('feedback.transition', { id, to: 'resolved', resolution: '已道歉' }, c.manager);
  t.call('feedback.transition', { id, to: 'closed' }, c.manager);
  t.call('members.update', { id: big, notes: '喜欢绿茶', gender: 'female', consentMarketing: false }, c.manager);
  // A sale that made her 银卡会员, voided the same day: her tier goes back.
  const upgrading = c.member('孙七');
  const sale = c.buy(upgrading, 3000);
  t.call('purchases.void', { purchaseId: sale.id, reason: '重复录入' }, c.manager);

  const gone = c.member('赵六', { notes: '不要打电话' });
  c.buy(gone, 200);
  t.call('members.update', { id: gone, name: '赵陆' }, c.manager);
  t.call('members.erase', { id: gone, confirm: true, reason: '会员本人要求删除' }, c.admin);
  // Last, as the clerk's session ends with the switch.
  failure(t, 'auth.login', { name: '小李', pin: '0000' });
  const clerkId = t.call('auth.me', {}, c.clerk).staff.id;
  const managerId = t.call('auth.me', {}, c.manager).staff.id;
  t.call('auth.lock', {}, c.clerk);
  failure(t, 'auth.resume', { pin: '9999' }, c.clerk);
  const resumed = t.call('auth.resume', { pin: '1357' }, c.clerk).session;
  t.call('auth.lock', {}, resumed);
  t.call('auth.resume', { pin: '1357', staffId: managerId }, resumed);
  failure(t, 'staff.changeOwnPin', { oldPin: '0000', newPin: '24681357' }, c.manager);
  t.call('staff.update', { id: clerkId, active: false }, c.admin);
  return t;
}

function demoStore(): TestApp {
  const t = makeTestApp(tempDbPath());
  t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: '王店长', adminPin: '246810', demoMembers: 5 });
  return t;
}

const MEMBERS_FILE = join(import.meta.dirname, '../fixtures/import/members-gbk.csv');

/** An import run to its end, and one cancelled while importing (undone). */
async function imports(): Promise<TestApp> {
  const c = counter();
  await importFile(c.t, c.manager, MEMBERS_FILE);
  const started = await startFile(c.t, c.manager, MEMBERS_FILE);
  c.t.call('import.cancel', { id: started.id }, c.manager);
  c.t.runJobs();
  return c.t;
}

export async function extraTrails(): Promise<TestApp[]> {
  return [countersDay(), demoStore(), await imports()];
}
