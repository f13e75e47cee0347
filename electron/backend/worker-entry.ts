import { parentPort } from 'node:worker_threads';
import { serveBackend } from './host';
import type { ToHost } from './protocol';
import { spawnSideHost, workerLaunch } from './worker';

// The backend host in a worker thread: browser mode's HTTP server and the tests start it
// (worker.ts). Electron's desktop app runs the same host in a utility process instead. Its long
// calls go to a side host in a worker thread of its own (side-entry.ts); a rewrite of the file to a
// thread of its own too (rekey-entry.ts).

if (!parentPort) throw new Error('electron/backend/worker-entry.ts runs in a worker thread: start it with worker.ts');
const port = parentPort;
serveBackend(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (message: ToHost) => listener(message)),
  },
  { sideHost: spawnSideHost, rekeyThread: () => workerLaunch('rekey-entry') },
);
