import { copyFileSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../db/migrations/index';
import { uploadsDirFor } from '../../../services/core/uploads';
import { backupsDirFor } from '../../../db/backup-files';
import { loginAs, makeTestApp, storeUpload } from '../../helpers';
import { failure, snapshot } from '../fixtures';
import { makeBranch, makeHq } from '../hq-fixtures';
import { backupNow, crossIndexes, flipBytesInAPage, folderListing, makeStore, PNG } from '../backup-fixtures';

// backup.inspect says what a backup holds, and refuses a file that must not replace the store
// with a reason, changing nothing: not the store, not the folders beside it.

function storeWithHistory() {
  const s = makeStore();
  const zhang = s.member('张三', '13800000001');
  s.member('李四', '13800000002');
  s.buy(zhang, '120.00');
  s.t.clock.advance(3_600_000);
  s.buy(zhang, '30.00');
  return s;
}

/** Inspects `path` (copied into the backups folder under `name`) and checks nothing changed. */
function refusedAsBackup(s: ReturnType<typeof makeStore>, path: string, name = 'suspect.sqlite') {
  const target = join(backupsDirFor(s.t.path), name);
  if (path !== target) copyFileSync(path, target);
  const before = { rows: snapshot(s.t.db), files: folderListing(s.t.path), bytes: statSync(target).size };
  const error = failure(s.t, 'backup.inspect', { backupFile: name }, s.admin);
  expect({ rows: snapshot(s.t.db), files: folderListing(s.t.path), bytes: statSync(target).size }).toEqual(before);
  return error;
}

describe('backup.inspect', () => {
  it('says what a backup holds: when, which store, its schema, members, last sale, size', () => {
    const s = storeWithHistory();
    const path = backupNow(s.t.db);
    s.t.clock.advance(60_000);
    s.member('王五', '13800000003'); // after the backup: not in it
    const shown = s.t.call('backup.inspect', { backupFile: 'branchdesk-SH01-20260615-1000-daily.sqlite' }, s.admin);
    expect(shown).toEqual({
      fileName: 'branchdesk-SH01-20260615-1000-daily.sqlite',
      bytes: statSync(path).size,
      // the newest write it holds: the second sale, an hour after the first
      takenAt: '2026-06-15T03:00:00.000Z',
      branch: { id: expect.any(String), code: 'SH01', name: '徐汇店', kind: 'branch' },
      schemaVersion: LATEST_VERSION,
      members: 2,
      lastSaleAt: '2026-06-15T03:00:00.000Z',
      sameStore: true,
      checked: 'quick_check',
    });
  });

  it('reads a file the admin picked (an upload) and keeps it for the restore; refuses a clerk', () => {
    const s = storeWithHistory();
    const upload = storeUpload(s.t.path, backupNow(s.t.db));
    expect(s.t.call('backup.inspect', { upload }, s.admin)).toMatchObject({ fileName: null, members: 2 });
    expect(readdirSync(uploadsDirFor(s.t.path))).toEqual([upload]);
    const clerk = loginAs(s.t, s.admin, 'clerk');
    expect(failure(s.t, 'backup.inspect', { upload }, clerk)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('names a backup by its file name alone, one source at a time', () => {
    const s = storeWithHistory();
    backupNow(s.t.db);
    expect(failure(s.t, 'backup.inspect', { backupFile: '../branch.sqlite' }, s.admin)).toMatchObject({ code: 'VALIDATION' });
    expect(failure(s.t, 'backup.inspect', {}, s.admin)).toMatchObject({ code: 'VALIDATION' });
    expect(failure(s.t, 'backup.inspect', { backupFile: 'gone.sqlite' }, s.admin)).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'backup', fileName: 'gone.sqlite' },
    });
  });

  it('refuses a truncated copy', () => {
    const s = storeWithHistory();
    const path = backupNow(s.t.db);
    const full = statSync(path).size;
    truncateSync(path, Math.floor(full / 2 / 4096) * 4096);
    expect(refusedAsBackup(s, path, 'branchdesk-SH01-20260615-1000-daily.sqlite')).toMatchObject({
      code: 'BAD_FILE',
      details: { reason: 'truncated', backup: true, expectedBytes: full, actualBytes: Math.floor(full / 2 / 4096) * 4096 },
    });
  });

  it('refuses a file with bytes flipped in a page', () => {
    const s = storeWithHistory();
    for (let i = 0; i < 300; i++) s.member(`会员${i}`, `1390000${String(i).padStart(4, '0')}`); // members on several pages
    const path = backupNow(s.t.db);
    flipBytesInAPage(path);
    expect(refusedAsBackup(s, path, 'branchdesk-SH01-20260615-1000-daily.sqlite')).toMatchObject({
      code: 'BAD_FILE',
      details: { reason: 'corrupt', backup: true, problems: expect.arrayContaining([expect.stringContaining('btreeInitPage')]) },
    });
  });

  it('refuses a picture renamed .sqlite, and an empty file', () => {
    const s = storeWithHistory();
    const png = join(backupsDirFor(s.t.path), 'photo.sqlite');
    backupNow(s.t.db);
    writeFileSync(png, PNG);
    expect(refusedAsBackup(s, png, 'photo.sqlite')).toMatchObject({ code: 'BAD_FILE', details: { reason: 'not_sqlite', backup: true } });
    writeFileSync(png, '');
    expect(refusedAsBackup(s, png, 'photo.sqlite')).toMatchObject({ details: { reason: 'not_sqlite' } });
  });

  it('refuses a database that is no BranchDesk store', () => {
    const s = storeWithHistory();
    backupNow(s.t.db);
    const other = join(backupsDirFor(s.t.path), 'notes.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES (1)');
    db.close();
    expect(refusedAsBackup(s, other, 'notes.sqlite')).toMatchObject({ details: { reason: 'foreign', foreign: 'not_branchdesk' } });
  });

  it('refuses an HQ database, and another branch’s backup once this store is in use', () => {
    const s = storeWithHistory();
    backupNow(s.t.db);
    const hq = makeHq();
    const hqBackup = backupNow(hq.t.db, 'hq.sqlite');
    expect(refusedAsBackup(s, hqBackup, 'hq.sqlite')).toMatchObject({ details: { reason: 'foreign', foreign: 'hq', code: 'HQ' } });
    const other = makeBranch('BJ01', null);
    other.member('赵六', '13700000001');
    const otherBackup = backupNow(other.t.db, 'bj01.sqlite');
    expect(refusedAsBackup(s, otherBackup, 'bj01.sqlite')).toMatchObject({
      details: { reason: 'foreign', foreign: 'other', code: 'BJ01', currentCode: 'SH01' },
    });
  });

  it('lets a store just set up take another branch’s backup (a new PC), marked as another store', () => {
    const old = storeWithHistory();
    const fresh = makeStore(makeTestApp(undefined, { idPrefix: 'new' }));
    const upload = storeUpload(fresh.t.path, backupNow(old.t.db));
    expect(fresh.t.call('backup.inspect', { upload }, fresh.admin)).toMatchObject({ sameStore: false, members: 2 });
  });

  it('refuses a backup from a newer app', () => {
    const s = storeWithHistory();
    const path = backupNow(s.t.db);
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      LATEST_VERSION + 1,
      'future',
      '2030-01-01',
    );
    db.close();
    expect(refusedAsBackup(s, path, 'branchdesk-SH01-20260615-1000-daily.sqlite')).toMatchObject({
      details: { reason: 'newer', schemaVersion: LATEST_VERSION + 1, appVersion: LATEST_VERSION },
    });
  });

  it('looks with a quick check: an index crossed with another passes it (the restore’s whole check does not)', () => {
    const s = storeWithHistory();
    const path = backupNow(s.t.db);
    crossIndexes(path);
    expect(s.t.call('backup.inspect', { backupFile: 'branchdesk-SH01-20260615-1000-daily.sqlite' }, s.admin)).toMatchObject({
      checked: 'quick_check',
    });
  });

  it('removes a refused upload, which no restore can use', () => {
    const s = storeWithHistory();
    const png = join(s.t.path, '..', 'x.png');
    writeFileSync(png, PNG);
    const upload = storeUpload(s.t.path, png);
    expect(failure(s.t, 'backup.inspect', { upload }, s.admin)).toMatchObject({ details: { reason: 'not_sqlite' } });
    expect(readdirSync(uploadsDirFor(s.t.path))).toEqual([]);
  });
});
