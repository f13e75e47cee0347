import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDirFor } from '../../../db/backup-files';
import { runBackups } from '../../../services/backup/run';
import { ADMIN, makeTestApp } from '../../helpers';
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
  it('is consistent and ok, and holds the sales committed before its copy began', { timeout: 60_000 }, async () => {
    const t = makeTestApp();
    // Demo members make a store whose copy takes long enough for sales to land during it.
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 3000 });
    const admin = t.call('auth.login', ADMIN).session;
    const members = t.db.prepare("SELECT id FROM members WHERE status = 'active' ORDER BY id LIMIT 200").pluck().all() as string[];
    const sales = () => t.db.prepare("SELECT COUNT(*) FROM purchases WHERE kind = 'sale'").pluck().get() as number;
    const shared = new SharedArrayBuffer(8);
    const state = new Int32Array(shared);
    const worker = busyCounter(t.path, members, shared);
    const exited = new Promise((resolve) => worker.on('exit', resolve));
    await until(() => Atomics.load(state, 0) > 20);

    t.call('backup.create', {}, admin);
    const before = sales();
    const [backup] = runBackups(t.app);
    const after = sales();
    Atomics.store(state, 1, 1);
    await exited;

    expect(backup).toMatchObject({ state: 'ok', error: null });
    expect(after, 'the counter sold while the copy ran').toBeGreaterThan(before);
    const copy = new Database(join(backupsDirFor(t.path), backup.file_name!), { readonly: true });
    const copied = copy.prepare("SELECT COUNT(*) FROM purchases WHERE kind = 'sale'").pluck().get() as number;
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(after);
    expect(ledgerProblems(copy)).toEqual([]);
    // Every sale in the copy came with its points, and with its audit row.
    expect(
      copy
        .prepare(
          "SELECT COUNT(*) FROM purchases p WHERE kind = 'sale' AND NOT EXISTS (SELECT 1 FROM points_ledger l WHERE l.purchase_id = p.id)",
        )
        .pluck()
        .get(),
    ).toBe(0);
    copy.close();
  });
});
