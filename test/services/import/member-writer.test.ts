import { afterAll, describe, expect, it } from 'vitest';
import { jobRunner } from '../../../services/core/jobs/runner';
import { auditRows } from '../fixtures';
import { counter, DAY, ledgerProblems, lotsOf, type Counter } from '../points-fixtures';
import { scratchFolder } from './import-files';
import { count, importFile, previewFile, startFile, writeCsv } from './import-fixtures';

// What a members import writes (services/import/member-writer.ts): new members with their opening
// points in the ledger, updates that change only what the file says, the manager's consent
// declaration, and what an undo puts back.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

let files = 0;
const membersFile = (lines: readonly string[]) => writeCsv(scratch.path(`members-${++files}.csv`), lines);

/** Every member's row and tags, ledger and lots: what re-importing must leave alone. */
const memberTables = (c: Counter) => ({
  members: c.t.db.prepare('SELECT * FROM members ORDER BY id').all(),
  tags: c.t.db.prepare('SELECT * FROM member_tags ORDER BY member_id, tag').all(),
  ledger: c.t.db.prepare('SELECT * FROM points_ledger ORDER BY id').all(),
  lots: c.t.db.prepare('SELECT * FROM points_lots ORDER BY id').all(),
});

const byName = (c: Counter, name: string) =>
  c.t.db.prepare('SELECT * FROM members WHERE name = ?').get(name) as Record<string, string | number | null> & { id: string };

const FILE = [
  '会员卡号,姓名,手机,生日,性别,积分,余额,标签,备注,邮箱',
  'VIP001,张三,13900000001,1990-05-01,男,120,50.5,老顾客、爱喝茶,喜欢绿茶,zs@example.com',
  'VIP002,李四,+86 139 0000 0002,1985/3/2,女,0,,,,',
  'VIP003,王五,13900000003,,,35,"¥1,000.00",,,',
];

