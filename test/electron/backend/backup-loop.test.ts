import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/client';
import { startWorkerBackend } from '../../../electron/backend/worker';
import { backupsDirFor } from '../../../db/backup-files';
import type { Backup } from '../../../shared/contract/backup';
import type { Envelope } from '../../../shared/errors';
import { makeTestApp, setUpBranch } from '../../helpers';

// The backups as the app takes them: the services' host (a real worker thread) starts its side
// host with the chores, and the side host's loop takes what is asked for, on its own thread.

const backends: Backend[] = [];
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

const result = <T>(envelope: Envelope<unknown>): T => {
  expect(envelope.ok).toBe(true);
  return (envelope as { result: T }).result;
};

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600 && !(await condition()); i++) await new Promise((r) => setTimeout(r, 50));
  expect(await condition()).toBe(true);
}

describe('the side host’s backup loop', () => {
  it('starts with the chores and takes a backup an admin asked for, while the counter is answered', { timeout: 60_000 }, async () => {
    const t = makeTestApp();
    setUpBranch(t);
    const backend = await startWorkerBackend({ dbPath: t.path, checkOutputs: true });
    backends.push(backend);
    const session = result<{ session: string }>(await backend.call('auth.login', { name: '王店长', pin: '246810' }, null)).session;
    const asked = result<Backup>(await backend.call('backup.create', {}, session));
    expect(asked.state).toBe('requested');

    // Nothing copies it before the chores start: the services' host never does.
    await new Promise((r) => setTimeout(r, 2500));
    expect(result<{ items: Backup[] }>(await backend.call('backup.list', {}, session)).items[0].state).toBe('requested');

    backend.startMaintenance();
    let latest: Backup = asked;
    await until(async () => {
      latest = result<{ items: Backup[] }>(await backend.call('backup.list', {}, session)).items[0];
      // The counter is answered meanwhile.
      expect((await backend.call('members.search', { q: '138' }, session)).ok).toBe(true);
      return latest.state === 'ok';
    });
    expect(latest).toMatchObject({ id: asked.id, kind: 'manual', check: { integrity: true, balanceMismatches: 0 } });
    expect(existsSync(join(backupsDirFor(t.path), latest.fileName!))).toBe(true);
    expect(result<{ lastOkAt: string | null }>(await backend.call('backup.status', {}, session)).lastOkAt).toBe(latest.snapshotAt);
  });
});
