import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupsDirFor } from '../../db/backup-files';
import { applyKey, fileState, rekeyFile, type StoreKey } from '../../db/cipher';
import { tempDbPath } from '../helpers';
import { balances, closedStoreBackedUp, PNG } from '../services/backup-fixtures';

// `npm run restore` as a store's helper runs it with the app closed: a real process on real
// files, judged by its exit code, what it prints, and the files. Each spawn starts tsx (~1 s).
const SLOW = { timeout: 60_000 };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function restore(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const options = { env: { ...process.env, ...env } };
    const child = execFile(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/restore.ts', ...args],
      options,
      (err, stdout, stderr) => {
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

const read = (path: string, key: StoreKey | null = null) => {
  const db = new Database(path, { readonly: true });
  try {
    applyKey(db, key);
    return balances(db);
  } finally {
    db.close();
  }
};

describe('npm run restore', () => {
  it('prints what the backup holds, keeps the store aside, restores it', SLOW, async () => {
    const { path, backup, atBackup } = closedStoreBackedUp();
    const before = read(path);
    const run = await restore(['--db', path, '--from', backup, '--yes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/store\s+SH01 徐汇店 \(branch, this store\)/);
    expect(run.stdout).toMatch(/members\s+2\n/);
    expect(run.stdout).toMatch(/integrity_check ok/);
    expect(run.stdout).toMatch(/new member cards start at SH0100200001/);
    expect(read(path)).toEqual(atBackup);
    const kept = readdirSync(backupsDirFor(path)).find((f) => f.endsWith('-restore.sqlite'))!;
    expect(run.stdout).toContain(kept);
    expect(read(join(backupsDirFor(path), kept))).toEqual(before);
  });

  it('asks first, and changes nothing unless told yes', SLOW, async () => {
    const { path, backup } = closedStoreBackedUp();
    const bytes = readFileSync(path);
    const run = await restore(['--db', path, '--from', backup], 'no\n');
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/Replace the store with this backup\?/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(backupsDirFor(path))).toEqual([backup.split('/').pop()]);
    expect(readdirSync(dirname(path)).filter((f) => f.includes('restoring'))).toEqual([]);
  });

  it('exits with the reason for a bad file, changing nothing', SLOW, async () => {
    const { path } = closedStoreBackedUp();
    const png = join(dirname(path), 'photo.sqlite');
    writeFileSync(png, PNG);
    const listing = readdirSync(dirname(path)).sort();
    const bytes = readFileSync(path);
    const run = await restore(['--db', path, '--from', png, '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refused: .*"reason":"not_sqlite".*nothing changed/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dirname(path)).sort()).toEqual(listing);
    expect((await restore(['--db', path])).code).toBe(2);
  });

  it('refuses while the app has the store open, changing nothing; goes on once it is closed', SLOW, async () => {
    const { path, backup, atBackup } = closedStoreBackedUp();
    const app = new Database(path);
    app.pragma('journal_mode = WAL');
    app.prepare('SELECT COUNT(*) FROM members').get(); // open, idle, as the app sits between customers
    const before = read(path);
    const listing = readdirSync(backupsDirFor(path)).sort();
    const run = await restore(['--db', path, '--from', backup, '--yes']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/is open in BranchDesk .*close the app first.*Nothing changed/);
    expect(read(path)).toEqual(before);
    expect(readdirSync(backupsDirFor(path)).sort()).toEqual(listing);
    app.close();
    expect((await restore(['--db', path, '--from', backup, '--yes'])).code).toBe(0);
    expect(read(path)).toEqual(atBackup);
  });

  it('restores onto a new PC, where no store is yet', SLOW, async () => {
    const { backup, atBackup } = closedStoreBackedUp();
    const fresh = join(dirname(tempDbPath()), 'new-pc', 'branch.sqlite');
    const usb = join(dirname(fresh), '..', 'usb-copy.sqlite');
    copyFileSync(backup, usb);
    const run = await restore(['--db', fresh, '--from', usb, '--yes']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/there was no store here before/);
    expect(existsSync(fresh)).toBe(true);
    expect(read(fresh)).toEqual(atBackup);
  });

  it('needs an encrypted store’s passphrase, from the environment or standard input, never an argument', SLOW, async () => {
    const key = { passphrase: '徐汇店 2026 counter' };
    const { path, backup, atBackup } = closedStoreBackedUp();
    // The backup was taken before encryption was turned on: it comes back encrypted all the same.
    rekeyFile(path, null, key);
    const bytes = readFileSync(path);
    const locked = await restore(['--db', path, '--from', backup, '--yes']);
    expect([locked.code, locked.stderr]).toEqual([
      1,
      expect.stringMatching(/the store is encrypted: give its passphrase; nothing changed/),
    ]);
    const wrong = await restore(['--db', path, '--from', backup, '--yes'], undefined, { BRANCHDESK_PASSPHRASE: 'not the passphrase' });
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringMatching(/wrong passphrase; nothing changed/)]);
    expect(wrong.stderr + wrong.stdout).not.toContain('not the passphrase');
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect((await restore(['--db', path, '--from', backup, '--passphrase-stdin'], `${key.passphrase}\n`)).code).toBe(2);

    const run = await restore(['--db', path, '--from', backup, '--yes', '--passphrase-stdin'], `${key.passphrase}\n`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fileState(path)).toBe('encrypted');
    expect(read(path, key)).toEqual(atBackup);
  });
});
