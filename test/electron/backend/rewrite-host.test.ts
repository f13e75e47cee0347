import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/client';
import { openStore } from '../../../electron/backend/lockable';
import type { HostChannel } from '../../../electron/backend/protocol';
import { spawnWorkerHost } from '../../../electron/backend/worker';
import { fileState, keyOpens, rekeyFile, type StoreKey } from '../../../db/cipher';
import type { EncryptionStatus } from '../../../shared/contract/index';
import type { Envelope } from '../../../shared/errors';
import { ADMIN } from '../../helpers';
import { makeStore } from '../../services/backup-fixtures';

// Encryption turned on, and its passphrase changed, through the real services' host in a worker
// thread, behind the relay both transports call (electron/backend/lockable.ts): the handler takes
// its backup on the side host, the host closes every connection, rewrites the file on a thread of
// its own and opens it again with the new key; calls sent meanwhile wait and are answered after.
// Judged from outside, by calls, and by the file's bytes. Each keyed open derives the key (about
// 0.3 s): these tests open few.

/** Each test starts three or four threads that load the services from source: slow on a busy machine. */
const SLOW = 120_000;

const KEY: StoreKey = { passphrase: 'counter-2026-徐汇' };
const NEXT: StoreKey = { passphrase: 'a new one for 2027' };

const backends: Backend[] = [];
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

