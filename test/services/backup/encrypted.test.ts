import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { backupsDirFor } from '../../../db/backup-files';
import { fileState, rekeyFile, type StoreKey } from '../../../db/cipher';
import { openDatabase } from '../../../db/connection';
import { completePendingRestore } from '../../../db/restore-swap';
import { takeNextBackup } from '../../../services/backup/run';
import { encryptPlainBackup } from '../../../services/backup/sweep';
import { createApp } from '../../../services/core/context';
import { call, dispatch } from '../../../services/core/dispatch';
import { closeJobRunner } from '../../../services/core/jobs/runner';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contract/index';
import { ADMIN, FrozenClock, sequentialIds } from '../../helpers';
import { backupNow, balances, closedStoreBackedUp, makeStore, PNG } from '../backup-fixtures';

// Backups of an encrypted store (docs/backup.md "Encrypted stores") on real files: encrypted with
// the store's key, checked and restored with it; a plain backup restored comes back encrypted; a
// backup under another passphrase only with that passphrase; old plain backups encrypted once
// encryption is on. Each keyed open derives the key (~0.3 s): few per test.

const KEY: StoreKey = { passphrase: '徐汇店 2026 counter' };
const OLD: StoreKey = { passphrase: 'the passphrase before' };
const BACKUP = 'branchdesk-SH01-20260615-1000-daily.sqlite';
const secrets = ['13800000001', '13800000002', Buffer.from('张三'), Buffer.from('李四')];

const inClear = (path: string) => secrets.some((s) => readFileSync(path).includes(s));

let opened = 0;

/** The test app over an encrypted store (test/helpers.ts makeTestApp, with a key), with ids of its own. */
function keyedApp(path: string, key: StoreKey, start?: string) {
  const db = openDatabase(path, { key });
  const app = createApp(db, { clock: new FrozenClock(start), newId: sequentialIds(`keyed${++opened}`) });
  onTestFinished(() => {
    closeJobRunner(app);
    if (db.open) db.close();
  });
  const t = {
    app,
    db,
    call: <M extends MethodName>(name: M, input: InputOf<M>, session: string | null = null): OutputOf<M> =>
      call(app, { session }, name, input),
    raw: (name: string, input: unknown, session: string | null = null) => dispatch(app, { session }, name, input),
  };
  return { t, admin: t.call('auth.login', ADMIN).session };
}

/** The swap the services' host does after a restore answered, then the store opened again with `key`. */
function swapAndOpen(t: { db: { close(): void } }, path: string, key: StoreKey) {
  t.db.close();
  expect(completePendingRestore(path)).toBe(true);
  return keyedApp(path, key, '2026-06-15T03:00:00.000Z');
}

const refusal = (envelope: ReturnType<typeof dispatch>) => {
  if (envelope.ok) throw new Error('it was not refused');
  return envelope.error;
};

