import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../db/connection';
import { backupFileName, backupsDirFor, roomToCopy } from '../../db/backup-files';
import { LATEST_VERSION } from '../../db/migrations/index';
import { runBackups } from '../../services/backup/run';
import { makeTestApp, tempDbPath } from '../helpers';
import { snapshot } from '../services/fixtures';

// Where backups live and what they are called (db/backup-files.ts), and the copy openDatabase
// takes of a store with data before it migrates it.

/** A store at `version` (before the backups table when below 18) with its branch, closed. */
function storeAt(version: number): string {
  const path = tempDbPath();
  const db = openDatabase(path, { targetVersion: version });
  db.exec(`INSERT INTO branches (id, code, name, kind, created_at) VALUES ('b1', 'SH01', '徐汇店', 'branch', '2026-06-01T00:00:00.000Z');
    INSERT INTO settings (key, value) VALUES ('self_branch_id', 'b1');`);
  db.close();
  return path;
}

describe('a backup file', () => {
  it('is named for the store, its time in the store’s zone and its kind, never twice', () => {
    const taken = new Set(['branchdesk-SH01-20261205-0300-daily.sqlite']);
    const name = (code: string | null, kind: string) =>
      backupFileName(code, kind, '2026-12-04T19:00:00.000Z', 'Asia/Shanghai', (n) => taken.has(n));
    expect(name('SH01', 'manual')).toBe('branchdesk-SH01-20261205-0300-manual.sqlite');
    expect(name('SH01', 'daily')).toBe('branchdesk-SH01-20261205-0300-daily-2.sqlite');
    expect(name(null, 'migration')).toBe('branchdesk-store-20261205-0300-migration.sqlite');
    expect(backupsDirFor('/data/shop/branch.sqlite')).toBe('/data/shop/branch.sqlite.backups');
  });

  it('is not begun when it would leave the disk without room for the store’s own writes', () => {
    const GB = 1024 ** 3;
    expect(roomToCopy(20 * GB, 17 * GB)).toBe(true);
    // 17 GB copied onto 18.5 GB free leaves 1.5 GB: less than a tenth of the store.
    expect(roomToCopy(18.5 * GB, 17 * GB)).toBe(false);
    expect(roomToCopy(2 * GB, 0.3 * GB)).toBe(true);
    expect(roomToCopy(1.2 * GB, 0.3 * GB)).toBe(false);
  });
});

describe('the copy before migrating', () => {
  it('is taken when a store with data has a migration pending, holds the store as it was, and is checked as a backup', () => {
    const path = storeAt(16);
    const before = new Database(path, { readonly: true });
    const rows = snapshot(before);
    before.close();

    const t = makeTestApp(path);
    expect(schemaVersion(t.db)).toBe(LATEST_VERSION);
    const [file] = readdirSync(backupsDirFor(path));
    expect(file).toMatch(/^branchdesk-SH01-\d{8}-\d{4}-migration\.sqlite$/);
    const copy = new Database(join(backupsDirFor(path), file), { readonly: true });
    expect(copy.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(16);
    expect(snapshot(copy)).toEqual(rows);
    copy.close();

    // Registered once the table exists, to be checked as the side host checks every copy.
    const row = () => t.db.prepare('SELECT kind, state, file_name, bytes FROM backups').get();
    expect(row()).toMatchObject({ kind: 'migration', state: 'verifying', file_name: file });
    runBackups(t.app);
    expect(row()).toMatchObject({ kind: 'migration', state: 'ok', file_name: file });
  });

  it('is not taken for a new file, nor once migrated, nor when the open says not to', () => {
    const path = tempDbPath();
    openDatabase(path).close();
    openDatabase(path).close();
    expect(existsSync(backupsDirFor(path))).toBe(false);
    const older = storeAt(17);
    openDatabase(older, { copyBeforeMigrating: false }).close();
    expect(existsSync(backupsDirFor(older))).toBe(false);
  });

  it('leaves the file unlisted when the store is migrated to a version before the backups table', () => {
    const path = storeAt(15);
    openDatabase(path, { targetVersion: 16 }).close();
    expect(readdirSync(backupsDirFor(path))).toHaveLength(1);
  });

  it('stops the open when it cannot be taken: the store is not migrated without one', () => {
    const path = storeAt(17);
    writeFileSync(backupsDirFor(path), 'in the way');
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({
        code: 'BACKUP_FAILED',
        details: expect.objectContaining({ reason: 'copy_failed', when: 'migration', fromVersion: 17 }),
      }),
    );
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(17);
    db.close();
  });
});
