import { existsSync, writeFileSync } from 'node:fs';

/**
 * Test-only: the path of a file an HQ merge waits for inside its transaction, before it commits,
 * so a test can read HQ while a merge is half-way, deterministically. The merge first writes
 * `<path>.reached` to say it is waiting. Never set in use.
 */
export const TEST_MERGE_GATE_ENV = 'BRANCHDESK_TEST_MERGE_GATE';

/** Waits (this thread only) until the gate file named by `env` exists, or a minute has passed; at once when `env` is unset. */
export function waitAtTestGate(env: string): void {
  const gate = process.env[env];
  if (!gate) return;
  writeFileSync(`${gate}.reached`, '');
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + 60_000;
  while (!existsSync(gate) && Date.now() < until) Atomics.wait(cell, 0, 0, 20);
}
