import { afterEach, describe, expect, it } from 'vitest';
import { startBackend, type Backend } from '../../../electron/backend/client';
import type { HostChannel } from '../../../electron/backend/protocol';
import { spawnWorkerHost, startWorkerBackend } from '../../../electron/backend/worker';
import { makeTestApp } from '../../helpers';

// The services in a real worker thread, on the same database file as a direct app: the relay
// answers as direct dispatch does, and a worker that dies answers instead of leaving calls waiting.
// Made to wait deterministically by a write lock the test holds on the file, never by a
// test-only method.

const backends: Backend[] = [];
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

const SETUP = { branchName: '徐汇店', branchCode: 'SH01', adminName: '王店长', adminPin: '246810' };

describe('the services in a worker thread', () => {
  it('answers as direct dispatch does: a success, a validation error, an unknown method', async () => {
    const t = makeTestApp();
    const backend = await startWorkerBackend({ dbPath: t.path, checkOutputs: true });
    backends.push(backend);
    for (const [method, input] of [
      ['setup.status', {}],
      ['setup.init', { branchName: '', branchCode: 'toolongcode', adminName: '王店长', adminPin: '12' }],
      ['members.nope', { q: '李' }],
    ] as const) {
      expect(await backend.call(method, input, null)).toEqual(t.raw(method, input));
    }
    expect(await backend.call('setup.init', { branchName: '' }, null)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers a call pending when the worker dies with INTERNAL backend_exited, and the restarted worker answers the next', async () => {
    const t = makeTestApp();
    const workers: HostChannel[] = [];
    const logged: unknown[][] = [];
    const backend = await startBackend(
      () => {
        const worker = spawnWorkerHost();
        workers.push(worker);
        return worker;
      },
      { dbPath: t.path, checkOutputs: true },
      { log: (...line) => logged.push(line) },
    );
    backends.push(backend);

    // The test holds the write lock: the worker's setup.init waits for it (busy_timeout) and cannot answer.
    t.db.exec('BEGIN IMMEDIATE');
    const pending = backend.call('setup.init', SETUP, null);
    workers[0].terminate();
    // The worker stops when its wait returns to JavaScript, before it can commit.
    t.db.exec('ROLLBACK');
    expect(await pending).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'The services stopped before answering',
        details: { reason: 'backend_exited', method: 'setup.init', exitCode: 1 },
      },
    });
    expect(t.raw('setup.status', {})).toMatchObject({ ok: true, result: { initialized: false } });

    expect(await backend.call('setup.init', SETUP, null)).toMatchObject({ ok: true });
    expect(workers).toHaveLength(2);
    expect(logged).toEqual([['[backend] the services stopped (exit code 1); starting them again']]);
  });
});
