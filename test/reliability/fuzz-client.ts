import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { FuzzBody } from './fuzz-mutations';

// Browser mode as the fuzz run (./fuzz.test.ts) starts and calls it: `npm run web` in a process
// of its own, as the e2e fixtures start it, and requests sent as they come, bytes and all.

const ROOT = resolve(import.meta.dirname, '../..');

export interface WebServer {
  child: ChildProcess;
  origin: string;
  token: string;
  output: () => string;
}

/** `npm run web` on the store, with the chores kept off (--no-chores): nothing writes but the calls. */
export async function startWeb(dbPath: string): Promise<WebServer> {
  const child = spawn(
    process.execPath,
    [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/web.ts', '--db', dbPath, '--port', '0', '--no-build', '--no-chores'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /BranchDesk ready at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ready(m[1]);
      }
    });
    child.on('exit', (code) => fail(new Error(`the server exited ${code}:\n${out}`)));
  });
  const parsed = new URL(url);
  return { child, origin: parsed.origin, token: parsed.searchParams.get('token')!, output: () => out };
}

/** SIGTERM, as a user stops it, and wait for it to close the database. */
export async function stopWeb(server: WebServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
}

export interface Envelope {
  ok?: boolean;
  result?: unknown;
  error?: { code?: string };
}

export interface Answer {
  status: number;
  /** null when the body is not an envelope, or nothing came back (status 0) */
  envelope: Envelope | null;
  text: string;
}

function envelopeIn(text: string): Envelope | null {
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed !== null && typeof parsed === 'object' && 'ok' in parsed ? (parsed as Envelope) : null;
  } catch {
    return null;
  }
}

/** Sends `request` as it is: no content type but its own, invalid UTF-8 as bytes; a connection that fails is an answer too. */
export async function send(
  server: WebServer,
  path: string,
  request: FuzzBody,
  session: string | null,
  token = server.token,
): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (request.contentType) headers['Content-Type'] = request.contentType;
  if (session !== null) headers['X-Session'] = session;
  const body = new Uint8Array(typeof request.body === 'string' ? Buffer.from(request.body) : request.body);
  try {
    const res = await fetch(`${server.origin}${path}`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, envelope: envelopeIn(text), text };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const text = `${String(err)} (${cause?.code ?? cause?.message ?? 'no cause'}) sending ${body.length} bytes`;
    return { status: 0, envelope: null, text };
  }
}

export const rpc = (server: WebServer, method: string, input: unknown, session: string | null = null) =>
  send(server, `/rpc/${method}`, { kind: 'valid', body: JSON.stringify(input), contentType: 'application/json' }, session);

export async function login(server: WebServer, who: { name: string; pin: string }): Promise<string> {
  const answer = await rpc(server, 'auth.login', who);
  if (!answer.envelope?.ok) throw new Error(`${who.name} could not log in: ${answer.text}`);
  return (answer.envelope.result as { session: string }).session;
}

/** Stores files as the app does (POST /upload) and answers their upload tokens. */
export async function upload(server: WebServer, session: string, files: Array<[string, Buffer]>): Promise<string[]> {
  const tokens: string[] = [];
  for (const [name, bytes] of files) {
    const res = await fetch(`${server.origin}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'X-Session': session, 'X-File-Name': encodeURIComponent(name) },
      body: new Uint8Array(bytes),
    });
    const answer = (await res.json()) as { ok: boolean; result?: { token: string } };
    if (!answer.ok || !answer.result) throw new Error(`${name} could not be uploaded: ${JSON.stringify(answer)}`);
    tokens.push(answer.result.token);
  }
  return tokens;
}
