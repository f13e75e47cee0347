import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/client';
import { openStore } from '../../../electron/backend/lockable';
import { spawnWorkerHost } from '../../../electron/backend/worker';
import { rekeyFile } from '../../../db/cipher';
import { makeTestApp, setUpBranch } from '../../helpers';

// An encrypted store behind the relay (electron/backend/lockable.ts), as both transports call it:
// locked until its passphrase is given, then the services in their worker as always.

const KEY = { passphrase: 'counter-2026-徐汇' };
const backends: Backend[] = [];
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

/** A store set up with one member, then encrypted, closed. */
function encryptedStore(): string {
  const t = makeTestApp();
  const admin = setUpBranch(t);
  t.call('members.create', { name: '张三', phone: '13812345678', consentData: true }, admin);
  t.db.close();
  rekeyFile(t.path, null, KEY);
  return t.path;
}

describe('an encrypted store behind the relay', () => {
  it('waits locked: status says so, every other method is STORE_LOCKED, a wrong passphrase keeps it locked and the file as it was', async () => {
    const path = encryptedStore();
    const bytes = readFileSync(path);
    const store = await openStore(spawnWorkerHost, { dbPath: path, checkOutputs: true });
    backends.push(store);
    expect(store.locked()).toBe(true);
    expect(await store.call('encryption.status', {}, null)).toEqual({
      ok: true,
      result: { state: 'locked', rewrite: null, lastFailure: null, keychain: null },
    });
    expect(await store.call('setup.status', {}, null)).toMatchObject({ ok: false, error: { code: 'STORE_LOCKED' } });
    expect(await store.call('members.nope', {}, null)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    // Validated as the services validate: the same rule names on both sides of the lock.
    expect(await store.call('encryption.unlock', { passphrase: '' }, null)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ field: 'passphrase', rule: 'required' }] } },
    });
    const wrong = await store.call('encryption.unlock', { passphrase: 'not it at all' }, null);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE', details: { interruptedChange: false } } });
    expect(JSON.stringify(wrong)).not.toContain('not it at all');
    expect(store.locked()).toBe(true);
    expect(readFileSync(path).equals(bytes)).toBe(true);

    expect(await store.call('encryption.unlock', { passphrase: KEY.passphrase }, null)).toMatchObject({
      ok: true,
      result: { state: 'encrypted' },
    });
    expect(store.locked()).toBe(false);
    const login = await store.call('auth.login', { name: '王店长', pin: '246810' }, null);
    const session = (login as { ok: true; result: { session: string } }).result.session;
    expect(await store.call('members.search', { q: '张三' }, session)).toMatchObject({ ok: true, result: { items: [{ name: '张三' }] } });
  });

  it('opens at once with the passphrase given at start (browser mode’s environment or standard input)', async () => {
    const path = encryptedStore();
    const store = await openStore(spawnWorkerHost, { dbPath: path, checkOutputs: true, key: KEY });
    backends.push(store);
    expect(store.locked()).toBe(false);
    expect(await store.call('encryption.status', {}, null)).toMatchObject({ ok: true, result: { state: 'encrypted' } });
    // An open store only checks a passphrase given again.
    expect(await store.call('encryption.unlock', { passphrase: 'something else' }, null)).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE' },
    });
  });

  it('opens a plain store as before, its status plain', async () => {
    const t = makeTestApp();
    setUpBranch(t);
    const store = await openStore(spawnWorkerHost, { dbPath: t.path, checkOutputs: true });
    backends.push(store);
    expect(await store.call('encryption.status', {}, null)).toMatchObject({ ok: true, result: { state: 'plain' } });
  });
});
