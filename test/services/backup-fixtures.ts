import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from '../../db/connection';
import { completePendingRestore } from '../../db/restore-swap';
import { backupsDirFor } from '../../db/backup-files';
import { ADMIN, makeTestApp, setUpBranch, type TestApp } from '../helpers';
import { memberInput } from './fixtures';

// A store with members, points and sales, its backups as the backup engine writes them (one
// read snapshot into the backups folder beside the database), and the ways a file goes bad.

export interface Store {
  t: TestApp;
  admin: string;
  member(name: string, phone: string): string;
  buy(memberId: string, amount: string): void;
  /** Moves the clock on and logs the admin in again (a session ends after 12 idle hours). */
  later(ms: number): void;
}

export function makeStore(t: TestApp = makeTestApp()): Store {
  const store: Store = {
    t,
    admin: setUpBranch(t),
    member: (name, phone) => t.call('members.create', memberInput(name, phone), store.admin).id,
    buy: (memberId, amount) => void t.call('purchases.record', { memberId, amount, confirmDuplicate: true }, store.admin),
    later: (ms) => {
      t.clock.advance(ms);
      store.admin = t.call('auth.login', ADMIN).session;
    },
  };
  return store;
}

/** A backup of the store as it is now, in its backups folder under `fileName`; answers its path. */
export function backupNow(db: DB, fileName = 'branchdesk-SH01-20260615-1000-daily.sqlite'): string {
  const folder = backupsDirFor(db.name);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, fileName);
  db.prepare('VACUUM INTO ?').run(path);
  return path;
}

/** Each member's card, name and balance, and the balance their ledger sums to. */
export function balances(db: DB): unknown[] {
  return db
    .prepare(
      `SELECT m.card_no, m.name, m.points_balance, (SELECT COALESCE(SUM(points), 0) FROM points_ledger l WHERE l.member_id = m.id) AS ledger
         FROM members m ORDER BY m.card_no`,
    )
    .all();
}

/** The folder beside the database as a listing: what a refused file must leave as it was. */
export function folderListing(dbPath: string): string[] {
  return [...readdirSync(join(dbPath, '..')), ...readdirSync(backupsDirFor(dbPath)).map((f) => `backups/${f}`)].sort();
}

/** Overwrites `bytes` at `offset` of a file. */
export function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

/** Scribbles over the header of a page in the middle of the members table: a b-tree SQLite can no longer walk. */
export function flipBytesInAPage(path: string): void {
  const file = new Database(path, { readonly: true });
  const pageSize = file.pragma('page_size', { simple: true }) as number;
  const pages = file
    .prepare("SELECT pageno FROM dbstat WHERE name = 'members' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  file.close();
  const page = pages[Math.floor(pages.length / 2)];
  overwrite(path, (page - 1) * pageSize, Buffer.alloc(16, 0xa5));
}

/**
 * Copies the page of one small index of the members table over another's: every page is sound
 * and every index holds as many entries as the table (a quick check passes), but the index no
 * longer matches its rows, which only a whole integrity check sees.
 */
export function crossIndexes(path: string): void {
  const file = new Database(path, { readonly: true });
  const pageSize = file.pragma('page_size', { simple: true }) as number;
  const root = (name: string) => file.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number;
  const [name, pinyin] = [root('members_name'), root('members_py_full')];
  file.close();
  overwrite(path, (name - 1) * pageSize, readFileSync(path).subarray((pinyin - 1) * pageSize, pinyin * pageSize));
}

/** The first bytes of a PNG, then noise: a picture renamed to .sqlite. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(4096, 7)]);

/** What the services' host does after a restore answered, on the test's own connection: close, swap, open. */
export function swapAndReopen(t: TestApp): TestApp {
  t.db.close();
  if (!completePendingRestore(t.path)) throw new Error('no restore was waiting');
  // Its own ids (the store's are the first connection's) and the same moment.
  return makeTestApp(t.path, { idPrefix: 'after', start: t.clock.now().toISOString() });
}

export const fileBytes = (path: string) => readFileSync(path);

/** A closed store with two members who bought, backed up (plain, in its backups folder), and a third registered after the backup. */
export function closedStoreBackedUp(): { path: string; backup: string; atBackup: unknown[] } {
  const s = makeStore();
  const zhang = s.member('张三', '13800000001');
  s.member('李四', '13800000002');
  s.buy(zhang, '320.00');
  const backup = backupNow(s.t.db);
  const atBackup = balances(s.t.db);
  s.member('王五', '13800000003');
  s.t.db.close();
  return { path: s.t.path, backup, atBackup };
}
