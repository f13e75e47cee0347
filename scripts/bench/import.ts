import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, existsSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { bundleModule } from '../bundle';
import { openDatabase } from '../../db/connection';
import { startBackend, type Backend } from '../../electron/backend/client';
import { workerChannel } from '../../electron/backend/worker-channel';
import { receiveUpload, uploadsDirFor } from '../../services/core/uploads';
import type { ImportSession } from '../../shared/contract/import';
import type { Job } from '../../shared/contract/jobs';
import type { Backup } from '../../shared/contract/backup';
import { ensureSeeded, percentile, pickCounterMembers, secs, type CounterMember } from './common';
import type { HeapShare } from './import-host';

// The import (issue 17, "Speed"), as the app runs it: the services' host bundled as the desktop
// app bundles it, in a worker thread of this process, on a copy of a store of a million members
// (members only; the 10M-sale store is not touched). Each file is uploaded as the bridge stores
// a POST /upload, opened, previewed (import.preview: on the side host's thread), then imported
// by import.start's job, which the host's started runner runs in slices. Meanwhile a second
// client sends a counter call every 100 ms (a search by phone tail, then a sale), timed from when
// it was due, as jobs.ts does. Memory: the process's RSS (every thread's, SQLite's caches too)
// and each host thread's own V8 heap (import-host.ts), sampled every 50 ms; "flat" compares the
// second half of a phase with its first, so a file read whole or rows kept would show as growth.

const EVERY_MS = 100;
const GOAL_P99_MS = 50;
const GOAL_MAX_MS = 200;
/** Growth from a phase's first half to its second that still counts as flat. */
const FLAT_MB = 32;
const MB = 1024 * 1024;

export interface ImportBenchSizes {
  /** members in the store imported into (made once, members only) */
  storeMembers: number;
  memberRows: number;
  saleRows: number;
}

interface Memory {
  rss: number[];
  host: number[];
  side: number[];
  peaks: { host: number; side: number };
}

/** Samples the process's RSS and the two host threads' heaps (import-host.ts) until stopped. */
function meter(share: Int32Array): { stop: () => Memory } {
  Atomics.store(share, 1, 0);
  Atomics.store(share, 3, 0);
  const memory: Memory = { rss: [], host: [], side: [], peaks: { host: 0, side: 0 } };
  const sample = () => {
    memory.rss.push(process.memoryUsage().rss);
    memory.host.push(Atomics.load(share, 0) * 1024);
    memory.side.push(Atomics.load(share, 2) * 1024);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      memory.peaks = { host: Atomics.load(share, 1) * 1024, side: Atomics.load(share, 3) * 1024 };
      return memory;
    },
  };
}

