import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { startBackend, type Backend, type RelaySettings } from './client';
import type { FromHost, HostChannel, HostOptions } from './protocol';

/**
 * Where the worker's entry is and how Node must start it. Bundled, the entry is JavaScript beside
 * this file. From source (`npm run web` under tsx, vitest) it is TypeScript, and Node 20 does not
 * apply a worker's `--import tsx` to the worker's own entry (ERR_UNKNOWN_FILE_EXTENSION), so a
 * two-line script loads the entry through tsx's tsImport instead.
 */
export function workerLaunch(): { script: string | URL; options: WorkerOptions } {
  const here = import.meta.url;
  const extension = extname(fileURLToPath(here));
  const entry = new URL(`./worker-entry${extension}`, here);
  if (extension !== '.ts') return { script: entry, options: {} };
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const script = `import(${tsx}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(here)}));`;
  return { script, options: { eval: true } };
}

/** Starts the backend host in a worker thread. */
export function spawnWorkerHost(): HostChannel {
  const { script, options } = workerLaunch();
  const worker = new Worker(script, { ...options, name: 'BranchDesk services' });
  // An uncaught error ends the worker; 'exit' follows and the relay answers for it.
  worker.on('error', (err) => console.error('[backend] the services worker failed', err));
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: FromHost) => listener(message)),
    onExit: (listener) => worker.on('exit', listener),
    terminate: () => void worker.terminate(),
  };
}

/** The services in a worker thread behind a relay, once the database is open (browser mode, tests). */
export function startWorkerBackend(options: HostOptions, settings?: RelaySettings): Promise<Backend> {
  return startBackend(spawnWorkerHost, options, settings);
}
