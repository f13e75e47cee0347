import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { SERVER_BUNDLE_DIR } from './global-setup';

export interface WebServer {
  url: string;
  token: string;
  dbPath: string;
  /** POST /rpc/<method> as the browser would, with an optional session */
  rpc(
    method: string,
    input: unknown,
    session?: string,
  ): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string } } }>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Browser mode on a fresh database: `npm run web` as a user starts it, minus npm, with `env` added
 * to its environment. It runs from the bundle global-setup.ts made (E2E_SERVER=tsx: from source).
 */
async function startServer(dbPath: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const entry =
    process.env.E2E_SERVER === 'tsx'
      ? [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'electron/web.ts']
      : [join(SERVER_BUNDLE_DIR, 'web.mjs')];
  const child = spawn(process.execPath, [...entry, '--db', dbPath, '--port', '0', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Everything the server prints, its exit included: shown with a test that failed.
  let out = '';
  child.on('exit', (code, signal) => (out += `\n[the server exited: ${code ?? signal}]\n`));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /BranchDesk ready at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
  return { child, url, log: () => out };
}

/** A store set up `monthsAgo` months ago with demo members, the admin ADMIN (test/e2e/past-store.ts). */
export interface PastStore {
  monthsAgo: number;
  members: number;
}

/** Writes a past store into `dbPath` before its server starts, so the server's first chores find its points due. */
async function makePastStore(dbPath: string, store: PastStore): Promise<void> {
  const args = ['--db', dbPath, '--months-ago', String(store.monthsAgo), '--members', String(store.members)];
  const child = spawn(
    process.execPath,
    [
      ...(process.env.E2E_SERVER === 'tsx'
        ? [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'test/e2e/past-store.ts']
        : [join(SERVER_BUNDLE_DIR, 'past-store.mjs')]),
      ...args,
      '--admin-name',
      ADMIN.name,
      '--admin-pin',
      ADMIN.pin,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolveCode) => child.once('exit', resolveCode));
  if (code !== 0) throw new Error(`past-store.ts exited ${code}:\n${err}`);
}

/**
 * Browser mode on `dbPath` as it is (a test that restarts the server on the same file, an
 * encrypted one), until stop(): its output is attached to a test that failed.
 */
export async function serveDatabase(
  dbPath: string,
  env: Record<string, string> = {},
  testInfo?: TestInfo,
): Promise<{ server: WebServer; stop(): Promise<void> }> {
  const { child, url, log } = await startServer(dbPath, env);
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  const server: WebServer = {
    url,
    token,
    dbPath,
    async rpc(method, input, session) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` };
      if (session) headers['X-Session'] = session;
      const res = await fetch(`${parsed.origin}/rpc/${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
      return { status: res.status, body: await res.json() };
    },
  };
  async function stop(): Promise<void> {
    if (testInfo && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server output', { body: log(), contentType: 'text/plain' });
      console.log(`--- the server's output (${testInfo.title}):\n${log().slice(-4000)}\n---`);
    }
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  return { server, stop };
}

/** A browser-mode server on a fresh database of its own, stopped and removed when the test ends. */
async function serveFreshDatabase(
  use: (server: WebServer) => Promise<void>,
  env: Record<string, string> = {},
  pastStore: PastStore | null = null,
  testInfo?: TestInfo,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'branchdesk-e2e-'));
  const dbPath = join(dir, 'branch.sqlite');
  if (pastStore) await makePastStore(dbPath, pastStore);
  const { server, stop } = await serveDatabase(dbPath, env, testInfo);
  await use(server);
  await stop();
  rmSync(dir, { recursive: true, force: true });
}

export const test = base.extend<{
  /** Environment for `server`'s process (a spec sets it with test.use: BRANCHDESK_TEST_SLICE_DELAY_MS to watch a job run). */
  serverEnv: Record<string, string>;
  /** The same for `hqServer` (BRANCHDESK_TEST_MERGE_GATE to hold a merge half-way). */
  hqServerEnv: Record<string, string>;
  /** Start `server` on a store set up months ago (set with test.use), instead of an empty database. */
  pastStore: PastStore | null;
  server: WebServer;
  hqServer: WebServer;
  secondBranchServer: WebServer;
}>({
  serverEnv: [{}, { option: true }],
  hqServerEnv: [{}, { option: true }],
  pastStore: [null, { option: true }],
  server: async ({ serverEnv, pastStore }, use, testInfo) => serveFreshDatabase(use, serverEnv, pastStore, testInfo),
  // More databases beside `server` for HQ tests (a branch, another branch, their HQ); each starts
  // only in a test that names it.
  hqServer: async ({ hqServerEnv }, use, testInfo) => serveFreshDatabase(use, hqServerEnv, null, testInfo),
  secondBranchServer: async ({}, use, testInfo) => serveFreshDatabase(use, {}, null, testInfo),
});

export { expect };

export const ADMIN = { name: '王店长', pin: '246810' };

/** Set the branch up through the wire protocol (the setup screen has its own test). */
export async function setUpViaRpc(server: WebServer, demoMembers = 0): Promise<void> {
  const r = await server.rpc('setup.init', {
    branchName: '徐汇店',
    branchCode: 'SH01',
    adminName: ADMIN.name,
    adminPin: ADMIN.pin,
    demoMembers,
  });
  expect(r.body.ok).toBe(true);
}

export async function addStaff(server: WebServer, name: string, role: string, pin = '1357'): Promise<void> {
  const login = await server.rpc('auth.login', ADMIN);
  const session = (login.body.result as { session: string }).session;
  const r = await server.rpc('staff.create', { name, role, pin }, session);
  expect(r.body.ok).toBe(true);
}

export async function login(page: Page, server: WebServer, name: string, pin: string): Promise<void> {
  await page.goto(server.url);
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=pin]').fill(pin);
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('counter-search')).toBeVisible();
}

