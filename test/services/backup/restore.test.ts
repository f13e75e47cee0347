import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { restoringPath } from '../../../db/restore-swap';
import { cardCounterAfterRestore } from '../../../services/backup/restore';
import { runBackups } from '../../../services/backup/run';
import { backupsDirFor } from '../../../db/backup-files';
import { loginAs } from '../../helpers';
import { auditRows, failure, snapshot } from '../fixtures';
import { backupNow, balances, crossIndexes, folderListing, makeStore, swapAndReopen } from '../backup-fixtures';

// backup.restore: the backup checked whole, the store as it is kept aside, the copy marked and
// made ready; then (as the services' host does, electron/backend/host.ts) the files swapped.

const BACKUP = 'branchdesk-SH01-20260615-1000-daily.sqlite';

/** A store with two members who earned and spent points, backed up; then a day of changes after the backup. */
function storeBackedUpThenChanged() {
  const s = makeStore();
  const zhang = s.member('张三', '13800000001');
  const li = s.member('李四', '13800000002');
  s.buy(zhang, '320.00');
  s.buy(li, '35.00');
  s.t.call('points.redeem', { memberId: zhang, points: 100 }, s.admin);
  const backup = backupNow(s.t.db);
  const atBackup = { balances: balances(s.t.db), members: snapshot(s.t.db).members };
  s.later(86_400_000);
  const wang = s.member('王五', '13800000003');
  s.buy(wang, '88.00');
  s.buy(zhang, '10.00');
  return { s, backup, atBackup, zhang };
}

