import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startWorkerBackend } from '../../electron/backend/worker';
import { createHttpBridge } from '../../electron/http';
import type { Envelope } from '../../shared/errors';
import { makeTestApp } from '../helpers';

// Browser mode's server keeps serving while the services are busy: they run in a worker, so a call
// that waits on the database does not hold the thread that reads requests and sends pages. The
// long call is made deterministically: the test holds the database's write lock, so the worker's
// write waits (busy_timeout) until the test lets go.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const TOKEN = 'busy-test-token';
const SETUP = { branchName: '徐汇店', branchCode: 'SH01', adminName: '王店长', adminPin: '246810' };

async function browserMode(dbPath: string) {
  const staticDir = mkdtempSync(join(tmpdir(), 'branchdesk-static-'));
  cleanups.push(() => rmSync(staticDir, { recursive: true, force: true }));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>BranchDesk</title>');
  const backend = await startWorkerBackend({ dbPath, checkOutputs: true });
  cleanups.push(() => backend.close());
  const server = createHttpBridge({ backend, token: TOKEN, staticDir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rpc = async (method: string, input: unknown) => {
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` };
    const res = await fetch(`${base}/rpc/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return (await res.json()) as Envelope<unknown>;
  };
  return { base, rpc };
}

describe('the HTTP bridge over the services’ worker', () => {
  it('serves a page while the worker waits on a locked database, and answers the call once the lock is gone', async () => {
    const t = makeTestApp();
    const { base, rpc } = await browserMode(t.path);
    expect(await rpc('setup.status', {})).toMatchObject({ ok: true, result: { initialized: false } });

    t.db.exec('BEGIN IMMEDIATE');
    const events: string[] = [];
    const setup = rpc('setup.init', SETUP).then((answer) => {
      events.push('setup answered');
      return answer;
    });
    // Queued behind setup.init in the worker: it cannot be answered before the lock is released either.
    const status = rpc('setup.status', {}).then((answer) => {
      events.push('status answered');
      return answer;
    });
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>BranchDesk</title>');
    events.push('page served');

    t.db.exec('ROLLBACK');
    expect(await setup).toMatchObject({ ok: true });
    expect(await status).toMatchObject({ ok: true, result: { initialized: true } });
    expect(events).toEqual(['page served', 'setup answered', 'status answered']);
  });
});
