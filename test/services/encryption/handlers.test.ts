import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileState, rekeyFile, type StoreKey } from '../../../db/cipher';
import { backupsDirFor } from '../../../db/backup-files';
import { openDatabase } from '../../../db/connection';
import { createApp } from '../../../services/core/context';
import { dispatch } from '../../../services/core/dispatch';
import type { Envelope } from '../../../shared/errors';
import { ADMIN, FrozenClock, loginAs, makeTestApp, sequentialIds, setUpBranch } from '../../helpers';
import { auditRows, failure, issuesOf, rowCount } from '../fixtures';

// encryption.* called directly, as the services' host's side host runs them (the rewrite itself is
// the host's: test/electron/backend/rewrite-host.test.ts). What the handlers promise: a request
// refused changes nothing and never echoes a passphrase; one accepted leaves a good backup and an
// audit row that names the backup, never the passphrase, and answers `rewriting`. Each keyed open
// derives the key (about 0.3 s): the encrypted store is opened once, in one test.

const KEY: StoreKey = { passphrase: 'counter-2026-徐汇' };
const NEXT = 'a new one for 2027';

/** Everything a refusal or an answer says, to look for a passphrase in it. */
const said = (answer: unknown) => JSON.stringify(answer);

describe('encryption.* on a plain store', () => {
  it('enable: answers rewriting after a good backup, with an audit row naming the backup and not the passphrase; the file is left to the host', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    t.call('members.create', { name: '张三', phone: '13812345678', consentData: true }, admin);
    expect(t.call('encryption.status', {})).toEqual({ state: 'plain', rewrite: null, lastFailure: null, keychain: null });

    const answer = t.call('encryption.enable', { passphrase: KEY.passphrase, confirm: true }, admin);
    expect(answer).toEqual({ state: 'rewriting', rewrite: null, lastFailure: null, keychain: null });
    const backup = t.db.prepare("SELECT id, state, kind, ref FROM backups WHERE ref = 'encryption.enable'").get();
    expect(backup).toMatchObject({ state: 'ok', kind: 'manual', ref: 'encryption.enable' });
    const [row] = auditRows(t.db, 'encryption.enable');
    expect(row).toMatchObject({ entity: 'store' });
    expect(JSON.parse(row.after_json!)).toEqual({ backupId: (backup as { id: string }).id });
    expect(said(auditRows(t.db))).not.toContain(KEY.passphrase);
    expect(fileState(t.path)).toBe('plain');
  });

  it('refuses, changing nothing: a clerk or a manager, a short passphrase, no confirm, a change of passphrase', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const clerk = loginAs(t, admin, 'clerk');
    const manager = loginAs(t, admin, 'manager');
    const before = [rowCount(t.db, 'audit_log'), rowCount(t.db, 'backups')];
    const enable = { passphrase: KEY.passphrase, confirm: true };
    expect(failure(t, 'encryption.enable', enable, clerk)).toMatchObject({ code: 'FORBIDDEN', details: { needed: 'admin' } });
    expect(failure(t, 'encryption.enable', enable, manager)).toMatchObject({ code: 'FORBIDDEN' });
    expect(failure(t, 'encryption.enable', enable)).toMatchObject({ code: 'UNAUTHENTICATED' });

    const short = failure(t, 'encryption.enable', { passphrase: '1234567', confirm: true }, admin);
    expect(issuesOf(short)).toEqual([{ field: 'passphrase', rule: 'too_short', params: { min: 8 } }]);
    expect(said(short)).not.toContain('1234567');
    expect(issuesOf(failure(t, 'encryption.enable', { passphrase: KEY.passphrase }, admin))).toEqual([
      { field: 'confirm', rule: 'invalid_choice' },
    ]);

    const change = { current: KEY.passphrase, next: NEXT, confirm: true };
    expect(failure(t, 'encryption.changePassphrase', change, admin)).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'not_encrypted' },
    });
    // A plain store has no passphrase for unlock to check: it answers its status.
    expect(t.call('encryption.unlock', { passphrase: 'anything at all' })).toMatchObject({ state: 'plain' });
    expect([rowCount(t.db, 'audit_log'), rowCount(t.db, 'backups')]).toEqual(before);
  });

  it('BACKUP_FAILED when the backup before the rewrite fails: no audit row, nothing to rewrite', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    writeFileSync(backupsDirFor(t.path), 'in the way'); // no backups folder can be made
    const refused = failure(t, 'encryption.enable', { passphrase: KEY.passphrase, confirm: true }, admin);
    expect(refused).toMatchObject({
      code: 'BACKUP_FAILED',
      details: { when: 'encryption', reason: 'copy_failed', backupId: expect.any(String) },
    });
    expect(said(refused)).not.toContain(KEY.passphrase);
    expect(auditRows(t.db, 'encryption.enable')).toEqual([]);
    // The backup's own row says it failed (the backups page shows it), as any failed backup's does.
    expect(t.db.prepare("SELECT state FROM backups WHERE ref = 'encryption.enable'").pluck().all()).toEqual(['failed']);
    expect(fileState(t.path)).toBe('plain');
  });
});

