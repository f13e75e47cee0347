import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion, type DB } from '../../db/connection';
import { LATEST_VERSION, MIGRATIONS } from '../../db/migrations/index';
import { AppError } from '../../shared/errors';
import { loginAs, makeTestApp, setUpBranch, tempDbPath } from '../helpers';
import { snapshot } from '../services/fixtures';

const FOUNDATION_TABLES = ['audit_log', 'branches', 'counters', 'member_tags', 'members', 'settings', 'staff'];

function tableNames(db: DB): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map(
    (r) => r.name,
  );
}

function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A database as a newer BranchDesk would leave it: one migration this app does not know. */
function makeNewerDatabase(journalMode: 'wal' | 'delete'): string {
  const path = tempDbPath();
  const db = openDatabase(path);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    LATEST_VERSION + 1,
    '9999-from-the-future',
    '2030-01-01T00:00:00.000Z',
  );
  db.exec('CREATE TABLE future_things (id TEXT PRIMARY KEY)');
  db.pragma(`journal_mode = ${journalMode}`);
  db.close();
  return path;
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps, and LATEST_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS) expect(m.name.startsWith(String(m.version).padStart(4, '0') + '-'), m.name).toBe(true);
  });

  it('a fresh database gets every migration, each recorded once', () => {
    const db = openDatabase(tempDbPath());
    const recorded = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as Array<{
      version: number;
      name: string;
      applied_at: string;
    }>;
    expect(recorded.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    for (const r of recorded) expect(new Date(r.applied_at).toISOString()).toBe(r.applied_at);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining([...FOUNDATION_TABLES, 'schema_migrations']));
    db.close();
  });

  it('stops at a target version and continues from there on the next open', () => {
    const path = tempDbPath();
    const empty = openDatabase(path, { targetVersion: 0 });
    expect(schemaVersion(empty)).toBe(0);
    expect(tableNames(empty)).toEqual(['schema_migrations']);
    empty.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tableNames(db)).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
    db.close();
  });

  it('keeps every row when the database is opened (and migrated) again', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const clerk = loginAs(t, admin, 'clerk');
    t.call('members.create', { name: '张三', phone: '13812345678', tags: ['VIP', '宝妈'], consentData: true }, clerk);
    t.call('members.create', { name: '李四', phone: '13912345678', consentData: true, consentMarketing: true }, clerk);
    const before = snapshot(t.db);
    expect(before.members).toHaveLength(2);
    expect(before.member_tags).toHaveLength(2);

    migrate(t.db, MIGRATIONS, LATEST_VERSION); // on the open connection: nothing to do
    expect(snapshot(t.db)).toEqual(before);
    t.db.close();

    for (let i = 0; i < 2; i++) {
      const db = openDatabase(t.path);
      expect(snapshot(db)).toEqual(before);
      db.close();
    }
  });

  it('rolls a failing migration back whole and records nothing for it', () => {
    const db = openDatabase(tempDbPath());
    const broken = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id TEXT); INSERT INTO no_such_table VALUES (1);',
    };
    expect(() => migrate(db, [...MIGRATIONS, broken], broken.version)).toThrow(/no_such_table/);
    expect(tableNames(db)).not.toContain('half_done');
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('applies a migration the database missed (a later one recorded before it), and names one that no longer applies', () => {
    const path = tempDbPath();
    openDatabase(path).close();
    const raw = new Database(path);
    // As a development build left the bench database: later migrations recorded, 0014 never run.
    raw.exec(`DROP TABLE jobs; DELETE FROM schema_migrations WHERE version = 14`);
    raw.close();
    const db = openDatabase(path);
    expect(tableNames(db)).toContain('jobs');
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations WHERE version = 14').get()).toEqual({ n: 1 });
    db.close();

    const broken = {
      version: 3,
      name: 'missed-and-broken',
      sql: 'CREATE TABLE half_done (id TEXT); INSERT INTO no_such_table VALUES (1);',
    };
    const again = openDatabase(path);
    again.prepare('DELETE FROM schema_migrations WHERE version = 3').run();
    expect(() =>
      migrate(
        again,
        [...MIGRATIONS.filter((m) => m.version !== 3), broken].sort((a, b) => a.version - b.version),
        LATEST_VERSION,
      ),
    ).toThrow(/missed-and-broken.*no_such_table/);
    expect(tableNames(again)).not.toContain('half_done');
    again.close();
  });

  it.each(['wal', 'delete'] as const)('refuses a database from a newer app (%s journal) and leaves the file as it was', (mode) => {
    const path = makeNewerDatabase(mode);
    const hash = fileHash(path);
    let error: unknown;
    try {
      openDatabase(path).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    expect((error as AppError).details).toEqual({ dbVersion: LATEST_VERSION + 1, appVersion: LATEST_VERSION });
    expect(fileHash(path)).toBe(hash);
    expect(existsSync(`${path}-wal`)).toBe(false);

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe(mode);
    expect(raw.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: LATEST_VERSION + 1 });
    raw.close();
  });

  it('refuses a newer database through migrate() as well', () => {
    const db = openDatabase(tempDbPath());
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_VERSION + 5, 'future', 'x');
    expect(() => migrate(db, MIGRATIONS, LATEST_VERSION)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
    db.close();
  });
});

describe('connection pragmas', () => {
  it('opens a branch database in WAL mode with foreign keys on', () => {
    const db = openDatabase(tempDbPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    db.close();
  });

  it('syncs the HQ database fully', () => {
    const db = openDatabase(tempDbPath(), { hq: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('syncs a database set up as HQ fully however it is opened', () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '总部', branchCode: 'HQ', adminName: '王店长', adminPin: '246810', kind: 'hq' });
    const again = openDatabase(t.path);
    expect(again.pragma('synchronous', { simple: true })).toBe(2);
    again.close();
    const branch = makeTestApp();
    setUpBranch(branch);
    const reopened = openDatabase(branch.path);
    expect(reopened.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    reopened.close();
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(tempDbPath());
    const insertStaff = () =>
      db
        .prepare(
          `INSERT INTO staff (id, branch_id, name, role, pin_hash, created_at, updated_at) VALUES ('s1', 'no-such-branch', 'x', 'clerk', 'h', 't', 't')`,
        )
        .run();
    expect(insertStaff).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }));
    db.close();
  });
});
