/**
 * One of the processes in the two-process redeem test: opens the shared database file, logs in,
 * announces it is ready, waits for the go file, then tries its redemptions as fast as it can
 * and prints what happened as one line of JSON.
 *
 *   node node_modules/tsx/dist/cli.mjs test/services/loyalty/workers/redeem-worker.ts <args as JSON>
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../../db/connection';
import { createApp } from '../../../../services/core/context';
import { dispatch } from '../../../../services/core/dispatch';

export interface WorkerArgs {
  dbPath: string;
  barrierDir: string;
  name: string;
  staff: { name: string; pin: string };
  memberId: string;
  points: number;
  attempts: number;
  /** the instant the services see (the test's frozen clock), so no lot has expired by the wall clock */
  now: string;
}

export interface WorkerOutcome {
  name: string;
  redeemed: number;
  insufficient: number;
  busyRetries: number;
  other: unknown[];
}

const args = JSON.parse(process.argv[2]) as WorkerArgs;
const db = openDatabase(args.dbPath);
const app = createApp(db, { clock: { now: () => new Date(args.now) } });
const login = dispatch(app, {}, 'auth.login', args.staff);
if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login.error)}`);
const session = (login.result as { session: string }).session;

writeFileSync(join(args.barrierDir, `ready-${args.name}`), '');
const pause = new Int32Array(new SharedArrayBuffer(4));
while (!existsSync(join(args.barrierDir, 'go'))) Atomics.wait(pause, 0, 0, 1);

const outcome: WorkerOutcome = { name: args.name, redeemed: 0, insufficient: 0, busyRetries: 0, other: [] };
for (let i = 0; i < args.attempts; i++) {
  const answer = dispatch(app, { session }, 'points.redeem', { memberId: args.memberId, points: args.points, reason: args.name });
  if (answer.ok) outcome.redeemed++;
  else if (answer.error.code === 'INSUFFICIENT_POINTS') outcome.insufficient++;
  else if (answer.error.code === 'BUSY' && outcome.busyRetries < 100) {
    outcome.busyRetries++;
    i--; // the same attempt again: a busy database is not an answer about the points
  } else outcome.other.push(answer.error);
}
db.close();
process.stdout.write(`${JSON.stringify(outcome)}\n`);
