import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDirFor } from '../../../db/backup-files';
import { copyInOneStep } from '../../../db/backup-copy';
import { runBackups, takeNextBackup } from '../../../services/backup/run';
import type { BackupRow } from '../../../db/queries/backup/backups';
import { ADMIN, makeTestApp, type TestApp } from '../../helpers';
import { ledgerProblems } from '../points-fixtures';

// A backup taken while the counter keeps selling on another thread (busy-counter.ts) is the
// store at one instant: every member's balance equal to their ledger and open lots, every sale
// whole, and the sales it holds those committed before its copy began and none after.

const workers: Worker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.terminate();
});

/** Runs busy-counter.ts (TypeScript) in a worker thread, through tsx as electron/backend/worker.ts does. */
function busyCounter(path: string, members: string[], shared: SharedArrayBuffer): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./busy-counter.ts', import.meta.url).href);
  const script = `import(${tsx}).then((tsx) => tsx.tsImport(${entry}, ${JSON.stringify(import.meta.url)}));`;
  const worker = new Worker(script, { eval: true, workerData: { path, members, shared } });
  workers.push(worker);
  return worker;
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 1500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).toBe(true);
};

describe('a backup taken while the counter sells', () => {
  /** A store of 3,000 demo members (big enough for sales to land during a copy) and a counter selling on it in another thread. */
  async function selling() {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 3000 });
    const admin = t.call('auth.login', ADMIN).session;
    const members = t.db.prepare("SELECT id FROM members WHERE status = 'active' ORDER BY id LIMIT 200").pluck().all() as string[];
    const shared = new SharedArrayBuffer(8);
    const state = new Int32Array(shared);
    const worker = busyCounter(t.path, members, shared);
    const exited = new Promise((resolve) => worker.on('exit', resolve));
    await until(() => Atomics.load(state, 0) > 20);
    const stop = async () => {
      Atomics.store(state, 1, 1);
      await exited;
    };
    return { t, admin, stop };
  }

  const sales = (db: TestApp['db'] | Database.Database) =>
    db.prepare("SELECT COUNT(*) FROM purchases WHERE kind = 'sale'").pluck().get() as number;

  /** The copy is the store at one instant: sound, and holding the sales committed before it began and none after. */
  function expectConsistent(t: TestApp, backup: BackupRow, before: number, after: number) {
    expect(backup).toMatchObject({ state: 'ok', error: null });
    expect(after, 'the counter sold while the copy ran').toBeGreaterThan(before);
    const copy = new Database(join(backupsDirFor(t.path), backup.file_name!), { readonly: true });
    const copied = sales(copy);
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);
    expect(ledgerProblems(copy)).toEqual([]);
    // Every sale in the copy came with its points.
    const unearned =
      "SELECT COUNT(*) FROM purchases p WHERE kind = 'sale' AND NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.purchase_id = p.id)";
    expect(copy.prepare(unearned).pluck().get()).toBe(0);
    copy.close();
  }

  it('by VACUUM INTO (tests, scripts, a merge batch) is consistent and ok', { timeout: 60_000 }, async () => {
    const { t, admin, stop } = await selling();
    t.call('backup.create', {}, admin);
    const before = sales(t.db);
    const [backup] = runBackups(t.app);
    const after = sales(t.db);
    await stop();
    expectConsistent(t, backup, before, after);
  });

  it(
    'by a paced snapshot of the file (the side host), the counter selling all the while, is consistent and ok',
    { timeout: 60_000 },
    async () => {
      const { t, admin, stop } = await selling();
      t.call('backup.create', {}, admin);
      const before = sales(t.db);
      const backup = await takeNextBackup(t.app);
      const after = sales(t.db);
      await stop();
      expectConsistent(t, backup!, before, after);
    },
  );

  it(
    'by the backup API in one step (a store not in WAL mode), the counter selling all the while, is consistent',
    { timeout: 60_000 },
    async () => {
      const { t, stop } = await selling();
      const path = join(backupsDirFor(t.path), 'api.sqlite');
      const before = sales(t.db);
      await copyInOneStep(t.db, path, 'backupApi');
      const after = sales(t.db);
      await stop();
      expect(after, 'the counter sold while the copy ran').toBeGreaterThan(before);
      const copy = new Database(path, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(sales(copy)).toBeGreaterThanOrEqual(before);
      expect(sales(copy)).toBeLessThanOrEqual(after);
      expect(ledgerProblems(copy)).toEqual([]);
      copy.close();
    },
  );
});