describe('a members import writes', () => {
  it('nothing the second time the same file comes in: every row matches its member, whose values it already has', async () => {
    const c = counter();
    const first = await importFile(c.t, c.manager, membersFile(FILE));
    expect(first.result).toMatchObject({ created: 3, points: 155 });
    const before = memberTables(c);
    c.advance(DAY);
    const again = await importFile(c.t, c.manager, membersFile(FILE));
    // The preview pairs each row with its member (an update); the job finds nothing to change.
    expect(again.counts).toMatchObject({ valid: 3, create: 0, update: 3, duplicatePairs: 3 });
    expect(again.result).toEqual({ unchanged: 3 });
    expect(memberTables(c)).toEqual(before);
    expect(auditRows(c.t.db, 'jobs.started').length).toBe(auditRows(c.t.db, 'jobs.finished').length);
  });

  it('an update of what the file changed only, a member the file matches with the same values counted unchanged', async () => {
    const c = counter();
    await importFile(c.t, c.manager, membersFile(FILE));
    const zhang = byName(c, '张三');
    const changed = [
      '手机,姓名,备注,标签',
      '13900000001,张三,喜欢红茶,新客', // notes and a tag
      '13900000002,李四,,', // nothing to change: empty cells keep what the store has
    ];
    const done = await importFile(c.t, c.manager, membersFile(changed));
    expect(done.result).toEqual({ updated: 1, unchanged: 1 });
    expect(byName(c, '张三')).toMatchObject({ notes: '喜欢红茶', version: (zhang.version as number) + 1, points_balance: 120 });
    expect(c.t.db.prepare('SELECT tag FROM member_tags WHERE member_id = ? ORDER BY tag').pluck().all(zhang.id)).toEqual([
      '新客',
      '爱喝茶',
      '老顾客',
    ]);
    expect(byName(c, '李四').version).toBe(1);
  });

  it('opening points as the ledger\'s "import" adjustments, a lot expiring under the rule from the import day', async () => {
    const c = counter();
    c.setRules({ expiry: { kind: 'days', days: 30 } });
    const done = await importFile(c.t, c.manager, membersFile(FILE));
    expect(ledgerProblems(c.t.db)).toEqual([]);
    const entries = c.t.db.prepare('SELECT member_id, kind, points, reason, detail_json FROM points_ledger ORDER BY points').all();
    expect(entries).toEqual([
      {
        member_id: byName(c, '王五').id,
        kind: 'adjust',
        points: 35,
        reason: 'import',
        detail_json: JSON.stringify({ importId: done.id, fileName: `members-${files}.csv` }),
      },
      {
        member_id: byName(c, '张三').id,
        kind: 'adjust',
        points: 120,
        reason: 'import',
        detail_json: JSON.stringify({ importId: done.id, fileName: `members-${files}.csv` }),
      },
    ]);
    // imported on 2026-06-15 (Shanghai): 30 days on, the lot lapses at the start of 16 July
    expect(lotsOf(c.t.db, byName(c, '张三').id)).toEqual([
      {
        points: 120,
        remaining: 120,
        earned_at: '2026-06-15T02:00:00.000Z',
        available_at: '2026-06-15T02:00:00.000Z',
        expires_at: '2026-07-15T16:00:00.000Z',
      },
    ]);
    expect(c.t.call('points.balance', { memberId: byName(c, '张三').id }, c.clerk).balance).toBe(120);
  });

  it('opening points only for a member it creates: a possible duplicate chosen as an update brings none, and the notice says so', async () => {
    const c = counter();
    const wang = c.member('王芳', { birthday: '1990-01-02' });
    const file = ['姓名,手机,生日,积分', '王芳,13900000001,1990-01-02,300', '李四,13900000002,,20'];
    const preview = await previewFile(c.t, c.manager, membersFile(file));
    expect(preview.notices).toMatchObject({ pointsRows: 2, points: 320 });
    const chosen = c.t.call('import.choose', { id: preview.id, choice: 'update' }, c.manager);
    expect(chosen.counts).toMatchObject({ create: 1, update: 1 });
    expect(chosen.notices).toMatchObject({ pointsRows: 1, points: 20 });
    expect(c.t.call('import.choose', { id: preview.id, row: 2, choice: 'create' }, c.manager).notices).toMatchObject({ points: 320 });
    c.t.call('import.choose', { id: preview.id, row: 2, choice: 'skip' }, c.manager);
    c.t.call('import.start', { id: preview.id, consentDeclared: true }, c.manager);
    c.t.runJobs();
    expect(c.balance(wang)).toBe(0);
    expect(count(c.t, 'SELECT coalesce(sum(points_balance), 0) FROM members')).toBe(20);
  });

  it('余额 read and counted in the preview, never written', async () => {
    const c = counter();
    const preview = await previewFile(c.t, c.manager, membersFile(FILE));
    expect(preview.mapping[6]).toBe('storedValue');
    expect(preview.notices).toMatchObject({ storedValueRows: 2, storedValueFen: 105050, pointsRows: 2, points: 155 });
    c.t.call('import.start', { id: preview.id, consentDeclared: true }, c.manager);
    c.t.runJobs();
    expect(count(c.t, 'SELECT coalesce(sum(points_balance), 0) FROM members')).toBe(155);
    expect(JSON.stringify(memberTables(c))).not.toContain('1050');
  });

  it('a tier from the file, or every tier computed', async () => {
    const file = ['姓名,手机,会员等级', '甲,13900000001,银卡会员', '乙,13900000002,金卡会员', '丙,13900000003,钻石卡', '丁,13900000004,'];
    const tierOf = (c: Counter) =>
      c.t.db
        .prepare('SELECT m.name, t.name AS tier, m.tier_review_at FROM members m LEFT JOIN tiers t ON t.id = m.tier_id ORDER BY m.phone')
        .all();
    const fromFile = counter();
    const preview = await previewFile(fromFile.t, fromFile.manager, membersFile(file));
    expect(preview.notices?.unknownTiers).toEqual(['钻石卡']);
    fromFile.t.call('import.start', { id: preview.id, consentDeclared: true, tiers: 'file' }, fromFile.manager);
    fromFile.t.runJobs();
    // a tier named in the file is theirs, reviewed as a move up would be (12 months on); one the store lacks is the lowest
    expect(tierOf(fromFile)).toEqual([
      { name: '甲', tier: '银卡会员', tier_review_at: '2027-06-15T02:00:00.000Z' },
      { name: '乙', tier: '金卡会员', tier_review_at: '2027-06-15T02:00:00.000Z' },
      { name: '丙', tier: null, tier_review_at: null },
      { name: '丁', tier: null, tier_review_at: null },
    ]);
    expect(count(fromFile.t, "SELECT count(*) FROM jobs WHERE kind = 'tiers.reevaluate'")).toBe(0);

    const computed = counter();
    await importFile(computed.t, computed.manager, membersFile(file), 'members', { tiers: 'computed' });
    expect(tierOf(computed).map((m) => (m as { tier: string | null }).tier)).toEqual([null, null, null, null]);
    expect(count(computed.t, "SELECT count(*) FROM jobs WHERE kind = 'tiers.reevaluate' AND state = 'done'")).toBe(1);
  });

  it('marketing consent only where a column says so; the consent to keep their data as the manager declared it', async () => {
    const c = counter();
    const manager = c.t.call('auth.me', {}, c.manager).staff;
    const without = await importFile(c.t, c.manager, membersFile(['姓名,手机', '甲,13900000001']));
    const withColumn = await importFile(
      c.t,
      c.manager,
      membersFile(['姓名,手机,同意营销', '乙,13900000002,是', '丙,13900000003,否', '丁,13900000004,']),
    );
    const consents = c.t.db
      .prepare(
        'SELECT name, consent_data_at, consent_data_by, consent_marketing, consent_marketing_at, consent_marketing_by FROM members ORDER BY phone',
      )
      .all();
    const at = '2026-06-15T02:00:00.000Z';
    expect(consents).toEqual([
      {
        name: '甲',
        consent_data_at: at,
        consent_data_by: manager.id,
        consent_marketing: 0,
        consent_marketing_at: null,
        consent_marketing_by: null,
      },
      {
        name: '乙',
        consent_data_at: at,
        consent_data_by: manager.id,
        consent_marketing: 1,
        consent_marketing_at: at,
        consent_marketing_by: manager.id,
      },
      {
        name: '丙',
        consent_data_at: at,
        consent_data_by: manager.id,
        consent_marketing: 0,
        consent_marketing_at: null,
        consent_marketing_by: null,
      },
      {
        name: '丁',
        consent_data_at: at,
        consent_data_by: manager.id,
        consent_marketing: 0,
        consent_marketing_at: null,
        consent_marketing_by: null,
      },
    ]);
    expect(withColumn.consent).toEqual({ byName: '赵经理', at });
    const declared = auditRows(c.t.db, 'import.start').map((a) => ({
      staff: a.staff_id,
      entity: a.entity_id,
      after: JSON.parse(a.after_json!),
    }));
    expect(declared.map((d) => [d.staff, d.entity, d.after.consentDeclared])).toEqual([
      [manager.id, without.id, { by: manager.id, at, fileName: without.fileName, noticeVersion: 1 }],
      [manager.id, withColumn.id, { by: manager.id, at, fileName: withColumn.fileName, noticeVersion: 1 }],
    ]);
  });

  it('an update to a member found by the phone a merged registration had: the member they became', async () => {
    const c = counter();
    const keep = c.member('王芳'); // 13800000001
    const merged = c.member('王芳二'); // 13800000002
    c.t.call('members.merge', { keepId: keep, mergeId: merged }, c.manager);
    const done = await importFile(c.t, c.manager, membersFile(['姓名,手机,备注', '王芳,13800000002,老顾客']));
    expect(done.counts).toMatchObject({ update: 1, create: 0 });
    expect(done.state).toBe('done');
    expect(c.t.db.prepare('SELECT notes FROM members WHERE id = ?').pluck().get(keep)).toBe('老顾客');
  });
});

