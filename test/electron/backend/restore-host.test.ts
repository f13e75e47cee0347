import { existsSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/client';
import { startWorkerBackend } from '../../../electron/backend/worker';
import { restoringPath } from '../../../db/restore-swap';
import { backupsDirFor } from '../../../db/backup-files';
import type { Envelope } from '../../../shared/errors';
import { ADMIN } from '../../helpers';
import { backupNow, balances, makeStore } from '../../services/backup-fixtures';
import { memberInput } from '../../services/fixtures';

// A restore through the real services' host, in a worker thread as browser mode and the tests run
// it (Electron's utility process runs the same host): the side host makes the backup ready, then
// the host closes the database, swaps the files, opens the restored store with no sessions, and
// answers the calls that waited. Judged from outside, by calls, and by the files.

const backends: Backend[] = [];
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

const BACKUP = 'branchdesk-SH01-20260615-1000-daily.sqlite';

async function ok<T>(pending: Promise<Envelope<unknown>>): Promise<T> {
  const envelope = await pending;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** A store backed up with two members, then a third member after the backup; closed, so only the host holds it. */
function storeOnDisk() {
  const s = makeStore();
  const zhang = s.member('张三', '13800000001');
  s.member('李四', '13800000002');
  s.buy(zhang, '320.00');
  backupNow(s.t.db);
  const atBackup = balances(s.t.db);
  s.member('王五', '13800000003');
  s.t.db.close();
  return { path: s.t.path, atBackup };
}

describe('a restore through the services’ host', () => {
  it('answers what happened, ends every session, and answers calls from the restored store', async () => {
    const { path, atBackup } = storeOnDisk();
    const backend = await startWorkerBackend({ dbPath: path, checkOutputs: true });
    backends.push(backend);
    backend.startMaintenance();
    const login = () => ok<{ session: string }>(backend.call('auth.login', ADMIN, null)).then((r) => r.session);
    const admin = await login();
    const other = await login(); // another window, logged in too
    expect((await ok<{ items: unknown[] }>(backend.call('members.search', { q: '13800000003' }, admin))).items).toHaveLength(1);

    const restoring = backend.call('backup.restore', { backupFile: BACKUP, confirm: true }, admin);
    // Sent while the restore runs: a write waits for the restored store, where its session is gone.
    const lateWrite = backend.call('members.create', memberInput('赵六', '13800000004'), other);
    const restored = await ok<{ restoredTo: string; preRestoreFile: string; nextCardNo: string; sessionsEnded: boolean }>(restoring);
    expect(restored).toMatchObject({ restoredTo: expect.any(String), sessionsEnded: true, nextCardNo: 'SH0100200001' });
    expect(await lateWrite).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // Every session ended, the old ones are refused, a new login works on the restored store.
    for (const session of [admin, other]) {
      expect(await backend.call('members.search', { q: '张' }, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const again = await login();
    expect((await ok<{ items: unknown[] }>(backend.call('members.search', { q: '13800000003' }, again))).items).toEqual([]);
    const zhao = await ok<{ cardNo: string }>(backend.call('members.create', memberInput('赵六', '13800000004'), again));
    expect(zhao.cardNo).toBe(restored.nextCardNo);
    // A long call after the swap starts a new side host on the restored store.
    expect(await backend.call('backup.inspect', { backupFile: BACKUP }, again)).toMatchObject({ ok: true, result: { members: 2 } });

    await backend.close();
    backends.pop();
    expect(existsSync(restoringPath(path))).toBe(false);
    expect(readdirSync(backupsDirFor(path)).sort()).toEqual([BACKUP, restored.preRestoreFile].sort());
    const db = new Database(path, { readonly: true });
    expect(balances(db).slice(0, 2)).toEqual(atBackup);
    expect(db.prepare('SELECT name FROM members ORDER BY card_no').pluck().all()).toEqual(['张三', '李四', '赵六']);
    db.close();
  });

  it('leaves all as it was when the backup is refused: sessions, writes, the store', async () => {
    const { path } = storeOnDisk();
    const backend = await startWorkerBackend({ dbPath: path, checkOutputs: true });
    backends.push(backend);
    const admin = (await ok<{ session: string }>(backend.call('auth.login', ADMIN, null))).session;
    const refused = await backend.call('backup.restore', { backupFile: 'missing.sqlite', confirm: true }, admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ok(backend.call('members.create', memberInput('赵六', '13800000004'), admin));
    expect((await ok<{ items: unknown[] }>(backend.call('members.search', { q: '13800000003' }, admin))).items).toHaveLength(1);
  });
});
