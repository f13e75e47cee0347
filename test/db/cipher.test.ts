import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fileState, keyOpens, rekeyFile } from '../../db/cipher';
import { keyOf, openDatabase, openSecondConnection } from '../../db/connection';
import { AppError } from '../../shared/errors';
import { makeTestApp, setUpBranch, tempDbPath } from '../helpers';

// Encryption at rest (db/cipher.ts, docs/encryption.md) on real files: what is on disk, what opens
// them, and what refuses. Each keyed open derives the key (a fraction of a second): few per test.

const KEY = { passphrase: '徐汇店 2026 counter' };
const OTHER = { passphrase: 'not the passphrase' };

const refusal = (run: () => unknown): AppError => {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('it opened');
};

/** A plain store with one member, closed. */
function plainStore(): string {
  const t = makeTestApp();
  const admin = setUpBranch(t);
  t.call('members.create', { name: '张三', phone: '13812345678', consentData: true }, admin);
  t.db.close();
  return t.path;
}

describe('an encrypted store', () => {
  it('is created encrypted from a key, and nothing of it is in clear on disk, the WAL included', () => {
    const path = tempDbPath();
    const db = openDatabase(path, { key: KEY });
    db.exec("CREATE TABLE probe (phone TEXT); INSERT INTO probe VALUES ('13899990000')");
    // Still open: the row is in the WAL, not yet in the file.
    expect(existsSync(`${path}-wal`)).toBe(true);
    for (const file of [path, `${path}-wal`]) expect(readFileSync(file).includes('13899990000')).toBe(false);
    expect(keyOf(db)).toEqual(KEY);
    const second = openSecondConnection(db);
    expect(second.prepare('SELECT phone FROM probe').pluck().get()).toBe('13899990000');
    second.close();
    db.close();
    expect(fileState(path)).toBe('encrypted');
  });

  it('is refused without its key (STORE_LOCKED) and with a wrong one (WRONG_PASSPHRASE), the file unchanged', () => {
    const path = plainStore();
    rekeyFile(path, null, KEY);
    const bytes = readFileSync(path);
    expect(refusal(() => openDatabase(path)).code).toBe('STORE_LOCKED');
    expect(refusal(() => openDatabase(path, { key: OTHER }))).toMatchObject({
      code: 'WRONG_PASSPHRASE',
      details: { interruptedChange: false },
    });
    expect(readFileSync(path).equals(bytes)).toBe(true);
    const db = openDatabase(path, { key: KEY });
    expect(db.prepare('SELECT name FROM members').pluck().all()).toEqual(['张三']);
    db.close();
  });

  it('is turned on by rewriting a plain store in place, and its passphrase changed the same way', () => {
    const path = plainStore();
    expect(fileState(path)).toBe('plain');
    expect(readFileSync(path).includes('13812345678')).toBe(true);
    rekeyFile(path, null, KEY);
    expect(fileState(path)).toBe('encrypted');
    expect(readFileSync(path).includes('13812345678')).toBe(false);
    expect(readFileSync(path).includes(Buffer.from('张三'))).toBe(false);
    rekeyFile(path, KEY, OTHER);
    expect([keyOpens(path, KEY), keyOpens(path, OTHER), keyOpens(path, null)]).toEqual([false, true, false]);
    const db = openDatabase(path, { key: OTHER });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('ignores a key given for a plain store: encryption is turned on by rewriting it, never by opening', () => {
    const path = plainStore();
    const db = openDatabase(path, { key: KEY });
    expect(keyOf(db)).toBeNull();
    expect(db.prepare('SELECT COUNT(*) FROM members').pluck().get()).toBe(1);
    db.close();
    expect(fileState(path)).toBe('plain');
  });
});
