import { afterEach, describe, expect, it } from 'vitest';
import { connect, type AddressInfo } from 'node:net';
import { startWorkerBackend } from '../../electron/backend/worker';
import { createHttpBridge, MAX_BODY_DEPTH } from '../../electron/http';
import { makeTestApp, type TestApp } from '../helpers';
import type { Envelope } from '../../shared/errors';
import { contract, DEFAULT_MAX_BODY_BYTES } from '../../shared/contract/index';

// One suite, two transports: every case must give the same envelope directly and over HTTP. The
// HTTP bridge answers as browser mode's does, through the services' worker (electron/backend/) on
// the test's database file; the worker holds its own sessions, so the HTTP cases log in over HTTP.

type Invoke = (method: string, input: unknown, session: string | null) => Promise<Envelope<unknown>>;

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!();
});

/** The bridge in front of a worker on the test's database, as `npm run web` runs it; closed after the test. */
async function serveOverWorker(t: TestApp, token: string): Promise<string> {
  const backend = await startWorkerBackend({ dbPath: t.path, checkOutputs: true });
  servers.push(() => backend.close());
  const server = createHttpBridge({ backend, token, staticDir: null });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(() => new Promise((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function httpInvoke(t: TestApp): Promise<Invoke> {
  const token = 'test-token-123';
  const base = await serveOverWorker(t, token);
  return async (method, input, session) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
    if (session) headers['X-Session'] = session;
    const res = await fetch(`${base}/rpc/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    const body = (await res.json()) as Envelope<unknown>;
    // The status agrees with the envelope.
    expect(res.status === 200).toBe(body.ok);
    return body;
  };
}

const directInvoke =
  (t: TestApp): Invoke =>
  async (method, input, session) =>
    t.raw(method, input, session);

const transports: Array<[string, (t: TestApp) => Promise<Invoke> | Invoke]> = [
  ['direct', directInvoke],
  ['http', httpInvoke],
];

describe.each(transports)('contract over %s', (_name, make) => {
  async function setUp() {
    const t = makeTestApp();
    const invoke = await make(t);
    const init = await invoke('setup.init', { branchName: '徐汇店', branchCode: 'sh01', adminName: '王店长', adminPin: '246810' }, null);
    expect(init.ok).toBe(true);
    const login = await invoke('auth.login', { name: '王店长', pin: '246810' }, null);
    if (!login.ok) throw new Error('login failed');
    return { t, invoke, admin: (login.result as { session: string }).session };
  }

  it('registers and finds a member, normalising the phone', async () => {
    const { invoke, admin } = await setUp();
    const created = await invoke('members.create', { name: '李四', phone: '１３９ ００００ １１１１', consentData: true }, admin);
    expect(created).toMatchObject({ ok: true, result: { phone: '+8613900001111', cardNo: 'SH0100000001' } });
    const found = await invoke('members.search', { q: 'ls' }, admin);
    expect(found).toMatchObject({ ok: true, result: { items: [{ name: '李四', matchedBy: 'pinyinInitials' }] } });
  });

  it('answers errors with the same codes and details', async () => {
    const { invoke, admin } = await setUp();
    expect(await invoke('members.nope', {}, admin)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await invoke('members.search', { q: 'x' }, null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const bad = await invoke('members.create', { name: '', phone: '123', consentData: true }, admin);
    if (bad.ok) throw new Error('expected a refusal');
    expect(bad.error.code).toBe('VALIDATION');
    const issues = bad.error.details?.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'name', rule: 'required' },
        { field: 'phone', rule: 'invalid_phone' },
      ]),
    );
    expect(await invoke('auth.login', { name: '王店长', pin: '000000' }, null)).toMatchObject({
      ok: false,
      error: { code: 'WRONG_CREDENTIALS' },
    });
  });

  it('asks before the same sale is recorded twice, and records it when told to', async () => {
    const { invoke, admin } = await setUp();
    const member = await invoke('members.create', { name: '李四', phone: '13900001111', consentData: true }, admin);
    if (!member.ok) throw new Error('member not created');
    const sale = { memberId: (member.result as { id: string }).id, amount: '88' };
    expect(await invoke('purchases.record', sale, admin)).toMatchObject({ ok: true });
    expect(await invoke('purchases.record', sale, admin)).toMatchObject({
      ok: false,
      error: {
        code: 'POSSIBLE_DUPLICATE',
        details: { windowMinutes: 10, existing: { amountFen: 8800, receiptNo: null, createdByName: '王店长' } },
      },
    });
    expect(await invoke('purchases.record', { ...sale, confirmDuplicate: true }, admin)).toMatchObject({
      ok: true,
      result: { earned: 88 },
    });
  });

  it('answers a tier save with the job that re-evaluates the members, which the caller follows to its end', async () => {
    const { t, invoke, admin } = await setUp();
    const list = await invoke('tiers.list', {}, admin);
    if (!list.ok) throw new Error('no tiers');
    const config = list.result as { basis: string; windowMonths: number; reviewMonths: number; tiers: Array<{ rank: number }> };
    const saved = await invoke('tiers.save', { ...config, tiers: config.tiers.map(({ rank: _rank, ...tier }) => tier) }, admin);
    if (!saved.ok) throw new Error('not saved');
    const id = (saved.result as { jobId: string }).jobId;
    expect(await invoke('jobs.list', {}, admin)).toMatchObject({
      ok: true,
      result: { active: [{ id, kind: 'tiers.reevaluate', state: 'queued' }] },
    });
    t.runJobs();
    expect(await invoke('jobs.get', { id }, admin)).toMatchObject({
      ok: true,
      result: { state: 'done', done: 0, total: 0, etaSeconds: 0 },
    });
    expect(await invoke('jobs.cancel', { id }, admin)).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });

  it('answers a report while the summaries are built again with the job to follow, and the figures after it', async () => {
    const { t, invoke, admin } = await setUp();
    const ids: string[] = [];
    for (const phone of ['13900001111', '13900002222']) {
      const member = await invoke('members.create', { name: '李四', phone, consentData: true }, admin);
      if (!member.ok) throw new Error('member not created');
      ids.push((member.result as { id: string }).id);
    }
    expect(await invoke('members.merge', { keepId: ids[0], mergeId: ids[1] }, admin)).toMatchObject({ ok: true });
    const jobs = await invoke('jobs.list', {}, admin);
    if (!jobs.ok) throw new Error('no jobs');
    const [build] = (jobs.result as { active: Array<{ id: string; kind: string }> }).active;
    expect(build.kind).toBe('reports.summaries');
    expect(await invoke('reports.summary', { period: '2026-06' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'REPORTS_BUILDING', details: { jobId: build.id, done: 0, total: null } },
    });
    t.runJobs();
    expect(await invoke('reports.summary', { period: '2026-06' }, admin)).toMatchObject({ ok: true });
  });
});

describe('HTTP bridge only', () => {
  it('refuses a missing token, malformed JSON and foreign origins without writing', async () => {
    const t = makeTestApp();
    const base = await serveOverWorker(t, 'secret');
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${base}/rpc/setup.init`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    const input = JSON.stringify({ branchName: 'x', branchCode: 'AB', adminName: 'a', adminPin: '1234' });

    const noToken = await post({}, input);
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    const malformed = await post({ Authorization: 'Bearer secret' }, '{"branchName":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', details: { reason: 'malformed_json' } } });
    const foreign = await post({ Authorization: 'Bearer secret', Origin: 'http://evil.example' }, input);
    expect(foreign.status).toBe(403);
    expect(t.raw('setup.status', {})).toMatchObject({ ok: true, result: { initialized: false } });
  });

  it('lets a client sending a body over 1 MiB finish sending and read its 400 (the socket was closed under it: fetch failed, EPIPE)', async () => {
    const t = makeTestApp();
    const base = new URL(await serveOverWorker(t, 'secret'));
    const socket = connect(Number(base.port), base.hostname);
    servers.push(async () => void socket.destroy());
    let received = '';
    let ended: string | null = null;
    socket.on('data', (d: Buffer) => (received += d.toString()));
    socket.on('error', (err) => (ended = String(err)));
    socket.on('end', () => (ended ??= 'closed by the server'));
    const until = async (done: () => boolean) => {
      while (!done() && !ended) await new Promise((r) => setTimeout(r, 5));
    };
    const size = 2 * DEFAULT_MAX_BODY_BYTES;
    const head = `POST /rpc/members.get HTTP/1.1\r\nHost: ${base.host}\r\nAuthorization: Bearer secret\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
    socket.write(head + 'x'.repeat(DEFAULT_MAX_BODY_BYTES + 1024));
    // The 400 comes as soon as the limit is passed, while the client is still sending: as fetch
    // does, it sends the rest anyway, then asks again on the same connection.
    await until(() => received.includes('"too_large"'));
    expect(received).toMatch(/^HTTP\/1\.1 400/);
    socket.write('x'.repeat(size - DEFAULT_MAX_BODY_BYTES - 1024));
    await new Promise((r) => setTimeout(r, 100));
    socket.write(`POST /rpc/setup.status HTTP/1.1\r\nHost: ${base.host}\r\nAuthorization: Bearer secret\r\nContent-Length: 2\r\n\r\n{}`);
    await until(() => received.includes('"initialized"'));
    expect(ended).toBeNull();
    expect(received).toContain('"ok":true');
  });

  it('refuses a body nested too deeply to hand to the services (it answered 500 INTERNAL, not_sent), and goes on answering', async () => {
    const t = makeTestApp();
    const base = await serveOverWorker(t, 'secret');
    const post = async (body: string) => {
      const headers = { 'Content-Type': 'application/json', Authorization: 'Bearer secret' };
      const res = await fetch(`${base}/rpc/members.get`, { method: 'POST', headers, body });
      return { status: res.status, body: (await res.json()) as Envelope<unknown> };
    };
    const nested = (depth: number) => `{"id":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const tooDeep = {
      status: 400,
      body: { ok: false, error: { code: 'BAD_REQUEST', details: { reason: 'too_deep', maxDepth: MAX_BODY_DEPTH } } },
    };
    // 50,000 levels overflowed the structured clone that carries a call to the services' worker.
    expect(await post(nested(50_000))).toMatchObject(tooDeep);
    expect(await post(`{"id":"x","extra":${'{"a":'.repeat(MAX_BODY_DEPTH)}1${'}'.repeat(MAX_BODY_DEPTH)}}`)).toMatchObject(tooDeep);
    // At the limit the input reaches the dispatcher, which answers as for any other (no session yet).
    expect(await post(nested(MAX_BODY_DEPTH))).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } });
    expect(await post('{}')).toMatchObject({ status: 401 });
  });

  it('reads no body over 1 MiB, a file for hq.merge included: files come as uploads (POST /upload)', async () => {
    const t = makeTestApp();
    const base = await serveOverWorker(t, 'secret');
    const post = async (method: string, body: string) => {
      const res = await fetch(`${base}/rpc/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer secret' },
        body,
      });
      return { status: res.status, body: (await res.json()) as Envelope<unknown> };
    };
    const file = JSON.stringify({ fileName: 'SH01-1.bdx', dataBase64: 'A'.repeat(DEFAULT_MAX_BODY_BYTES + 1024) });
    expect(contract['hq.merge'].maxBodyBytes).toBeUndefined();
    const refused = {
      status: 400,
      body: { ok: false, error: { code: 'BAD_REQUEST', details: { reason: 'too_large', maxBytes: DEFAULT_MAX_BODY_BYTES } } },
    };
    expect(await post('hq.merge', file)).toMatchObject(refused);
    expect(await post('members.nope', file)).toMatchObject(refused);
    // Under the limit, read whole and passed on: the dispatcher, not the bridge, answers (no session yet).
    expect(await post('hq.merge', JSON.stringify({ fileName: 'SH01-1.bdx', upload: 'A'.repeat(32) }))).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'UNAUTHENTICATED' } },
    });
  });
});
