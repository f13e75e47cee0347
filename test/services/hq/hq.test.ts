import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/connection';
import { applyHqPageSize, HQ_DROPPED_INDEXES, HQ_DROPPED_TRIGGERS, HQ_INDEXES, HQ_PAGE_SIZE } from '../../../db/hq-layout';
import { exportFileName } from '../../../services/hq/export';
import { runMaintenance } from '../../../services/core/maintenance';
import {
  byTable,
  chain,
  exportFile,
  hqContents,
  makeBranch,
  makeHq,
  merge,
  mergeRaw,
  rewriteManifest,
  totals,
  twinHq,
  type Site,
} from '../hq-fixtures';
import { storeUpload } from '../../helpers';

const rowsOf = (db: Database.Database, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);

/** Merges a file that must be refused, checking HQ's contents and audit stay as they were. */
function refused(hq: Site, path: string) {
  const before = hqContents(hq.t.db);
  const audit = rowsOf(hq.t.db, "SELECT COUNT(*) AS n FROM audit_log WHERE action <> 'hq.mergeRefused'");
  const r = mergeRaw(hq, path);
  expect(hqContents(hq.t.db)).toEqual(before);
  expect(rowsOf(hq.t.db, "SELECT COUNT(*) AS n FROM audit_log WHERE action <> 'hq.mergeRefused'")).toEqual(audit);
  expect(r.ok).toBe(false);
  return (r as { error: { code: string; details: Record<string, unknown> } }).error;
}

