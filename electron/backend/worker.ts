import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { startBackend, type Backend, type RelaySettings } from './client';
import type { HostChannel, HostOptions } from './protocol';
import { workerChannel } from './worker-channel';

/** The two hosts: the services (worker-entry) and the side host that runs the long calls (side-entry); and the thread that rewrites the file (rekey-entry). */
type Entry = 'worker-entry' | 'side-entry' | 'rekey-entry';

/**
 * Where a worker's entry is and how Node must start it. Bundled, the entry is JavaScript beside
 * this file. From source (`npm run web` under tsx, vitest) it is TypeScript, and Node 20 does not
 * apply a worker's `--import tsx` to the worker's own entry (ERR_UNKNOWN_FILE_EXTENSION), so a
 * two-line script loads the entry through tsx's tsImport instead.
 */
export function workerLaunch(name: Entry = 'worker-entry'): { script: string | URL; options: WorkerOptions } {
  const here = import.meta.url;
  const extension = extname(fileURLToPath(here));
  const entry = new URL(`./${name}${extension}`, here);
  if (extension !== '.ts') return { script: entry, options: {} };
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const script = `import(${tsx}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(here)}));`;
  return { script, options: { eval: true } };
}

/** Starts the backend host in a worker thread. */
export function spawnWorkerHost(): HostChannel {
  const { script, options } = workerLaunch();
  return workerChannel(script, { ...options, name: 'BranchDesk services' });
}

/** Starts the side host, for the calls the contract runs on a thread of their own (host.ts). */
export function spawnSideHost(): HostChannel {
  const { script, options } = workerLaunch('side-entry');
  return workerChannel(script, { ...options, name: 'BranchDesk long calls' });
}

/** The services in a worker thread behind a relay, once the database is open (browser mode, tests). */
export function startWorkerBackend(options: HostOptions, settings?: RelaySettings): Promise<Backend> {
  return startBackend(spawnWorkerHost, options, settings);
}
