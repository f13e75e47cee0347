import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupsDirFor } from '../../../db/backup-files';
import { storeUpload } from '../../helpers';
import { auditRows, failure } from '../fixtures';
import { chain, exportFile, type Site } from '../hq-fixtures';

// HQ is backed up before a merge batch (docs/backup.md "Before an HQ merge batch"): once, before
// the batch's first file, in the merge's own thread; a batch whose backup failed merges nothing.

const mergeIn = (hq: Site, file: { path: string; fileName: string }, batch?: string) =>
  hq.t.raw('hq.merge', { fileName: file.fileName, upload: storeUpload(hq.t.path, file.path), ...(batch ? { batch } : {}) }, hq.manager);

describe('an HQ merge batch', () => {
  it('backs HQ up once, before its first file, with HQ as it was before the batch', () => {
    const { hq, a, b } = chain();
    const [fileA, fileB] = [exportFile(a, 'full'), exportFile(b, 'full')];
    expect(mergeIn(hq, fileA, 'batch-1')).toMatchObject({ ok: true });
    expect(mergeIn(hq, fileB, 'batch-1')).toMatchObject({ ok: true });
    const backups = hq.t.call('backup.list', {}, hq.admin).items;
    expect(backups).toMatchObject([{ kind: 'merge', ref: 'batch-1', state: 'ok', requestedBy: { name: '赵经理' } }]);
    expect(backups[0].check).toMatchObject({ integrity: true, members: 0, balanceMismatches: 0 });
    const copy = new Database(join(backupsDirFor(hq.t.path), backups[0].fileName!), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM hq_merges').pluck().get()).toBe(0);
    copy.close();
    expect(auditRows(hq.t.db, 'backup.beforeMerge')).toHaveLength(1);

    // The next batch takes its own, of HQ with both branches in it, whose balances add up too.
    const again = exportFile(a, 'full');
    const merged = mergeIn(hq, again, 'batch-2');
    expect(merged).toMatchObject({ ok: true, result: { alreadyMerged: false } });
    const [latest] = hq.t.call('backup.list', {}, hq.admin).items;
    expect(latest).toMatchObject({ ref: 'batch-2', state: 'ok', check: { balanceMismatches: 0 } });
    expect(latest.check!.members).toBeGreaterThan(0);
    // A file merged already, in a batch of its own: nothing to write, so no backup either (the
    // batch's backup is taken once a file has passed its checks and is about to be merged).
    expect(mergeIn(hq, again, 'batch-3')).toMatchObject({ ok: true, result: { alreadyMerged: true } });
    expect(auditRows(hq.t.db, 'backup.beforeMerge')).toHaveLength(2);
    expect(hq.t.call('backup.list', {}, hq.admin).items.map((b) => b.ref)).toEqual(['batch-2', 'batch-1']);
  });

  it('merges nothing when its backup failed, and says why', () => {
    const { hq, a } = chain();
    writeFileSync(backupsDirFor(hq.t.path), 'in the way');
    const file = exportFile(a, 'full');
    const upload = storeUpload(hq.t.path, file.path);
    const error = failure(hq.t, 'hq.merge', { fileName: file.fileName, upload, batch: 'b' }, hq.manager);
    expect(error).toMatchObject({ code: 'BACKUP_FAILED', details: { reason: 'copy_failed', when: 'merge' } });
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM hq_merges').pluck().get()).toBe(0);
    // The batch's next file is refused the same way, without trying again.
    expect(mergeIn(hq, file, 'b')).toMatchObject({ ok: false, error: { code: 'BACKUP_FAILED' } });
    expect(hq.t.call('backup.list', {}, hq.admin).items).toHaveLength(1);
    expect(readdirSync(join(hq.t.path, '..')).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('takes none for a call that names no batch', () => {
    const { hq, a } = chain();
    expect(mergeIn(hq, exportFile(a, 'full'))).toMatchObject({ ok: true });
    expect(hq.t.call('backup.list', {}, hq.admin).items).toEqual([]);
  });
});
