import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { ErrorBody, ErrorCode, Envelope } from '../shared/errors';
import { contract, DEFAULT_MAX_BODY_BYTES, isMethodName } from '../shared/contract/index';
import type { Backend } from './backend/client';
import { receiveHttpUpload, type UploadSettings } from './upload';
import { UPLOAD_PATH } from '../shared/uploads';

// The loopback bridge for browser mode. It never imports electron: the same dispatcher answers
// here and over IPC, so validation and errors are identical on both transports. It holds no
// database: calls go to the services' worker (electron/backend/), so this thread keeps serving
// pages and reading requests while one runs.

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  BAD_TOKEN: 401,
  WRONG_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  ALREADY_INITIALIZED: 409,
  NOT_INITIALIZED: 409,
  DB_TOO_NEW: 409,
  INSUFFICIENT_POINTS: 409,
  POSSIBLE_DUPLICATE: 409,
  MEMBER_INACTIVE: 409,
  MEMBER_ERASED: 409,
  INVALID_TRANSITION: 409,
  BAD_FILE: 422,
  NOT_IN_CHAIN: 409,
  NOTHING_TO_EXPORT: 409,
  WRONG_MODE: 409,
  LOCKED_OUT: 429,
  BUSY: 503,
  REPORTS_BUILDING: 503,
  IMPORT_BAD_FILE: 422,
  BACKUP_FAILED: 503,
  STORE_LOCKED: 423,
  SESSION_LOCKED: 423,
  WRONG_PASSPHRASE: 401,
  INTERNAL: 500,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export interface BridgeOptions {
  /** the services, behind the relay */
  backend: Pick<Backend, 'call'>;
  /** per-start secret; every RPC carries it as a bearer token */
  token: string;
  /** the built renderer (dist/renderer); null serves RPC only */
  staticDir: string | null;
  /** where POST /upload stores files (electron/upload.ts); without it uploads are not served */
  uploads?: UploadSettings;
}

function sendJson(res: ServerResponse, status: number, body: Envelope<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function fail(res: ServerResponse, code: ErrorCode, message: string, details?: Record<string, unknown>): void {
  const error: ErrorBody = details ? { code, message, details } : { code, message };
  sendJson(res, STATUS[code], { ok: false, error });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Only pages served by this bridge may call it (guards against DNS rebinding and other sites). */
function sameHost(req: IncomingMessage): boolean {
  const host = req.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host)) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${host}`;
}

/**
 * How deeply a request body may nest. No method's input goes past a handful of levels; the
 * services' worker is handed the input as a structured clone, which overflows the stack a few
 * thousand levels down (a 500 before this limit).
 */
export const MAX_BODY_DEPTH = 64;

/** Whether `value` nests deeper than `limit` arrays and objects. Walks with its own stack: the value may be far too deep for recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  // How much of an oversized body is read and dropped so its 400 answer can be delivered.
  const drainLimit = 16 * maxBytes;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Answer at once, but keep reading (and dropping) what is still coming: destroying the
        // socket here reset the connection before the client could read the 400. A client that
        // will not stop is cut off later.
        chunks.length = 0;
        resolve(null);
        if (size > drainLimit) req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleRpc(opts: BridgeOptions, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  if (req.method !== 'POST') return fail(res, 'BAD_REQUEST', 'Use POST for /rpc', { reason: 'method_not_allowed' });
  if (!tokenMatches(req.headers.authorization, opts.token)) return fail(res, 'BAD_TOKEN', 'Missing or wrong access token');
  // A method that carries a file says in its contract entry how large it may be.
  const maxBytes = (isMethodName(method) ? contract[method].maxBodyBytes : undefined) ?? DEFAULT_MAX_BODY_BYTES;
  const body = await readBody(req, maxBytes);
  // No `Connection: close` on this answer: Node closes such a socket once the answer is sent, under
  // a client still sending its body (fetch, a browser), which then fails with EPIPE instead of
  // reading the 400. readBody drops the rest as it comes, and cuts off a client that never stops.
  if (body === null) return fail(res, 'BAD_REQUEST', 'Request body too large', { reason: 'too_large', maxBytes });
  let input: unknown = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return fail(res, 'BAD_REQUEST', 'The request body is not valid JSON', { reason: 'malformed_json' });
    }
  }
  if (nestedDeeperThan(input, MAX_BODY_DEPTH)) {
    return fail(res, 'BAD_REQUEST', 'The request body is nested too deeply', { reason: 'too_deep', maxDepth: MAX_BODY_DEPTH });
  }
  const session = req.headers['x-session'];
  const envelope = await opts.backend.call(method, input, typeof session === 'string' ? session : null);
  sendJson(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
}

async function handleUpload(opts: BridgeOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!opts.uploads) return fail(res, 'NOT_FOUND', 'Not found');
  if (req.method !== 'POST') return fail(res, 'BAD_REQUEST', `Use POST for ${UPLOAD_PATH}`, { reason: 'method_not_allowed' });
  if (!tokenMatches(req.headers.authorization, opts.token)) return fail(res, 'BAD_TOKEN', 'Missing or wrong access token');
  const session = req.headers['x-session'];
  const envelope = await receiveHttpUpload(req, opts.backend, typeof session === 'string' ? session : null, opts.uploads);
  // 413 for a file over the limit: the one refusal an HTTP client knows by its status alone.
  const tooLarge = !envelope.ok && envelope.error.details?.reason === 'too_large';
  sendJson(res, envelope.ok ? 200 : tooLarge ? 413 : STATUS[envelope.error.code], envelope);
}

/** A path's percent-escapes decoded; null when they are malformed (`%E0%A4%A`), which is bad input, not a crash. */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

async function serveStatic(staticDir: string, pathname: string, res: ServerResponse): Promise<void> {
  const decoded = decodePath(pathname);
  if (decoded === null) return fail(res, 'BAD_REQUEST', 'Malformed URL', { reason: 'malformed_url' });
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(staticDir, relative);
  if (!file.startsWith(staticDir + sep) && file !== staticDir) file = join(staticDir, 'index.html');
  let info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) {
    file = join(staticDir, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The renderer is not built: run npm run build:renderer');
    return;
  }
  const data = await readFile(file);
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': data.length,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'max-age=3600',
  });
  res.end(data);
}

export function createHttpBridge(opts: BridgeOptions): Server {
  return createServer((req, res) => {
    // Node's parser passes request targets such as `http://[` that URL refuses: bad input, not a crash.
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return fail(res, 'BAD_REQUEST', 'Malformed URL', { reason: 'malformed_url' });
    }
    if (!sameHost(req)) return fail(res, 'FORBIDDEN', 'Requests from other hosts are refused', { reason: 'foreign_origin' });
    const rpc = /^\/rpc\/(.+)$/.exec(url.pathname);
    // Decoded here, outside the promise: a throw in this callback would take the whole server down.
    const method = rpc ? decodePath(rpc[1]) : null;
    if (rpc && method === null) return fail(res, 'BAD_REQUEST', 'Malformed URL', { reason: 'malformed_url' });
    const work = rpc
      ? handleRpc(opts, req, res, method!)
      : url.pathname === UPLOAD_PATH
        ? handleUpload(opts, req, res)
        : req.method === 'GET' && opts.staticDir
          ? serveStatic(opts.staticDir, url.pathname, res)
          : Promise.resolve(fail(res, 'NOT_FOUND', 'Not found'));
    work.catch((err: unknown) => {
      console.error('[http] request failed', err);
      if (!res.headersSent) fail(res, 'INTERNAL', 'Internal error');
      else res.destroy();
    });
  });
}
