import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Keychain, STORE_KEY_FILE, withKeychain, type Sealer } from '../../electron/keychain';
import type { Envelope } from '../../shared/errors';
import type { EncryptionStatus } from '../../shared/contract/encryption';

/** Stands in for safeStorage: a reversible scramble, so a test can see the file holds no passphrase in clear. */
function fakeSealer(available = true): Sealer & { available: boolean } {
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain, 'utf8').toString('base64')}`, 'utf8'),
    decryptString: (sealed) => {
      const text = sealed.toString('utf8');
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice('sealed:'.length), 'base64').toString('utf8');
    },
  };
}

const PASSPHRASE = '黄浦江边的第三家店 2026';
const STATUS: EncryptionStatus = { state: 'encrypted', rewrite: null, lastFailure: null, keychain: null };

describe('the keychain file (electron/keychain.ts)', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'branchdesk-keychain-'));
    path = join(dir, STORE_KEY_FILE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the passphrase sealed, readable by this user only, and gives it back at the next start', () => {
    const keychain = new Keychain(path, fakeSealer());
    expect(keychain.recall()).toBeNull();
    expect(keychain.remember({ passphrase: PASSPHRASE })).toBe(true);
    expect(readFileSync(path).includes(Buffer.from(PASSPHRASE, 'utf8'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(new Keychain(path, fakeSealer()).recall()).toEqual({ passphrase: PASSPHRASE });
  });

  it('keeps nothing where the OS has no keychain, and recalls nothing there', () => {
    const sealer = fakeSealer(false);
    const keychain = new Keychain(path, sealer);
    expect(keychain.remember({ passphrase: PASSPHRASE })).toBe(false);
    expect(keychain.remembered()).toBe(false);
    sealer.available = true;
    keychain.remember({ passphrase: PASSPHRASE });
    sealer.available = false;
    expect(keychain.recall()).toBeNull();
  });

  it('forgets a file the keychain cannot open, and on request', () => {
    writeFileSync(path, 'not sealed by this keychain');
    const keychain = new Keychain(path, fakeSealer());
    expect(keychain.recall()).toBeNull();
    expect(keychain.remembered()).toBe(false);
    keychain.remember({ passphrase: PASSPHRASE });
    keychain.forget();
    expect(keychain.remembered()).toBe(false);
    keychain.forget();
  });

  it('says in the status whether it is available and remembers', () => {
    const keychain = new Keychain(path, fakeSealer());
    expect(keychain.overlay(STATUS).keychain).toEqual({ available: true, remembered: false });
    keychain.remember({ passphrase: PASSPHRASE });
    expect(keychain.overlay(STATUS)).toEqual({ ...STATUS, keychain: { available: true, remembered: true } });
    expect(new Keychain(path, fakeSealer(false)).overlay(STATUS).keychain).toEqual({ available: false, remembered: true });
  });

  it("treats Chromium's built-in password on Linux as no keychain", () => {
    const keychain = new Keychain(path, { ...fakeSealer(), getSelectedStorageBackend: () => 'basic_text' });
    expect(keychain.available()).toBe(false);
    expect(keychain.remember({ passphrase: PASSPHRASE })).toBe(false);
  });

  it('over IPC: an unlock asking to remember keeps the passphrase, a forget removes it, a refusal changes nothing', async () => {
    const keychain = new Keychain(path, fakeSealer());
    const answers: Record<string, Envelope<unknown>> = {
      'encryption.unlock': { ok: true, result: STATUS },
      'encryption.forget': { ok: true, result: STATUS },
      'encryption.status': { ok: true, result: STATUS },
    };
    const call = withKeychain(async (method) => answers[method], keychain);

    expect(await call('encryption.unlock', { passphrase: PASSPHRASE }, null)).toEqual({
      ok: true,
      result: { ...STATUS, keychain: { available: true, remembered: false } },
    });
    answers['encryption.unlock'] = { ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'wrong', details: {} } };
    expect((await call('encryption.unlock', { passphrase: 'wrong one', remember: true }, null)).ok).toBe(false);
    expect(keychain.remembered()).toBe(false);

    answers['encryption.unlock'] = { ok: true, result: STATUS };
    await call('encryption.unlock', { passphrase: PASSPHRASE, remember: true }, null);
    expect(keychain.recall()).toEqual({ passphrase: PASSPHRASE });
    expect(await call('encryption.status', {}, null)).toMatchObject({ result: { keychain: { remembered: true } } });

    answers['encryption.forget'] = { ok: false, error: { code: 'FORBIDDEN', message: 'admin only', details: {} } };
    await call('encryption.forget', {}, 'a clerk');
    expect(keychain.remembered()).toBe(true);
    answers['encryption.forget'] = { ok: true, result: STATUS };
    expect(await call('encryption.forget', {}, 'an admin')).toMatchObject({ result: { keychain: { remembered: false } } });
  });

  it('over IPC: a change of passphrase keeps the new one where the old was kept, and nothing where none was', async () => {
    const keychain = new Keychain(path, fakeSealer());
    const answers: Record<string, Envelope<unknown>> = { 'encryption.changePassphrase': { ok: true, result: STATUS } };
    const call = withKeychain(async (method) => answers[method], keychain);
    const change = { current: PASSPHRASE, next: '新的口令-徐汇店-2027', confirm: true };

    await call('encryption.changePassphrase', change, 'an admin');
    expect(keychain.remembered()).toBe(false);

    keychain.remember({ passphrase: PASSPHRASE });
    answers['encryption.changePassphrase'] = { ok: false, error: { code: 'WRONG_PASSPHRASE', message: 'wrong', details: {} } };
    await call('encryption.changePassphrase', { ...change, current: 'wrong one' }, 'an admin');
    expect(keychain.recall()).toEqual({ passphrase: PASSPHRASE });

    answers['encryption.changePassphrase'] = { ok: true, result: STATUS };
    await call('encryption.changePassphrase', change, 'an admin');
    expect(keychain.recall()).toEqual({ passphrase: change.next });
  });
});