describe('a members import meets the counter', () => {
  it('refuses at the write a new member whose phone or card the counter gave someone after the preview, and gives the row back', async () => {
    const c = counter();
    const file = ['姓名,手机,会员卡号', '甲,13800000001,', '乙,13900000002,VIP9', '丙,13900000003,'];
    const started = await startFile(c.t, c.manager, membersFile(file));
    c.member('柜台登记'); // 13800000001, registered while the import waited
    const clash = c.member('另一位', { phone: '13700000000' });
    c.t.db.prepare("UPDATE members SET card_no = 'VIP9' WHERE id = ?").run(clash);
    c.t.runJobs();
    const done = c.t.call('import.get', { id: started.id }, c.manager);
    expect(done.state).toBe('done');
    expect(done.result).toEqual({ created: 1, refused: 2 });
    const rejected = c.t.call('import.rejected', { id: started.id }, c.manager).rows;
    expect(rejected.map((r) => [r.row, r.problems.map((p) => [p.column, p.value, p.reason])])).toEqual([
      [2, [['手机', '+8613800000001', 'phone.taken']]],
      [3, [['会员卡号', 'VIP9', 'card.taken']]],
    ]);
  });

  it("moves the card counter past a file's card in the store's own numbering, so the counter's next member gets a new one", async () => {
    const c = counter();
    await importFile(c.t, c.manager, membersFile(['会员卡号,姓名,手机', 'SH0100000007,甲,13900000001', ',乙,13900000002']));
    const next = c.member('柜台新会员');
    expect(c.t.db.prepare('SELECT name, card_no FROM members ORDER BY card_no').all()).toEqual([
      { name: '甲', card_no: 'SH0100000007' },
      { name: '乙', card_no: 'SH0100000008' },
      { name: '柜台新会员', card_no: 'SH0100000009' },
    ]);
    expect(next).toBeTruthy();
  });
});

