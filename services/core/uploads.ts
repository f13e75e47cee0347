import { randomBytes } from 'node:crypto';
import { createWriteStream, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DB } from '../../db/connection';
import { AppError } from '../../shared/errors';
import { UPLOAD_MAX_BYTES, UPLOAD_TOKEN_PATTERN } from '../../shared/uploads';

// The uploads folder beside the database (shared/uploads.ts says why files come this way). The
// transports store a file here under a new token (receiveUpload); a service turns a token back
// into a path with uploadPath alone, which takes nothing but a token it could have made, so a
// caller cannot name any other file. A file is written as `<token>.part` and renamed when whole:
// a token never names half a file.

/** Uploads nobody used (a page closed before its merge) are removed after a day. */
export const UPLOAD_KEEP_MS = 24 * 60 * 60 * 1000;

export function uploadsDirFor(dbPath: string): string {
  return join(dirname(dbPath), 'uploads');
}

export function newUploadToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A file over the limit, refused the same way whether its length said so or the stream ran past it. */
export const uploadTooLarge = (maxBytes: number) =>
  new AppError('BAD_FILE', `The file is larger than ${maxBytes} bytes`, { reason: 'too_large', maxBytes });

/**
 * Streams `source` into the uploads folder under a new token; answers the token and the bytes
 * stored. A source longer than `maxBytes` is cut off (BAD_FILE, too_large) and nothing is left
 * behind, nor when the source fails half-way. The source is consumed, and destroyed on failure.
 */
export async function receiveUpload(source: Readable, dir: string, maxBytes = UPLOAD_MAX_BYTES): Promise<{ token: string; bytes: number }> {
  await mkdir(dir, { recursive: true });
  const token = newUploadToken();
  const part = join(dir, `${token}.part`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? uploadTooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(source, limit, createWriteStream(part, { flags: 'wx' }));
    await rename(part, join(dir, token));
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  }
  return { token, bytes };
}

/** The stored file a token names; BAD_FILE (upload_missing) for anything else, so no other path is ever opened. */
export function uploadPath(db: DB, token: string): string {
  const missing = () =>
    new AppError('BAD_FILE', 'The uploaded file is not here (uploads are kept for a day): choose the file again', {
      reason: 'upload_missing',
    });
  if (!UPLOAD_TOKEN_PATTERN.test(token)) throw missing();
  const path = join(uploadsDirFor(db.name), token);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw missing();
  return path;
}

/** A consumer is done with its upload. Never fails: what is left is removed after a day. */
export function removeUpload(db: DB, token: string): void {
  if (!UPLOAD_TOKEN_PATTERN.test(token)) return;
  try {
    rmSync(join(uploadsDirFor(db.name), token), { force: true });
  } catch (err) {
    console.error('[uploads] could not remove an upload', err);
  }
}

/**
 * Removes what has lain in the uploads folder for a day or more: files chosen and never used,
 * and halves of uploads cut off by a crash. Answers how many went. A file in use (a merge reading
 * it) is either younger than a day or, on Windows, refuses to go and is tried again next time.
 */
export function sweepUploads(dbPath: string, nowMs: number): number {
  const dir = uploadsDirFor(dbPath);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no uploads yet
  }
  for (const name of names) {
    const path = join(dir, name);
    try {
      const info = statSync(path);
      if (!info.isFile() || nowMs - info.mtimeMs < UPLOAD_KEEP_MS) continue;
      rmSync(path);
      removed++;
    } catch (err) {
      console.error(`[uploads] could not remove ${name}`, err);
    }
  }
  return removed;
}
