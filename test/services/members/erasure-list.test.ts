import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { completePendingRestore } from '../../../db/restore-swap';
import { copyOffsite } from '../../../services/backup/offsite';
import { makeRestoreReady } from '../../../services/backup/restore';
import { describe, expect, it } from 'vitest';
import { erasureListPath } from '../../../services/members/erasure-list';
import { ADMIN, makeTestApp, tempDbPath } from '../../helpers';
import { auditRows } from '../fixtures';
import { backupNow, makeStore, swapAndReopen } from '../backup-fixtures';
import { backupsDirFor } from '../../../db/backup-files';

// The erasure list beside the backups (docs/backup.md "The erasure list"): a restore from a
// backup taken before an erasure erases the member again.

const BACKUP = 'branchdesk-SH01-20260615-1000-daily.sqlite';

/** 陈晓燕 and 李四 with a sale each, backed up; a day later 陈晓燕 is erased. */
function erasedAfterTheBackup() {
  const s = makeStore();
  const chen = s.member('陈晓燕', '13912345678');
  const li = s.member('李四', '13800000002');
  s.buy(chen, '120.00');
  s.buy(li, '35.00');
  backupNow(s.t.db);
  s.later(86_400_000);
  s.t.call('members.erase', { id: chen, confirm: true, reason: '会员本人要求删除' }, s.admin);
  return { s, chen, li };
}

describe('the erasure list and a restore', () => {
  it('a restore from a backup taken before the erasure erases the member again: search finds nothing', () => {
    const { s, chen } = erasedAfterTheBackup();
    s.t.call('backup.restore', { backupFile: BACKUP, confirm: true }, s.admin);
    const after = swapAndReopen(s.t);
    const admin = after.call('auth.login', ADMIN).session;
    expect(after.call('members.get', { id: chen }, admin)).toMatchObject({
      erasedAt: expect.any(String),
      name: expect.stringMatching(/^已删除-/),
    });
    for (const q of ['13912345678', '5678', '陈晓燕', 'cxy', '晓燕'])
      expect(after.call('members.search', { q }, admin).items, q).toEqual([]);
    expect(after.call('members.search', { q: '李四' }, admin).items).toHaveLength(1);
    // The sale stays for the books, and the erasure is listed in the restored store too.
    expect(after.db.prepare('SELECT COUNT(*) FROM purchases WHERE member_id = ?').pluck().get(chen)).toBe(1);
    expect(after.db.prepare('SELECT member_id FROM member_erasures').pluck().all()).toEqual([chen]);
    expect(auditRows(after.db, 'members.eraseAgain')).toHaveLength(1);
    const restored = auditRows(after.db, 'backup.restored');
    expect(JSON.parse(restored[0].after_json!)).toMatchObject({ erasedAgain: 1 });
    const text = JSON.stringify(after.db.prepare('SELECT * FROM audit_log').all());
    expect(text).not.toContain('陈晓燕');
    expect(text).not.toContain('13912345678');
  });

  it('the store’s own list erases again even when the file beside the backups is gone', () => {
    const { s, chen } = erasedAfterTheBackup();
    rmSync(erasureListPath(s.t.path));
    s.t.call('backup.restore', { backupFile: BACKUP, confirm: true }, s.admin);
    const after = swapAndReopen(s.t);
    const admin = after.call('auth.login', ADMIN).session;
    expect(after.call('members.get', { id: chen }, admin).erasedAt).not.toBeNull();
  });

  it('a second restore of the same backup erases again too: the list outlives the store it was written in', () => {
    const { s, chen } = erasedAfterTheBackup();
    s.t.call('backup.restore', { backupFile: BACKUP, confirm: true }, s.admin);
    const once = swapAndReopen(s.t);
    const admin = once.call('auth.login', ADMIN).session;
    once.call('backup.restore', { backupFile: BACKUP, confirm: true }, admin);
    const twice = swapAndReopen(once);
    const again = twice.call('auth.login', ADMIN).session;
    expect(twice.call('members.search', { q: '陈晓燕' }, again).items).toEqual([]);
    expect(twice.call('members.get', { id: chen }, again).erasedAt).not.toBeNull();
  });

  it('the list goes with each backup to the second destination, and a restore from there onto a new PC erases again', () => {
    const { s, chen } = erasedAfterTheBackup();
    const stick = join(dirname(s.t.path), 'stick');
    mkdirSync(stick);
    expect(copyOffsite(join(backupsDirFor(s.t.path), BACKUP), stick)).toBeNull();
    expect(readFileSync(join(stick, 'erasures.jsonl'), 'utf8')).toContain(chen);
    const newPc = tempDbPath();
    let n = 0;
    makeRestoreReady({
      dbPath: newPc,
      current: null,
      source: join(stick, BACKUP),
      fileName: BACKUP,
      now: s.t.clock.now().toISOString(),
      newId: () => `new-pc-${++n}`,
      staffId: null,
    });
    expect(completePendingRestore(newPc)).toBe(true);
    const there = makeTestApp(newPc, { idPrefix: 'there', start: s.t.clock.now().toISOString() });
    const admin = there.call('auth.login', ADMIN).session;
    expect(there.call('members.get', { id: chen }, admin).erasedAt).not.toBeNull();
    expect(there.call('members.search', { q: '13912345678' }, admin).items).toEqual([]);
  });
});