describe('HQ export and merge', () => {
  it('a full export carries every exportable row and no PIN; HQ gets exactly the branch’s rows', () => {
    const { hq, a } = chain();
    a.t.call('staff.create', { name: '孙收银', role: 'clerk', pin: '8642' }, a.admin);
    const file = exportFile(a, 'full');
    expect(file.manifest).toMatchObject({
      seq: 1,
      mode: 'full',
      baseSeq: null,
      branch: { code: 'SH01', name: '徐汇店' },
      chainCode: hq.chainCode,
    });
    expect(file.manifest.rows).toMatchObject({
      branches: 1,
      staff: 4,
      members: 2,
      purchases: 2,
      points_ledger: 2,
      followups: 3,
      feedback: 1,
      store_takings: 1,
      tiers: 4,
    }); // two post-purchase calls and the manual one
    const inFile = new Database(file.path, { readonly: true });
    expect(
      rowsOf(inFile, "SELECT name FROM pragma_table_info('staff') WHERE name IN ('pin_hash', 'failed_logins', 'locked_until')"),
    ).toEqual([]);
    inFile.close();

    const result = merge(hq, file.path);
    expect(result).toMatchObject({ alreadyMerged: false, seq: 1, branch: { code: 'SH01' }, conflicts: 0, linked: 0 });
    expect(byTable(result)).toMatchObject({
      members: [2, 0, 0],
      purchases: [2, 0, 0],
      points_ledger: [2, 0, 0],
      followups: [3, 0, 0],
      feedback: [1, 0, 0],
    });
    for (const table of ['members', 'points_ledger', 'followups', 'feedback', 'store_takings']) {
      expect(rowsOf(hq.t.db, `SELECT * FROM ${table} WHERE branch_id = ? ORDER BY 1`, a.branchId), table).toEqual(
        rowsOf(a.t.db, `SELECT * FROM ${table} ORDER BY 1`),
      );
    }
    // Sales keep everything but the points rules, which stay at the branch.
    expect(rowsOf(hq.t.db, 'SELECT * FROM purchases ORDER BY 1')).toEqual(
      rowsOf(a.t.db, 'SELECT * FROM purchases ORDER BY 1').map((p) => ({ ...(p as object), rules_id: null })),
    );
    // A branch's staff are names at HQ: no PIN, and nobody logs in as them.
    expect(rowsOf(hq.t.db, 'SELECT name, pin_hash FROM staff WHERE branch_id = ? ORDER BY name', a.branchId)).toEqual([
      { name: '孙收银', pin_hash: '!' },
      { name: '小李', pin_hash: '!' },
      { name: '王店长', pin_hash: '!' },
      { name: '赵经理', pin_hash: '!' },
    ]);
    expect(hq.t.raw('auth.login', { name: '孙收银', pin: '8642' })).toMatchObject({ ok: false, error: { code: 'WRONG_CREDENTIALS' } });
    // Every balance is its ledger.
    expect(
      rowsOf(
        hq.t.db,
        'SELECT m.id FROM members m WHERE m.points_balance <> (SELECT COALESCE(SUM(points), 0) FROM points_ledger l WHERE l.member_id = m.id)',
      ),
    ).toEqual([]);
  });

  it('HQ keeps its own indexes: none of the counter’s, and those it reads leading with the branch, also after a reopen', () => {
    const { hq, a } = chain();
    const indexes = (db: Database.Database) =>
      new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]);
    const atHq = indexes(hq.t.db);
    const atBranch = indexes(a.t.db);
    for (const name of HQ_DROPPED_INDEXES) {
      expect(atBranch.has(name), name).toBe(true);
      expect(atHq.has(name), name).toBe(false);
    }
    for (const name of Object.keys(HQ_INDEXES)) {
      expect(atHq.has(name), name).toBe(true);
      expect(atBranch.has(name), name).toBe(false);
    }
    // Nor the triggers keeping the counter's name and card keys and each member's last sale: a
    // merged member arrives with the branch's last sale, and HQ keeps no keys.
    const triggers = (db: Database.Database) =>
      new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
    for (const name of HQ_DROPPED_TRIGGERS) {
      expect(triggers(a.t.db).has(name), name).toBe(true);
      expect(triggers(hq.t.db).has(name), name).toBe(false);
    }
    merge(hq, exportFile(a, 'full').path);
    expect(rowsOf(a.t.db, 'SELECT COUNT(*) AS n FROM member_keys')).toEqual([{ n: 2 }]); // 张三 and 李四 have no middle: their cards
    expect(rowsOf(hq.t.db, 'SELECT COUNT(*) AS n FROM member_keys')).toEqual([{ n: 0 }]);
    expect(rowsOf(hq.t.db, 'SELECT id, last_sale_at FROM members WHERE last_sale_at IS NOT NULL ORDER BY id')).toEqual(
      rowsOf(a.t.db, 'SELECT id, last_sale_at FROM members WHERE last_sale_at IS NOT NULL ORDER BY id'),
    );
    // A later migration that makes a counter index again is undone when HQ next opens.
    hq.t.db.exec('CREATE INDEX members_name ON members(name)');
    hq.t.db.close();
    const reopened = openDatabase(hq.t.path);
    expect(indexes(reopened).has('members_name')).toBe(false);
    reopened.close();
  });

  it('HQ takes its own page size before its first file, keeps it on reopen, and a branch keeps SQLite’s', () => {
    const { hq, a } = chain();
    const pageSize = (db: Database.Database) => db.pragma('page_size', { simple: true });
    // Set up inside a transaction, where SQLite cannot change it: still the default.
    expect(pageSize(hq.t.db)).toBe(4096);
    // A refused file changes nothing, not even the page size.
    const text = join(dirname(hq.t.path), 'notes.txt');
    writeFileSync(text, 'not an export');
    expect(refused(hq, text)).toMatchObject({ details: { reason: 'not_export' } });
    expect(pageSize(hq.t.db)).toBe(4096);
    const r = merge(hq, exportFile(a, 'full').path);
    expect(pageSize(hq.t.db)).toBe(HQ_PAGE_SIZE);
    expect(hq.t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(totals(r).added).toBeGreaterThan(0);
    expect(pageSize(a.t.db)).toBe(4096);
    // Opened again (the app's next start, the command line): as it was, its rows all there.
    const members = rowsOf(hq.t.db, 'SELECT * FROM members ORDER BY id');
    hq.t.db.close();
    const reopened = openDatabase(hq.t.path);
    expect(pageSize(reopened)).toBe(HQ_PAGE_SIZE);
    expect(rowsOf(reopened, 'SELECT * FROM members ORDER BY id')).toEqual(members);
    reopened.close();
    // An HQ already past the size it is rewritten at keeps its pages (nobody waits minutes for it).
    const big = makeHq();
    expect(applyHqPageSize(big.t.db, 0)).toBe(false);
    expect(pageSize(big.t.db)).toBe(4096);
    expect(applyHqPageSize(big.t.db)).toBe(true);
    expect(pageSize(big.t.db)).toBe(HQ_PAGE_SIZE);
  });

  it('HQ keeps the branches’ records as sent: no sale, points entry, tier review or follow-up of its own', () => {
    const { hq, a, zhangA } = chain();
    merge(hq, exportFile(a, 'full').path);
    const before = hqContents(hq.t.db);
    for (const [method, input] of [
      ['purchases.record', { memberId: zhangA, amount: '10.00' }],
      ['points.adjust', { memberId: zhangA, points: 10, reason: '补录' }],
      ['members.update', { id: zhangA, version: 1, name: '张叁' }],
      ['tiers.review', {}],
      ['followups.generate', {}],
    ] as const) {
      expect(hq.t.raw(method, input, hq.manager), method).toMatchObject({
        ok: false,
        error: { code: 'WRONG_MODE', details: { needed: 'branch' } },
      });
    }
    expect(hqContents(hq.t.db)).toEqual(before);
    // Months later, past every review date and expiry HQ might think it should act on: the
    // hourly chores leave HQ alone.
    hq.t.clock.advance(400 * 86_400_000);
    runMaintenance(hq.t.app);
    expect(hqContents(hq.t.db)).toEqual(before);
  });

  it('answers the follow-up reads WRONG_MODE at HQ, which keeps no follow-up queue (they answered 500: its index is dropped there)', () => {
    const { hq, a, zhangA } = chain();
    merge(hq, exportFile(a, 'full').path);
    const id = hq.t.db.prepare('SELECT id FROM followups').pluck().get() as string;
    expect(id).toBeTruthy();
    for (const [method, input] of [
      ['followups.get', { id }],
      ['followups.script', { id }],
      ['followups.list', { memberId: zhangA }],
      ['followups.today', {}],
    ] as const) {
      expect(hq.t.raw(method, input, hq.clerk), method).toMatchObject({
        ok: false,
        error: { code: 'WRONG_MODE', details: { needed: 'branch', kind: 'hq' } },
      });
    }
    expect(a.t.raw('followups.get', { id }, a.clerk)).toMatchObject({ ok: true, result: { id } });
  });

  it('HQ’s admin changes HQ’s own staff only: a branch’s staff held at HQ is NOT_FOUND to staff.update (it was deactivated, re-roled, given a PIN)', () => {
    const { hq, a } = chain();
    merge(hq, exportFile(a, 'full').path);
    const theirs = hq.t.db.prepare('SELECT id FROM staff WHERE branch_id = ?').pluck().get(a.branchId) as string;
    expect(theirs).toBeTruthy();
    const before = hqContents(hq.t.db);
    for (const change of [{ active: false }, { role: 'clerk' }, { pin: '9999' }]) {
      expect(hq.t.raw('staff.update', { id: theirs, ...change }, hq.admin)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', details: { entity: 'staff', id: theirs } },
      });
    }
    expect(hqContents(hq.t.db)).toEqual(before);
    const own = hq.t.call('staff.list', {}, hq.admin).items.find((s) => s.role === 'clerk')!;
    expect(hq.t.call('staff.update', { id: own.id, role: 'manager' }, hq.admin)).toMatchObject({ id: own.id, role: 'manager' });
  });

  it('names an export file with the store’s own date', () => {
    // 01:00 on 15 June in Shanghai is still 14 June in UTC.
    expect(exportFileName('SH01', 3, 'incremental', '2026-06-14T17:00:00.000Z', 'Asia/Shanghai')).toBe(
      'BranchDesk-SH01-0003-incr-20260615.bdx',
    );
    expect(exportFileName('SH01', 1, 'full', '2026-06-14T15:59:00.000Z', 'Asia/Shanghai')).toBe('BranchDesk-SH01-0001-full-20260614.bdx');
  });

  it('the same file merged twice changes nothing, row for row', () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    merge(hq, file.path);
    const before = hqContents(hq.t.db);
    const audit = rowsOf(hq.t.db, 'SELECT * FROM audit_log ORDER BY 1');
    const again = merge(hq, file.path);
    expect(again.alreadyMerged).toBe(true);
    expect(totals(again)).toEqual({ added: 0, updated: 0, unchanged: totals(again).unchanged });
    expect(hqContents(hq.t.db)).toEqual(before);
    expect(rowsOf(hq.t.db, 'SELECT * FROM audit_log ORDER BY 1')).toEqual(audit);

    // A merged file is known by its manifest (export id and checksum) before its rows are read:
    // a damaged copy of it changes nothing either, and is only "already merged".
    const damaged = `${file.path}.d`;
    copyFileSync(file.path, damaged);
    const d = new Database(damaged);
    d.prepare('UPDATE purchases SET paid_fen = paid_fen + 100').run();
    d.close();
    expect(merge(hq, damaged).alreadyMerged).toBe(true);
    expect(hqContents(hq.t.db)).toEqual(before);
    // Its export id with another checksum: every check runs on it, and it is still that export.
    const remade = `${file.path}.e`;
    copyFileSync(file.path, remade);
    rewriteManifest(remade, (m) => void (m.branch.name = '别的店'), true);
    expect(merge(hq, remade).alreadyMerged).toBe(true);
    expect(hqContents(hq.t.db)).toEqual(before);
    // The early answer still knows a file that is no export at all.
    writeFileSync(remade, 'not a database');
    expect(refused(hq, remade)).toMatchObject({ details: { reason: 'not_export' } });
  });

  it('A then B gives the same HQ as B then A, conflicts included', () => {
    const { hq, a, b, zhangA, zhangB } = chain();
    const fa = exportFile(a, 'full');
    const fb = exportFile(b, 'full');
    const hq2 = twinHq(hq);
    const merge2 = (path: string) => merge(hq2, path);

    const ab = [merge(hq, fa.path), merge(hq, fb.path)];
    const ba = [merge2(fb.path), merge2(fa.path)];
    expect(hqContents(hq.t.db)).toEqual(hqContents(hq2.t.db));
    // The shared customer links on the second file either way, and the older birthday is the conflict.
    expect(ab[1].linked).toBe(1);
    expect(ba[1].linked).toBe(1);
    const conflicts = rowsOf(hq.t.db, 'SELECT person_key, field, member_id, value, status FROM hq_conflicts ORDER BY field');
    expect(conflicts).toEqual([
      { person_key: '+8613800000001', field: 'birthday', member_id: zhangA, value: '1990-01-01', status: 'open' },
    ]);
    // The person: both branches' members, combined.
    const person = hq.t.call('hq.person', { phone: '138 0000 0001' }, hq.manager).person;
    expect(person).toMatchObject({
      phone: '+8613800000001',
      name: '张三',
      birthday: '1990-02-01',
      email: 'zs@a.cn',
      orders: 2,
      netSalesFen: 18000,
      pointsBalance: 180,
      openConflicts: 1,
    });
    // Below the first threshold a branch stores no tier: HQ names that branch's lowest, as the branch does.
    expect(person.branches.map((x) => [x.branch.code, x.memberId, x.netSalesFen, x.pointsBalance, x.tierName])).toEqual([
      ['BJ01', zhangB, 8000, 80, '普通会员'],
      ['SH01', zhangA, 10000, 100, '普通会员'],
    ]);
  });

  it('an incremental export holds only what changed, and HQ takes the newer profile', () => {
    const { hq, a, zhangA, liA } = chain();
    merge(hq, exportFile(a, 'full').path);
    a.t.clock.advance(3_600_000);
    a.t.call('members.update', { id: liA, name: '李四四' }, a.clerk);
    a.buy(zhangA, '20.00');
    const file = exportFile(a);
    expect(file.manifest).toMatchObject({ seq: 2, mode: 'incremental', baseSeq: 1 });
    // 李四 was edited and 张三's balance changed with the sale: two members; one sale and its points.
    expect(file.manifest.rows).toMatchObject({ members: 2, purchases: 1, points_ledger: 1, followups: 0, feedback: 0, staff: 0 });
    const r = merge(hq, file.path);
    expect(byTable(r)).toMatchObject({ members: [0, 2, 0], purchases: [1, 0, 0], points_ledger: [1, 0, 0] });
    expect(hq.t.db.prepare('SELECT name FROM members WHERE id = ?').pluck().get(liA)).toBe('李四四');
    expect(rowsOf(hq.t.db, 'SELECT * FROM members WHERE branch_id = ? ORDER BY 1', a.branchId)).toEqual(
      rowsOf(a.t.db, 'SELECT * FROM members ORDER BY 1'),
    );
    // Nothing HQ sees changed since (a wrong PIN only counts a failed login, which stays home):
    // there are no changes to export, and no empty file is written or counted (HQ would need it
    // before the next one). A full export is still there for whoever wants one.
    expect(a.t.raw('auth.login', { name: '小李', pin: '975310' })).toMatchObject({ ok: false });
    expect(a.t.db.prepare("SELECT failed_logins FROM staff WHERE name = '小李'").pluck().get()).toBe(1);
    expect(a.t.raw('hq.exportBranch', { mode: 'incremental' }, a.manager)).toMatchObject({
      ok: false,
      error: { code: 'NOTHING_TO_EXPORT', details: { seq: 2 } },
    });
    expect(a.t.db.prepare('SELECT MAX(seq) FROM hq_exports').pluck().get()).toBe(2);
    const full = exportFile(a, 'full');
    expect(full.manifest).toMatchObject({ seq: 3, mode: 'full' });
    expect(totals(merge(hq, full.path))).toMatchObject({ added: 0, updated: 0 });
  });

  it('members who swap phones, or take a number another member gave up, merge as the branch has them', () => {
    const { hq, a, zhangA, liA } = chain();
    merge(hq, exportFile(a, 'full').path);
    const phones = (db: Database.Database) => rowsOf(db, 'SELECT id, phone FROM members WHERE branch_id = ? ORDER BY id', a.branchId);
    // 张三 and 李四 swap numbers (through a spare one, as the counter must).
    a.t.clock.advance(60_000);
    a.t.call('members.update', { id: zhangA, phone: '138 0000 0009' }, a.clerk);
    a.t.call('members.update', { id: liA, phone: '13800000001' }, a.clerk);
    a.t.call('members.update', { id: zhangA, phone: '13800000002' }, a.clerk);
    expect(totals(merge(hq, exportFile(a).path)).updated).toBeGreaterThanOrEqual(2);
    expect(phones(hq.t.db)).toEqual(phones(a.t.db));
    // 李四 gets a new number, and his old one goes to a new member; a full export says the same.
    a.t.clock.advance(60_000);
    a.t.call('members.update', { id: liA, phone: '13700000007' }, a.clerk);
    const qian = a.member('钱七', '13800000001');
    merge(hq, exportFile(a).path);
    expect(phones(hq.t.db)).toEqual(phones(a.t.db));
    expect(hq.t.db.prepare('SELECT name FROM members WHERE phone = ? AND branch_id = ?').pluck().get('+8613800000001', a.branchId)).toBe(
      '钱七',
    );
    expect(hq.t.db.prepare("SELECT COUNT(*) FROM members WHERE phone LIKE '~%'").pluck().get()).toBe(0);
    expect(qian).toBeTruthy();
    const before = hqContents(hq.t.db);
    expect(totals(merge(hq, exportFile(a, 'full').path))).toMatchObject({ added: 0, updated: 0 });
    // The full file also brings the audit rows written since the last (that export's own): the trail alone grows.
    const { branch_audit_log: trail, ...after } = hqContents(hq.t.db);
    expect({ ...after, hq_merges: [] }).toEqual({ ...before, hq_merges: [], branch_audit_log: undefined });
    expect(trail.length).toBeGreaterThan(before.branch_audit_log.length);
  });

  it('an older file merged after a newer one changes nothing', () => {
    const { hq, a, liA } = chain();
    const first = exportFile(a, 'full');
    a.t.clock.advance(60_000);
    a.t.call('members.update', { id: liA, name: '李四四' }, a.clerk);
    const second = exportFile(a, 'full');
    merge(hq, second.path);
    const before = hqContents(hq.t.db);
    const r = merge(hq, first.path);
    expect(totals(r)).toMatchObject({ added: 0, updated: 0 });
    const after = hqContents(hq.t.db);
    expect({ ...after, hq_merges: [] }).toEqual({ ...before, hq_merges: [] });
    expect(hq.t.db.prepare('SELECT name FROM members WHERE id = ?').pluck().get(liA)).toBe('李四四');
  });

  it('an incremental export whose earlier export HQ has not merged is refused, naming what is missing', () => {
    const { hq, a, zhangA } = chain();
    merge(hq, exportFile(a, 'full').path);
    a.buy(zhangA, '1.00');
    exportFile(a); // #2, lost on the way
    a.buy(zhangA, '2.00');
    const third = exportFile(a);
    const before = hqContents(hq.t.db);
    expect(mergeRaw(hq, third.path)).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'missing_base', branchCode: 'SH01', lastSeq: 1, baseSeq: 2 } },
    });
    expect(hqContents(hq.t.db)).toEqual(before);
    // A full export covers the gap.
    expect(merge(hq, exportFile(a, 'full').path).alreadyMerged).toBe(false);
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM purchases WHERE member_id = ?').pluck().get(zhangA)).toBe(3);
  });

  describe('refuses a bad file whole and leaves HQ as it was', () => {
    it('truncated, tampered with, or not an export at all', () => {
      const { hq, a } = chain();
      merge(hq, exportFile(a, 'full').path); // HQ is not empty: nothing of it may change
      a.t.clock.advance(60_000);
      const file = exportFile(a, 'full');
      const bytes = readFileSync(file.path);
      const cut = `${file.path}.cut`;
      writeFileSync(cut, bytes.subarray(0, bytes.length - 4096));
      expect(refused(hq, cut)).toMatchObject({ code: 'BAD_FILE', details: { reason: 'truncated', actualBytes: bytes.length - 4096 } });

      const tampered = `${file.path}.t`;
      copyFileSync(file.path, tampered);
      const t = new Database(tampered);
      t.prepare('UPDATE purchases SET paid_fen = paid_fen + 100').run();
      t.close();
      expect(refused(hq, tampered)).toMatchObject({ details: { reason: 'checksum' } });

      const renamed = `${file.path}.r`;
      copyFileSync(file.path, renamed);
      const r = new Database(renamed);
      r.exec('ALTER TABLE purchases RENAME COLUMN paid_fen TO amount_paid');
      r.close();
      expect(refused(hq, renamed)).toMatchObject({ details: { reason: 'checksum' } });

      const text = `${file.path}.txt`;
      writeFileSync(text, '会员,电话\n张三,13800000001\n');
      expect(refused(hq, text)).toMatchObject({ details: { reason: 'not_export' } });
      // A SQLite file, but a branch's own database, not an export.
      expect(refused(hq, a.t.path)).toMatchObject({ details: { reason: 'not_export' } });
      const emptyFile = `${file.path}.0`;
      writeFileSync(emptyFile, '');
      expect(refused(hq, emptyFile)).toMatchObject({ details: { reason: 'not_export' } });
    });

    it('an unknown or newer format, another chain, HQ itself, or a branch code HQ knows under another branch', () => {
      const { hq, a } = chain();
      const file = exportFile(a, 'full');
      const newer = `${file.path}.v5`;
      copyFileSync(file.path, newer);
      rewriteManifest(newer, (m) => void (m.formatVersion = 5), true);
      expect(refused(hq, newer)).toMatchObject({ details: { reason: 'format_too_new', formatVersion: 5, supported: 4 } });
      const unknown = `${file.path}.v0`;
      copyFileSync(file.path, unknown);
      rewriteManifest(unknown, (m) => void (m.formatVersion = 0), true);
      expect(refused(hq, unknown)).toMatchObject({ details: { reason: 'format_unknown' } });
      // A manifest edited without its hash: the checksum catches it.
      const edited = `${file.path}.e`;
      copyFileSync(file.path, edited);
      rewriteManifest(edited, (m) => void (m.branch.name = '别的店'));
      expect(refused(hq, edited)).toMatchObject({ details: { reason: 'checksum' } });

      const stranger = makeBranch('GZ01', 'BD-ZZZZ-ZZZZ');
      stranger.member('赵六', '13700000000');
      expect(refused(hq, exportFile(stranger, 'full').path)).toMatchObject({
        details: { reason: 'other_chain', chainCode: 'BD-ZZZZ-ZZZZ' },
      });

      const forged = `${file.path}.hq`;
      copyFileSync(file.path, forged);
      rewriteManifest(forged, (m) => void (m.branch.id = hq.branchId), true);
      expect(refused(hq, forged)).toMatchObject({ details: { reason: 'from_hq' } });

      merge(hq, file.path);
      const twin = makeBranch('SH01', hq.chainCode, undefined, '另一家徐汇店', 'twin');
      twin.member('钱七', '13600000000');
      expect(refused(hq, exportFile(twin, 'full').path)).toMatchObject({ details: { reason: 'branch_code_taken', branchCode: 'SH01' } });
    });

    it('at a branch: HQ methods are refused, and a branch without a chain code cannot export', () => {
      const { a } = chain();
      const file = exportFile(a, 'full');
      expect(a.t.raw('hq.merge', { fileName: 'x.bdx', upload: storeUpload(a.t.path, file.path) }, a.manager)).toMatchObject({
        ok: false,
        error: { code: 'WRONG_MODE' },
      });
      const lone = makeBranch('CD01', null);
      expect(lone.t.raw('hq.exportBranch', { mode: 'full' }, lone.manager)).toMatchObject({ ok: false, error: { code: 'NOT_IN_CHAIN' } });
      expect(lone.t.raw('hq.joinChain', { chainCode: 'bd-abcd-efgh' }, lone.manager)).toMatchObject({
        ok: true,
        result: { chainCode: 'BD-ABCD-EFGH' },
      });
      expect(lone.t.raw('hq.joinChain', { chainCode: 'BD-0000-1111' }, lone.manager)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
      expect(lone.t.raw('hq.exportBranch', { mode: 'full' }, lone.clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });
});
