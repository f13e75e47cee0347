import { afterAll, describe, expect, it } from 'vitest';
import { jobRunner } from '../../../services/core/jobs/runner';
import { expectResumesAlike } from '../job-fixtures';
import { counter, ledgerProblems, type Counter } from '../points-fixtures';
import { scratchFolder } from './import-files';
import { count, openFile, startFile, writeCsv } from './import-fixtures';

// The import's jobs (import.members, import.sales; services/import/jobs.ts) killed after any
// slice and resumed by a new app on the same file end where one run straight through ends, row
// for row (docs/jobs.md's table): writing, the follow-on jobs it queues, dropping the staged rows,
// and an undo turned round half-way.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

/** A store with two members of its own, one of whom the members file updates. */
function store(): Counter {
  const c = counter();
  c.member('老会员'); // 13800000001
  c.member('王芳', { birthday: '1990-01-02' }); // 13800000002
  return c;
}

const MEMBERS = [
  '姓名,手机,生日,积分,标签,备注',
  '张三,13900000001,1990-05-01,120,老顾客,',
  '李四,13900000002,,0,,',
  '王五,13900000003,1985/3/2,35,爱喝茶、老顾客,',
  '老会员,13800000001,,,,新备注', // updates the store's member
  '李四二,139 0000 0002,,,,', // the same phone as row 3: skipped
  '赵六,12345,,,,', // refused
  '钱七,13900000007,19920315,8,,',
  '孙八,13900000008,,200,,',
  '周九,13900000009,,,VIP,',
];

const SALES = [
  '日期,金额,手机,小票号,品类',
  '2026-01-05 10:00,88.00,13800000001,A001,咖啡',
  '2026-02-05,120,13800000002,A002,',
  '2026-03-05 09:30,35.5,13800000001,,咖啡',
  '2026-03-05 09:30,35.5,13800000001,,咖啡', // the same again: a second identical sale, kept
  '2026-04-01,60,13800000003,A003,',
  '2026-04-02,60,13900000000,A004,', // nobody's phone: refused
  '2026-05-01,99,13800000002,A002,', // a receipt the file had: left out
  '2026-06-01,10,13800000003,,',
];

async function membersImport(c: Counter) {
  return startFile(c.t, c.manager, writeCsv(scratch.path(`members-${Math.random()}.csv`), MEMBERS), 'members');
}

async function salesImport(c: Counter) {
  c.member('丙'); // 13800000003
  return startFile(c.t, c.manager, writeCsv(scratch.path(`sales-${Math.random()}.csv`), SALES), 'sales', { historyPoints: true });
}

describe('an import killed half-way', () => {
  it('import.members: resumed after any number of slices, ends in the same database as one run straight through', async () => {
    const c = store();
    await membersImport(c);
    // 9 rows, 2 a slice: 5 writing slices (the last ends the import and queues the tiers and the
    // summaries), one dropping the staged rows; then the follow-on jobs' own slices (18 here).
    expect(expectResumesAlike(c.t, 2)).toBe(24);
  });

  it('import.sales: resumed after any number of slices, ends in the same database as one run straight through', async () => {
    const c = store();
    await salesImport(c);
    // 8 rows, 2 a slice: 4 writing slices and one that finds none left and ends the import, one
    // dropping the staged rows; then the tiers' and the summaries' slices.
    expect(expectResumesAlike(c.t, 2)).toBe(18);
  });

  it('import.members undone: cancelled half-way, resumed after any number of slices, ends alike', async () => {
    const c = store();
    const started = await membersImport(c);
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    runner.step();
    runner.step();
    expect(count(c.t, "SELECT count(*) FROM members WHERE name IN ('张三', '李四', '王五')")).toBe(3);
    c.buy(c.t.db.prepare("SELECT id FROM members WHERE name = '张三'").pluck().get() as string, 30); // kept by the undo
    c.t.call('import.cancel', { id: started.id }, c.manager);
    // 4 rows written, undone 2 a slice: 3 slices (the last finds none left and ends it), one
    // dropping the staged rows; then the summaries' slices
    expect(expectResumesAlike(c.t, 2)).toBe(12);
  });

  it('import.sales undone: cancelled half-way, resumed after any number of slices, ends alike', async () => {
    const c = store();
    const started = await salesImport(c);
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    runner.step();
    runner.step();
    expect(count(c.t, 'SELECT count(*) FROM purchases')).toBe(4);
    expect(c.t.call('jobs.get', { id: started.jobId! }, c.manager).step).toBeNull();
    c.t.call('import.cancel', { id: started.id }, c.manager);
    // The app bar says 正在撤销… from the cancel on, not 正在导入 at the import's last percentage.
    expect(c.t.call('jobs.get', { id: started.jobId! }, c.manager)).toMatchObject({ step: 'undo', etaSeconds: null });
    // 4 sales written, undone 2 a slice: 3 slices, one dropping the staged rows; then the tiers' and the summaries' slices
    expect(expectResumesAlike(c.t, 2)).toBe(14);
  });

  it('ends with a sound ledger and nothing of an undone import left', async () => {
    const c = store();
    const started = await membersImport(c);
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    runner.step();
    c.t.call('import.cancel', { id: started.id }, c.manager);
    c.t.runJobs();
    expect(c.t.call('import.get', { id: started.id }, c.manager).state).toBe('cancelled');
    expect(count(c.t, 'SELECT count(*) FROM members')).toBe(2);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('failed half-way: shown failed with its error, and a cancel undoes what it wrote', async () => {
    const c = store();
    const started = await membersImport(c);
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    runner.step();
    expect(count(c.t, 'SELECT count(*) FROM members')).toBe(4);
    c.t.db.exec("CREATE TRIGGER no_more BEFORE INSERT ON members BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    runner.step();
    const failed = c.t.call('import.get', { id: started.id }, c.manager);
    expect(failed).toMatchObject({ state: 'failed', error: 'disk full' });
    c.t.db.exec('DROP TRIGGER no_more');
    const cancelled = c.t.call('import.cancel', { id: started.id }, c.manager);
    expect(cancelled.jobId).not.toBe(started.jobId);
    c.t.runJobs();
    expect(c.t.call('import.get', { id: started.id }, c.manager)).toMatchObject({ state: 'cancelled', error: null });
    expect(count(c.t, 'SELECT count(*) FROM members')).toBe(2);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });

  it('cancelled while its preview runs: the preview stops and no staged row stays behind', async () => {
    const c = store();
    const lines = ['姓名,手机'];
    for (let i = 0; i < 20_000; i++) lines.push(`会员${i},139${String(i).padStart(8, '0')}`);
    const open = await openFile(c.t, c.manager, writeCsv(scratch.path('long.csv'), lines));
    const preview = c.t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, c.manager);
    for (let i = 0; i < 1000 && count(c.t, 'SELECT count(*) FROM import_rows') === 0; i++) await new Promise((r) => setTimeout(r, 1));
    expect(count(c.t, 'SELECT count(*) FROM import_rows')).toBeGreaterThan(0);
    c.t.call('import.cancel', { id: open.id }, c.manager);
    c.t.runJobs(); // drops what was staged so far
    expect((await preview).state).toBe('cancelled');
    c.t.runJobs();
    expect(count(c.t, 'SELECT count(*) FROM import_rows')).toBe(0);
    expect(count(c.t, 'SELECT count(*) FROM members')).toBe(2);
  });
});
