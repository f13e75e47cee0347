import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { createApp, type App } from '../../services/core/context';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { dataFingerprint, type Fingerprint } from './fuzz-fingerprint';
import { login, rpc, startWeb, stopWeb, upload, type WebServer } from './fuzz-client';
import type { Pools } from './fuzz-inputs';
import { readPools, SELF, STAFF } from './fuzz-store';

// One store as the fuzz run calls it (./fuzz.test.ts): its browser-mode server, a session of
// each role, what its inputs can name, and two connections of the run's own: one that only reads
// (the fingerprint before and after each call) and one that runs the jobs the calls queued.

export type Role = 'admin' | 'manager' | 'clerk';

export interface Target {
  name: string;
  server: WebServer;
  sessions: Record<Role, string>;
  /** a session that was logged out */
  loggedOut: string;
  reader: Database.Database;
  /** the database as last read: a refused call is checked against it */
  known: Fingerprint;
  pools: Pools;
  /** reads the pools again (the calls add members, sales, imports, jobs) */
  refresh(): void;
  /** a fresh session of the spare clerk, for an auth.logout that would have ended one of `sessions` */
  spare(): Promise<string>;
  /** runs the jobs the calls queued to their end, between calls (the server runs none: --no-chores); answers the slices run */
  runJobs(): number;
  close(): Promise<void>;
}

export async function openTarget(name: string, dbPath: string, files: Array<[string, Buffer]>): Promise<Target> {
  const jobs: App = createApp(openDatabase(dbPath));
  const reader = new Database(dbPath, { readonly: true, fileMustExist: true });
  const server = await startWeb(dbPath).catch((err: unknown) => {
    jobs.db.close();
    reader.close();
    throw err;
  });
  const close = async () => {
    await stopWeb(server);
    closeJobRunner(jobs);
    jobs.db.close();
    reader.close();
  };
  try {
    const sessions: Record<Role, string> = {
      admin: await login(server, STAFF.admin),
      manager: await login(server, STAFF.manager),
      clerk: await login(server, STAFF.clerk),
    };
    const loggedOut = await login(server, STAFF.spare);
    await rpc(server, 'auth.logout', {}, loggedOut);
    // The store's own staff: HQ also holds each branch's, under the same names.
    const ids = new Map(reader.prepare(`SELECT name, id FROM staff WHERE branch_id = (${SELF})`).raw().all() as Array<[string, string]>);
    const holders = [STAFF.admin, STAFF.manager, STAFF.clerk].map((s) => ids.get(s.name)!);
    const uploads = await upload(server, sessions.manager, files);
    const pools = () => readPools(reader, ids.get(STAFF.spare.name)!, holders, uploads);
    const target: Target = {
      name,
      server,
      sessions,
      loggedOut,
      reader,
      known: dataFingerprint(reader),
      pools: pools(),
      refresh: () => void (target.pools = pools()),
      spare: () => login(server, STAFF.spare),
      runJobs: () => jobRunner(jobs).runToEnd(),
      close,
    };
    return target;
  } catch (err) {
    await close();
    throw err;
  }
}