describe('encryption.* on an encrypted store', () => {
  it('checks the passphrase in use: enable CONFLICT, a wrong or the same passphrase refused, the right one backs up and answers rewriting', () => {
    const setUp = makeTestApp();
    setUpBranch(setUp);
    setUp.db.close();
    rekeyFile(setUp.path, null, KEY);
    const db = openDatabase(setUp.path, { key: KEY });
    try {
      const app = createApp(db, { clock: new FrozenClock(), newId: sequentialIds('enc') });
      const call = (name: string, input: unknown, session: string | null = null): Envelope<unknown> =>
        dispatch(app, { session }, name, input);
      const admin = (call('auth.login', ADMIN) as { ok: true; result: { session: string } }).result.session;
      const before = [rowCount(db, 'audit_log'), rowCount(db, 'backups')];

      expect(call('encryption.status', {})).toEqual({
        ok: true,
        result: { state: 'encrypted', rewrite: null, lastFailure: null, keychain: null },
      });
      expect(call('encryption.unlock', { passphrase: KEY.passphrase })).toMatchObject({ ok: true, result: { state: 'encrypted' } });
      const wrongUnlock = call('encryption.unlock', { passphrase: 'not the one' });
      expect(wrongUnlock).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', details: { interruptedChange: false } } });

      const enabled = call('encryption.enable', { passphrase: NEXT, confirm: true }, admin);
      expect(enabled).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'already_encrypted' } } });
      const wrong = call('encryption.changePassphrase', { current: 'counter-2026-徐汇 ', next: NEXT, confirm: true }, admin);
      expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', details: { interruptedChange: false } } });
      const same = call('encryption.changePassphrase', { current: KEY.passphrase, next: KEY.passphrase, confirm: true }, admin);
      expect(same).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'same_passphrase' } } });
      for (const answer of [wrongUnlock, enabled, wrong, same]) {
        expect(said(answer)).not.toContain(KEY.passphrase);
        expect(said(answer)).not.toContain(NEXT);
      }
      expect([rowCount(db, 'audit_log'), rowCount(db, 'backups')]).toEqual(before);

      const changed = call('encryption.changePassphrase', { current: KEY.passphrase, next: NEXT, confirm: true }, admin);
      expect(changed).toEqual({ ok: true, result: { state: 'rewriting', rewrite: null, lastFailure: null, keychain: null } });
      const backup = db.prepare("SELECT state, file_name AS file FROM backups WHERE ref = 'encryption.changePassphrase'").get() as {
        state: string;
        file: string;
      };
      expect(backup.state).toBe('ok');
      // The backup of an encrypted store is encrypted with its key (VACUUM INTO from a keyed connection).
      expect(fileState(`${backupsDirFor(setUp.path)}/${backup.file}`)).toBe('encrypted');
      const rows = auditRows(db, 'encryption.changePassphrase');
      expect(rows).toHaveLength(1);
      for (const text of [KEY.passphrase, NEXT]) expect(said(auditRows(db))).not.toContain(text);
      // Called directly only the checks and the backup run: the file keeps its key until the host rewrites it.
      expect(readFileSync(setUp.path).subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))).toBe(false);
    } finally {
      db.close();
    }
  });
});
