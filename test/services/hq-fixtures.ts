import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from '../../db/connection';
import { contentHash } from '../../services/hq/file';
import type { ExportManifest, MergeResult } from '../../shared/contract/hq';
import { makeTestApp, storeUpload, tempDbPath, type TestApp } from '../helpers';
import { memberInput } from './fixtures';

// Several BranchDesk databases side by side: an HQ and its branches, each on its own file with
// its own ids (a branch's ids never collide with another's, as UUIDv7s would not).

export interface Site {
  t: TestApp;
  admin: string;
  manager: string;
  clerk: string;
  branchId: string;
  /** a member, by phone `138…` + n */
  member(name: string, phone: string, extra?: Record<string, unknown>): string;
  buy(memberId: string, amount: string, extra?: Record<string, unknown>): string;
}

const makeApp = (prefix: string, start: string, hq = false): TestApp => makeTestApp(tempDbPath(), { idPrefix: prefix, start, hq });

function staffUp(t: TestApp): { admin: string; manager: string; clerk: string } {
  const admin = t.call('auth.login', { name: '王店长', pin: '246810' }).session;
  t.call('staff.create', { name: '赵经理', role: 'manager', pin: '1357' }, admin);
  t.call('staff.create', { name: '小李', role: 'clerk', pin: '1357' }, admin);
  return {
    admin,
    manager: t.call('auth.login', { name: '赵经理', pin: '1357' }).session,
    clerk: t.call('auth.login', { name: '小李', pin: '1357' }).session,
  };
}

export function makeHq(start = '2026-06-15T02:00:00.000Z'): Site & { chainCode: string } {
  const t = makeApp('hq', start, true);
  const setup = t.call('setup.init', { branchName: '总部', branchCode: 'HQ', adminName: '王店长', adminPin: '246810', kind: 'hq' });
  const s = staffUp(t);
  return { t, ...s, branchId: setup.branch.id, chainCode: setup.chainCode!, member: () => '', buy: () => '' };
}

/** A second HQ made as `hq` was (same ids, same clock) and given its chain code: the same files merged in another order. */
export function twinHq(hq: Site & { chainCode: string }): Site {
  const twin = makeHq();
  twin.t.db.prepare("UPDATE settings SET value = ? WHERE key = 'chain_code'").run(hq.chainCode);
  return twin;
}

export function makeBranch(
  code: string,
  chainCode: string | null,
  start = '2026-06-15T02:00:00.000Z',
  name = `${code}店`,
  idPrefix = code.toLowerCase(),
): Site {
  const t = makeApp(idPrefix, start);
  const setup = t.call('setup.init', {
    branchName: name,
    branchCode: code,
    adminName: '王店长',
    adminPin: '246810',
    ...(chainCode ? { chainCode } : {}),
  });
  const s = staffUp(t);
  return {
    t,
    ...s,
    branchId: setup.branch.id,
    member: (memberName, phone, extra = {}) => t.call('members.create', memberInput(memberName, phone, extra), s.clerk).id,
    // Confirmed as no duplicate: a test's clock stands still, so its sales are all at one instant.
    buy: (memberId, amount, extra = {}) =>
      t.call('purchases.record', { memberId, amount, confirmDuplicate: true, ...extra }, s.clerk).purchase.id,
  };
}

/** Exports through the service, as the page does, and saves the file beside the branch database. */
export function exportFile(
  site: Site,
  mode: 'full' | 'incremental' = 'incremental',
): { path: string; manifest: ExportManifest; fileName: string } {
  const r = site.t.call('hq.exportBranch', { mode }, site.manager);
  const path = join(dirname(site.t.path), r.fileName);
  writeFileSync(path, Buffer.from(r.dataBase64, 'base64'));
  return { path, manifest: r.manifest, fileName: r.fileName };
}