const mb = (n: number) => `${Math.round(n / MB)} MB`;
/** The machine's load as the phase ends: this bench's own threads count, and so does anything else running. */
const load = () => `load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;

/**
 * "start → peak", the second half's peak against the first's, and whether that is flat: within
 * FLAT_MB, and for RSS also the page caches the hosts' connections fill as they read (64 MB each).
 */
function growth(what: string, series: number[], peak = Math.max(...series), allowanceMB = FLAT_MB): string {
  const half = Math.floor(series.length / 2);
  const [first, second] = [Math.max(...series.slice(0, half + 1)), Math.max(...series.slice(half))];
  const flat = second - first <= allowanceMB * MB;
  return `${what} ${mb(series[0])} → peak ${mb(peak)} (halves ${mb(first)} / ${mb(second)}: ${flat ? 'flat' : 'GROWING'})`;
}

/**
 * A counter call every 100 ms until `done` settles (a search by phone tail, then a sale, or with
 * `sell` false a balance look-up: the backup bench leaves the seeded store as it was); each
 * call's latency from when it was due.
 */
export async function counterWhile(backend: Backend, session: string, members: CounterMember[], done: Promise<unknown>, sell = true) {
  const ms: number[] = [];
  const when: number[] = [];
  let failed = 0;
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  const start = performance.now();
  for (let i = 0; !finished; i++) {
    const due = start + i * EVERY_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    if (finished) break;
    const m = members[i % members.length];
    const answer =
      i % 2 === 0
        ? await backend.call('members.search', { q: m.tail }, session)
        : sell
          ? await backend.call('purchases.record', { memberId: m.id, amount: '12.50', confirmDuplicate: true }, session)
          : await backend.call('points.balance', { memberId: m.id }, session);
    ms.push(performance.now() - due);
    when.push(due - start);
    if (!answer.ok) failed++;
  }
  // Where the worst waits fell (into the phase): a slow first slice, or waits all along.
  const worst = ms
    .map((wait, i) => ({ wait, at: when[i] }))
    .sort((a, b) => b.wait - a.wait)
    .slice(0, 3)
    .map((w) => `${w.wait.toFixed(0)} ms at ${(w.at / 1000).toFixed(1)} s`);
  const sorted = ms.sort((a, b) => a - b);
  const [p50, p99, max] = [percentile(sorted, 50) ?? 0, percentile(sorted, 99) ?? 0, sorted[sorted.length - 1] ?? 0];
  const met = p99 <= GOAL_P99_MS && max <= GOAL_MAX_MS;
  return `counter n=${sorted.length} p50 ${p50.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  max ${max.toFixed(1)} ms${failed ? `  ${failed} FAILED` : ''}  ${met ? 'met' : 'MISSED'} (p99 ≤ ${GOAL_P99_MS}, max ≤ ${GOAL_MAX_MS} ms); worst ${worst.join(', ')}`;
}

async function call<T>(backend: Backend, method: string, input: unknown, session: string | null): Promise<T> {
  const envelope = await backend.call(method, input, session);
  if (!envelope.ok) throw new Error(`${method} failed: ${JSON.stringify(envelope.error)}`);
  return envelope.result as T;
}

/** Polls the job until it has ended; answers it. */
async function jobEnd(backend: Backend, session: string, id: string): Promise<Job> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const job = await call<Job>(backend, 'jobs.get', { id }, session);
    if (job.state !== 'queued' && job.state !== 'running') return job;
  }
}

interface Run {
  label: string;
  kind: 'members' | 'sales';
  file: string;
  goalS: number;
}

interface Bench {
  template: string;
  hostScript: string;
  share: Int32Array;
  members: CounterMember[];
}

async function runImport(bench: Bench, spec: Run, idleFirst: boolean): Promise<void> {
  const path = bench.template.replace(/-settled\.sqlite$/, '.run.sqlite');
  const tidy = () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    rmSync(uploadsDirFor(path), { recursive: true, force: true });
  };
  tidy();
  copyFileSync(bench.template, path);
  bench.share.fill(0); // the last run's threads are gone
  const workerData: HeapShare = { heap: bench.share.buffer as SharedArrayBuffer, slot: 0 };
  const backend = await startBackend(() => workerChannel(bench.hostScript, { name: 'bench services', workerData }), {
    dbPath: path,
    checkOutputs: false,
  });
  try {
    const { session } = await call<{ session: string }>(backend, 'auth.login', { name: 'admin', pin: '0000' }, null);
    backend.startMaintenance();
    // The start's chores (the hourly run, the first idle catch-up) pass before anything is timed.
    const fiveSeconds = () => new Promise((r) => setTimeout(r, 5000));
    await counterWhile(backend, session, bench.members, fiveSeconds());
    if (idleFirst) console.log(`${'  no import (5 s)'.padEnd(34)} ${await counterWhile(backend, session, bench.members, fiveSeconds())}`);

    const bytes = statSync(spec.file).size;
    console.log(`${spec.label}: ${spec.file.split('/').pop()} (${(bytes / MB).toFixed(1)} MB)`);
    let t0 = performance.now();
    const { token } = await receiveUpload(createReadStream(spec.file), uploadsDirFor(path));
    const uploadMs = performance.now() - t0;
    t0 = performance.now();
    const fileName = spec.file.split('/').pop()!;
    const opened = await call<ImportSession>(backend, 'import.open', { kind: spec.kind, fileName, upload: token }, session);
    console.log(`  upload ${secs(uploadMs)}, import.open ${secs(performance.now() - t0)}`);

    let memory = meter(bench.share);
    t0 = performance.now();
    const previewing = call<ImportSession>(backend, 'import.preview', { id: opened.id, mapping: opened.mapping }, session);
    let counter = await counterWhile(backend, session, bench.members, previewing);
    const preview = await previewing;
    const previewMs = performance.now() - t0;
    let used = memory.stop();
    const c = preview.counts!;
    const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;
    const goal = (ms: number) => (ms <= spec.goalS * 1000 ? `met (≤ ${spec.goalS} s)` : `MISSED (≤ ${spec.goalS} s)`);
    console.log(
      `  ${'preview (side host)'.padEnd(32)} ${secs(previewMs).padStart(8)}  ${rate(c.rows, previewMs)}  ${goal(previewMs)}  ` +
        `rows ${c.rows}: create ${c.create}, update ${c.update}, skip ${c.skip}, invalid ${c.invalid}; duplicate pairs ${c.duplicatePairs} (${c.possibleDuplicates} possible)`,
    );
    console.log(`  ${''.padEnd(32)} ${counter}`);
    console.log(
      `  ${''.padEnd(32)} ${growth('RSS', used.rss, undefined, FLAT_MB + 64)}; ${growth('side host heap', used.side, used.peaks.side)}; ${load()}`,
    );

    const started = await call<ImportSession>(
      backend,
      'import.start',
      { id: opened.id, consentDeclared: spec.kind === 'members', tiers: 'computed', historyPoints: spec.kind === 'sales' },
      session,
    );
    memory = meter(bench.share);
    const ended = jobEnd(backend, session, started.jobId!);
    counter = await counterWhile(backend, session, bench.members, ended);
    const job = await ended;
    used = memory.stop();
    // The job waits first for the backup import.start asked for (docs/backup.md), on the side
    // host: timed apart, and the import from when it could begin.
    const backups = await call<{ items: Backup[] }>(backend, 'backup.list', {}, session);
    const backup = backups.items.find((b) => b.kind === 'import' && b.ref === opened.id);
    const importFrom = Math.max(Date.parse(job.createdAt), Date.parse(backup?.finishedAt ?? job.createdAt));
    const jobMs = Date.parse(job.finishedAt ?? job.updatedAt) - importFrom;
    if (backup) {
      const backupMs = Date.parse(backup.finishedAt ?? backup.requestedAt) - Date.parse(backup.requestedAt);
      console.log(`  ${`backup before it (${backup.state})`.padEnd(32)} ${secs(backupMs).padStart(8)}  the job waited for it`);
    }
    const done = await call<ImportSession>(backend, 'import.get', { id: opened.id }, session);
    const result = Object.entries(done.result)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(
      `  ${`import (job ${job.state}, import ${done.state})`.padEnd(32)} ${secs(jobMs).padStart(8)}  ${rate(c.create + c.update, jobMs)}  ${goal(jobMs)}  ${result}`,
    );
    console.log(`  ${''.padEnd(32)} ${counter}`);
    console.log(
      `  ${''.padEnd(32)} ${growth('RSS', used.rss, undefined, FLAT_MB + 64)}; ${growth('host heap', used.host, used.peaks.host)}; ${load()}`,
    );
  } finally {
    await backend.close();
    tidy();
  }
}

/** The host (import-host.ts) as one ES module, as the app bundles its own (startup.ts says why). */
function bundleHost(dir: string): Promise<string> {
  return bundleModule('scripts/bench/import-host.ts', join(dir, 'host', 'import-host.mjs'));
}

/** Makes what is missing (import-data.ts, in a process of its own). */
function prepare(args: string[], what: string): void {
  console.log(`Making ${what} (once)…`);
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/bench/import-data.ts', ...args], { stdio: 'inherit' });
}

export async function benchImport(cache: string, sizes: ImportBenchSizes): Promise<void> {
  const seeded = join(cache, `m${sizes.storeMembers}-p0.sqlite`);
  ensureSeeded(seeded, sizes.storeMembers, 0);
  const dir = join(cache, 'import');
  const template = join(dir, `m${sizes.storeMembers}-settled.sqlite`);
  if (!existsSync(template)) prepare(['--db', seeded, '--settle', template], `the store after its first day's chores, ${template}`);
  const membersCsv = join(dir, `members-${sizes.memberRows}-m${sizes.storeMembers}.csv`);
  const membersXlsx = membersCsv.replace(/\.csv$/, '.xlsx');
  if (!existsSync(membersCsv) || !existsSync(membersXlsx))
    prepare(['--db', template, '--members-file', membersCsv, '--rows', String(sizes.memberRows)], `${membersCsv} and .xlsx`);
  const salesCsv = join(dir, `sales-${sizes.saleRows}-m${sizes.storeMembers}.csv`);
  if (!existsSync(salesCsv)) prepare(['--db', template, '--sales-file', salesCsv, '--rows', String(sizes.saleRows)], salesCsv);

  const db = openDatabase(template);
  const maxRow = db.prepare<[], number>('SELECT MAX(rowid) FROM members').pluck().get() ?? 0;
  const members = pickCounterMembers(db, 17);
  db.close();

  const bench: Bench = { template, hostScript: await bundleHost(dir), share: new Int32Array(new SharedArrayBuffer(16)), members };
  console.log(
    `\nImport into a store of ${maxRow.toLocaleString('en')} members (a copy each; the services' host and its side host are worker threads of this process: RSS is the whole process's, heaps each thread's; a counter call every ${EVERY_MS} ms)`,
  );
  await runImport(bench, { label: 'members CSV', kind: 'members', file: membersCsv, goalS: 10 }, true);
  await runImport(bench, { label: 'members XLSX', kind: 'members', file: membersXlsx, goalS: 10 }, false);
  await runImport(bench, { label: 'sales CSV (points for history)', kind: 'sales', file: salesCsv, goalS: 60 }, false);
}
