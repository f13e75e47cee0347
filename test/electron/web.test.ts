import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LATEST_VERSION } from '../../db/migrations/index';
import { makeTestApp, tempDbPath } from '../helpers';

// `npm run web` as a user and the e2e fixtures start it: the database is opened (in the services'
// worker) before the ready line, a database it cannot open stops it with exit code 2 and the
// reason, and SIGTERM closes the server and then the database.

const ROOT = resolve(import.meta.dirname, '../..');
const SLOW = 60_000;

function startWeb(dbPath: string) {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'electron/web.ts', '--db', dbPath, '--port', '0', '--no-build'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  const ready = new Promise<string>((resolveUrl, reject) => {
    child.stdout.on('data', () => {
      const m = /BranchDesk ready at (\S+)/.exec(out);
      if (m) resolveUrl(m[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${out}${err}`)));
  });
  return { child, ready, exited, output: () => ({ out, err }) };
}

describe('browser mode (electron/web.ts)', () => {
  it(
    'stops with exit code 2 and the reason, printing no ready line, on a database from a newer app',
    async () => {
      const t = makeTestApp();
      t.db
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(LATEST_VERSION + 1, 'future', '2030-01-01');
      const web = startWeb(t.path);
      web.ready.catch(() => {});
      expect(await web.exited).toBe(2);
      expect(web.output().out).toBe('');
      expect(web.output().err.trim()).toBe(
        `This database was written by a newer BranchDesk (schema ${LATEST_VERSION + 1}; this app knows up to ${LATEST_VERSION}). Update the app to open it.`,
      );
    },
    SLOW,
  );

  it(
    'answers once ready, and on SIGTERM closes the database cleanly (its WAL folded back and removed)',
    async () => {
      const dbPath = tempDbPath();
      const web = startWeb(dbPath);
      const url = new URL(await web.ready);
      const res = await fetch(`${url.origin}/rpc/setup.status`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.searchParams.get('token')}` },
        body: '{}',
      });
      expect(await res.json()).toMatchObject({ ok: true, result: { initialized: false } });
      expect(existsSync(`${dbPath}-wal`)).toBe(true);
      web.child.kill('SIGTERM');
      expect(await web.exited).toBe(0);
      expect(existsSync(`${dbPath}-wal`)).toBe(false);
      expect(existsSync(dbPath)).toBe(true);
    },
    SLOW,
  );
});