/** Changes an export file's manifest; `rehash` to give it a checksum that matches, as a forger would. */
export function rewriteManifest(path: string, change: (m: ExportManifest) => void, rehash = false): void {
  const db = new Database(path);
  const m = JSON.parse(db.prepare('SELECT json FROM manifest').pluck().get() as string) as ExportManifest;
  change(m);
  if (rehash) m.sha256 = contentHash(path, m, null);
  db.prepare('UPDATE manifest SET json = ?').run(JSON.stringify(m));
  db.close();
}

/** Merges through the service as the page does: the file stored as HQ's upload first, then named by its token. */
export function merge(hq: Site, path: string, fileName = path.split('/').pop()!): MergeResult {
  return hq.t.call('hq.merge', { fileName, upload: storeUpload(hq.t.path, path) }, hq.manager);
}

export function mergeRaw(hq: Site, path: string) {
  return hq.t.raw('hq.merge', { fileName: path.split('/').pop(), upload: storeUpload(hq.t.path, path) }, hq.manager);
}

/**
 * Every table's rows in key order, leaving out what depends on when and in which order files
 * came (the audit trail, the merge log's times and per-file counts) and what each HQ made for
 * itself at setup (its migrations' times, its own points rules, tiers and PIN hashes).
 */
export function hqContents(db: DB): Record<string, unknown[]> {
  const skip = ['audit_log', 'schema_migrations', 'points_rules'];
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  ).filter((n) => !skip.includes(n));
  const out: Record<string, unknown[]> = {};
  for (const name of tables) {
    const cols = db.prepare(`SELECT name FROM pragma_table_info('${name}')`).pluck().all() as string[];
    const where = name === 'tiers' ? ' WHERE branch_id IS NOT NULL' : '';
    const rows = db.prepare(`SELECT * FROM "${name}"${where} ORDER BY ${cols.map((_, i) => i + 1).join(', ')}`).all() as Record<
      string,
      unknown
    >[];
    if (name === 'hq_merges') out[name] = rows.map(({ result_json: _r, merged_at: _m, ...r }) => r);
    else if (name === 'staff') out[name] = rows.map((r) => ({ ...r, pin_hash: r.pin_hash === '!' ? '!' : '(own)' }));
    else out[name] = rows;
  }
  return out;
}

export function totals(r: MergeResult): { added: number; updated: number; unchanged: number } {
  return r.tables.reduce((s, t) => ({ added: s.added + t.added, updated: s.updated + t.updated, unchanged: s.unchanged + t.unchanged }), {
    added: 0,
    updated: 0,
    unchanged: 0,
  });
}

export function byTable(r: MergeResult): Record<string, [number, number, number]> {
  return Object.fromEntries(r.tables.map((t) => [t.table, [t.added, t.updated, t.unchanged]]));
}

// Two branches of one chain with a shared customer (13800000001 at both), a sale each way, a
// follow-up, a complaint and a day's takings.
export function chain() {
  const hq = makeHq();
  const a = makeBranch('SH01', hq.chainCode, '2026-06-15T02:00:00.000Z', '徐汇店');
  const b = makeBranch('BJ01', hq.chainCode, '2026-06-15T02:00:00.000Z', '朝阳店');
  const zhangA = a.member('张三', '13800000001', { birthday: '1990-01-01', email: 'zs@a.cn' });
  const liA = a.member('李四', '13800000002');
  a.buy(zhangA, '100.00');
  a.buy(liA, '250.50');
  a.t.call('followups.create', { memberId: zhangA, dueDate: '2026-06-20', note: '回访' }, a.clerk);
  a.t.call('feedback.create', { memberId: liA, category: 'service', description: '等太久' }, a.clerk);
  a.t.call('takings.set', { date: '2026-06-14', amount: '5000' }, a.manager);
  b.t.clock.advance(60_000); // B edits its 张三 later: its values are the newer
  const zhangB = b.member('张三', '13800000001', { birthday: '1990-02-01' });
  const wangB = b.member('王五', '13900000003');
  b.buy(zhangB, '80.00');
  b.buy(wangB, '30.00');
  return { hq, a, b, zhangA, zhangB, liA, wangB };
}
