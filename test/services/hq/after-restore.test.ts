import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeTestApp, storeUpload, tempDbPath, type TestApp } from '../../helpers';
import { memberInput } from '../fixtures';
import { backupNow, swapAndReopen } from '../backup-fixtures';
import { exportFile, hqContents, makeBranch, makeHq, merge, type Site } from '../hq-fixtures';

// docs/hq.md "After a restore", end to end with real export files. A branch exports 1, 2, 3 (and
// a 4th HQ never got), HQ merges 1–3; the counter PC is lost, and a new one is set up and restored
// from the backup taken after export 1. Its numbers start again from 1, but its files carry the
// restore's epoch: HQ takes them as newer than anything before, keeps what exports 2–4 brought,
// and a member, a colleague or a phone the restore lost and the branch registered again is kept
// twice rather than refused. The same HQ results from the files in another order.

const rowsOf = (db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
const ids = (db: Database.Database, table: string, branchId: string) =>
  db.prepare(`SELECT id FROM ${table} WHERE branch_id = ? ORDER BY id`).pluck().all(branchId) as string[];

/** A branch site on a store restored on a new PC: its staff are the backup's, logged in again. */
function siteOn(t: TestApp, branchId: string): Site {
  const login = (name: string, pin: string) => t.call('auth.login', { name, pin }).session;
  const [admin, manager, clerk] = [login('王店长', '246810'), login('赵经理', '1357'), login('小李', '1357')];
  return {
    t,
    admin,
    manager,
    clerk,
    branchId,
    member: (name, phone) => t.call('members.create', memberInput(name, phone), clerk).id,
    buy: (memberId, amount) => t.call('purchases.record', { memberId, amount, confirmDuplicate: true }, clerk).purchase.id,
  };
}

function lostPcStory() {
  const hq = makeHq();
  const a = makeBranch('SH01', hq.chainCode, '2026-06-15T02:00:00.000Z', '徐汇店');
  const zhang = a.member('张三', '13800000001');
  a.buy(zhang, '100.00');
  const e1 = exportFile(a, 'full');
  const backup = backupNow(a.t.db, 'branchdesk-SH01-20260615-1100-daily.sqlite');
  a.t.clock.advance(3_600_000);
  const lostMember = a.member('钱八', '13800000008'); // registered after the backup: lost with the PC
  a.buy(lostMember, '58.00');
  const e2 = exportFile(a, 'incremental');
  a.t.clock.advance(3_600_000);
  a.buy(zhang, '20.00');
  a.t.call('members.update', { id: zhang, version: 1, email: 'lost@edit.cn' }, a.clerk);
  const e3 = exportFile(a, 'incremental');
  a.t.clock.advance(3_600_000);
  a.t.call('staff.create', { name: '孙七', role: 'clerk', pin: '1357' }, a.admin); // hired the day the PC died
  a.buy(zhang, '5.00');
  const e4 = exportFile(a, 'incremental'); // written, never sent to HQ before the PC died
  for (const f of [e1, e2, e3]) merge(hq, f.path);
  const atHqBefore = { members: ids(hq.t.db, 'members', a.branchId), purchases: ids(hq.t.db, 'purchases', a.branchId) };

  // A new PC: set up under any name, then restored from the backup, which it took off a USB stick.
  const pc = makeTestApp(tempDbPath(), { idPrefix: 'pc', start: '2026-06-16T01:00:00.000Z' });
  pc.call('setup.init', { branchName: '新电脑', branchCode: 'TMP1', adminName: '王店长', adminPin: '246810' });
  const admin = pc.call('auth.login', { name: '王店长', pin: '246810' }).session;
  const restored = pc.call('backup.restore', { upload: storeUpload(pc.path, backup), confirm: true }, admin);
  const after = siteOn(swapAndReopen(pc), a.branchId);

  // The day goes on: a sale, the lost customer registering again with her phone, the new hire added again.
  after.buy(zhang, '66.00');
  const again = after.member('钱八', '13800000008');
  after.t.call('staff.create', { name: '孙七', role: 'clerk', pin: '1357' }, after.admin);
  const r1 = exportFile(after, 'incremental');
  return { hq, a, after, restored, zhang, lostMember, again, e1, e2, e3, e4, r1, atHqBefore };
}

describe('a branch restored from a backup, at HQ', () => {
  it('exports in a new epoch, in full first; HQ takes it as newer, keeps exports 2–3 and adds the new rows', () => {
    const { hq, a, after, restored, zhang, lostMember, again, e1, e2, r1, atHqBefore } = lostPcStory();
    // Every export carries the branch's audit rows and consent history: format 4 (shared/contract/hq.ts), restored or not.
    expect(e1.manifest.formatVersion).toBe(4);
    expect('restoreEpoch' in e1.manifest).toBe(false);
    expect(restored).toMatchObject({ backup: { sameStore: false, branch: { code: 'SH01' } }, preRestoreFile: expect.any(String) });
    expect(again).not.toBe(lostMember);
    expect(after.t.call('members.get', { id: again }, after.clerk).cardNo).toBe('SH0100200001');
    expect(r1.manifest).toMatchObject({
      seq: 2, // numbering from the backup's, which had export 1 only
      mode: 'full', // asked incremental: the first export after a restore is full
      baseSeq: null,
      formatVersion: 4,
      restoreEpoch: Date.parse('2026-06-16T01:00:00.000Z'),
    });

    const result = merge(hq, r1.path);
    expect(result).toMatchObject({ alreadyMerged: false, seq: 2 });
    const members = ids(hq.t.db, 'members', a.branchId);
    expect(members).toEqual([...atHqBefore.members, again].sort());
    expect(ids(hq.t.db, 'purchases', a.branchId)).toEqual(
      [...atHqBefore.purchases, ...ids(after.t.db, 'purchases', a.branchId)].filter((v, i, all) => all.indexOf(v) === i).sort(),
    );
    // The branch's profile rows are its own again: the edit the restore lost is undone at HQ too.
    expect(hq.t.db.prepare('SELECT email FROM members WHERE id = ?').pluck().get(zhang)).toBeNull();
    // Both of 钱八's cards are hers at HQ, one person by her phone.
    expect(rowsOf(hq.t.db, "SELECT id, card_no FROM members WHERE phone = '+8613800000008' ORDER BY card_no")).toEqual([
      { id: lostMember, card_no: 'SH0100000002' },
      { id: again, card_no: 'SH0100200001' },
    ]);
    expect(hq.t.call('hq.branches', {}, hq.manager).items.find((b) => b.branch.code === 'SH01')).toMatchObject({ lastSeq: 2, files: 4 });

    // An old file again changes nothing.
    const before = hqContents(hq.t.db);
    expect(merge(hq, e2.path)).toMatchObject({ alreadyMerged: true });
    expect(hqContents(hq.t.db)).toEqual(before);

    // The next export builds on the restored branch's own: incremental, merged in turn.
    after.t.clock.advance(60_000);
    after.buy(zhang, '12.00');
    const r2 = exportFile(after, 'incremental');
    expect(r2.manifest).toMatchObject({ seq: 3, mode: 'incremental', baseSeq: 2, restoreEpoch: r1.manifest.restoreEpoch });
    expect(merge(hq, r2.path)).toMatchObject({ alreadyMerged: false, seq: 3 });
  });

  it('takes a file of before the restore that comes late as older: its rows added, the branch’s newer ones kept', () => {
    const { hq, a, zhang, e4, r1 } = lostPcStory();
    merge(hq, r1.path);
    const late = merge(hq, e4.path);
    expect(late).toMatchObject({ alreadyMerged: false, seq: 4 });
    // Its sale is HQ's now; its 孙七 keeps her name with the end of her id, the one hired again keeps it plain.
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM purchases WHERE amount_fen = 500 AND branch_id = ?').pluck().get(a.branchId)).toBe(1);
    const sun = rowsOf(hq.t.db, "SELECT name FROM staff WHERE branch_id = ? AND name LIKE '孙七%' ORDER BY name", a.branchId);
    expect(sun).toEqual([{ name: '孙七' }, { name: expect.stringMatching(/^孙七 #\S{4}$/) }]);
    // The member row is the restored branch's, not the late file's.
    expect(hq.t.db.prepare('SELECT email FROM members WHERE id = ?').pluck().get(zhang)).toBeNull();
    expect(hq.t.call('hq.branches', {}, hq.manager).items.find((b) => b.branch.code === 'SH01')).toMatchObject({ lastSeq: 2 });
  });

  it('ends the same whatever order HQ gets the files in', () => {
    const { hq, e1, e2, e3, e4, r1 } = lostPcStory();
    // A second HQ made the same way (same ids, same clock), given the same chain code.
    const other = makeHq();
    other.t.db.prepare("UPDATE settings SET value = ? WHERE key = 'chain_code'").run(hq.chainCode);
    for (const f of [r1, e4]) merge(hq, f.path); // the restored branch's file first, the late one after
    for (const f of [e1, e2, e3, e4, r1]) merge(other, f.path); // every file in its branch's order
    expect(hqContents(other.t.db)).toEqual(hqContents(hq.t.db));
    const sun = rowsOf(hq.t.db, "SELECT name FROM staff WHERE name LIKE '孙七%' ORDER BY name");
    expect(sun).toEqual([{ name: '孙七' }, { name: expect.stringMatching(/^孙七 #/) }]);
  });
});
