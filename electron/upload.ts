import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { receiveUpload, uploadTooLarge } from '../services/core/uploads';
import { AppError, type Envelope, type ErrorBody } from '../shared/errors';
import { UPLOAD_MAX_BYTES, UPLOAD_NAME_HEADER, type Upload } from '../shared/uploads';
import type { Backend } from './backend/client';

// POST /upload, browser mode's way to hand the services a file (shared/uploads.ts): the request
// body is streamed into the uploads folder beside the database, never held whole, and answered
// with the token a method then takes. It runs on the bridge's thread; the services' thread only
// answers the session check, so a large file does not hold up anyone's calls.

export interface UploadSettings {
  /** the uploads folder of the database the services have open (services/core/uploads.ts uploadsDirFor) */
  dir: string;
  /** UPLOAD_MAX_BYTES unless a test wants a small one */
  maxBytes?: number;
}

const refusal = (code: ErrorBody['code'], message: string, details: Record<string, unknown>): Envelope<Upload> => ({
  ok: false,
  error: { code, message, details },
});

/** The file's own name from its header (URL-encoded), or null when it is missing or unreadable. */
function fileNameOf(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  try {
    // Only the last part: a name, never a path (browsers send names alone; a script might not).
    const name = decodeURIComponent(header).split(/[/\\]/).pop()!.trim();
    return name.length > 0 && name.length <= 255 ? name : null;
  } catch {
    return null;
  }
}

/**
 * Reads and drops what is left of a request the bridge has answered without storing, so the
 * answer reaches a client still sending (closing at once reset the connection before the client
 * read it). A client that will not stop is cut off after `cap` bytes.
 */
function dropRest(req: IncomingMessage, cap: number): void {
  if (req.complete) return;
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > cap) req.destroy();
  });
  req.resume();
}

/**
 * Stores the request's body as an upload for a logged-in staff member (checked by the services,
 * as `auth.me`, so who may upload is decided where sessions live). The bearer token, the Host
 * and the Origin are the bridge's to check first.
 */
export async function receiveHttpUpload(
  req: IncomingMessage,
  backend: Pick<Backend, 'call'>,
  session: string | null,
  settings: UploadSettings,
): Promise<Envelope<Upload>> {
  const maxBytes = settings.maxBytes ?? UPLOAD_MAX_BYTES;
  const answer = (envelope: Envelope<Upload>) => {
    if (!envelope.ok) dropRest(req, 2 * maxBytes);
    return envelope;
  };
  const fileName = fileNameOf(req.headers[UPLOAD_NAME_HEADER.toLowerCase()]);
  if (fileName === null) {
    return answer(refusal('BAD_REQUEST', `Name the file in the ${UPLOAD_NAME_HEADER} header`, { reason: 'file_name' }));
  }
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    return answer({ ok: false, error: uploadTooLarge(maxBytes).toBody() });
  }
  const me = await backend.call('auth.me', {}, session);
  if (!me.ok) return answer({ ok: false, error: me.error });

  // Through a pass-through: a file cut off for its size destroys this, not the request, whose
  // socket must stay open to carry the refusal.
  const body = new PassThrough();
  req.on('error', (err) => body.destroy(err));
  req.on('close', () => {
    if (!req.complete) body.destroy(new Error('The upload was cut off before its end'));
  });
  req.pipe(body);
  try {
    const stored = await receiveUpload(body, settings.dir, maxBytes);
    return { ok: true, result: { token: stored.token, fileName, bytes: stored.bytes } };
  } catch (err) {
    req.unpipe(body);
    if (err instanceof AppError) return answer({ ok: false, error: err.toBody() });
    // The client went away (a closed tab): nobody reads this answer, and nothing was kept.
    if (!req.complete) return refusal('BAD_REQUEST', 'The upload was cut off before its end', { reason: 'aborted' });
    throw err;
  }
}
