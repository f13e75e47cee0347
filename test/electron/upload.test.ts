import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerBackend } from '../../electron/backend/worker';
import { createHttpBridge } from '../../electron/http';
import { uploadsDirFor } from '../../services/core/uploads';
import type { Envelope } from '../../shared/errors';
import { UPLOAD_TOKEN_PATTERN, type Upload } from '../../shared/uploads';
import { makeTestApp, setUpBranch, type TestApp } from '../helpers';
import { chain, exportFile } from '../services/hq-fixtures';

// POST /upload on browser mode's bridge: a file streamed into the uploads folder beside the
// database, for a logged-in staff member only, and refused whole (nothing stored) when too large.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const TOKEN = 'upload-test-token';
/** Small enough to exceed in a test; the app's own is 512 MiB. */
const MAX_BYTES = 64 * 1024;

async function bridge(t: TestApp) {
  const backend = await startWorkerBackend({ dbPath: t.path, checkOutputs: true });
  cleanups.push(() => backend.close());
  const server = createHttpBridge({ backend, token: TOKEN, staticDir: null, uploads: { dir: uploadsDirFor(t.path), maxBytes: MAX_BYTES } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = async (name: string, pin: string) => {
    const res = await fetch(`${base}/rpc/auth.login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ name, pin }),
    });
    return ((await res.json()) as { result: { session: string } }).result.session;
  };
  const upload = async (body: BodyInit, headers: Record<string, string>) => {
    const init = { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, ...headers }, body, duplex: 'half' } as RequestInit;
    const res = await fetch(`${base}/upload`, init);
    return { status: res.status, body: (await res.json()) as Envelope<Upload> };
  };
  return { base, login, upload };
}

/** A body that arrives in pieces, with no Content-Length: how a browser streams a large file. */
function streamed(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

const stored = (t: TestApp) => (existsSync(uploadsDirFor(t.path)) ? readdirSync(uploadsDirFor(t.path)) : []);

describe('POST /upload', () => {
  it('streams a file into the uploads folder and answers its token, name and size', async () => {
    const t = makeTestApp();
    setUpBranch(t);
    const { login, upload } = await bridge(t);
    const session = await login('王店长', '246810');
    const chunks = [0, 1, 2, 3].map((n) => new Uint8Array(16 * 1024).fill(n));
    const answer = await upload(streamed([...chunks]), { 'X-Session': session, 'X-File-Name': encodeURIComponent('会员名单 2026.csv') });
    expect(answer.status).toBe(200);
    if (!answer.body.ok) throw new Error(JSON.stringify(answer.body.error));
    expect(answer.body.result).toEqual({
      token: expect.stringMatching(UPLOAD_TOKEN_PATTERN),
      fileName: '会员名单 2026.csv',
      bytes: 64 * 1024,
    });
    expect(readFileSync(join(uploadsDirFor(t.path), answer.body.result.token))).toEqual(Buffer.concat(chunks));
    expect(stored(t)).toEqual([answer.body.result.token]);
  });

  it('refuses a file over the limit with 413, whether it says its size or not, and keeps nothing of it', async () => {
    const t = makeTestApp();
    setUpBranch(t);
    const { login, upload } = await bridge(t);
    const session = await login('王店长', '246810');
    const headers = { 'X-Session': session, 'X-File-Name': 'big.csv' };
    const tooLarge = {
      status: 413,
      body: { ok: false, error: { code: 'BAD_FILE', details: { reason: 'too_large', maxBytes: MAX_BYTES } } },
    };
    // Content-Length over the limit: refused before a byte is stored.
    expect(await upload(new Blob([new Uint8Array(MAX_BYTES + 1)]), headers)).toMatchObject(tooLarge);
    // No length given: cut off once it passes the limit, half a file removed.
    const chunks = Array.from({ length: 12 }, () => new Uint8Array(16 * 1024));
    expect(await upload(streamed(chunks), headers)).toMatchObject(tooLarge);
    expect(stored(t)).toEqual([]);
    // Exactly the limit is fine, and the connection serves on.
    expect(await upload(new Blob([new Uint8Array(MAX_BYTES)]), headers)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('takes files from logged-in staff only, with the bridge’s token, and names the file', async () => {
    const t = makeTestApp();
    setUpBranch(t);
    const { base, login, upload } = await bridge(t);
    const session = await login('王店长', '246810');
    const file = () => new Blob(['a,b\n1,2\n']);
    expect(await upload(file(), { 'X-File-Name': 'a.csv' })).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect(await upload(file(), { 'X-Session': 'no-such-session', 'X-File-Name': 'a.csv' })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(await upload(file(), { Authorization: 'Bearer wrong', 'X-Session': session, 'X-File-Name': 'a.csv' })).toMatchObject({
      status: 401,
      body: { error: { code: 'BAD_TOKEN' } },
    });
    expect(await upload(file(), { 'X-Session': session })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', details: { reason: 'file_name' } } },
    });
    expect(await upload(file(), { 'X-Session': session, 'X-File-Name': '%E0%A4%A' })).toMatchObject({ status: 400 });
    const foreign = await fetch(`${base}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'X-Session': session, 'X-File-Name': 'a.csv', Origin: 'http://evil.example' },
      body: file(),
    });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${base}/upload`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(400);
    expect(stored(t)).toEqual([]);
    // A name is a name: any folder it came with is dropped.
    expect(await upload(file(), { 'X-Session': session, 'X-File-Name': encodeURIComponent('../../etc/名单.csv') })).toMatchObject({
      status: 200,
      body: { ok: true, result: { fileName: '名单.csv', bytes: 8 } },
    });
  });

  it('hands HQ a branch’s export to merge by its token, which is gone once merged', async () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    const { base, login, upload } = await bridge(hq.t);
    const session = await login('赵经理', '1357');
    const sent = await upload(new Blob([readFileSync(file.path)]), { 'X-Session': session, 'X-File-Name': file.fileName });
    if (!sent.body.ok) throw new Error(JSON.stringify(sent.body.error));
    const res = await fetch(`${base}/rpc/hq.merge`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, 'X-Session': session },
      body: JSON.stringify({ fileName: sent.body.result.fileName, upload: sent.body.result.token }),
    });
    expect(await res.json()).toMatchObject({
      ok: true,
      result: { fileName: file.fileName, alreadyMerged: false, branch: { code: 'SH01' } },
    });
    expect(stored(hq.t)).toEqual([]);
  });
});
