import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/client';
import { startWorkerBackend } from '../../../electron/backend/worker';
import { TEST_MERGE_GATE_ENV } from '../../../services/core/test-gate';
import { uploadsDirFor } from '../../../services/core/uploads';
import type { Envelope } from '../../../shared/errors';
import { storeUpload } from '../../helpers';
import { chain, exportFile } from '../../services/hq-fixtures';

// A long call (an HQ merge) runs in the side host, a worker thread of its own: the calls after
// it are answered meanwhile, from HQ as it was before the merge commits. The merge is held
// half-way, inside its transaction, by a gate file the test creates (services/core/test-gate.ts),
// never by timing.

const backends: Backend[] = [];
afterEach(async () => {
  delete process.env[TEST_MERGE_GATE_ENV];
  while (backends.length) await backends.pop()!.close();
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}

const branchCodes = (envelope: Envelope<unknown>) => {
  expect(envelope.ok).toBe(true);
  return (envelope as { result: { items: Array<{ branch: { code: string } }> } }).result.items.map((b) => b.branch.code);
};

describe('long calls in the side host', () => {
  it('answers HQ’s reads while a file merges, from HQ before the merge, and the merge whole once it commits', async () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    const gate = join(dirname(hq.t.path), 'merge-gate');
    // Read by the merge in the side host, which the services' worker starts: both copy this environment.
    process.env[TEST_MERGE_GATE_ENV] = gate;
    const backend = await startWorkerBackend({ dbPath: hq.t.path, checkOutputs: true });
    backends.push(backend);
    const login = await backend.call('auth.login', { name: '王店长', pin: '246810' }, null);
    const session = (login as { result: { session: string } }).result.session;

    let merged: Envelope<unknown> | null = null;
    const merging = backend
      .call('hq.merge', { fileName: file.fileName, upload: storeUpload(hq.t.path, file.path) }, session)
      .then((envelope) => (merged = envelope));
    await until(() => existsSync(`${gate}.reached`));

    // A call that writes (a login records itself) waits for the merge, off the thread...
    let loggedIn: Envelope<unknown> | null = null;
    const loggingIn = backend.call('auth.login', { name: '赵经理', pin: '1357' }, null).then((envelope) => (loggedIn = envelope));
    // ...while HQ's pages, called after it, are answered, and show none of the file.
    expect(branchCodes(await backend.call('hq.branches', {}, session))).toEqual([]);
    expect(await backend.call('hq.mergeLog', {}, session)).toMatchObject({ ok: true, result: { total: 0 } });
    expect(merged).toBeNull();
    expect(loggedIn).toBeNull();

    writeFileSync(gate, '');
    expect(await merging).toMatchObject({ ok: true, result: { alreadyMerged: false, branch: { code: 'SH01' } } });
    // Run again once the merge ended: logged in, not refused as busy.
    expect(await loggingIn).toMatchObject({ ok: true, result: { staff: { name: '赵经理' } } });
    expect(branchCodes(await backend.call('hq.branches', {}, session))).toEqual(['SH01']);
    // The side host found the file by its token, beside the same database, and removed it when done.
    expect(readdirSync(uploadsDirFor(hq.t.path))).toEqual([]);
    // Written by the side host, in the staff member's name the services' host resolved from the session.
    expect(hq.t.db.prepare("SELECT staff_id FROM audit_log WHERE action = 'hq.merge'").pluck().all()).toEqual([
      hq.t.db
        .prepare("SELECT id FROM staff WHERE name = '王店长' AND branch_id = (SELECT id FROM branches WHERE kind = 'hq')")
        .pluck()
        .get(),
    ]);
  });

  it('refuses a long call as direct dispatch does: no session, an unknown one, a clerk, a bad input', async () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    const backend = await startWorkerBackend({ dbPath: hq.t.path, checkOutputs: true });
    backends.push(backend);
    const login = async (name: string, pin: string) =>
      ((await backend.call('auth.login', { name, pin }, null)) as { result: { session: string } }).result.session;
    const [clerk, manager] = [await login('小李', '1357'), await login('赵经理', '1357')];
    const input = { fileName: file.fileName, upload: storeUpload(hq.t.path, file.path) };
    for (const [relayed, direct, code] of [
      [[input, null], [input, null], 'UNAUTHENTICATED'],
      [[input, 'no-such-session'], [input, 'no-such-session'], 'UNAUTHENTICATED'],
      [[input, clerk], [input, hq.clerk], 'FORBIDDEN'],
      [[{ fileName: '' }, manager], [{ fileName: '' }, hq.manager], 'VALIDATION'],
    ] as const) {
      const there = await backend.call('hq.merge', relayed[0], relayed[1]);
      const here = hq.t.raw('hq.merge', direct[0], direct[1]);
      expect(there).toMatchObject({ ok: false, error: { code } });
      expect(there).toEqual(here);
    }
    expect(branchCodes(await backend.call('hq.branches', {}, manager))).toEqual([]);
  });
});
