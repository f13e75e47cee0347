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
import { requeueInterrupted, takeBackup } from '../../services/backup/run';
import { requestBackup } from '../../services/backup/requests';
import { OPERATIONS, type CrashWorld, type OperationName } from './crash-operations';
import { Random } from './random';

export interface ChildArgs {
  dbPath: string;
  seed: number;
  round: number;
  staff: { name: string; pin: string };
  /**
   * Start with a backup: a backup takes long enough that, drawn at random among quick writes, the
   * kill nearly always lands in it. `vacuum`: VACUUM INTO in the child's own thread, as scripts
   * take one; `snapshot`: the side host's paced snapshot copy, with writes going on meanwhile, as
   * the counter goes on selling while the side host copies.
   */
  backupFirst: 'vacuum' | 'snapshot' | null;
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

const table = Object.entries(OPERATIONS).map(([op, operation]) => ({ op: op as OperationName, ...operation }));

/** One write drawn at random from `from`, reported when it committed. A refusal (not enough points, a sale already refunded) is no write. */
function writeOne(world: CrashWorld, from: typeof table): void {
  const { op, run } = world.random.weighted(from);
  const committed = run(world);
  if (committed) say(JSON.stringify({ op, ...committed }));
}

/**
 * A backup as the side host takes one (services/backup/loop.ts): its paced snapshot copy awaits
 * between chunks, and the counter's writes go on in between, one per turn of the event loop. Not
 * a second backup meanwhile: the side host takes one at a time.
 */
async function snapshotBackupWhileWriting(world: CrashWorld): Promise<void> {
  const app = world.app;
  const row = requestBackup(app.db, { kind: 'manual', ref: null, by: null, id: app.newId(), at: app.clock.now().toISOString() });
  let ended = false;
  const taken = takeBackup(app, row).finally(() => (ended = true));
  const writes = table.filter((entry) => entry.op !== 'backup');
  while (!ended) {
    writeOne(world, writes);
    await new Promise((next) => setImmediate(next));
  }
  const done = await taken;
  if (done.state === 'ok') say(JSON.stringify({ op: 'backup', id: done.id, what: { state: 'ok' } }));
}

process.stdin.once('data', () => {
  void (async () => {
    const world = start();
    // As the side host starts: a copy the last kill cut off is asked for again, its partial file removed.
    requeueInterrupted(world.app);
    say('ready');
    if (args.backupFirst === 'vacuum') {
      const committed = OPERATIONS.backup.run(world);
      if (committed) say(JSON.stringify({ op: 'backup', ...committed }));
    } else if (args.backupFirst === 'snapshot') await snapshotBackupWhileWriting(world);
    // Until the kill.
    for (;;) writeOne(world, table);
  })();
});
