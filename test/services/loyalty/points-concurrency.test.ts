import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHttpBridge } from '../../../electron/http';
import type { Envelope } from '../../../shared/errors';
import { counter, ledgerProblems } from '../points-fixtures';
import type { WorkerArgs, WorkerOutcome } from './workers/redeem-worker';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const redeemEntries = (c: ReturnType<typeof counter>, memberId: string) =>
  c.t.db
    .prepare(
      "SELECT reason, COUNT(*) AS n, SUM(points) AS points FROM points_ledger WHERE member_id = ? AND kind = 'redeem' GROUP BY reason ORDER BY reason",
    )
    .all(memberId);

function runWorker(args: WorkerArgs): Promise<WorkerOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'test/services/loyalty/workers/redeem-worker.ts', JSON.stringify(args)],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as WorkerOutcome) : reject(new Error(`worker ${args.name} exited ${code}: ${err}`)),
    );
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}

describe('concurrent redemptions', () => {
  it('never overdraws when two processes redeem from one database file at the same moment', async () => {
    const c = counter();
    const m = c.member();
    c.t.call('points.adjust', { memberId: m, points: 20000, reason: '并发测试' }, c.manager);
    const barrierDir = mkdtempSync(join(tmpdir(), 'branchdesk-barrier-'));
    cleanups.push(() => rmSync(barrierDir, { recursive: true, force: true }));
    const base = {
      dbPath: c.t.path,
      barrierDir,
      staff: { name: '小李', pin: '1357' },
      memberId: m,
      points: 100,
      attempts: 150,
      now: c.t.clock.now().toISOString(),
    };
    const workers = [runWorker({ ...base, name: 'A' }), runWorker({ ...base, name: 'B' })];
    await until(() => existsSync(join(barrierDir, 'ready-A')) && existsSync(join(barrierDir, 'ready-B')));
    writeFileSync(join(barrierDir, 'go'), '');
    const [a, b] = await Promise.all(workers);

    expect([a.other, b.other]).toEqual([[], []]);
    // 300 tries at 100 points against 20,000: exactly 200 succeed, and as neither may try more
    // than 150, each process got at least 50 of them.
    expect(a.redeemed + b.redeemed).toBe(200);
    expect(Math.min(a.redeemed, b.redeemed)).toBeGreaterThanOrEqual(50);
    expect(a.insufficient + b.insufficient).toBe(100);
    const final = c.balance(m);
    expect(final).toBe(0);
    expect((a.redeemed + b.redeemed) * 100).toBe(20000 - final);
    expect(redeemEntries(c, m)).toEqual([
      { reason: 'A', n: a.redeemed, points: -100 * a.redeemed },
      { reason: 'B', n: b.redeemed, points: -100 * b.redeemed },
    ]);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  }, 60_000);

  it('lets exactly as many of 20 simultaneous HTTP redemptions succeed as the balance allows', async () => {
    const c = counter();
    const m = c.member();
    c.t.call('points.adjust', { memberId: m, points: 1050, reason: '并发测试' }, c.manager);
    const token = 'concurrency-test-token';
    // The bridge over this test's app in this thread, with its frozen clock and sessions (browser
    // mode's worker relay has its own tests in test/electron/backend/).
    const server = createHttpBridge({
      backend: { call: async (method, input, session) => c.t.raw(method, input, session) },
      token,
      staticDir: null,
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc/points.redeem`;
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Session': c.clerk };
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ memberId: m, points: 100, reason: `#${i}` }) });
        return { status: res.status, body: (await res.json()) as Envelope<unknown> };
      }),
    );
    const ok = answers.filter((a) => a.body.ok);
    expect(ok).toHaveLength(10);
    expect(ok.every((a) => a.status === 200)).toBe(true);
    const refused = answers.filter((a) => !a.body.ok);
    expect(refused.map((a) => [a.status, !a.body.ok && a.body.error.code])).toEqual(Array(10).fill([409, 'INSUFFICIENT_POINTS']));
    expect(c.balance(m)).toBe(50);
    expect(c.t.call('points.ledger', { memberId: m }, c.clerk).items.filter((e) => e.kind === 'redeem')).toHaveLength(10);
    expect(ledgerProblems(c.t.db)).toEqual([]);
  });
});
