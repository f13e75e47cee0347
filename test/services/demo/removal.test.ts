import { describe, expect, it } from 'vitest';
import * as m0025 from '../../../db/migrations/0025-demo-members';
import { branchQueries } from '../../../db/queries/core/branch';
import { insertDemoMembers } from '../../../services/demo/members';
import { runBackups } from '../../../services/backup/run';
import { jobRunner } from '../../../services/core/jobs/runner';
import { ADMIN, loginAs, makeTestApp, sequentialIds, type TestApp } from '../../helpers';
import { auditRows, failure, memberInput, rowCount } from '../fixtures';
import { ledgerProblems, problemsAfterMerges } from '../points-fixtures';
import { expectResumesAlike } from '../job-fixtures';
import { makeHq } from '../hq-fixtures';

// 删除演示数据 (services/demo/removal.ts, removal-job.ts): the demo load's members marked, and
// removed with everything recorded on them, the store's own members and their records untouched.

const DEMO = 30;

interface DemoStore {
  t: TestApp;
  admin: string;
  manager: string;
  clerk: string;
  /** a member the store registered itself, with a sale */
  own: string;
  ownSale: string;
}

/** A demo store a minute after its first run, with a member of its own who bought, and a counter sale on a demo member. */
function demoStore(chainCode?: string): DemoStore {
  const t = makeTestApp();
  t.call('setup.init', {
    branchName: '徐汇店',
    branchCode: 'SH01',
    adminName: ADMIN.name,
    adminPin: ADMIN.pin,
    demoMembers: DEMO,
    ...(chainCode ? { chainCode } : {}),
  });
  t.clock.advance(60_000);
  const admin = t.call('auth.login', ADMIN).session;
  const clerk = loginAs(t, admin, 'clerk', '小李');
  const manager = loginAs(t, admin, 'manager', '赵经理');
  const own = t.call('members.create', memberInput('真顾客', '13700000001'), clerk).id;
  const ownSale = t.call('purchases.record', { memberId: own, amount: 300, confirmDuplicate: true }, clerk).purchase.id;
  const demoMember = t.db
    .prepare("SELECT member_id FROM demo_members JOIN members ON id = member_id WHERE status = 'active' ORDER BY member_id LIMIT 1")
    .pluck()
    .get() as string;
  t.call('purchases.record', { memberId: demoMember, amount: 88, confirmDuplicate: true }, clerk);
  return { t, admin, manager, clerk, own, ownSale };
}

const demoIds = (t: TestApp) => t.db.prepare('SELECT member_id FROM demo_members ORDER BY member_id').pluck().all() as string[];

describe('demo members are marked', () => {
  it('by the first run: each demo member, and no member registered after or seeded by the bench', () => {
    const s = demoStore();
    const ids = demoIds(s.t);
    expect(ids).toHaveLength(DEMO);
    expect(ids).not.toContain(s.own);
    // The bench's seed writes the same rows without the mark: they are not the first run's demo data.
    const staffId = s.t.db.prepare("SELECT id FROM staff WHERE role = 'admin'").pluck().get() as string;
    const branch = branchQueries(s.t.db).self()!;
    insertDemoMembers(s.t.db, { branch, staffId, count: 5, now: s.t.clock.now().toISOString(), newId: sequentialIds('bench'), seed: 3 });
    expect(demoIds(s.t)).toEqual(ids);
  });

  it('by migration 0025 in a store loaded before it: the members made between the branch and the demo.load row', () => {
    const s = demoStore();
    const marked = demoIds(s.t);
    // The store as 0024 left it: no mark at all.
    s.t.db.exec('DROP TABLE demo_members');
    s.t.db.exec(m0025.sql);
    expect(demoIds(s.t)).toEqual(marked);
  });
});

