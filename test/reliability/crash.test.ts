import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type DB } from '../../db/connection';
import { createApp } from '../../services/core/context';
import { call } from '../../services/core/dispatch';
import { bundleModule } from '../../scripts/bundle';
import { backupSettings } from '../../services/backup/settings';
import { backupsDirFor } from '../../db/backup-files';
import { problemsAfterMerges } from '../services/points-fixtures';
import type { ChildArgs } from './crash-child';
import { isOperationName, OPERATIONS, type Committed, type OperationName } from './crash-operations';
import { envCount, partSeed, Random, runSeed, SEED_ENV } from './random';

// Issue 18: a counter PC that loses power or is killed mid-sale loses nothing it said was saved.
// A child process (./crash-child.ts) runs the real services on a real SQLite file, opened as the
// app opens it, doing sales, refunds, redemptions, registrations and merges without pause, and
// reports each write the services answered as committed. It is killed with SIGKILL at a random
// moment, ROUNDS times on the same file. After each kill the file is opened again as the app
// opens it and must be sound: integrity_check ok, no broken reference, every balance equal to its
// ledger and its open lots (problemsAfterMerges: ledgerProblems, less what it says of the merge
// entries by design), and every write the child reported there as reported.
//
// The child runs as one bundled file under plain Node (bundled as the benches bundle the services'
// host): under tsx each of the hundred children compiled the services again, two seconds each on
// this machine. RELIABILITY_CHILD=tsx runs it from source.

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = envCount('RELIABILITY_CRASH_ROUNDS', 100);
const MANAGER = { name: '压测经理', pin: '2468' };
/** Share of kills aimed at the child's start (the open, its WAL recovery, the logins) rather than its writes. */
const EARLY_KILLS = 0.15;

interface Reported extends Committed {
  op: OperationName;
  round: number;
}

interface Round {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** the child's stdout lines, as they come */
  lines: string[];
  stderr: () => string;
}

/** The store the rounds start from: a branch with demo members and their sales, and the child's manager. */
function seedStore(dbPath: string): void {
  const db = openDatabase(dbPath);
  try {
    const app = createApp(db);
    call(app, {}, 'setup.init', { branchName: '压测店', branchCode: 'CR01', adminName: '压测店长', adminPin: '9999', demoMembers: 200 });
    const admin = call(app, {}, 'auth.login', { name: '压测店长', pin: '9999' }).session;
    call(app, { session: admin }, 'staff.create', { ...MANAGER, role: 'manager' });
  } finally {
    db.close();
  }
}

/** Starts a round's child, which loads and then waits for `go` (so it loads while the round before runs). */
function spawnRound(command: string[], args: ChildArgs): Round {
  const child = spawn(process.execPath, [...command, JSON.stringify(args)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  // 'close', not 'exit': every line the child wrote before the kill has been read by then.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('close', (code, signal) => r({ code, signal })),
  );
  return { child, exited, lines, stderr: () => err };
}

/** Runs the round: go, then SIGKILL at a random moment; answers whether the kill came before the child was ready. */
async function killAtRandom(round: Round, random: Random, backupFirst: boolean): Promise<boolean> {
  const kill = () => round.child.kill('SIGKILL');
  const early = random.chance(EARLY_KILLS);
  // A round that starts with a backup (half a second or more, with its check) lives longer, so that some finish.
  const delay = early ? random.int(0, 200) : random.int(0, backupFirst ? 2500 : 700);
  if (early) setTimeout(kill, delay);
  else {
    const onReady = () => {
      if (round.lines[0] !== 'ready') return;
      round.child.stdout!.off('data', onReady);
      setTimeout(kill, delay);
    };
    round.child.stdout!.on('data', onReady);
  }
  round.child.stdin!.end('go\n');
  // A child that is gone closes its pipes at once; one that does not (a process of its own that
  // the kill missed) would go on writing while the file is checked.
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`the child did not stop after SIGKILL:\n${round.stderr()}`)), 30_000);
  });
  const { code, signal } = await Promise.race([round.exited, stuck]).finally(() => clearTimeout(timer));
  if (signal !== 'SIGKILL') throw new Error(`the child stopped by itself (exit ${code}):\n${round.stderr()}`);
  return round.lines[0] !== 'ready';
}

