import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { rekeyFile } from '../../db/cipher';
import { tempDbPath } from '../helpers';

// `npm run hq` as HQ automation runs it: a real process on real files, judged by its exit code
// and its one line per file. Each spawn starts tsx (~1 s), hence the longer timeouts under a
// busy parallel run.
const SLOW = { timeout: 120_000 };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function hq(...args: string[]): Promise<Run> {
  return hqWith({}, ...args);
}

function hqWith(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const options = { env: { ...process.env, ...env } };
    execFile(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/hq.ts', ...args], options, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const SETUP = ['--admin', '王店长', '--pin', '246810'];

describe('npm run hq', () => {
  it('exports a branch, merges it into HQ once, and refuses a file that is not an export', SLOW, async () => {
    const dir = dirname(tempDbPath());
    const [hqDb, branchDb, file, text] = ['hq.sqlite', 'branch.sqlite', 'SH01.bdx', 'notes.txt'].map((f) => join(dir, f));
    writeFileSync(text, 'not an export\n');

    const init = await hq('init-hq', '--db', hqDb, '--name', '总部', '--code', 'HQ', ...SETUP);
    expect(init.code).toBe(0);
    const chain = /chain=(BD-\S+)/.exec(init.stdout)![1];
    expect(
      (await hq('init-branch', '--db', branchDb, '--name', '徐汇店', '--code', 'SH01', '--chain', chain, '--demo', '20', ...SETUP)).code,
    ).toBe(0);

    const exported = await hq('export', '--db', branchDb, '--out', file);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^exported SH01 seq=1 mode=full .*members=20 .*sha256=[0-9a-f]{64} /);
    // Nothing changed since: no empty file (one more that HQ would need before the next), exit 3.
    const empty = join(dir, 'empty.bdx');
    const nothing = await hq('export', '--db', branchDb, '--out', empty);
    expect(nothing.code).toBe(3);
    expect(nothing.stdout).toMatch(/^nothing to export: no change since export seq=1; no file written/);
    expect(existsSync(empty)).toBe(false);

    const merged = await hq('merge', '--db', hqDb, file, text);
    expect(merged.code).toBe(1);
    const [backedUp, ok, refused] = merged.stdout.trim().split('\n');
    // HQ is backed up once before the command's files, beside its database.
    expect(backedUp).toMatch(/^backup ok file=.*hq\.sqlite\.backups\/branchdesk-HQ-\d{8}-\d{4}-merge\.sqlite$/);
    expect(ok).toMatch(/^merged SH01\.bdx branch=SH01 seq=1 mode=full new=\d+ updated=0 unchanged=0 conflicts=0 /);
    expect(refused).toMatch(/^refused notes\.txt reason=not_export code=BAD_FILE /);

    const again = await hq('merge', '--db', hqDb, file);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^backup ok file=.*\nalready-merged SH01\.bdx .*new=0 updated=0 /);

    const db = new Database(hqDb, { readonly: true });
    const members = db.prepare("SELECT COUNT(*) FROM members m JOIN branches b ON b.id = m.branch_id WHERE b.code = 'SH01'").pluck().get();
    const merges = db.prepare('SELECT COUNT(*) FROM hq_merges WHERE merged_by IS NULL').pluck().get();
    db.close();
    expect(members).toBe(20);
    expect(merges).toBe(1);
  });

  it('opens an encrypted store with the passphrase from BRANCHDESK_PASSPHRASE, and says so without it', SLOW, async () => {
    const dir = dirname(tempDbPath());
    const [branchDb, file] = ['branch.sqlite', 'SH01.bdx'].map((f) => join(dir, f));
    expect(
      (await hq('init-branch', '--db', branchDb, '--name', '徐汇店', '--code', 'SH01', '--chain', 'BD-TEST-2345', '--demo', '5', ...SETUP))
        .code,
    ).toBe(0);
    rekeyFile(branchDb, null, { passphrase: 'the store passphrase' });
    const locked = await hq('export', '--db', branchDb, '--out', file);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/branch\.sqlite is encrypted: give its passphrase in BRANCHDESK_PASSPHRASE/);
    expect(existsSync(file)).toBe(false);
    const exported = await hqWith({ BRANCHDESK_PASSPHRASE: 'the store passphrase' }, 'export', '--db', branchDb, '--out', file);
    expect(exported.stdout).toMatch(/^exported SH01 seq=1 mode=full .*members=5 /);
  });

  it('answers usage errors with exit code 2', SLOW, async () => {
    const dir = dirname(tempDbPath());
    const branchDb = join(dir, 'branch.sqlite');
    expect((await hq('init-branch', '--db', branchDb, '--name', '徐汇店', '--code', 'SH01', ...SETUP)).code).toBe(0);
    const runs = await Promise.all([
      hq('frobnicate'),
      hq('merge', join(dir, 'x.bdx')),
      hq('merge', '--db', branchDb, join(dir, 'x.bdx')),
      hq('export', '--db', join(dir, 'nothing.sqlite'), '--out', join(dir, 'x.bdx')),
      hq('export', '--db', branchDb, '--out', join(dir, 'x.bdx'), '--everything'),
      hq('init-branch', '--db', branchDb, '--name', '徐汇店', '--code', 'SH01', ...SETUP),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(runs[0].stderr).toMatch(/unknown command: frobnicate/);
    expect(runs[2].stderr).toMatch(/is a branch database, not an HQ one/);
    // A branch without the chain code cannot export: the export failed, the command line was fine.
    const noChain = await hq('export', '--db', branchDb, '--out', join(dir, 'x.bdx'));
    expect(noChain.code).toBe(1);
    expect(noChain.stderr).toMatch(/NOT_IN_CHAIN/);
  });
});