async function ok<T>(pending: Promise<Envelope<unknown>>): Promise<T> {
  const envelope = await pending;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** A store with two members and a sale, closed, so only the host holds it; `key`: encrypted with it. */
function storeOnDisk(key: StoreKey | null = null) {
  const s = makeStore();
  const zhang = s.member('张三', '13800000001');
  s.member('李四', '13800000002');
  s.buy(zhang, '320.00');
  s.t.db.close();
  if (key) rekeyFile(s.t.path, null, key);
  return { path: s.t.path, zhang };
}

/** The store behind the relay, its hosts kept so a test can stop one. */
async function open(path: string, key: StoreKey | null = null) {
  const hosts: HostChannel[] = [];
  const spawn = () => {
    const host = spawnWorkerHost();
    hosts.push(host);
    return host;
  };
  const logged: unknown[][] = [];
  const store = await openStore(spawn, { dbPath: path, checkOutputs: true, key }, { log: (...line) => logged.push(line) });
  backends.push(store);
  const login = (who: { name: string; pin: string } = ADMIN) =>
    ok<{ session: string }>(store.call('auth.login', who, null)).then((r) => r.session);
  return { store, hosts, login, logged };
}

const status = (store: Backend) => ok<EncryptionStatus>(store.call('encryption.status', {}, null));

/** Asks the status until the rewrite has ended; answers every status seen on the way and the last. */
async function afterRewrite(store: Backend): Promise<{ seen: EncryptionStatus[]; last: EncryptionStatus }> {
  const seen: EncryptionStatus[] = [];
  for (;;) {
    const now = await status(store);
    if (now.state !== 'rewriting') return { seen, last: now };
    seen.push(now);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sale = (memberId: string) => ({ memberId, amount: '88.00', confirmDuplicate: true });
const containsText = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8'));

describe('a rewrite of the store through the services’ host', () => {
  it(
    'turns encryption on: calls wait and land, sessions end, nothing readable is left in the file, a restarted host opens it',
    async () => {
      const { path, zhang } = storeOnDisk();
      const { store, hosts, login } = await open(path);
      store.startMaintenance();
      const admin = await login();
      const counter = await login(); // another window, logged in too, that sells meanwhile

      const enabling = store.call('encryption.enable', { passphrase: KEY.passphrase, confirm: true }, admin);
      // Sent while the rewrite runs: the status is answered at once, the sale waits for the rewritten store.
      const during = status(store);
      const saleDuring = store.call('purchases.record', sale(zhang), counter);
      expect(await during).toMatchObject({ state: 'rewriting', rewrite: { kind: 'enable', step: 'backup', done: 0 } });
      expect(await ok<EncryptionStatus>(enabling)).toMatchObject({ state: 'rewriting' });
      const { seen, last } = await afterRewrite(store);
      for (const s of seen) expect(s.rewrite!.done).toBeLessThanOrEqual(s.rewrite!.total);
      expect(last).toEqual({ state: 'encrypted', rewrite: null, lastFailure: null, keychain: null });
      expect(await ok(saleDuring)).toMatchObject({ purchase: { memberId: zhang, amountFen: 8800 } });

      // Every session ended: staff log in again, with the PIN as before, and sell on.
      for (const session of [admin, counter]) {
        expect(await store.call('members.get', { id: zhang }, session)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
      const again = await login();
      await ok(store.call('purchases.record', sale(zhang), again));
      const bought = await ok<{ totals: { sales: number } }>(store.call('purchases.list', { memberId: zhang }, again));
      expect(bought.totals.sales).toBe(3);

      // A host that dies now is started again with the new key (the relay learnt it), not the old none.
      hosts[0].terminate();
      let restarted: Envelope<unknown>;
      do {
        await new Promise((r) => setTimeout(r, 50));
        restarted = await store.call('encryption.status', {}, null);
      } while (!restarted.ok);
      expect(hosts).toHaveLength(2);
      expect(restarted).toMatchObject({ ok: true, result: { state: 'encrypted' } });
      await store.close();
      backends.pop();

      expect(fileState(path)).toBe('encrypted');
      for (const file of [path, `${path}-wal`].filter(existsSync)) {
        const bytes = readFileSync(file);
        for (const text of ['张三', '李四', '13800000001', '8613800000002', '徐汇店'])
          expect(containsText(bytes, text), `${text} in ${file}`).toBe(false);
      }
      expect(keyOpens(path, null)).toBe(false);
      expect(keyOpens(path, KEY)).toBe(true);
    },
    SLOW,
  );

  it(
    'changes the passphrase: the old one no longer opens the store, the new one does',
    async () => {
      const { path, zhang } = storeOnDisk(KEY);
      const { store, login } = await open(path, KEY);
      const admin = await login();
      const changing = store.call('encryption.changePassphrase', { current: KEY.passphrase, next: NEXT.passphrase, confirm: true }, admin);
      expect(await ok<EncryptionStatus>(changing)).toMatchObject({ state: 'rewriting' });
      expect((await afterRewrite(store)).last).toMatchObject({ state: 'encrypted', lastFailure: null });
      // Open already: unlock only checks a passphrase, now the new one.
      expect(await store.call('encryption.unlock', { passphrase: KEY.passphrase }, null)).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSPHRASE' },
      });
      await ok(store.call('purchases.record', sale(zhang), await login()));
      await store.close();
      backends.pop();
      expect(keyOpens(path, KEY)).toBe(false);
      expect(keyOpens(path, NEXT)).toBe(true);
    },
    SLOW,
  );

  it(
    'changes nothing when the handler refuses (a clerk): the calls that waited run, the sessions live on',
    async () => {
      const { path, zhang } = storeOnDisk();
      const bytes = readFileSync(path);
      const { store, login } = await open(path);
      const admin = await login();
      await ok(store.call('staff.create', { name: '收银小李', role: 'clerk', pin: '1357' }, admin));
      const clerk = await login({ name: '收银小李', pin: '1357' });
      const refused = store.call('encryption.enable', { passphrase: KEY.passphrase, confirm: true }, clerk);
      const saleDuring = store.call('purchases.record', sale(zhang), clerk);
      const answer = await refused;
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(JSON.stringify(answer)).not.toContain(KEY.passphrase);
      await ok(saleDuring);
      expect(await status(store)).toEqual({ state: 'plain', rewrite: null, lastFailure: null, keychain: null });
      await ok(store.call('members.get', { id: zhang }, clerk));
      await ok(store.call('members.get', { id: zhang }, admin));
      await store.close();
      backends.pop();
      expect(fileState(path)).toBe('plain');
      expect(bytes.subarray(0, 100).equals(readFileSync(path).subarray(0, 100))).toBe(true);
    },
    SLOW,
  );

  it(
    'opens the store again with the old key when the rewrite fails, and says so until the next success',
    async () => {
      const { path, zhang } = storeOnDisk();
      const { store, login } = await open(path);
      const admin = await login();
      // A folder where the rewrite's journal must go: SQLite cannot write the pages it keeps.
      mkdirSync(`${path}-journal`);
      const enabling = store.call('encryption.enable', { passphrase: KEY.passphrase, confirm: true }, admin);
      const saleDuring = store.call('purchases.record', sale(zhang), admin);
      expect(await ok<EncryptionStatus>(enabling)).toMatchObject({ state: 'rewriting' });
      const { last } = await afterRewrite(store);
      expect(last).toMatchObject({ state: 'plain', rewrite: null, lastFailure: { reason: 'failed', at: expect.any(String) } });
      await ok(saleDuring);
      const again = await login();
      await ok(store.call('purchases.record', sale(zhang), again));
      expect(await status(store)).toMatchObject({ lastFailure: { reason: 'failed' } });
      await store.close();
      backends.pop();
      expect(fileState(path)).toBe('plain');
    },
    SLOW,
  );
});