describe('backup.restore', () => {
  it('brings back the backup’s members and balances, keeping the store as it was in the backups folder', () => {
    const { s, atBackup } = storeBackedUpThenChanged();
    const beforeRestore = { balances: balances(s.t.db) };
    const result = s.t.call('backup.restore', { backupFile: BACKUP, confirm: true }, s.admin);
    expect(result).toMatchObject({
      backup: { fileName: BACKUP, members: 2, sameStore: true, checked: 'integrity_check' },
      restoredTo: '2026-06-15T02:00:00.000Z',
      restoredAt: '2026-06-16T02:00:00.000Z',
      preRestoreFile: 'branchdesk-SH01-20260616-1000-restore.sqlite',
      nextCardNo: 'SH0100200001',
      sessionsEnded: true,
    });
    // Only made ready: the store is untouched until the files are swapped.
    expect(existsSync(restoringPath(s.t.path))).toBe(true);
    expect(balances(s.t.db)).toEqual(beforeRestore.balances);

    const after = swapAndReopen(s.t);
    expect(balances(after.db)).toEqual(atBackup.balances);
    expect(existsSync(restoringPath(s.t.path))).toBe(false);
    // The copy kept aside is the store as it was just before: three members, their later sales.
    const kept = new Database(join(backupsDirFor(s.t.path), result.preRestoreFile!), { readonly: true });
    expect(balances(kept)).toEqual(beforeRestore.balances);
    expect(kept.prepare("SELECT action FROM audit_log WHERE action = 'backup.restore'").pluck().all()).toEqual(['backup.restore']);
    kept.close();
    // The restored store says when and to when it was restored, and under which epoch it exports.
    const settings = Object.fromEntries(
      after.db
        .prepare("SELECT key, value FROM settings WHERE key IN ('restore_epoch', 'restored_at', 'restored_to')")
        .all()
        .map((r) => {
          const row = r as { key: string; value: string };
          return [row.key, row.value];
        }),
    );
    expect(settings).toEqual({
      restore_epoch: String(Date.parse('2026-06-16T02:00:00.000Z')),
      restored_at: '2026-06-16T02:00:00.000Z',
      restored_to: '2026-06-15T02:00:00.000Z',
    });
    expect(auditRows(after.db, 'backup.restored')).toHaveLength(1);
    // A new member's card is past any card the lost day may have handed out.
    const admin = after.call('auth.login', { name: '王店长', pin: '246810' }).session;
    const zhao = after.call('members.create', { name: '赵六', phone: '13800000004', consentData: true }, admin);
    expect(zhao.cardNo).toBe(result.nextCardNo);
    expect(after.call('members.search', { q: '13800000003' }, admin).items).toEqual([]);
  });

  it('keeps the backups list: the backups taken since the one restored, and the store it replaced, listed and checked', () => {
    const s = makeStore();
    const zhang = s.member('张三', '13800000001');
    s.buy(zhang, '320.00');
    s.t.call('backup.create', {}, s.admin);
    const [night] = runBackups(s.t.app);
    s.later(86_400_000);
    s.buy(s.member('王五', '13800000003'), '88.00');
    s.t.call('backup.create', {}, s.admin);
    const [later] = runBackups(s.t.app);
    expect([night.state, later.state]).toEqual(['ok', 'ok']);
    s.later(3_600_000);
    const result = s.t.call('backup.restore', { backupFile: night.file_name!, confirm: true }, s.admin);

    const after = swapAndReopen(s.t);
    const admin = after.call('auth.login', { name: '王店长', pin: '246810' }).session;
    const listed = () => after.call('backup.list', {}, admin).items.map((b) => [b.kind, b.state, b.fileName]);
    // The night's own row (in its file it said `copying`) and the later backup, which the restored file never knew.
    expect(listed()).toEqual([
      ['restore', 'verifying', result.preRestoreFile],
      ['manual', 'ok', later.file_name],
      ['manual', 'ok', night.file_name],
    ]);
    // The side host checks the store the restore replaced as it checks any backup: it can be restored in turn.
    runBackups(after.app);
    const kept = after.call('backup.list', {}, admin).items[0];
    expect(kept).toMatchObject({
      kind: 'restore',
      state: 'ok',
      requestedBy: { name: '王店长' },
      check: { members: 2, balanceMismatches: 0 },
    });
  });

  it('moves the card numbers past those of the store it replaces, when that store had gone further', () => {
    const { s } = storeBackedUpThenChanged();
    s.t.db.prepare("UPDATE counters SET value = 250123 WHERE name = 'card_no'").run(); // the lost days issued many
    expect(s.t.call('backup.restore', { backupFile: BACKUP, confirm: true }, s.admin).nextCardNo).toBe('SH0100400001');
    expect(cardCounterAfterRestore(2)).toBe(200_000);
    expect(cardCounterAfterRestore(99_999)).toBe(200_000);
    expect(cardCounterAfterRestore(100_000)).toBe(300_000);
  });

  it('checks the backup whole first: a damaged index a quick look misses is refused, and nothing changes', () => {
    const { s, backup } = storeBackedUpThenChanged();
    crossIndexes(backup);
    expect(s.t.call('backup.inspect', { backupFile: BACKUP }, s.admin)).toMatchObject({ checked: 'quick_check' });
    const before = { rows: snapshot(s.t.db), files: folderListing(s.t.path), bytes: statSync(backup).size };
    const error = failure(s.t, 'backup.restore', { backupFile: BACKUP, confirm: true }, s.admin);
    expect(error).toMatchObject({ code: 'BAD_FILE', details: { reason: 'corrupt', backup: true } });
    // Nothing at all, not even an audit row: the refusal is the answer (the fuzz run holds every refused call to this).
    expect({ rows: snapshot(s.t.db), files: folderListing(s.t.path), bytes: statSync(backup).size }).toEqual(before);
  });

  it('is the admin’s, and asks for a confirmation', () => {
    const { s } = storeBackedUpThenChanged();
    const manager = loginAs(s.t, s.admin, 'manager');
    expect(failure(s.t, 'backup.restore', { backupFile: BACKUP, confirm: true }, manager)).toMatchObject({ code: 'FORBIDDEN' });
    expect(failure(s.t, 'backup.restore', { backupFile: BACKUP }, s.admin)).toMatchObject({ code: 'VALIDATION' });
    expect(readdirSync(backupsDirFor(s.t.path))).toEqual([BACKUP]);
    expect(existsSync(restoringPath(s.t.path))).toBe(false);
  });
});
