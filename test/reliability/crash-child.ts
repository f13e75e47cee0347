/**
 * The crash test's child (./crash.test.ts): the real services over the real SQLite file, opened
 * as the app opens it, writing without pause until the parent kills it with SIGKILL.
 *
 *   node crash-child.mjs '<args as JSON>'   (bundled by the parent), or under tsx
 *
 * It loads first and waits for a line on stdin before it opens the database, so the parent can
 * start the next round's child while it checks the last one's file. Then it prints `ready` and,
 * for every write the services answered as committed, one line `{op, id, what}`, written to the
 * pipe (synchronously, a few hundred bytes: whole) before the next write starts.
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../../db/connection';
import { createApp, type App } from '../../services/core/context';
import { dispatch } from '../../services/core/dispatch';
import { OPERATIONS, type CrashWorld, type OperationName } from './crash-operations';
import { Random } from './random';

export interface ChildArgs {
  dbPath: string;
  seed: number;
  round: number;
  staff: { name: string; pin: string };
  /** Start with a backup before the random writes: a backup takes long enough that, drawn at random among quick writes, the kill nearly always lands in it. */
  backupFirst: boolean;
}

const args = JSON.parse(process.argv[2]) as ChildArgs;
const say = (line: string) => writeSync(1, `${line}\n`);

function login(app: App, staff: { name: string; pin: string }): string {
  const answer = dispatch(app, {}, 'auth.login', staff);
  if (!answer.ok) throw new Error(`${staff.name} could not log in: ${JSON.stringify(answer.error)}`);
  return (answer.result as { session: string }).session;
}

function start(): CrashWorld {
  const db = openDatabase(args.dbPath);
  const app = createApp(db);
  const members = db
    .prepare(
      "SELECT id, points_balance AS points FROM members WHERE merged_into IS NULL AND status = 'active' AND branch_id = (SELECT value FROM settings WHERE key = 'self_branch_id') ORDER BY id",
    )
    .all() as Array<{ id: string; points: number }>;
  const sales = db
    .prepare(
      `SELECT s.id, s.amount_fen - COALESCE((SELECT SUM(r.amount_fen) FROM purchases r WHERE r.original_id = s.id AND r.kind = 'refund'), 0) AS leftFen
         FROM purchases s WHERE s.kind = 'sale' AND NOT EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = s.id AND v.kind = 'void')
        ORDER BY s.rowid DESC LIMIT 300`,
    )
    .all() as Array<{ id: string; leftFen: number }>;
  return {
    app,
    random: new Random(args.seed),
    round: args.round,
    session: login(app, args.staff),
    members: members.map((m) => m.id),
    available: new Map(members.map((m) => [m.id, m.points])),
    sales: sales.filter((s) => s.leftFen > 0),
    registered: 0,
  };
}

process.stdin.once('data', () => {
  const world = start();
  say('ready');
  const table = Object.entries(OPERATIONS).map(([op, operation]) => ({ op: op as OperationName, ...operation }));
  if (args.backupFirst) {
    const committed = OPERATIONS.backup.run(world);
    if (committed) say(JSON.stringify({ op: 'backup', ...committed }));
  }
  // Until the kill. A refusal (not enough points, a sale already refunded) is no write: next.
  for (;;) {
    const { op, run } = world.random.weighted(table);
    const committed = run(world);
    if (committed) say(JSON.stringify({ op, ...committed }));
  }
});