describe('删除演示数据', () => {
  it('counts what goes, then removes the demo members and all their rows, keeping the store’s own', () => {
    const s = demoStore();
    const { t } = s;
    const status = t.call('demo.status', {}, s.admin);
    expect(status).toMatchObject({ members: DEMO, counterSales: 1, kept: 0, refusal: null, jobId: null });
    expect(status.sales).toBe(DEMO * 4 + 1);
    expect(status.pointsEntries).toBeGreaterThan(0);
    const auditBefore = rowCount(t.db, 'audit_log');
    const demoName = t.db.prepare('SELECT name FROM members JOIN demo_members ON member_id = id LIMIT 1').pluck().get() as string;
    expect(t.call('members.search', { q: demoName }, s.clerk).items.length).toBeGreaterThan(0);

    const ownRows = () =>
      ['members WHERE id', 'purchases WHERE member_id', 'points_ledger WHERE member_id', 'points_lots WHERE member_id'].map((from) =>
        t.db.prepare(`SELECT * FROM ${from} = ?`).all(s.own),
      );
    const ownBefore = ownRows();
    const started = t.call('demo.remove', { confirm: true }, s.admin);
    expect(started.members).toBe(DEMO);
    // Asked twice (a second window): the same removal.
    expect(t.call('demo.remove', { confirm: true }, s.admin).jobId).toBe(started.jobId);
    // Nothing goes before the backup is taken.
    expect(jobRunner(t.app).step()).toBe(false);
    expect(rowCount(t.db, 'members')).toBe(DEMO + 1);
    t.runJobs();

    expect(t.call('jobs.get', { id: started.jobId }, s.admin).state).toBe('done');
    expect(t.db.prepare("SELECT state FROM backups WHERE kind = 'manual'").pluck().all()).toEqual(['ok']);
    expect(t.db.prepare('SELECT id FROM members').pluck().all()).toEqual([s.own]);
    expect(t.db.prepare('SELECT id FROM purchases').pluck().all()).toEqual([s.ownSale]);
    expect(ownRows()).toEqual(ownBefore);
    for (const table of ['points_lots', 'points_ledger', 'followups', 'member_consents', 'report_members']) {
      expect(t.db.prepare(`SELECT count(*) FROM ${table} WHERE member_id <> ?`).pluck().get(s.own), table).toBe(0);
    }
    expect(rowCount(t.db, 'member_tags')).toBe(0);
    expect(rowCount(t.db, 'demo_members')).toBe(0);
    expect(ledgerProblems(t.db)).toEqual([]);
    expect(t.call('points.balance', { memberId: s.own }, s.clerk).balance).toBeGreaterThan(0);
    // The trail stays whole, the demo load's row with it, and says what happened.
    expect(rowCount(t.db, 'audit_log')).toBeGreaterThan(auditBefore);
    expect(auditRows(t.db, 'demo.load')).toHaveLength(1);
    expect(auditRows(t.db, 'demo.remove')).toHaveLength(1);
    expect(auditRows(t.db, 'demo.removed')).toHaveLength(1);
    expect(t.call('demo.status', {}, s.admin)).toMatchObject({ members: 0, sales: 0, jobId: null });

    // What the counter and the reports see: the store's own member and sale alone.
    expect(t.call('members.search', { q: demoName }, s.clerk).items).toEqual([]);
    const list = t.call('members.list', {}, s.clerk);
    expect(list.items.map((m) => m.id)).toEqual([s.own]);
    expect(list.total).toBe(1);
    t.runJobs();
    for (const period of ['2025', '2026']) {
      const kpis = t.call('reports.summary', { period }, s.manager).current;
      expect(kpis.orders, period).toBe(period === '2026' ? 1 : 0);
      expect(kpis.salesFen, period).toBe(period === '2026' ? 30000 : 0);
    }
  });

  it('leaves a demo member merged into a member of the store’s own, whose ledger stays whole', () => {
    const s = demoStore();
    const [merged] = demoIds(s.t);
    s.t.call('members.merge', { keepId: s.own, mergeId: merged }, s.manager);
    const balance = s.t.call('points.balance', { memberId: s.own }, s.clerk).balance;
    expect(s.t.call('demo.status', {}, s.admin)).toMatchObject({ members: DEMO - 1, kept: 1 });
    s.t.call('demo.remove', { confirm: true }, s.admin);
    s.t.runJobs();
    expect(demoIds(s.t)).toEqual([merged]);
    expect(s.t.call('demo.status', {}, s.admin)).toMatchObject({ members: 0, kept: 1 });
    // The merge moved the demo member's lots to the store's member, still naming the demo member's
    // earn entries: why a merged demo member stays.
    expect(s.t.call('points.balance', { memberId: s.own }, s.clerk).balance).toBe(balance);
    expect(problemsAfterMerges(s.t.db)).toEqual([]);
  });

  it('is refused to a manager and a clerk, and once an export file was made for HQ, changing nothing', () => {
    const hq = makeHq();
    const s = demoStore(hq.chainCode);
    for (const session of [s.manager, s.clerk]) {
      expect(failure(s.t, 'demo.remove', { confirm: true }, session).code).toBe('FORBIDDEN');
      expect(failure(s.t, 'demo.status', {}, session).code).toBe('FORBIDDEN');
    }
    s.t.call('hq.exportBranch', { mode: 'full' }, s.manager);
    expect(s.t.call('demo.status', {}, s.admin).refusal).toBe('sent_to_hq');
    const jobs = rowCount(s.t.db, 'jobs');
    const error = failure(s.t, 'demo.remove', { confirm: true }, s.admin);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'sent_to_hq' } });
    expect(rowCount(s.t.db, 'jobs')).toBe(jobs);
    expect(rowCount(s.t.db, 'demo_members')).toBe(DEMO);
  });

  it('is refused at HQ, which never holds demo data', () => {
    const hq = makeHq();
    expect(failure(hq.t, 'demo.remove', { confirm: true }, hq.admin)).toMatchObject({ code: 'WRONG_MODE' });
  });

  it('is refused with nothing to remove', () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
    const admin = t.call('auth.login', ADMIN).session;
    expect(failure(t, 'demo.remove', { confirm: true }, admin)).toMatchObject({ code: 'CONFLICT', details: { reason: 'no_demo_data' } });
  });

  it('demo.remove: resumed after any number of slices, ends in the same database as one run straight through', () => {
    const s = demoStore();
    s.t.call('demo.remove', { confirm: true }, s.admin);
    runBackups(s.t.app);
    // 30 members, 8 a slice: 4 slices, the last finding fewer and ending it; then the summaries' slices.
    expect(expectResumesAlike(s.t, 8)).toBeGreaterThan(4);
  });
});
