import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import { chain, exportFile, hqContents, merge, mergeRaw, type Site } from '../hq-fixtures';

// The branch's audit rows travel to HQ with its export (docs/hq.md "The audit trail").

const ids = (db: DB, sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .all(...params) as string[];
const branchTrail = (site: Site) => ids(site.t.db, 'SELECT id FROM audit_log ORDER BY rowid');
const trailAtHq = (hq: Site, branchId: string) => ids(hq.t.db, 'SELECT id FROM branch_audit_log WHERE branch_id = ? ORDER BY id', branchId);

describe('the audit trail at HQ', () => {
  it('a full export sends the whole trail, an incremental one what came since; HQ keeps each row once, whatever arrives again', () => {
    const { hq, a, b, zhangA } = chain();
    const sentFirst = branchTrail(a);
    const full = exportFile(a, 'full');
    expect(full.manifest).toMatchObject({ formatVersion: 4, audit: { afterRowid: 0, rows: sentFirst.length } });
    merge(hq, full.path);
    expect(trailAtHq(hq, a.branchId)).toEqual([...sentFirst].sort());

    a.t.call('members.update', { id: zhangA, name: '张叁' }, a.clerk);
    const sinceFirst = branchTrail(a).slice(sentFirst.length);
    const incremental = exportFile(a);
    // The first export's own row and the edit: no more.
    expect(incremental.manifest.audit).toMatchObject({ afterRowid: full.manifest.audit!.toRowid, rows: sinceFirst.length });
    expect(sinceFirst.length).toBe(2);
    merge(hq, incremental.path);
    const whole = trailAtHq(hq, a.branchId);
    expect(whole).toEqual([...sentFirst, ...sinceFirst].sort());

    // The same file again, then a full one overlapping both: nothing twice.
    const before = hqContents(hq.t.db);
    expect(merge(hq, incremental.path).alreadyMerged).toBe(true);
    expect(hqContents(hq.t.db)).toEqual(before);
    merge(hq, exportFile(a, 'full').path);
    expect(trailAtHq(hq, a.branchId)).toEqual([...whole, ...branchTrail(a).slice(whole.length, -1)].sort());
    expect(new Set(trailAtHq(hq, a.branchId)).size).toBe(trailAtHq(hq, a.branchId).length);

    // Another branch's rows are its own.
    merge(hq, exportFile(b, 'full').path);
    expect(trailAtHq(hq, b.branchId).length).toBeGreaterThan(0);
    expect(trailAtHq(hq, a.branchId).filter((id) => trailAtHq(hq, b.branchId).includes(id))).toEqual([]);
  });

  it("HQ's admin reads a branch's rows on the same page, filtered by branch; a branch cannot ask for another's", () => {
    const { hq, a, b, zhangA } = chain();
    a.t.call('members.update', { id: zhangA, name: '张叁' }, a.clerk);
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    const choices = hq.t.call('audit.choices', { branchId: a.branchId }, hq.admin);
    expect(choices.branches.map((x) => x.code)).toEqual(['BJ01', 'SH01']);
    expect(choices.actions).toEqual(expect.arrayContaining(['members.create', 'members.update', 'purchases.record']));
    expect(choices.staff.map((x) => x.name)).toEqual(expect.arrayContaining(['小李']));

    const page = hq.t.call('audit.list', { branchId: a.branchId, memberId: zhangA }, hq.admin);
    expect(page.items.map((i) => i.action)).toEqual(['members.update', 'members.create']);
    expect(page.items[0]).toMatchObject({ staffName: '小李', member: { id: zhangA, name: '张叁' } });
    // Without a branch, HQ reads its own trail: its merges.
    expect(hq.t.call('audit.list', { action: 'hq' }, hq.admin).items.map((i) => i.action)).toContain('hq.merge');

    expect(a.t.raw('audit.list', { branchId: b.branchId }, a.admin)).toMatchObject({ ok: false, error: { code: 'WRONG_MODE' } });
  });

  it('a file whose audit rows were changed after export is refused whole', () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    const forged = `${file.path}.forged`;
    copyFileSync(file.path, forged);
    const db = new Database(forged);
    db.prepare("UPDATE audit_log SET staff_id = 'someone-else' WHERE action = 'members.create'").run();
    db.close();
    const before = hqContents(hq.t.db);
    expect(mergeRaw(hq, forged)).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { reason: 'checksum' } } });
    expect(hqContents(hq.t.db)).toEqual(before);
  });
});
