import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runBackups } from '../../../services/backup/run';
import { makeTestApp, setUpBranch, storeUpload, loginAs, type TestApp } from '../../helpers';
import { fixture, scratchFolder } from './import-files';

// A members file from opening to its end: the mapping guessed, every row cleaned and decided in
// the preview, nothing written until the manager starts it, then written by the job, with the
// opening points in the ledger and the consent declaration recorded.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

function store() {
  const t = makeTestApp();
  const admin = setUpBranch(t);
  return { t, admin };
}

async function opened(t: TestApp, session: string, file: string, kind: 'members' | 'sales' = 'members') {
  const upload = storeUpload(t.path, file);
  return t.callAsync('import.open', { kind, fileName: file.split('/').pop() ?? 'file.csv', upload }, session);
}

function csv(name: string, lines: string[]): string {
  const path = scratch.path(name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

const memberCount = (t: TestApp) => (t.db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;

describe('a members import', () => {
  it('opens a GBK file with its mapping guessed, previews it without writing, and imports it', async () => {
    const { t, admin } = store();
    const open = await opened(t, admin, fixture('members-gbk.csv'));
    expect(open.file.encoding).toBe('gb18030');
    expect(open.mapping).toEqual(['cardNo', 'name', 'phone', 'birthday', 'gender', 'points', 'notes']);
    expect(open.mappingRemembered).toBe(false);
    const preview = await t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
    expect(preview.state).toBe('previewed');
    expect(preview.counts?.rows).toBeGreaterThan(0);
    expect(preview.counts?.create).toBe(preview.counts?.valid);
    expect(memberCount(t)).toBe(0);
    expect(preview.cleaning.map((c) => c.rule)).toContain('text.fullWidth');

    const refused = t.raw('import.start', { id: open.id }, admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { issues: [{ field: 'consentDeclared' }] } } });

    const started = t.call('import.start', { id: open.id, consentDeclared: true }, admin);
    expect(started.state).toBe('importing');
    t.runJobs();
    const done = t.call('import.get', { id: open.id }, admin);
    expect(done.state).toBe('done');
    expect(done.consent?.byName).toBeTruthy();
    expect(memberCount(t)).toBe(preview.counts?.create);
    // Opening points are the ledger's: each balance equals its member's entries.
    const off = t.db
      .prepare(
        `SELECT m.id FROM members m WHERE m.points_balance <> (SELECT coalesce(sum(points), 0) FROM points_ledger l WHERE l.member_id = m.id)`,
      )
      .all();
    expect(off).toEqual([]);
    const adjust = t.db.prepare(`SELECT points, reason, detail_json FROM points_ledger WHERE kind = 'adjust'`).all() as Array<{
      reason: string;
      detail_json: string;
    }>;
    expect(adjust.length).toBe(preview.notices?.pointsRows);
    expect(adjust.every((a) => a.reason === 'import' && JSON.parse(a.detail_json).fileName === 'members-gbk.csv')).toBe(true);
    const zhang = t.db.prepare(`SELECT * FROM members WHERE name = '张三'`).get() as {
      phone: string;
      consent_data_at: string;
      birthday: string;
    };
    expect(zhang.phone).toBe('+8613800138000');
    expect(zhang.birthday).toBe('1990-05-01');
    expect(zhang.consent_data_at).toBe(done.consent?.at);
  });

  it('refuses bad rows with their row, column, value and reason, and gives them back to fix', async () => {
    const { t, admin } = store();
    const file = csv('bad.csv', [
      '姓名,手机,生日,积分',
      '张三,13800138000,1990-05-01,10',
      '李四,12345,1985-01-01,',
      '王五,13900139000,2999-01-01,',
      '赵六,13700137000,,abc',
    ]);
    const open = await opened(t, admin, file);
    const preview = await t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
    expect(preview.counts).toMatchObject({ rows: 4, valid: 1, invalid: 3, create: 1 });
    const problems = t.call('import.problems', { id: open.id }, admin);
    expect(problems.items).toEqual([
      { row: 3, column: '手机', value: '12345', reason: 'phone.serviceNumber', limit: null },
      { row: 4, column: '生日', value: '2999-01-01', reason: 'birthday.future', limit: null },
      { row: 5, column: '积分', value: 'abc', reason: 'points.notNumber', limit: null },
    ]);
    const rejected = t.call('import.rejected', { id: open.id }, admin);
    expect(rejected.headers).toEqual(['姓名', '手机', '生日', '积分']);
    expect(rejected.rows.map((r) => r.cells[0])).toEqual(['李四', '王五', '赵六']);
    t.call('import.start', { id: open.id, consentDeclared: true }, admin);
    t.runJobs();
    expect(memberCount(t)).toBe(1);
  });

  it('finds duplicates in the file and in the store, and does what the manager chose', async () => {
    const { t, admin } = store();
    t.call('members.create', { name: '老会员', phone: '13800138000', consentData: true }, admin);
    t.call('members.create', { name: 'Wang Fang', phone: '13600136000', consentData: true, birthday: '1990-01-02' }, admin);
    const file = csv('dups.csv', [
      '姓名,手机,生日,备注',
      '张三,13800138000,,新备注',
      '李四,13900139000,,',
      '李四二,139 0013 9000,,',
      'WANG FANG,13500135000,1990-01-02,',
    ]);
    const open = await opened(t, admin, file);
    const preview = await t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
    expect(preview.counts).toMatchObject({ valid: 4, create: 2, update: 1, skip: 1, duplicatePairs: 3, possibleDuplicates: 1 });
    const dups = t.call('import.duplicates', { id: open.id }, admin).items;
    expect(dups.map((d) => [d.row, d.bases, d.certain, d.other.kind, d.choice])).toEqual([
      [2, ['phone'], true, 'member', 'update'],
      [4, ['phone'], true, 'row', 'skip'],
      [5, ['nameBirthday'], false, 'member', 'create'],
    ]);
    const chosen = t.call('import.choose', { id: open.id, row: 2, choice: 'skip' }, admin);
    expect(chosen.counts).toMatchObject({ create: 2, update: 0, skip: 2 });
    expect(t.raw('import.choose', { id: open.id, row: 4, choice: 'create' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    t.call('import.choose', { id: open.id, row: 5, choice: 'update' }, admin);
    t.call('import.start', { id: open.id, consentDeclared: true }, admin);
    t.runJobs();
    const names = (
      t.db.prepare('SELECT name, notes, phone FROM members ORDER BY name').all() as Array<{
        name: string;
        notes: string | null;
        phone: string;
      }>
    ).map((m) => [m.name, m.notes, m.phone]);
    expect(names).toEqual([
      // the update takes the file's spelling of the name it was found by
      ['WANG FANG', null, '+8613600136000'],
      ['李四', null, '+8613900139000'],
      ['老会员', null, '+8613800138000'],
    ]);
  });

  it('a clerk cannot import', async () => {
    const { t, admin } = store();
    const clerk = loginAs(t, admin, 'clerk');
    const upload = storeUpload(t.path, fixture('members-gbk.csv'));
    expect(await t.rawAsync('import.open', { kind: 'members', fileName: 'a.csv', upload }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('remembers the mapping the manager confirmed', async () => {
    const { t, admin } = store();
    const file = csv('odd.csv', ['客户,号码,X', '张三,13800138000,1']);
    const first = await opened(t, admin, file);
    expect(first.mapping).toEqual([null, null, null]);
    await t.callAsync('import.preview', { id: first.id, mapping: ['name', 'phone', null] }, admin);
    t.call('import.start', { id: first.id, consentDeclared: true }, admin);
    const again = await opened(t, admin, file);
    expect(again).toMatchObject({ mapping: ['name', 'phone', null], mappingRemembered: true });
  });

  it('cancelled half-way, leaves nothing behind', async () => {
    const { t, admin } = store();
    const lines = ['姓名,手机,积分'];
    for (let i = 0; i < 700; i++) lines.push(`会员${i},138${String(i).padStart(8, '0')},${i % 5}`);
    const open = await opened(t, admin, csv('many.csv', lines));
    await t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
    const started = t.call('import.start', { id: open.id, consentDeclared: true }, admin);
    runBackups(t.app); // the backup import.start asked for, which the job waits for
    const runner = (await import('../../../services/core/jobs/runner')).jobRunner(t.app);
    runner.step();
    runner.step();
    expect(memberCount(t)).toBeGreaterThan(0);
    t.call('import.cancel', { id: open.id }, admin);
    t.runJobs();
    expect(t.call('import.get', { id: open.id }, admin).state).toBe('cancelled');
    expect(memberCount(t)).toBe(0);
    expect((t.db.prepare('SELECT count(*) AS n FROM points_ledger').get() as { n: number }).n).toBe(0);
    expect(started.jobId).toBeTruthy();
  });
});

describe('the figures after a members import', () => {
  it('counts opening balances as no points issued in the period: the store’s old system issued them', async () => {
    const { t, admin } = store();
    const file = csv('points.csv', ['姓名,手机,积分', '张三,13800138000,500', '李四,13900139000,300']);
    const open = await opened(t, admin, file);
    await t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
    t.call('import.start', { id: open.id, consentDeclared: true }, admin);
    t.runJobs();
    const member = t.call('members.search', { q: '13800138000' }, admin).items[0];
    t.call('points.adjust', { memberId: member.id, points: 20, reason: '补登' }, admin);
    t.runJobs();
    const month = t.clock.now().toISOString().slice(0, 7);
    const summary = t.call('reports.summary', { period: month }, admin);
    expect(summary.current).toMatchObject({ pointsIssued: 20, newMembers: 2 });
  });
});
