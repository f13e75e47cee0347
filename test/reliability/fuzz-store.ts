import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { createApp } from '../../services/core/context';
import { call } from '../../services/core/dispatch';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { FEEDBACK_CATEGORIES } from '../../shared/contract/index';
import type { Pools } from './fuzz-inputs';

// The fuzz run's store and server (./fuzz.test.ts): a branch with demo members and their sales,
// staff of every role, some complaints and follow-ups, its background jobs run to their end
// (so the reports have their summaries); then browser mode on it, as the e2e tests start it.

const ROOT = resolve(import.meta.dirname, '../..');

export const STAFF = {
  admin: { name: '王店长', pin: '246810' },
  manager: { name: '赵经理', pin: '1357' },
  clerk: { name: '小李', pin: '2468' },
  /** logs in afresh for each auth.logout the run sends with a real session: the three above stay logged in */
  spare: { name: '备用收银', pin: '8642' },
};
/** Staff the run may change (role, PIN, deactivation) without touching the sessions it holds. */
const TARGETS = [
  { name: '钱会计', role: 'clerk', pin: '1111' },
  { name: '孙主管', role: 'manager', pin: '2222' },
  { name: '周管理', role: 'admin', pin: '3333' },
] as const;

export function seedFuzzStore(dbPath: string): void {
  const db = openDatabase(dbPath);
  const app = createApp(db);
  try {
    const { admin: a, manager: m, clerk: c, spare: s } = STAFF;
    call(app, {}, 'setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: a.name, adminPin: a.pin, demoMembers: 150 });
    const admin = call(app, {}, 'auth.login', a).session;
    call(app, { session: admin }, 'staff.create', { ...m, role: 'manager' });
    call(app, { session: admin }, 'staff.create', { ...c, role: 'clerk' });
    call(app, { session: admin }, 'staff.create', { ...s, role: 'clerk' });
    for (const target of TARGETS) call(app, { session: admin }, 'staff.create', target);
    const manager = call(app, {}, 'auth.login', m).session;
    // Dates a day or more away from today wherever the store's time zone has it.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const members = call(app, { session: manager }, 'members.list', { pageSize: 20 }).items.map((row) => row.id);
    members.slice(0, 6).forEach((memberId, i) => {
      const category = FEEDBACK_CATEGORIES[i % FEEDBACK_CATEGORIES.length];
      call(app, { session: manager }, 'feedback.create', { memberId, category, description: `测试投诉 ${i}` });
      call(app, { session: manager }, 'followups.create', { memberId, dueDate: day(7), note: `回访 ${i}` });
    });
    call(app, { session: manager }, 'takings.set', { date: day(-2), amount: '8888.00' });
    jobRunner(app).runToEnd();
  } finally {
    closeJobRunner(app);
    db.close();
  }
}

/** What a valid-looking input can name, read from the store on the run's own connection. */
export function readPools(db: Database.Database, pins: string[], spareId: string, sessionHolders: string[], uploads: string[]): Pools {
  const column = (sql: string) => (db.prepare(sql).pluck().all() as string[]).filter((v) => typeof v === 'string');
  const keep = new Set([spareId, ...sessionHolders]);
  return {
    ids: {
      member: column('SELECT id FROM members ORDER BY id'),
      purchase: column('SELECT id FROM purchases ORDER BY id'),
      followup: column('SELECT id FROM followups ORDER BY id'),
      feedback: column('SELECT id FROM feedback ORDER BY id'),
      // The run's own staff are no target: a demoted manager would turn its later calls into FORBIDDEN.
      staff: column('SELECT id FROM staff ORDER BY id').filter((id) => !keep.has(id)),
      job: column('SELECT id FROM jobs ORDER BY id'),
      import: column('SELECT id FROM imports ORDER BY id'),
      tier: column('SELECT id FROM tiers ORDER BY id'),
      conflict: column('SELECT id FROM hq_conflicts ORDER BY id'),
      // Each is read once (an import opened, a merge refused): the later calls naming it meet upload_missing.
      upload: uploads,
    },
    staffNames: column('SELECT name FROM staff ORDER BY id').filter((name) => name !== STAFF.spare.name),
    pins,
    phones: column('SELECT phone FROM members ORDER BY id LIMIT 50'),
  };
}

export interface WebServer {
  child: ChildProcess;
  origin: string;
  token: string;
  output: () => string;
}

/** `npm run web` on the store, as the e2e fixtures start it, with the chores kept off (--no-chores). */
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

const SALES_CSV = '日期,手机,金额,小票号\n2026-01-05,13800138000,120.50,A001\n2026-01-06,13900139000,88,A002\n';

/**
 * Files for import.open and hq.merge to name, stored as browser mode stores them (POST /upload):
 * the import tests' fixtures (good files in several encodings, broken ones, not a table at all)
 * and a small sales file. Answers their upload tokens.
 */
export async function uploadFiles(server: WebServer, session: string): Promise<string[]> {
  const dir = join(ROOT, 'test/fixtures/import');
  const files: Array<[string, Buffer]> = [
    ...readdirSync(dir)
      .filter((name) => !name.endsWith('.py'))
      .map((name): [string, Buffer] => [name, readFileSync(join(dir, name))]),
    ['sales.csv', Buffer.from(SALES_CSV)],
  ];
  const tokens: string[] = [];
  for (const [name, bytes] of [...files, ...files]) {
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
