import { afterAll, describe, expect, it } from 'vitest';
import { jobRunner } from '../../../services/core/jobs/runner';
import { auditRows } from '../fixtures';
import { counter, type Counter } from '../points-fixtures';
import { scratchFolder } from './import-files';
import { importFile, startFile, writeCsv } from './import-fixtures';

// The consent history of the members an import writes (services/import/member-writer.ts, docs/
// import.md "Consent and opening balances"): rows of channel `import`, in the manager's name at
// the declaration's time and under the notice then in force, and undone with the rest.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

let files = 0;
const membersFile = (lines: readonly string[]) => writeCsv(scratch.path(`consents-${++files}.csv`), lines);

/** The import's consent rows, by member phone and then as written. */
const importConsents = (c: Counter) =>
  c.t.db
    .prepare(
      `SELECT m.name, c.kind, c.granted, c.notice_version, c.at, c.by_staff FROM member_consents c JOIN members m ON m.id = c.member_id
        WHERE c.channel = 'import' ORDER BY m.phone, c.rowid`,
    )
    .all();

const idOf = (c: Counter, name: string) => c.t.db.prepare('SELECT id FROM members WHERE name = ?').pluck().get(name) as string;

const FILE = ['姓名,手机,同意营销', '甲,13900000001,是', '乙,13900000002,', '老会员,13800000001,是', '丙,13900000003,是'];

describe("a members import's consent rows", () => {
  it('each member it creates consents to keeping data (and to marketing where the column says yes); an update giving marketing consent adds that', async () => {
    const c = counter();
    c.member('老会员'); // 13800000001, no marketing consent
    c.t.call('privacy.saveNotice', { text: '第二版告知' }, c.admin);
    const manager = c.t.call('auth.me', {}, c.manager).staff;
    const done = await importFile(c.t, c.manager, membersFile(FILE));
    const at = done.consent!.at;
    const row = (name: string, kind: string) => ({ name, kind, granted: 1, notice_version: 2, at, by_staff: manager.id });
    expect(importConsents(c)).toEqual([
      row('老会员', 'marketing'),
      row('甲', 'data'),
      row('甲', 'marketing'),
      row('乙', 'data'),
      row('丙', 'data'),
      row('丙', 'marketing'),
    ]);
    // The declaration names the notice its rows name.
    expect(JSON.parse(auditRows(c.t.db, 'import.start')[0].after_json!).consentDeclared).toMatchObject({ at, noticeVersion: 2 });
    // The member page reads them as any consent: the channel says it was the manager's declaration.
    expect(c.t.call('members.consents', { memberId: idOf(c, '乙') }, c.clerk).items).toEqual([
      { id: expect.any(String), kind: 'data', granted: true, noticeVersion: 2, at, byName: '赵经理', channel: 'import' },
    ]);

    // The same file again changes nothing, so records nothing.
    const before = importConsents(c);
    await importFile(c.t, c.manager, membersFile(FILE));
    expect(importConsents(c)).toEqual(before);

    // A file withdrawing marketing consent records the withdrawal.
    await importFile(c.t, c.manager, membersFile(['姓名,手机,同意营销', '甲,13900000001,否']));
    expect(c.t.call('members.consents', { memberId: idOf(c, '甲') }, c.clerk).items.map((e) => [e.kind, e.granted, e.channel])).toEqual([
      ['data', true, 'import'],
      ['marketing', true, 'import'],
      ['marketing', false, 'import'],
    ]);
  });

  it('undone with the import: a member it created goes with their consents, one it updated loses the consent it recorded, one kept keeps them', async () => {
    const c = counter();
    const old = c.member('老会员');
    const started = await startFile(c.t, c.manager, membersFile(FILE));
    const runner = jobRunner(c.t.app, { sliceRows: 2 });
    runner.step();
    runner.step();
    expect(importConsents(c)).toHaveLength(6);
    c.buy(idOf(c, '丙'), 30); // the counter served 丙: the store's member now
    c.t.call('import.cancel', { id: started.id }, c.manager);
    c.t.runJobs();
    expect(c.t.call('import.get', { id: started.id }, c.manager).state).toBe('cancelled');
    expect(importConsents(c).map((r) => Object.values(r as object).slice(0, 2))).toEqual([
      ['丙', 'data'],
      ['丙', 'marketing'],
    ]);
    // 老会员 is as before the import: no marketing consent, and a history that says so.
    expect(c.t.call('members.get', { id: old }, c.clerk).consentMarketing.given).toBe(false);
    expect(c.t.call('members.consents', { memberId: old }, c.clerk).items.map((e) => [e.kind, e.channel])).toEqual([
      ['data', 'registration'],
    ]);
    expect(c.t.db.prepare('SELECT COUNT(*) FROM member_consents WHERE member_id NOT IN (SELECT id FROM members)').pluck().get()).toBe(0);
  });
});
