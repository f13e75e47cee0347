import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uploadsDirFor } from '../../../services/core/uploads';
import { storeUpload } from '../../helpers';
import { auditRows } from '../fixtures';
import { chain, exportFile, hqContents } from '../hq-fixtures';

// hq.merge takes the export file as an upload (docs/rpc.md "Uploads"): the page stores the file
// first and names it by its token. The upload has served once the merge has answered.

describe('HQ merges a file named by its upload token', () => {
  it('merges the stored file and removes the upload; the same file again is one more upload, already merged', () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    const upload = storeUpload(hq.t.path, file.path);
    expect(hq.t.call('hq.merge', { fileName: file.fileName, upload }, hq.manager)).toMatchObject({
      fileName: file.fileName,
      alreadyMerged: false,
      branch: { code: 'SH01' },
    });
    expect(readdirSync(uploadsDirFor(hq.t.path))).toEqual([]);
    // Used: the token names nothing any more.
    expect(hq.t.raw('hq.merge', { fileName: file.fileName, upload }, hq.manager)).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'upload_missing' } },
    });
    expect(hq.t.call('hq.merge', { fileName: file.fileName, upload: storeUpload(hq.t.path, file.path) }, hq.manager).alreadyMerged).toBe(
      true,
    );
    expect(readdirSync(uploadsDirFor(hq.t.path))).toEqual([]);
  });

  it('removes the upload of a file it refuses too', () => {
    const { hq } = chain();
    const junk = join(dirname(hq.t.path), 'junk.bdx');
    writeFileSync(junk, 'not a database');
    const upload = storeUpload(hq.t.path, junk);
    expect(hq.t.raw('hq.merge', { fileName: 'junk.bdx', upload }, hq.manager)).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'not_export' } },
    });
    expect(existsSync(join(uploadsDirFor(hq.t.path), upload))).toBe(false);
    expect(auditRows(hq.t.db, 'hq.mergeRefused')).toHaveLength(1);
  });

  it('refuses a token with no file as the caller’s to choose again, not as a file HQ refused', () => {
    const { hq } = chain();
    const before = hqContents(hq.t.db);
    expect(hq.t.raw('hq.merge', { fileName: 'x.bdx', upload: 'A'.repeat(32) }, hq.manager)).toMatchObject({
      ok: false,
      error: { code: 'BAD_FILE', details: { reason: 'upload_missing' } },
    });
    expect(auditRows(hq.t.db, 'hq.mergeRefused')).toHaveLength(0);
    expect(hqContents(hq.t.db)).toEqual(before);
  });

  it('refuses a path, or anything else not shaped like a token, before it reaches the file system', () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    for (const upload of [file.path, '../branch.sqlite', `../uploads/${'A'.repeat(20)}`, '', 42]) {
      expect(hq.t.raw('hq.merge', { fileName: file.fileName, upload }, hq.manager), String(upload)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { issues: [{ field: 'upload' }] } },
      });
    }
    // The old way in, the file in the body, is gone.
    expect(hq.t.raw('hq.merge', { fileName: file.fileName, dataBase64: 'AAAA' }, hq.manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(existsSync(file.path)).toBe(true);
  });
});
