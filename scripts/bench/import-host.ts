import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { serveBackend } from '../../electron/backend/host';
import type { ToHost } from '../../electron/backend/protocol';
import { workerChannel } from '../../electron/backend/worker-channel';

// The services' host as the import bench starts it (import.ts): worker-entry.ts's host, whose long
// calls go to a side host started from this same file, as side-entry.ts's. Each thread also
// writes its V8 heap into memory it shares with the bench, every 20 ms its event loop is free: a
// worker's heap is its own, and the bench's process.memoryUsage() sees only the bench thread's.

/** Kilobytes: [host now, host peak, side host now, side host peak]; the bench resets the peaks. */
export interface HeapShare {
  heap: SharedArrayBuffer;
  /** 0: the services' host, 1: the side host */
  slot: 0 | 1;
}

if (!parentPort) throw new Error('scripts/bench/import-host.ts runs in a worker thread');
const port = parentPort;
const { heap, slot } = workerData as HeapShare;
const kb = new Int32Array(heap);
setInterval(() => {
  const used = Math.round(getHeapStatistics().used_heap_size / 1024);
  Atomics.store(kb, slot * 2, used);
  if (used > Atomics.load(kb, slot * 2 + 1)) Atomics.store(kb, slot * 2 + 1, used);
}, 20).unref();

const side = (): HeapShare => ({ heap, slot: 1 });
serveBackend(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (message: ToHost) => listener(message)),
  },
  slot === 0 ? { sideHost: () => workerChannel(new URL(import.meta.url), { name: 'bench long calls', workerData: side() }) } : {},
);