/**
 * A path for a file the test writes (an upload, a download), in the test's own output folder. Not
 * a folder made when the spec file loads and removed in afterAll: tests run fully parallel, and a
 * worker ran afterAll between two tests of one file, the second then writing into a removed folder.
 */
export function scratchPath(name: string): string {
  const path = test.info().outputPath(name);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** A session for RPC calls as the given staff member (the admin by default). */
export async function sessionFor(server: WebServer, who: { name: string; pin: string } = ADMIN): Promise<string> {
  const r = await server.rpc('auth.login', who);
  expect(r.body.ok).toBe(true);
  return (r.body.result as { session: string }).session;
}

export interface CreatedMember {
  id: string;
  cardNo: string;
  name: string;
}

/** Register a member through the wire protocol (consent given). */
export async function createMember(
  server: WebServer,
  session: string,
  fields: { name: string; phone: string } & Record<string, unknown>,
): Promise<CreatedMember> {
  const r = await server.rpc('members.create', { consentData: true, ...fields }, session);
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  return r.body.result as CreatedMember;
}

/** A date field (renderer/components/DateField) by its name: the label, the typed sections, the helper text. */
export function dateField(scope: Page | Locator, name: string): Locator {
  const page = 'keyboard' in scope ? scope : scope.page();
  // `has` is looked for inside each field, so it starts from the page, not from the scope.
  return scope.locator('.MuiPickersTextField-root', { has: page.locator(`input[name="${name}"]`) });
}

/** What a date field shows, as typed or picked: 2026/11/28. */
export function dateText(scope: Page | Locator, name: string): Locator {
  return dateField(scope, name).locator('.MuiPickersSectionList-root');
}

/** Type a date as a clerk does: the digits go into the year, month and day; the separators are the field's own. */
export async function typeDate(scope: Page | Locator, name: string, date: string): Promise<void> {
  const field = dateField(scope, name);
  await field.getByRole('spinbutton').first().click();
  const keyboard = field.page().keyboard;
  await keyboard.press('ControlOrMeta+a');
  await keyboard.type(date.replace(/\D/g, ''));
}

/** The store's today (`YYYY-MM-DD`), as the services count it. */
export async function storeToday(server: WebServer, session: string): Promise<string> {
  const r = await server.rpc('followups.today', {}, session);
  expect(r.body.ok).toBe(true);
  return (r.body.result as { today: string }).today;
}

/** `date` moved by `days` calendar days. */
export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` date as the Chinese screen writes it: 2026/11/28 (docs/dates.md). */
export const shownDate = (date: string) => date.replaceAll('-', '/');