describe('backups of an encrypted store', () => {
  it('are encrypted with its key (nothing in clear), pass their check and restore', async () => {
    const { path } = closedStoreBackedUp();
    rekeyFile(path, null, KEY);
    const { t, admin } = keyedApp(path, KEY);
    const atBackup = balances(t.db);
    t.call('backup.create', {}, admin);
    // The side host's way (the backup API), which cannot write a keyed copy: VACUUM INTO instead.
    const row = await takeNextBackup(t.app);
    expect(row).toMatchObject({ state: 'ok', error: null });
    const file = join(backupsDirFor(path), row!.file_name!);
    expect(fileState(file)).toBe('encrypted');
    expect(inClear(file)).toBe(false);

    t.call('members.create', { name: '赵六', phone: '13800000004', consentData: true }, admin);
    const result = t.call('backup.restore', { backupFile: row!.file_name!, confirm: true }, admin);
    expect(result.backup).toMatchObject({ members: 3, sameStore: true, checked: 'integrity_check' });
    const kept = join(backupsDirFor(path), result.preRestoreFile!);
    expect([fileState(kept), inClear(kept)]).toEqual(['encrypted', false]);
    const after = swapAndOpen(t, path, KEY);
    expect(fileState(path)).toBe('encrypted');
    expect(balances(after.t.db)).toEqual(atBackup);
  });

  it('take a plain backup back encrypted with the store’s key', () => {
    const { path, backup, atBackup } = closedStoreBackedUp();
    rekeyFile(path, null, KEY);
    const { t, admin } = keyedApp(path, KEY);
    expect(fileState(backup)).toBe('plain');
    t.call('backup.restore', { backupFile: BACKUP, confirm: true }, admin);
    const after = swapAndOpen(t, path, KEY);
    expect(fileState(path)).toBe('encrypted');
    expect(inClear(path)).toBe(false);
    expect(balances(after.t.db)).toEqual(atBackup);
  });

  it('refuse a backup under another passphrase until it is given, then restore it under the store’s', () => {
    const { path } = closedStoreBackedUp();
    rekeyFile(path, null, OLD);
    const old = keyedApp(path, OLD);
    const atBackup = balances(old.t.db);
    const backup = backupNow(old.t.db, 'branchdesk-SH01-20260615-1100-manual.sqlite');
    old.t.db.close();
    // The passphrase changed since (encryption.changePassphrase rewrites the store as this does).
    rekeyFile(path, OLD, KEY);
    const { t, admin } = keyedApp(path, KEY);
    const fileName = backup.split('/').pop()!;

    const none = refusal(t.raw('backup.inspect', { backupFile: fileName }, admin));
    expect(none).toMatchObject({ code: 'BAD_FILE', details: { reason: 'other_passphrase', passphraseGiven: false } });
    const wrong = refusal(t.raw('backup.restore', { backupFile: fileName, confirm: true, passphrase: 'a wrong guess' }, admin));
    expect(wrong).toMatchObject({ code: 'BAD_FILE', details: { reason: 'other_passphrase', passphraseGiven: true } });
    expect(JSON.stringify([none, wrong])).not.toContain('a wrong guess');
    expect(readdirSync(dirname(path)).filter((f) => f.includes('restoring'))).toEqual([]);

    t.call('backup.restore', { backupFile: fileName, confirm: true, passphrase: OLD.passphrase }, admin);
    // The audit log keeps who restored what, never the passphrase.
    const audit = t.db.prepare("SELECT after_json FROM audit_log WHERE action = 'backup.restore'").pluck().all();
    expect(JSON.stringify(audit)).not.toContain(OLD.passphrase);
    const after = swapAndOpen(t, path, KEY);
    expect(balances(after.t.db)).toEqual(atBackup);
  });

  it('tell an encrypted backup from a file that is no database, and refuse one to a plain store', () => {
    const { path } = closedStoreBackedUp();
    rekeyFile(path, null, KEY);
    const keyed = keyedApp(path, KEY);
    const encrypted = backupNow(keyed.t.db, 'branchdesk-SH01-20260615-1200-manual.sqlite');
    const folder = backupsDirFor(path);
    writeFileSync(join(folder, 'photo.sqlite'), PNG);
    // Cut off mid-page: no whole number of pages, so no key is tried.
    writeFileSync(join(folder, 'cut.sqlite'), readFileSync(encrypted).subarray(0, 4096 * 2 + 100));
    for (const [file, reason] of [
      ['photo.sqlite', 'not_sqlite'],
      ['cut.sqlite', 'not_sqlite'],
    ]) {
      expect(refusal(keyed.t.raw('backup.inspect', { backupFile: file }, keyed.admin)).details).toMatchObject({ reason });
    }

    const plain = makeStore();
    mkdirSync(backupsDirFor(plain.t.path), { recursive: true });
    copyFileSync(encrypted, join(backupsDirFor(plain.t.path), 'theirs.sqlite'));
    const refused = refusal(plain.t.raw('backup.inspect', { backupFile: 'theirs.sqlite', passphrase: KEY.passphrase }, plain.admin));
    expect(refused).toMatchObject({ code: 'BAD_FILE', details: { reason: 'encrypted_backup' } });
  });
});

describe('plain backups, once encryption is on', () => {
  it('are encrypted in place one per turn, their copies at the second destination redone, leftovers removed', () => {
    const s = makeStore();
    s.member('张三', '13800000001');
    s.member('李四', '13800000002');
    const destination = join(dirname(s.t.path), 'usb');
    mkdirSync(destination);
    s.t.call('backup.saveSettings', { ...s.t.call('backup.list', {}, s.admin).settings, destination }, s.admin);
    s.t.call('backup.create', {}, s.admin);
    s.t.runJobs();
    s.later(86_400_000);
    s.t.call('backup.create', {}, s.admin);
    s.t.runJobs();
    const folder = backupsDirFor(s.t.path);
    const files = readdirSync(folder).filter((f) => f.endsWith('.sqlite'));
    expect(files).toHaveLength(2);
    expect(readdirSync(destination).sort()).toEqual([...files].sort());
    writeFileSync(join(folder, `${files[0]}.partial`), 'a copy a crash cut off');
    closeJobRunner(s.t.app);
    s.t.db.close();

    rekeyFile(s.t.path, null, KEY);
    const { t } = keyedApp(s.t.path, KEY);
    expect(encryptPlainBackup(t.app)).toBe(true);
    expect(files.map((f) => fileState(join(folder, f))).sort()).toEqual(['encrypted', 'plain']);
    expect(existsSync(join(folder, `${files[0]}.partial`))).toBe(false);
    expect(encryptPlainBackup(t.app)).toBe(true);
    expect(encryptPlainBackup(t.app)).toBe(false);
    for (const file of [...files.map((f) => join(folder, f)), ...files.map((f) => join(destination, f))]) {
      expect([fileState(file), inClear(file)]).toEqual(['encrypted', false]);
    }
    expect(t.call('backup.list', {}, t.call('auth.login', ADMIN).session).items.map((b) => b.offsite)).toEqual(
      files.map(() => expect.objectContaining({ state: 'copied' })),
    );
  });
});
