import { describe, expect, it } from 'vitest';
import type { EncryptionStatus } from '../../shared/contract/encryption';
import { rewriteView } from '../../renderer/features/encryption/rewriteWatch';
import { newPassphraseProblems, newPassphraseReady } from '../../renderer/features/encryption/newPassphrase';
import { translator } from './translator';

const status = (over: Partial<EncryptionStatus>): EncryptionStatus => ({
  state: 'plain',
  rewrite: null,
  lastFailure: null,
  keychain: null,
  ...over,
});
const STARTED_AT = '2026-12-05T21:00:00.000Z';
const rewriting = (step: 'backup' | 'rewrite', done: number, total: number) =>
  status({ state: 'rewriting', rewrite: { kind: 'enable', step, done, total, startedAt: STARTED_AT } });

describe('the rewrite progress view (renderer/features/encryption/rewriteWatch.ts)', () => {
  const enable = { kind: 'enable' as const, knownFailureAt: null };

  it('shows the step, and the percentage once the file is being rewritten', () => {
    expect(rewriteView(status({ state: 'rewriting' }), enable)).toEqual({ phase: 'running', step: 'backup', percent: null });
    expect(rewriteView(rewriting('backup', 0, 0), enable)).toEqual({ phase: 'running', step: 'backup', percent: null });
    expect(rewriteView(rewriting('rewrite', 0, 0), enable)).toEqual({ phase: 'running', step: 'rewrite', percent: null });
    expect(rewriteView(rewriting('rewrite', 1, 3), enable)).toEqual({ phase: 'running', step: 'rewrite', percent: 33 });
    expect(rewriteView(rewriting('rewrite', 5, 4), enable)).toEqual({ phase: 'running', step: 'rewrite', percent: 100 });
  });

  it('is done when the store is encrypted again, and failed with a failure newer than the one known before', () => {
    expect(rewriteView(status({ state: 'encrypted' }), enable)).toEqual({ phase: 'done' });
    const failure = { reason: 'disk_full' as const, at: '2026-12-05T21:01:00.000Z' };
    expect(rewriteView(status({ lastFailure: failure }), enable)).toEqual({ phase: 'failed', reason: 'disk_full' });
    // An older failure, already shown on the card, is not this rewrite's: a change that ends encrypted is done.
    const change = { kind: 'change' as const, knownFailureAt: failure.at };
    expect(rewriteView(status({ state: 'encrypted', lastFailure: failure }), change)).toEqual({ phase: 'done' });
    // Turning it on that ends plain with nothing said did not happen.
    expect(rewriteView(status({ state: 'plain' }), enable)).toEqual({ phase: 'failed', reason: 'failed' });
    expect(rewriteView(status({ state: 'locked' }), change)).toEqual({ phase: 'locked' });
  });
});

describe('a new passphrase typed twice (renderer/features/encryption/newPassphrase.ts)', () => {
  it('says too short and not the same under the fields, in both languages', async () => {
    const zh = await translator('zh-CN');
    expect(newPassphraseProblems(zh, { passphrase: '', again: '' })).toEqual({});
    expect(newPassphraseProblems(zh, { passphrase: 'short', again: '' })).toEqual({ passphrase: '至少 8 个字符' });
    expect(newPassphraseProblems(zh, { passphrase: 'long enough', again: 'long enougj' })).toEqual({ again: '两次输入的密码不一样' });
    const en = await translator('en');
    expect(newPassphraseProblems(en, { passphrase: 'short', again: 'shorter' })).toEqual({
      passphrase: 'At least 8 characters',
      again: 'The two passphrases differ',
    });
  });

  it('may be sent only long enough and the same twice, spaces counted as typed', () => {
    expect(newPassphraseReady({ passphrase: 'long enough', again: 'long enough' })).toBe(true);
    expect(newPassphraseReady({ passphrase: 'long enough', again: 'long enough ' })).toBe(false);
    expect(newPassphraseReady({ passphrase: '1234567', again: '1234567' })).toBe(false);
    expect(newPassphraseReady({ passphrase: '        ', again: '        ' })).toBe(true);
  });
});
