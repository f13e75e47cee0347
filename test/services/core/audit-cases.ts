import { join } from 'node:path';
import { jobRunner } from '../../../services/core/jobs/runner';
import type { InputOf, MethodName } from '../../../shared/contract/index';
import { makeTestApp, storeUpload, tempDbPath, type TestApp } from '../../helpers';
import { memberInput } from '../fixtures';
import { setFollowupRules } from '../followup-fixtures';
import { chain, exportFile, makeBranch, makeHq, merge } from '../hq-fixtures';
import { DAY, DEFAULT_RULES, counter, tierInput, type Counter } from '../points-fixtures';
import { backupNow } from '../backup-fixtures';

// How to call each write of the contract once, validly, on a database of its own: the
// every-write-is-audited check (audit-by-construction.test.ts) and the audit page's walk over the
// rows the services really write (test/renderer/audit-walk.test.ts) both run these.

export interface WriteCall<M extends MethodName> {
  t: TestApp;
  session?: string | null;
  /** the hourly chores' way in, with no staff behind it */
  system?: true;
  input: InputOf<M>;
  /** the audit action the call writes, when it is not the method's name */
  action?: string;
}

/** How to call each write once, validly, on a database of its own (HQ's for the atHq ones). */
export const writeCases: { [M in MethodName]?: () => WriteCall<M> | Promise<WriteCall<M>> } = {
  'setup.init': () => ({
    t: makeTestApp(tempDbPath(), { hq: true }),
    input: { branchName: '总部', branchCode: 'HQ', adminName: '王店长', adminPin: '246810', kind: 'hq' },
  }),
  'auth.setLocale': () => {
    const hq = makeHq();
    return { t: hq.t, session: hq.clerk, input: { locale: 'en' } };
  },
  'auth.saveLockSettings': () => {
    const hq = makeHq();
    return { t: hq.t, session: hq.admin, input: { idleMinutes: 15 } };
  },
  'staff.create': () => {
    const hq = makeHq();
    return { t: hq.t, session: hq.admin, input: { name: '小王', role: 'clerk', pin: '1357' } };
  },
  'staff.update': () => {
    const hq = makeHq();
    return { t: hq.t, session: hq.admin, input: { id: hq.t.call('auth.me', {}, hq.clerk).staff.id, role: 'manager' } };
  },
  'staff.changeOwnPin': () => {
    const hq = makeHq();
    return { t: hq.t, session: hq.clerk, input: { oldPin: '1357', newPin: '864200' } };
  },

  'members.create': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: memberInput('张三', '13900000001') };
  },
  'members.update': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { id: c.member(), name: '张叁' } };
  },
  'members.setStatus': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { id: c.member(), status: 'inactive' } };
  },
  'members.setMarketingConsent': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { memberId: c.member('张三', { consentMarketing: true }), granted: false } };
  },
  'members.exportData': () => {
    const c = counter();
    return { t: c.t, session: c.admin, input: { memberId: c.member() } };
  },
  'privacy.saveNotice': () => {
    const c = counter();
    return { t: c.t, session: c.admin, input: { text: '本店会员隐私告知（第二版）' } };
  },
  'members.merge': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { keepId: c.member(), mergeId: c.member() } };
  },
  'members.dismissDuplicate': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { memberId: c.member(), otherId: c.member() } };
  },
  'members.erase': () => {
    const c = counter();
    return { t: c.t, session: c.admin, input: { id: c.member(), confirm: true, reason: '会员本人要求删除' } };
  },

  'demo.remove': () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: '王店长', adminPin: '246810', demoMembers: 5 });
    return { t, session: t.call('auth.login', { name: '王店长', pin: '246810' }).session, input: { confirm: true } };
  },

  'purchases.record': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { memberId: c.member(), amount: '88.00' } };
  },
  'purchases.refund': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { purchaseId: c.buy(c.member(), 100).id, amount: '10.00' } };
  },
  'purchases.void': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { purchaseId: c.buy(c.member(), 100).id, reason: '重复录入' } };
  },

  'points.redeem': () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 300);
    return { t: c.t, session: c.clerk, input: { memberId: m, points: 100 } };
  },
  'points.adjust': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { memberId: c.member(), points: 10, reason: '补录' } };
  },
  'points.expire': () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 10 } });
    c.buy(c.member(), 300);
    c.t.clock.advance(11 * DAY);
    return { t: c.t, system: true, input: {} };
  },
  'points.setRules': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { rules: { ...DEFAULT_RULES, lockDays: 7 } } };
  },

  'tiers.save': () => {
    const c = counter();
    const input = {
      basis: 'spend' as const,
      windowMonths: 12,
      reviewMonths: 12,
      tiers: tierInput(c.t, c.manager, { 银卡会员: { threshold: 100000 } }),
    };
    return { t: c.t, session: c.manager, input };
  },
  'tiers.review': () => {
    // A ¥2,000 sale makes her 银卡会员 until her review a year on; by then it is out of the window.
    const c = counter();
    c.buy(c.member(), 2000);
    c.t.clock.advance(400 * DAY);
    return { t: c.t, system: true, input: {}, action: 'tiers.downgrade' };
  },

  'followups.create': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { memberId: c.member(), dueDate: '2026-06-20' } };
  },
  'followups.complete': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { id: task(c), outcome: '满意', satisfaction: 5 } };
  },
  'followups.miss': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { id: task(c), note: '没接' } };
  },
  'followups.reschedule': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { id: task(c), dueDate: '2026-06-22' } };
  },
  'followups.cancel': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { id: task(c) } };
  },
  'followups.assign': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { id: task(c), assigneeId: c.t.call('auth.me', {}, c.clerk).staff.id } };
  },
  'followups.generate': () => {
    // A sale made while the after-sale rule was off gets its call when the rule is back on.
    const c = counter();
    setFollowupRules(c, { postPurchase: { enabled: false } });
    c.buy(c.member(), 100);
    setFollowupRules(c, {});
    return { t: c.t, session: c.manager, input: {} };
  },
  'followups.saveSettings': () => {
    const c = counter();
    const { rules, scripts } = c.t.call('followups.settings', {}, c.manager);
    return { t: c.t, session: c.manager, input: { rules: { ...rules, postPurchase: { ...rules.postPurchase, days: 5 } }, scripts } };
  },

  'feedback.create': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { memberId: c.member(), category: 'service', description: '等太久' } };
  },
  'feedback.transition': () => {
    const c = counter();
    const id = c.t.call('feedback.create', { memberId: c.member(), category: 'product', description: '漏气' }, c.clerk).id;
    return { t: c.t, session: c.clerk, input: { id, to: 'in_progress' }, action: 'feedback.in_progress' };
  },

  'reports.segmentFollowups': () => {
    // The store's only customer is above no mean: general_retain (L L L).
    const c = counter();
    c.buy(c.member('甲', { consentMarketing: true }), 500);
    return { t: c.t, session: c.manager, input: { segment: 'general_retain', dueDate: '2026-06-16' } };
  },
  'takings.set': () => {
    const c = counter();
    return { t: c.t, session: c.clerk, input: { date: '2026-06-14', amount: '5000' } };
  },

  'hq.joinChain': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { chainCode: 'BD-ABCD-EFGH' } };
  },
  'hq.exportPassphrase': () => {
    const hq = makeHq();
    return { t: hq.t, session: hq.admin, input: { passphrase: 'chain-export-2026' } };
  },
  'hq.exportBranch': () => {
    const c = counter();
    c.t.call('hq.joinChain', { chainCode: 'BD-ABCD-EFGH' }, c.manager);
    c.member();
    return { t: c.t, session: c.manager, input: { mode: 'full' } };
  },
  'hq.merge': () => {
    const hq = makeHq();
    const branch = makeBranch('SH01', hq.chainCode);
    branch.buy(branch.member('张三', '13800000001'), '100.00');
    const file = exportFile(branch, 'full');
    // In a batch: the backup taken before it is a write of its own, audited too.
    return { t: hq.t, session: hq.manager, input: { fileName: file.fileName, upload: storeUpload(hq.t.path, file.path), batch: 'audit' } };
  },
  'hq.resolveConflict': () => {
    // Both branches know 张三 with another birthday: HQ keeps the newer and lists the other.
    const { hq, a, b } = chain();
    merge(hq, exportFile(b, 'full').path);
    merge(hq, exportFile(a, 'full').path);
    const conflict = hq.t.call('hq.conflicts', {}, hq.manager).items[0];
    return { t: hq.t, session: hq.manager, input: { id: conflict.id, value: conflict.value } };
  },

  'jobs.cancel': () => {
    // The hourly chores queue the expiry once lots are due; a manager stops it before its first slice.
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 10 } });
    c.buy(c.member(), 300);
    c.advance(11 * DAY);
    const id = jobRunner(c.t.app).queueChore('points.expire', { now: c.t.clock.now().toISOString() })!;
    return { t: c.t, session: c.manager, input: { id } };
  },

  'backup.restore': () => {
    // HQ restoring its own backup (a branch's restores: test/services/backup/restore.test.ts).
    const hq = makeHq();
    backupNow(hq.t.db, 'hq.sqlite');
    return { t: hq.t, session: hq.admin, input: { backupFile: 'hq.sqlite', confirm: true } };
  },
  'import.open': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { kind: 'members', fileName: 'members.csv', upload: storeUpload(c.t.path, MEMBERS_FILE) } };
  },
  'import.preview': async () => {
    const { c, id, mapping } = await importOpened();
    return { t: c.t, session: c.manager, input: { id, mapping } };
  },
  'import.choose': async () => {
    const { c, id } = await importPreviewed();
    return { t: c.t, session: c.manager, input: { id, choice: 'skip' } };
  },
  'import.start': async () => {
    const { c, id } = await importPreviewed();
    return { t: c.t, session: c.manager, input: { id, consentDeclared: true } };
  },
  'import.cancel': async () => {
    const { c, id } = await importPreviewed();
    return { t: c.t, session: c.manager, input: { id } };
  },

  'categories.save': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { items: ['服装', '鞋包'] } };
  },
  'categories.add': () => {
    const c = counter();
    return { t: c.t, session: c.manager, input: { name: '鞋包' } };
  },

  'backup.create': () => {
    const hq = makeHq();
    return { t: hq.t, session: hq.admin, input: {} };
  },
  'encryption.enable': () => {
    // At HQ, whose database holds every branch's customers (a branch's: test/services/encryption/).
    const hq = makeHq();
    return { t: hq.t, session: hq.admin, input: { passphrase: 'hq-passphrase-2026', confirm: true } };
  },
  'encryption.changePassphrase': () => {
    // An HQ whose database is encrypted already.
    const t = makeTestApp(tempDbPath(), { hq: true, key: { passphrase: 'the old passphrase' } });
    t.call('setup.init', { branchName: '总部', branchCode: 'HQ', adminName: '王店长', adminPin: '246810', kind: 'hq' });
    const admin = t.call('auth.login', { name: '王店长', pin: '246810' }).session;
    return { t, session: admin, input: { current: 'the old passphrase', next: 'the new passphrase', confirm: true } };
  },
  'backup.saveSettings': () => {
    const hq = makeHq();
    return {
      t: hq.t,
      session: hq.admin,
      input: { destination: null, warnDays: 5, rotation: { daily: 7, weekly: 4, monthly: 12, others: 5 } },
    };
  },
};

/** A planned manual follow-up for a new member. */
const MEMBERS_FILE = join(import.meta.dirname, '../../fixtures/import/members-gbk.csv');

async function importOpened() {
  const c = counter();
  const upload = storeUpload(c.t.path, MEMBERS_FILE);
  const { id, mapping } = await c.t.callAsync('import.open', { kind: 'members', fileName: 'members.csv', upload }, c.manager);
  return { c, id, mapping };
}

async function importPreviewed() {
  const { c, id, mapping } = await importOpened();
  await c.t.callAsync('import.preview', { id, mapping }, c.manager);
  return { c, id };
}

function task(c: Counter): string {
  return c.t.call('followups.create', { memberId: c.member(), dueDate: '2026-06-20' }, c.clerk).id;
}
