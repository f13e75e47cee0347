import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type DB } from '../../db/connection';
import { createApp, type App } from '../../services/core/context';
import { call } from '../../services/core/dispatch';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { newUploadToken, uploadsDirFor } from '../../services/core/uploads';
import { FEEDBACK_CATEGORIES } from '../../shared/contract/index';
import type { Pools } from './fuzz-inputs';

// The fuzz run's stores (./fuzz.test.ts): a branch with demo members and their sales, staff of
// every role, some complaints and follow-ups, in HQ's chain; and the HQ, which has merged the
// branch's first export. Their background jobs are run to their end (the reports' summaries).
// Then the files each server is sent before the run, for import.open and hq.merge to name.

const ROOT = resolve(import.meta.dirname, '../..');

export const STAFF = {
  admin: { name: '王店长', pin: '246810' },
  manager: { name: '赵经理', pin: '1357' },
  clerk: { name: '小李', pin: '2468' },
  /** logs in afresh for each auth.logout the run sends with a real session: the three above stay logged in */
  spare: { name: '备用收银', pin: '8642' },
};
/** Staff the run may change (role, PIN, deactivation) without touching the sessions it holds. */
const CHANGEABLE = [
  { name: '钱会计', role: 'clerk', pin: '1111' },
  { name: '孙主管', role: 'manager', pin: '2222' },
  { name: '周管理', role: 'admin', pin: '3333' },
] as const;
export const PINS = [...Object.values(STAFF), ...CHANGEABLE].map((s) => s.pin);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The store's staff after setup; answers the manager's session. */
function staffUp(app: App): string {
  const admin = call(app, {}, 'auth.login', STAFF.admin).session;
  for (const role of ['manager', 'clerk'] as const) call(app, { session: admin }, 'staff.create', { ...STAFF[role], role });
  call(app, { session: admin }, 'staff.create', { ...STAFF.spare, role: 'clerk' });
  for (const staff of CHANGEABLE) call(app, { session: admin }, 'staff.create', staff);
  return call(app, {}, 'auth.login', STAFF.manager).session;
}

function finish(app: App, db: DB): void {
  try {
    jobRunner(app).runToEnd();
  } finally {
    closeJobRunner(app);
    db.close();
  }
}

export interface FuzzStores {
  branch: { path: string; files: Array<[string, Buffer]> };
  hq: { path: string; files: Array<[string, Buffer]> };
}

export function seedFuzzStores(dir: string): FuzzStores {
  const admin = { adminName: STAFF.admin.name, adminPin: STAFF.admin.pin };
  const hqPath = join(dir, 'hq.sqlite');
  const hqDb = openDatabase(hqPath, { hq: true });
  const hq = createApp(hqDb);
  const { chainCode } = call(hq, {}, 'setup.init', { branchName: '总部', branchCode: 'HQ', kind: 'hq', ...admin });
  const hqManager = staffUp(hq);

  const branchPath = join(dir, 'branch.sqlite');
  const branchDb = openDatabase(branchPath);
  const branch = createApp(branchDb);
  call(branch, {}, 'setup.init', { branchName: '徐汇店', branchCode: 'SH01', demoMembers: 150, chainCode: chainCode!, ...admin });
  const manager = staffUp(branch);
  const members = call(branch, { session: manager }, 'members.list', { pageSize: 20 }).items.map((row) => row.id);
  members.slice(0, 6).forEach((memberId, i) => {
    const category = FEEDBACK_CATEGORIES[i % FEEDBACK_CATEGORIES.length];
    call(branch, { session: manager }, 'feedback.create', { memberId, category, description: `测试投诉 ${i}` });
    call(branch, { session: manager }, 'followups.create', { memberId, dueDate: day(7), note: `回访 ${i}` });
  });
  call(branch, { session: manager }, 'takings.set', { date: day(-2), amount: '8888.00' });
  const full = call(branch, { session: manager }, 'hq.exportBranch', { mode: 'full' });
  for (const memberId of members.slice(6, 12)) call(branch, { session: manager }, 'purchases.record', { memberId, amount: '66.60' });
  const later = call(branch, { session: manager }, 'hq.exportBranch', { mode: 'incremental' });
  finish(branch, branchDb);

  // HQ merges the first export as its manager would, from an upload.
  const exported = Buffer.from(full.dataBase64, 'base64');
  const uploads = uploadsDirFor(hqPath);
  mkdirSync(uploads, { recursive: true });
  const token = newUploadToken();
  writeFileSync(join(uploads, token), exported);
  call(hq, { session: hqManager }, 'hq.merge', { fileName: full.fileName, upload: token });
  finish(hq, hqDb);

  const flipped = Buffer.from(exported);
  flipped[flipped.length >> 1] ^= 0xff;
  const exports: Array<[string, Buffer]> = [
    [full.fileName, exported],
    [later.fileName, Buffer.from(later.dataBase64, 'base64')],
    [`truncated-${full.fileName}`, exported.subarray(0, exported.length >> 1)],
    [`flipped-${full.fileName}`, flipped],
  ];
  const imports = importFiles();
  return {
    branch: { path: branchPath, files: [...imports, ...imports] },
    hq: { path: hqPath, files: [...exports, ...exports, ...imports.slice(0, 4)] },
  };
}

const SALES_CSV = '日期,手机,金额,小票号\n2026-01-05,13800138000,120.50,A001\n2026-01-06,13900139000,88,A002\n';

/** The import tests' fixtures (good files in several encodings, broken ones, not a table at all) and a small sales file. */
function importFiles(): Array<[string, Buffer]> {
  const dir = join(ROOT, 'test/fixtures/import');
  const fixtures = readdirSync(dir)
    .filter((name) => !name.endsWith('.py'))
    .map((name): [string, Buffer] => [name, readFileSync(join(dir, name))]);
  return [...fixtures, ['sales.csv', Buffer.from(SALES_CSV)]];
}

/** The store's own branch id, in SQL. */
export const SELF = "SELECT value FROM settings WHERE key = 'self_branch_id'";

/** What a valid-looking input can name, read from a store on the run's own connection. */
export function readPools(db: Database.Database, spareId: string, sessionHolders: string[], uploads: string[]): Pools {
  const column = (sql: string) => (db.prepare(sql).pluck().all() as unknown[]).filter((v): v is string => typeof v === 'string');
  const keep = new Set([spareId, ...sessionHolders]);
  return {
    ids: {
      member: column('SELECT id FROM members ORDER BY id'),
      purchase: column('SELECT id FROM purchases ORDER BY id'),
      followup: column('SELECT id FROM followups ORDER BY id'),
      feedback: column('SELECT id FROM feedback ORDER BY id'),
      // The run's own staff are no target: a demoted manager would turn its later calls into
      // FORBIDDEN. (A branch's staff at HQ are, under the same names: a staff.update of one is HQ's to refuse.)
      staff: column('SELECT id FROM staff ORDER BY id').filter((id) => !keep.has(id)),
      job: column('SELECT id FROM jobs ORDER BY id'),
      import: column('SELECT id FROM imports ORDER BY id'),
      tier: column('SELECT id FROM tiers ORDER BY id'),
      conflict: column('SELECT id FROM hq_conflicts ORDER BY id'),
      // Each is read once (an import opened, a merge made): the calls naming it later meet upload_missing.
      upload: uploads,
    },
    staffNames: column(`SELECT name FROM staff WHERE branch_id = (${SELF}) ORDER BY id`).filter((name) => name !== STAFF.spare.name),
    pins: PINS,
    phones: column('SELECT phone FROM members ORDER BY id LIMIT 50'),
  };
}
