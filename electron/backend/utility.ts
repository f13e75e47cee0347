import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { FromHost, HostChannel } from './protocol';

/** Forks the backend host (dist-electron/backend.cjs, beside main.cjs) as a utility process: main only relays to it. */
export function forkUtilityHost(bundleDir: string): HostChannel {
  const child = utilityProcess.fork(join(bundleDir, 'backend.cjs'), [], { serviceName: 'BranchDesk services' });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: FromHost) => listener(message)),
    onExit: (listener) => child.on('exit', listener),
    terminate: () => void child.kill(),
  };
}
