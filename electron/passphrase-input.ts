import { createInterface } from 'node:readline';
import type { StoreKey } from '../db/cipher-file';

// Browser mode's ways to give an encrypted store's passphrase at start (docs/encryption.md): the
// environment (BRANCHDESK_PASSPHRASE, for a service that starts the app) or one line of standard
// input (`--passphrase-stdin`, for a script that pipes it from a secret store). Never a
// command-line argument: every user of the PC can read those. The variable is removed from the
// process's environment once read, so no child process inherits it.

export const PASSPHRASE_ENV = 'BRANCHDESK_PASSPHRASE';

/** Reads the first line of standard input (its end of line dropped, nothing else). */
function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input, terminal: false });
    let done = false;
    lines.once('line', (line) => {
      done = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => !done && resolve(''));
    lines.once('error', reject);
  });
}

export async function readPassphrase(source: {
  stdin: boolean;
  env: NodeJS.ProcessEnv;
  input?: NodeJS.ReadableStream;
}): Promise<StoreKey | null> {
  const fromEnv = source.env[PASSPHRASE_ENV];
  delete source.env[PASSPHRASE_ENV];
  if (source.stdin) {
    const line = await firstLine(source.input ?? process.stdin);
    return line === '' ? null : { passphrase: line };
  }
  return fromEnv ? { passphrase: fromEnv } : null;
}
