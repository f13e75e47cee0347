import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { FromHost, HostChannel } from './protocol';

/** A backend host in a worker thread, started from `script`, as the relay's channel. */
export function workerChannel(script: string | URL, options: WorkerOptions): HostChannel {
  const worker = new Worker(script, options);
  // An uncaught error ends the worker; 'exit' follows and the relay answers for it.
  worker.on('error', (err) => console.error(`[backend] the worker "${options.name ?? 'services'}" failed`, err));
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (message: FromHost) => listener(message)),
    onExit: (listener) => worker.on('exit', listener),
    terminate: () => void worker.terminate(),
  };
}
