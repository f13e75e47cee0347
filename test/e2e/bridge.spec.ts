import { request } from 'node:http';
import { contract } from '../../shared/contract/index';
import { test, expect, setUpViaRpc, sessionFor, ADMIN, type WebServer } from './fixtures';

// The browser-mode wire protocol, spoken directly: no page, just HTTP.

interface Answer {
  status: number;
  contentType: string;
  body: { ok: boolean; result?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> } };
}

/** One raw HTTP request with full control of every header (fetch forbids some, e.g. Host). */
function raw(
  server: WebServer,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode!, contentType: String(res.headers['content-type']), body: JSON.parse(text) });
        } catch {
          reject(new Error(`not JSON (${res.statusCode}): ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The field issues of a VALIDATION answer. */
const issuesOf = (body: { error?: unknown }) => (body.error as { details: { issues: { field: string; rule: string }[] } }).details.issues;

const auth = (server: WebServer, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  Authorization: `Bearer ${server.token}`,
  ...extra,
});

/** Every refusal is the same envelope: ok false, a stable code and a message, never a 500. */
function expectRefusal(a: Answer, status: number, code: string): void {
  expect(a.status, JSON.stringify(a.body)).toBe(status);
  expect(a.contentType).toMatch(/^application\/json/);
  expect(a.body.ok).toBe(false);
  expect(a.body.error?.code).toBe(code);
  expect(typeof a.body.error?.message).toBe('string');
  expect(a.body.error!.message.length).toBeGreaterThan(0);
  expect(a.body).not.toHaveProperty('result');
}

test('the access token is required, and only as a bearer header', async ({ server }) => {
  const path = '/rpc/setup.status';
  expectRefusal(await raw(server, { path, headers: { 'Content-Type': 'application/json' }, body: '{}' }), 401, 'BAD_TOKEN');
  expectRefusal(
    await raw(server, { path, headers: auth(server, { Authorization: `Bearer ${server.token}x` }), body: '{}' }),
    401,
    'BAD_TOKEN',
  );
  expectRefusal(
    await raw(server, { path, headers: auth(server, { Authorization: `Basic ${server.token}` }), body: '{}' }),
    401,
    'BAD_TOKEN',
  );
  expectRefusal(
    await raw(server, { path: `${path}?token=${server.token}`, headers: { 'Content-Type': 'application/json' }, body: '{}' }),
    401,
    'BAD_TOKEN',
  );

  // Without the token nothing is written: the branch is still not set up.
  const init = { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 0 };
  expectRefusal(
    await raw(server, { path: '/rpc/setup.init', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(init) }),
    401,
    'BAD_TOKEN',
  );
  const status = await server.rpc('setup.status', {});
  expect(status.status).toBe(200);
  expect(status.body).toMatchObject({ ok: true, result: { initialized: false } });
});

test('malformed requests are 400 BAD_REQUEST, unknown methods 404 UNKNOWN_METHOD', async ({ server }) => {
  const malformed = await raw(server, { path: '/rpc/setup.status', headers: auth(server), body: '{"branchName":' });
  expectRefusal(malformed, 400, 'BAD_REQUEST');
  expect(malformed.body.error?.details).toMatchObject({ reason: 'malformed_json' });
  expectRefusal(await raw(server, { path: '/rpc/setup.status', headers: auth(server), body: "{'single': 'quotes'}" }), 400, 'BAD_REQUEST');
  expectRefusal(await raw(server, { method: 'GET', path: '/rpc/setup.status', headers: auth(server) }), 400, 'BAD_REQUEST');

  const tooBig = await raw(server, {
    path: '/rpc/setup.status',
    headers: auth(server),
    body: JSON.stringify({ pad: 'x'.repeat(1_100_000) }),
  });
  expectRefusal(tooBig, 400, 'BAD_REQUEST');
  expect(tooBig.body.error?.details).toMatchObject({ reason: 'too_large' });

  for (const name of ['members.nope', 'nope', 'toString', '__proto__', 'constructor', 'members.search.extra', '..%2F..%2Fetc%2Fpasswd']) {
    const a = await raw(server, { path: `/rpc/${name}`, headers: auth(server), body: '{}' });
    expectRefusal(a, 404, 'UNKNOWN_METHOD');
  }
  // A broken percent-escape in the method name or path is bad input, not a crash.
  const broken = await raw(server, { path: '/rpc/%E0%A4%A', headers: auth(server), body: '{}' });
  expectRefusal(broken, 400, 'BAD_REQUEST');
  expectRefusal(await raw(server, { method: 'GET', path: '/%E0%A4%A' }), 400, 'BAD_REQUEST');
  expectRefusal(await raw(server, { method: 'GET', path: 'http://[', headers: { Host: new URL(server.url).host } }), 400, 'BAD_REQUEST');

  // ...and the server is still there.
  expect((await server.rpc('setup.status', {})).body.ok).toBe(true);
});

test('methods that need a login answer 401 UNAUTHENTICATED without a live session', async ({ server }) => {
  await setUpViaRpc(server);
  const member = { name: '张三', phone: '13812345678', consentData: true };
  const none = await server.rpc('members.create', member);
  expect(none.status).toBe(401);
  expect(none.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  const bogus = await server.rpc('members.create', member, 'not-a-session');
  expect(bogus.status).toBe(401);
  expect(bogus.body.error?.code).toBe('UNAUTHENTICATED');

  // A session ends at logout.
  const session = await sessionFor(server);
  expect((await server.rpc('members.search', { q: 'zs' }, session)).status).toBe(200);
  expect((await server.rpc('auth.logout', {}, session)).status).toBe(200);
  const after = await server.rpc('members.create', member, session);
  expect(after.status).toBe(401);
  expect(after.body.error?.code).toBe('UNAUTHENTICATED');

  // Nothing was created.
  const check = await server.rpc('members.search', { q: '13812345678' }, await sessionFor(server));
  expect(check.body.result).toEqual({ items: [], exact: null });
});

test('bad input is 400 VALIDATION with field issues', async ({ server }) => {
  await setUpViaRpc(server);
  const session = await sessionFor(server);
  const r = await server.rpc('members.create', { name: '', phone: '12345', birthday: '2999-01-01', consentData: false }, session);
  expect(r.status).toBe(400);
  expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const issues = issuesOf(r.body);
  expect(issues).toEqual(
    expect.arrayContaining([
      { field: 'name', rule: 'required' },
      { field: 'phone', rule: 'invalid_phone' },
      { field: 'birthday', rule: 'impossible_birthday' },
      { field: 'consentData', rule: 'consent_required' },
    ]),
  );
  expect(issues).toHaveLength(4);

  const unknown = await server.rpc('members.search', { q: 'zs', sql: 'DROP TABLE members' }, session);
  expect(unknown.status).toBe(400);
  expect(issuesOf(unknown.body)).toEqual([expect.objectContaining({ field: 'sql', rule: 'unknown_field' })]);
  const wrongType = await server.rpc('members.search', { q: 42 }, session);
  expect(wrongType.status).toBe(400);
  expect(issuesOf(wrongType.body)).toEqual([{ field: 'q', rule: 'invalid_type' }]);
});

test('requests from a foreign origin or host are refused with 403', async ({ server }) => {
  const { host, origin } = new URL(server.url);
  const path = '/rpc/setup.status';
  const foreign = await raw(server, { path, headers: auth(server, { Origin: 'http://evil.example' }), body: '{}' });
  expectRefusal(foreign, 403, 'FORBIDDEN');
  expect(foreign.body.error?.details).toMatchObject({ reason: 'foreign_origin' });
  expectRefusal(await raw(server, { path, headers: auth(server, { Origin: 'null' }), body: '{}' }), 403, 'FORBIDDEN');
  expectRefusal(
    await raw(server, { path, headers: auth(server, { Origin: origin.replace('127.0.0.1', 'localhost') }), body: '{}' }),
    403,
    'FORBIDDEN',
  );
  // DNS rebinding: the right address under another name.
  expectRefusal(
    await raw(server, { path, headers: auth(server, { Host: `evil.example:${new URL(server.url).port}` }), body: '{}' }),
    403,
    'FORBIDDEN',
  );
  expectRefusal(await raw(server, { method: 'GET', path: '/', headers: { Host: 'evil.example' } }), 403, 'FORBIDDEN');

  // The page's own origin is welcome.
  const own = await raw(server, { path, headers: auth(server, { Origin: origin, Host: host }), body: '{}' });
  expect(own.status).toBe(200);
  expect(own.body.ok).toBe(true);
});

test('junk input to any method, logged in or not, never gets a 500', async ({ server }) => {
  // Every method of the contract (over a hundred now), 24 calls and a fresh login (scrypt) each:
  // a minute on a loaded two-core machine, more than the default allows.
  test.setTimeout(180_000);
  await setUpViaRpc(server);
  const junk: unknown[] = [
    null,
    [],
    'text',
    42,
    true,
    {},
    { id: 'nope' },
    { id: 1 },
    { q: '' },
    { name: 'x'.repeat(10_000) },
    JSON.parse('{"__proto__": {"role": "admin"}}'),
    { constructor: 'x' },
  ];
  for (const method of Object.keys(contract)) {
    if (method === 'setup.init') continue; // its junk answers are ALREADY_INITIALIZED / VALIDATION, checked below
    for (const withSession of [false, true]) {
      // A fresh session each time: one of the inputs may well be a successful auth.logout.
      const session = withSession ? await sessionFor(server) : undefined;
      for (const input of junk) {
        const r = await server.rpc(method, input, session);
        expect(r.status, `${method} ${JSON.stringify(input)}`).toBeLessThan(500);
        if (r.body.ok) expect(r.status).toBe(200);
        else expect(r.body.error?.code).toMatch(/^[A-Z_]+$/);
      }
    }
  }
  const again = await server.rpc('setup.init', { branchName: 'x' });
  expect(again.status).toBeLessThan(500);
  expect(again.body.ok).toBe(false);
});
