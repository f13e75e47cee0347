/**
 * The rekey run's child (./rekey.test.ts): db/cipher.ts rekeyFile on the store, as the services'
 * host's rewrite thread runs it, until the parent kills it with SIGKILL.
 *
 *   node rekey-child.mjs   (bundled by the parent), or under tsx
 *
 * The job comes as one JSON line on stdin (a passphrase never goes on a command line, even a
 * test's). It prints `ready` once it has read it, just before the rewrite starts, and `done` once
 * the rewrite has committed.
 */
import { writeSync } from 'node:fs';
import { rekeyFile, type StoreKey } from '../../db/cipher';

export interface RekeyChildJob {
  dbPath: string;
  from: StoreKey | null;
  to: StoreKey;
}

const say = (line: string) => writeSync(1, `${line}\n`);

let input = '';
process.stdin.on('data', (chunk: Buffer) => {
  input += chunk.toString();
  if (!input.includes('\n')) return;
  const job = JSON.parse(input.slice(0, input.indexOf('\n'))) as RekeyChildJob;
  say('ready');
  rekeyFile(job.dbPath, job.from, job.to);
  say('done');
  process.exit(0);
});
