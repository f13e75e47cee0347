import type { MessageEvent } from 'electron';
import { join } from 'node:path';
import { serveBackend } from './host';
import type { ToHost } from './protocol';
import { workerChannel } from './worker-channel';

// The backend host in Electron's utility process (bundled as dist-electron/backend.cjs by
// scripts/build-electron.mjs; main forks it through utility.ts). Kept to the adapter: everything
// behind it is the host the worker-thread tests exercise. Its side host, for the long calls, is
// the bundled side-entry (backend-side.cjs) in a worker thread of this process; a rewrite of the
// file runs the bundled rekey-entry (backend-rekey.cjs) in another.

const port = process.parentPort;
serveBackend(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event: MessageEvent) => listener(event.data as ToHost)),
  },
  {
    sideHost: () => workerChannel(join(__dirname, 'backend-side.cjs'), { name: 'BranchDesk long calls' }),
    rekeyThread: () => ({ script: join(__dirname, 'backend-rekey.cjs'), options: {} }),
  },
);
