import type { StoreKey } from '../db/cipher-file';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type DB } from '../db/connection';
import { createApp, type App } from '../services/core/context';
import { call, callAsync, dispatch, dispatchAsync } from '../services/core/dispatch';
import { closeJobRunner, jobRunner } from '../services/core/jobs/runner';
import { runBackups } from '../services/backup/run';
import { newUploadToken, uploadsDirFor } from '../services/core/uploads';
import type { InputOf, MethodName, OutputOf } from '../shared/contract/index';
import type { Envelope } from '../shared/errors';

/** A clock that stands still until a test moves it. */
export class FrozenClock {
  private ms: number;
  constructor(iso = '2026-06-15T02:00:00.000Z') {
    this.ms = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Ids that sort in creation order and read easily in a failing test. */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(8, '0')}`;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'branchdesk-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'branch.sqlite');
}

export interface TestApp {
  app: App;
  db: DB;
  clock: FrozenClock;
  path: string;
  /** dispatch with an optional session, unwrapped envelope */
  raw(name: string, input: unknown, session?: string | null): Envelope<unknown>;
  call<M extends MethodName>(name: M, input: InputOf<M>, session?: string | null): OutputOf<M>;
  /** The same for a method that answers a promise (an import reading its file), or any other. */
  rawAsync(name: string, input: unknown, session?: string | null): Promise<Envelope<unknown>>;
  callAsync<M extends MethodName>(name: M, input: InputOf<M>, session?: string | null): Promise<OutputOf<M>>;
  /**
   * Takes the backups asked for (an import's, which its job waits for: services/backup/run.ts),
   * then runs the queued background jobs to their end, synchronously (services/core/jobs/runner.ts);
   * answers the slices run.
   */
  runJobs(): number;
}

/**
 * A fresh branch database on a real SQLite file, with a frozen clock and fixed ids. Several
 * databases side by side (HQ and its branches) each take their own id prefix, as UUIDv7s never collide.
 */
export function makeTestApp(
  path = tempDbPath(),
  options: { idPrefix?: string; start?: string; hq?: boolean; newId?: () => string; key?: StoreKey } = {},
): TestApp {
  const db = openDatabase(path, { hq: options.hq, key: options.key ?? null });
  cleanups.push(() => db.close());
  const clock = new FrozenClock(options.start);
  const app = createApp(db, { clock, newId: options.newId ?? sequentialIds(options.idPrefix) });
  cleanups.push(() => closeJobRunner(app));
  return {
    app,
    db,
    clock,
    path,
    raw: (name, input, session = null) => dispatch(app, { session }, name, input),
    call: (name, input, session = null) => call(app, { session }, name, input),
    rawAsync: (name, input, session = null) => dispatchAsync(app, { session }, name, input),
    callAsync: (name, input, session = null) => callAsync(app, { session }, name, input),
    runJobs: () => {
      runBackups(app);
      return jobRunner(app).runToEnd();
    },
  };
}

export const ADMIN = { name: '王店长', pin: '246810' };

/** Set up the branch and log the admin in; returns the admin's session. */
export function setUpBranch(t: TestApp): string {
  t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin });
  return t.call('auth.login', ADMIN).session;
}

/** Add a staff member with the given role and return their session. */
export function loginAs(t: TestApp, adminSession: string, role: 'clerk' | 'manager' | 'admin', name = `${role}-1`): string {
  t.call('staff.create', { name, role, pin: '1357' }, adminSession);
  return t.call('auth.login', { name, pin: '1357' }).session;
}

/**
 * Stores a copy of `file` as an upload of the database at `dbPath`, as POST /upload or the
 * desktop app's file dialog would, and answers its token (what a method that reads a file takes).
 */
export function storeUpload(dbPath: string, file: string): string {
  const dir = uploadsDirFor(dbPath);
  mkdirSync(dir, { recursive: true });
  const token = newUploadToken();
  copyFileSync(file, join(dir, token));
  return token;
}
