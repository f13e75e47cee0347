import { parentPort } from 'node:worker_threads';
import { rekeyFile } from '../../db/cipher';
import type { RekeyJob, RekeyOutcome } from './rewrite';

// The rewrite of the store file (encryption turned on, its passphrase changed: rewrite.ts), on a
// thread of its own so the services' host goes on answering `encryption.status` meanwhile. One
// job, then the thread ends. Only SQLite's error code goes back: never a message, which could
// one day carry what it was given.

if (!parentPort) throw new Error('electron/backend/rekey-entry.ts runs in a worker thread: the services host starts it');
const port = parentPort;
port.once('message', (job: RekeyJob) => {
  let outcome: RekeyOutcome;
  try {
    rekeyFile(job.dbPath, job.from, job.to, job.nativeBinding);
    outcome = { ok: true };
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    outcome = { ok: false, code: typeof code === 'string' ? code : null };
  }
  port.postMessage(outcome);
});