describe('a members import undone', () => {
  it('keeps a member the counter served or edited meanwhile, and one it updated that was edited since', async () => {
    const c = counter();
    const old = c.member('老会员'); // 13800000001
    const file = ['姓名,手机,积分,备注', '甲,13900000001,100,', '乙,13900000002,50,', '丙,13900000003,,', '老会员,13800000001,,新备注'];
    for (let i = 4; i < 10; i++) file.push(`会员${i},1390000000${i},,`);
    const started = await startFile(c.t, c.manager, membersFile(file));
    const runner = jobRunner(c.t.app, { sliceRows: 4 });
    runner.step();
    runner.step();
    const [jia, yi, bing] = ['甲', '乙', '丙'].map((name) => byName(c, name).id);
    c.buy(jia, 30); // a sale at the counter to an imported member
    c.t.call('members.update', { id: yi, email: 'yi@example.com' }, c.clerk);
    c.t.call('members.update', { id: old, address: '北京' }, c.clerk);
    expect(byName(c, '老会员').notes).toBe('新备注');
    c.t.call('import.cancel', { id: started.id }, c.manager);
    c.t.runJobs();
    const job = JSON.parse(c.t.db.prepare("SELECT result_json FROM jobs WHERE kind = 'import.members'").pluck().get() as string);
    expect(job).toMatchObject({ created: 7, updated: 1, undone: 5, kept: 3 });
    expect(c.t.db.prepare('SELECT name FROM members ORDER BY phone').pluck().all()).toEqual(['老会员', '甲', '乙']);
    expect(bing).toBeTruthy();
    // the counter's edit stays: the import's notes with it, since the member is the store's now
    expect(byName(c, '老会员')).toMatchObject({ notes: '新备注', address: '北京' });
    expect(c.balance(jia)).toBe(130);
    expect(ledgerProblems(c.t.db)).toEqual([]);
    expect(c.t.call('import.get', { id: started.id }, c.manager).state).toBe('cancelled');
  });
});
