import { parentPort } from 'node:worker_threads';
import { serveBackend } from './host';
import type { ToHost } from './protocol';

// The side host: a second host on the same database, in a worker thread the services' host
// starts with its chores or when a long call first comes (host.ts), so the long call never holds
// up the others. It answers only what the services' host hands it, runs no chores, and takes the
// backups (its options say `role: 'side'`).

if (!parentPort) throw new Error('electron/backend/side-entry.ts runs in a worker thread: the services host starts it');
const port = parentPort;
serveBackend({
  postMessage: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', (message: ToHost) => listener(message)),
});