function reportedWrites(round: Round, n: number): Reported[] {
  return round.lines.slice(1).map((line) => {
    const parsed = JSON.parse(line) as { op: string } & Committed;
    if (!isOperationName(parsed.op)) throw new Error(`the child reported an unknown write: ${line}`);
    return { ...parsed, op: parsed.op, round: n };
  });
}

/**
 * Whether a backup's row is gone by design: rotation keeps the newest `others` good manual
 * backups (services/backup/rotation.ts), and a round can take more than that. One with fewer
 * newer ones kept is lost.
 */
function rotatedAway(db: DB, id: string): boolean {
  const newer = db.prepare("SELECT COUNT(*) AS n FROM backups WHERE kind = 'manual' AND state = 'ok' AND id > ?").get(id) as { n: number };
  return newer.n >= backupSettings(db).rotation.others;
}

/** A backup reported good must be a sound file beside the store after the kill, under its row's name. */
function backupFileProblems(db: DB, write: Reported, fileName: unknown): string[] {
  const path = join(backupsDirFor(db.name), String(fileName));
  if (!existsSync(path)) return [`round ${write.round}: backup ${write.id} is ok but its file ${String(fileName)} is not there`];
  const copy = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    return check === 'ok' ? [] : [`round ${write.round}: backup ${write.id}'s file fails quick_check: ${String(check)}`];
  } finally {
    copy.close();
  }
}

/** Everything wrong with the file after a kill; empty when it is sound and holds every reported write. */
function problemsIn(db: DB, writes: Reported[]): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  for (const broken of db.pragma('foreign_key_check') as unknown[]) problems.push(`foreign key: ${JSON.stringify(broken)}`);
  problems.push(...problemsAfterMerges(db));
  const stored = new Map(Object.entries(OPERATIONS).map(([op, { stored }]) => [op, stored === null ? null : db.prepare(stored)]));
  for (const write of writes) {
    const read = stored.get(write.op);
    if (!read) {
      problems.push(`round ${write.round}: ${write.op} reported a write but says nowhere where it is stored`);
      continue;
    }
    const row = read.get(write.id) as Record<string, unknown> | undefined;
    if (!row && write.op === 'backup' && rotatedAway(db, write.id)) continue;
    const lost = !row || Object.entries(write.what).some(([column, value]) => row[column] !== value);
    if (lost) problems.push(`round ${write.round}: ${write.op} ${JSON.stringify(write)} is stored as ${JSON.stringify(row ?? null)}`);
    // Rotation removes a backup's file, then its row: killed between the two, the row of a backup
    // rotation was discarding stays without its file until the next rotation removes it (seed
    // 57514365, round 10). Any other good backup must be a sound file.
    else if (write.op === 'backup' && !rotatedAway(db, write.id)) problems.push(...backupFileProblems(db, write, row.file_name));
  }
  return problems;
}

