import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileState, rekeyFile } from '../../../db/cipher';
import { runBackups } from '../../../services/backup/run';
import { encryptPlainBackup } from '../../../services/backup/sweep';
import { makeTestApp } from '../../helpers';
import { memberInput } from '../fixtures';
import { makeBranch, makeHq } from '../hq-fixtures';

// Issue 19's "nothing in clear": once a store has turned encryption on, every file the app keeps
// in its folder (the database, its WAL while it is open, the backups from before and after, what
// uploads and exports left) is read raw, byte by byte, and no member's phone or name is in any of
// them. The store goes through what the app does: members and sales in clear, a backup, the
// rewrite (db/cipher.ts rekeyFile, as the services' host runs it), the side host's sweep of the old
// backups, a member registered after, a new backup, an export for HQ under the chain's passphrase.

const KEY = { passphrase: 'nothing-in-clear 2026' };
const CHAIN_PASSPHRASE = 'chain-export-2026';
const PEOPLE = [
  { name: '张三丰', phone: '13812345678' },
  { name: '李四光', phone: '13987654321' },
];
const AFTER = { name: '王五福', phone: '13700001111' };

/** Every file under `dir`, however deep. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Where a member's phone or name is readable: "file: what". */
function readable(files: string[], people: Array<{ name: string; phone: string }>): string[] {
  const found: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const p of people) {
      for (const text of [p.phone, p.phone.slice(-8), p.name]) {
        if (bytes.includes(Buffer.from(text, 'utf8'))) found.push(`${file.split('/').slice(-2).join('/')}: ${text}`);
      }
    }
  }
  return found;
}

describe('a store with encryption on', () => {
  it('leaves no member’s phone or name readable in any file of its folder: the store, its WAL, its backups old and new, its file for HQ', () => {
    const hq = makeHq();
    const branch = makeBranch('SH01', hq.chainCode);
    for (const p of PEOPLE) {
      const id = branch.t.call('members.create', memberInput(p.name, p.phone), branch.admin).id;
      branch.t.call('purchases.record', { memberId: id, amount: '88.00', confirmDuplicate: true }, branch.admin);
    }
    branch.t.call('backup.create', {}, branch.admin);
    expect(runBackups(branch.t.app).map((b) => b.state)).toEqual(['ok']);
    const folder = dirname(branch.t.path);
    // The test reads what it looks for: before encryption, the store and its backup say it all.
    expect(readable(filesUnder(folder), PEOPLE).length).toBeGreaterThan(0);

    branch.t.db.close();
    rekeyFile(branch.t.path, null, KEY);
    const t = makeTestApp(branch.t.path, { key: KEY, idPrefix: 'enc', start: branch.t.clock.now().toISOString() });
    const admin = t.call('auth.login', { name: '王店长', pin: '246810' }).session;
    // Registered after: in the WAL while the store is open.
    const later = t.call('members.create', memberInput(AFTER.name, AFTER.phone), admin).id;
    t.call('purchases.record', { memberId: later, amount: '66.00', confirmDuplicate: true }, admin);
    // The side host's sweep: the backup from before is encrypted in place.
    while (encryptPlainBackup(t.app));
    t.call('backup.create', {}, admin);
    expect(runBackups(t.app).map((b) => b.state)).toEqual(['ok']);
    t.call('hq.exportPassphrase', { passphrase: CHAIN_PASSPHRASE }, admin);
    const exported = t.call('hq.exportBranch', { mode: 'full' }, admin);
    expect(exported.manifest.rows.members).toBe(3);

    const files = filesUnder(folder);
    // What is there: the store and its WAL, two backups, no file the test did not expect unread.
    expect(files.some((f) => f.endsWith('.sqlite-wal'))).toBe(true);
    expect(files.filter((f) => f.includes('.backups/') && f.endsWith('.sqlite'))).toHaveLength(2);
    for (const f of files.filter((f) => f.endsWith('.sqlite'))) expect([f, fileState(f)]).toEqual([f, 'encrypted']);
    expect(readable(files, [...PEOPLE, AFTER])).toEqual([]);
    // The file HQ gets, as the page hands it over.
    const sent = Buffer.from(exported.dataBase64, 'base64');
    for (const p of [...PEOPLE, AFTER]) {
      expect(sent.includes(Buffer.from(p.phone, 'utf8'))).toBe(false);
      expect(sent.includes(Buffer.from(p.name, 'utf8'))).toBe(false);
    }
  });
});
