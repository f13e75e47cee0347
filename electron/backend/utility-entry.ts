import type { MessageEvent } from 'electron';
import { serveBackend } from './host';
import type { ToHost } from './protocol';

// The backend host in Electron's utility process (bundled as dist-electron/backend.cjs by
// scripts/build-electron.mjs; main forks it through utility.ts). Kept to the adapter: everything
// behind it is the host the worker-thread tests exercise.

const port = process.parentPort;
serveBackend({
  postMessage: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', (event: MessageEvent) => listener(event.data as ToHost)),
});