const memberCount = (db: DB) => (db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n;

describe('crash safety (issue 18)', () => {
  it(`keeps every committed write and every balance sound through ${ROUNDS} kills with SIGKILL mid-write`, async () => {
    const seed = runSeed();
    console.log(`[crash] seed ${seed} (to replay: ${SEED_ENV}=${seed}), ${ROUNDS} rounds`);
    const started = performance.now();
    const dir = mkdtempSync(join(tmpdir(), 'branchdesk-crash-'));
    const dbPath = join(dir, 'branch.sqlite');
    // Inside the checkout (.cache/, ignored), where the bundle's imports of better-sqlite3 resolve.
    const bundled = join(ROOT, `.cache/reliability/crash-child-${process.pid}.mjs`);
    const children: ChildProcess[] = [];
    try {
      seedStore(dbPath);
      const command =
        process.env.RELIABILITY_CHILD === 'tsx'
          ? // tsx's loader in the child itself: its command line would start the child as a process of
            // its own, which a SIGKILL of the command line leaves running.
            ['--import', 'tsx', join(ROOT, 'test/reliability/crash-child.ts')]
          : [await bundleModule('test/reliability/crash-child.ts', bundled)];
      const random = new Random(seed);
      // Every fifth round starts with a backup, so some finish and some are killed half-way (one CI run
      // drew them only among the writes and saw none finish in 100 rounds): by VACUUM INTO and by
      // the side host's snapshot copy in turn.
      const backupFirst = (n: number): ChildArgs['backupFirst'] => (n % 10 === 0 ? 'vacuum' : n % 10 === 5 ? 'snapshot' : null);
      const roundArgs = (n: number): ChildArgs => ({
        dbPath,
        seed: partSeed(seed, n),
        round: n,
        staff: MANAGER,
        backupFirst: backupFirst(n),
      });
      const all: Reported[] = [];
      const perOp = new Map<string, number>();
      let killedEarly = 0;
      const killedMidBackup = { vacuum: 0, snapshot: 0 };
      let rowsChecked = 0;
      let membersChecked = 0;
      let [runMs, checkMs] = [0, 0];
      let next = spawnRound(command, roundArgs(1));
      children.push(next.child);
      for (let n = 1; n <= ROUNDS; n++) {
        const round = next;
        // The next child loads (half a second of CPU) on the other core while this one writes.
        if (n < ROUNDS) children.push((next = spawnRound(command, roundArgs(n + 1))).child);
        const went = performance.now();
        if (await killAtRandom(round, random, backupFirst(n) !== null)) killedEarly++;
        const killed = performance.now();
        runMs += killed - went;
        const writes = reportedWrites(round, n);
        // A backup is checked in its own round only: rotation keeps the last few, so an early one is gone by the end.
        all.push(...writes.filter((w) => w.op !== 'backup'));
        for (const w of writes) perOp.set(w.op, (perOp.get(w.op) ?? 0) + 1);
        const db = openDatabase(dbPath);
        try {
          const problems = problemsIn(db, writes);
          expect(problems, `after round ${n}'s kill (${SEED_ENV}=${seed})`).toEqual([]);
          // The kill landed in a copy or its check when the backup's row still says so (the next start asks again).
          const how = backupFirst(n);
          if (
            how !== null &&
            (db.prepare("SELECT COUNT(*) AS n FROM backups WHERE state IN ('copying', 'verifying')").get() as { n: number }).n > 0
          )
            killedMidBackup[how]++;
          rowsChecked += writes.length;
          membersChecked += memberCount(db);
        } finally {
          db.close();
        }
        checkMs += performance.now() - killed;
      }
      // Once more at the end, every write of every round: none lost to a later round's kill either.
      const db = openDatabase(dbPath);
      try {
        expect(problemsIn(db, all), `at the end (${SEED_ENV}=${seed})`).toEqual([]);
        rowsChecked += all.length;
      } finally {
        db.close();
      }
      // Twenty rounds start with one: a run in which none finished did not test a backup.
      if (ROUNDS >= 20)
        expect(perOp.get('backup') ?? 0, `backups that finished before their kill (${SEED_ENV}=${seed})`).toBeGreaterThan(0);
      const ops = [...perOp].map(([op, count]) => `${op} ${count}`).join(', ');
      console.log(
        `[crash] ${ROUNDS} rounds survived (${killedEarly} killed while starting; ${killedMidBackup.vacuum} of ${Math.floor(ROUNDS / 10)} ` +
          `rounds begun with VACUUM INTO and ${killedMidBackup.snapshot} of ${Math.floor((ROUNDS + 5) / 10)} begun with the snapshot copy killed mid-backup), ` +
          `${all.length} committed writes reported (${ops}), ` +
          `${rowsChecked} rows checked present, ${membersChecked} member balances checked against their ledger and lots, ` +
          `0 lost, in ${((performance.now() - started) / 1000).toFixed(0)} s (a round ran ${(runMs / ROUNDS).toFixed(0)} ms ` +
          `and was checked in ${(checkMs / ROUNDS).toFixed(0)} ms on average; seed ${seed})`,
      );
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(bundled, { force: true });
      if (process.env.RELIABILITY_KEEP) console.log(`[crash] the store is kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
