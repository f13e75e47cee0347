import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { uploadsDirFor } from '../services/core/uploads';
import { AppError } from '../shared/errors';
import type { Backend } from './backend/client';
import { spawnWorkerHost } from './backend/worker';
import { openStore } from './backend/lockable';
import { readPassphrase } from './passphrase-input';
import { createHttpBridge } from './http';
import { ensureRendererBuilt } from './renderer-build';

// Browser mode: `npm run web -- --db PATH --port N`. Prints exactly one ready line once it
// accepts requests; SIGTERM or Ctrl-C closes the server and the database cleanly. The services
// and the database run in a worker thread (electron/backend/), so this thread keeps serving
// pages and answering while a call runs.

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/branchdesk.sqlite' },
    port: { type: 'string', default: '5174' },
    'no-build': { type: 'boolean', default: false },
    // No hourly chores, idle work or background jobs (queued jobs wait): for a checker that reads
    // the database between calls and must see only what its own calls wrote (test/reliability/).
    'no-chores': { type: 'boolean', default: false },
    // An encrypted store's passphrase, read as one line from standard input (never from the
    // command line, where other users of the PC could read it); BRANCHDESK_PASSPHRASE also gives
    // it. Without either, the page shows the unlock screen.
    'passphrase-stdin': { type: 'boolean', default: false },
  },
});

const dbPath = resolve(values.db);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a whole number from 0 to 65535, not ${values.port}`);
  process.exit(2);
}

const staticDir = values['no-build'] ? resolve('dist/renderer') : await ensureRendererBuilt();
mkdirSync(dirname(dbPath), { recursive: true });

let backend: Backend;
try {
  const key = await readPassphrase({ stdin: values['passphrase-stdin'], env: process.env });
  // Open before listening: a bad --db or a database from a newer app stops here, before any ready
  // line. An encrypted store with no passphrase (or a wrong one) waits locked for the unlock screen.
  const store = await openStore(spawnWorkerHost, { dbPath, checkOutputs: true, key });
  if (store.locked()) console.log('The store is encrypted: unlock it in the page with its passphrase');
  backend = store;
} catch (err) {
  console.error(err instanceof AppError ? err.message : `Cannot open ${dbPath}: ${String(err)}`);
  process.exit(2);
}

const token = randomBytes(24).toString('base64url');
const server = createHttpBridge({
  backend,
  token,
  staticDir: existsSync(staticDir) ? staticDir : null,
  uploads: { dir: uploadsDirFor(dbPath) },
});

server.listen(port, '127.0.0.1', () => {
  const { port: actual } = server.address() as AddressInfo;
  console.log(`BranchDesk ready at http://127.0.0.1:${actual}/?token=${token}`);
  // The chores start once the app answers, never ahead of the first page.
  if (!values['no-chores']) backend.startMaintenance();
});

function shutdown() {
  server.close(() => {
    void backend.close().then(() => process.exit(0));
  });
  server.closeAllConnections();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
