import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scheduleMaintenance } from '../../../services/core/maintenance';
import { receiveUpload, removeUpload, sweepUploads, UPLOAD_KEEP_MS, uploadPath, uploadsDirFor } from '../../../services/core/uploads';
import { AppError } from '../../../shared/errors';
import { UPLOAD_TOKEN_PATTERN } from '../../../shared/uploads';
import { makeTestApp, storeUpload } from '../../helpers';

// Files reach the services as uploads named by a token (shared/uploads.ts). What a token may
// name is the one promise here: a file the store made, in the uploads folder beside the
// database, and nothing a caller spells as a path.

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err.toBody();
    throw err;
  }
  throw new Error('expected a refusal');
};

/** A source that gives `chunks` one at a time, as a network body arrives. */
const arriving = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c)));

describe('storing an upload', () => {
  it('streams a file in whole under a new token, in the uploads folder beside the database', async () => {
    const t = makeTestApp();
    const dir = uploadsDirFor(t.path);
    expect(dir).toBe(join(dirname(t.path), 'uploads'));
    const stored = await receiveUpload(arriving('第一段,', 'second part,', 'third'), dir);
    expect(stored.token).toMatch(UPLOAD_TOKEN_PATTERN);
    expect(stored.bytes).toBe(Buffer.byteLength('第一段,second part,third'));
    expect(readFileSync(uploadPath(t.db, stored.token), 'utf8')).toBe('第一段,second part,third');
    const again = await receiveUpload(arriving('x'), dir);
    expect(again.token).not.toBe(stored.token);
  });

  it('cuts off a file over the limit and leaves nothing behind', async () => {
    const t = makeTestApp();
    const dir = uploadsDirFor(t.path);
    await expect(receiveUpload(arriving('12345', '67890', '1'), dir, 10)).rejects.toMatchObject({
      code: 'BAD_FILE',
      details: { reason: 'too_large', maxBytes: 10 },
    });
    expect(readdirSync(dir)).toEqual([]);
    // Exactly the limit is fine.
    expect(await receiveUpload(arriving('12345', '67890'), dir, 10)).toMatchObject({ bytes: 10 });
  });

  it('leaves nothing behind when the source fails half-way (a closed browser tab)', async () => {
    const t = makeTestApp();
    const dir = uploadsDirFor(t.path);
    const broken = new Readable({ read() {} });
    broken.push(Buffer.from('half a file'));
    setTimeout(() => broken.destroy(new Error('aborted')), 10);
    await expect(receiveUpload(broken, dir)).rejects.toThrow('aborted');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a token back to its file', () => {
  it('refuses a token of another shape, a path in its place, and a token with no file', () => {
    const t = makeTestApp();
    const token = storeUpload(t.path, t.path);
    expect(uploadPath(t.db, token)).toBe(join(uploadsDirFor(t.path), token));
    // A file beside the uploads folder, which a path-like token would reach.
    writeFileSync(join(dirname(t.path), 'secret.txt'), 'not for callers');
    const missing = { code: 'BAD_FILE', details: { reason: 'upload_missing' } };
    for (const bad of [
      '',
      'short',
      `${token}x`,
      '../secret.txt',
      `../../${token.slice(6)}`,
      '/etc/passwd',
      'uploads/../secret.txt',
      `${token.slice(0, 31)}/`,
      `${token.slice(0, 31)}.`,
      t.path,
    ]) {
      expect(
        refusal(() => uploadPath(t.db, bad)),
        bad,
      ).toMatchObject(missing);
    }
    // The right shape, but never stored (or already used).
    expect(refusal(() => uploadPath(t.db, 'A'.repeat(32)))).toMatchObject(missing);
    removeUpload(t.db, token);
    expect(refusal(() => uploadPath(t.db, token))).toMatchObject(missing);
    // A half-stored file is not an upload either.
    mkdirSync(join(uploadsDirFor(t.path), 'B'.repeat(32)));
    expect(refusal(() => uploadPath(t.db, 'B'.repeat(32)))).toMatchObject(missing);
  });

  it('removes only a token’s own file, and never fails', () => {
    const t = makeTestApp();
    const token = storeUpload(t.path, t.path);
    removeUpload(t.db, '../branch.sqlite');
    expect(existsSync(t.path)).toBe(true);
    removeUpload(t.db, token);
    removeUpload(t.db, token);
    expect(readdirSync(uploadsDirFor(t.path))).toEqual([]);
  });
});

describe('old uploads', () => {
  it('are removed after a day, unused ones and halves alike; younger ones stay', () => {
    const t = makeTestApp();
    const now = t.clock.now().getTime();
    const dir = uploadsDirFor(t.path);
    const [fresh, old] = [storeUpload(t.path, t.path), storeUpload(t.path, t.path)];
    writeFileSync(join(dir, `${'C'.repeat(32)}.part`), 'half');
    const aged = (name: string, ms: number) => utimesSync(join(dir, name), new Date(now - ms), new Date(now - ms));
    aged(fresh, UPLOAD_KEEP_MS - 60_000);
    aged(old, UPLOAD_KEEP_MS);
    aged(`${'C'.repeat(32)}.part`, 2 * UPLOAD_KEEP_MS);
    expect(sweepUploads(t.path, now)).toBe(2);
    expect(readdirSync(dir)).toEqual([fresh]);
  });

  it('go when the app starts', () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: '王店长', adminPin: '246810' });
    const token = storeUpload(t.path, t.path);
    const when = new Date(t.clock.now().getTime() - UPLOAD_KEEP_MS);
    utimesSync(join(uploadsDirFor(t.path), token), when, when);
    const stop = scheduleMaintenance(t.app);
    stop();
    expect(readdirSync(uploadsDirFor(t.path))).toEqual([]);
  });

  it('nothing to do before the first upload', () => {
    const t = makeTestApp();
    expect(sweepUploads(t.path, Date.now())).toBe(0);
  });
});
