import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileState, keyOpens, rekeyFile } from '../../db/cipher';
import { openDatabase, passiveCheckpoint, type DB } from '../../db/connection';
import { createApp, type App } from '../../services/core/context';
import { call, dispatch } from '../../services/core/dispatch';
import { prng } from '../../services/demo/members';
import { percentile, secs, timePair, us } from './common';

// Encryption at rest (issue 19, "Speed"): the counter's searches and a sale on an encrypted copy
// of the bench store beside the same store plain, in one run, each call timed on both sides in
// turn (timePair), and what opening an encrypted store costs (the key derivation). The encrypted
// copy is made once by the app's own rewrite (db/cipher.ts rekeyFile, what 开启加密 does), timed,
// and kept beside the store for the next run. The sales are recorded on both sides (a few hundred
// in a store of ten million).

const KEY = { passphrase: 'bench-passphrase-徐汇店' };
const GOAL_RATIO_P95 = 1.5;
const GOAL_OPEN_MS = 1000;
const GiB = 1024 ** 3;

/** The encrypted copy: made by copying the store and rewriting it in place, once. */
function encryptedCopy(path: string): string {
  const copy = path.replace(/\.sqlite$/, '-encrypted.sqlite');
  if (existsSync(copy) && fileState(copy) === 'encrypted' && keyOpens(copy, KEY)) return copy;
  const partial = `${copy}.partial`;
  rmSync(partial, { force: true });
  // The store closed and settled into one file (no WAL beside it), as the rewrite finds it.
  openDatabase(path).close();
  const copyStarted = performance.now();
  copyFileSync(path, partial);
  const copied = performance.now();
  rekeyFile(partial, null, KEY);
  const rewritten = performance.now();
  renameSync(partial, copy);
  const gib = statSync(copy).size / GiB;
  console.log(
    `  made the encrypted copy (${gib.toFixed(2)} GiB): file copy ${secs(copied - copyStarted)}, ` +
      `rewrite (开启加密) ${secs(rewritten - copied)} = ${((rewritten - copied) / 1000 / gib).toFixed(1)} s/GiB`,
  );
  return copy;
}

function clerkApp(db: DB): { app: App; clerk: string } {
  const app = createApp(db, { checkOutputs: false });
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  dispatch(app, { session: admin }, 'staff.create', { name: 'bench-clerk', role: 'clerk', pin: '0000' });
  return { app, clerk: call(app, {}, 'auth.login', { name: 'bench-clerk', pin: '0000' }).session };
}

interface Row {
  id: string;
  card_no: string;
  name: string;
  phone: string;
  py_initials: string;
}

function line(name: string, plain: number[], encrypted: number[]): string {
  const [p50, e50] = [percentile(plain, 50), percentile(encrypted, 50)];
  const [p95, e95] = [percentile(plain, 95), percentile(encrypted, 95)];
  const ratio = e95 / p95;
  const verdict = ratio <= GOAL_RATIO_P95 ? `met (≤ ${GOAL_RATIO_P95}×)` : `MISSED (≤ ${GOAL_RATIO_P95}×)`;
  return `  ${name.padEnd(18)} plain p50 ${us(p50)} p95 ${us(p95)} µs   encrypted p50 ${us(e50)} p95 ${us(e95)} µs   p95 ${ratio.toFixed(2)}×  ${verdict}`;
}

export function benchEncryption(path: string, samples: number): void {
  console.log(`\nEncryption at rest: ${path.split('/').pop()} plain beside an encrypted copy (SQLCipher 4), ${samples} calls of each kind`);
  const copy = encryptedCopy(path);

  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    // A key object of its own each time: the derived key is kept per key object (db/cipher.ts), and an app start derives it once.
    const db = openDatabase(copy, { key: { passphrase: KEY.passphrase } });
    opens.push(performance.now() - started);
    db.close();
  }
  opens.sort((a, b) => a - b);
  const open = percentile(opens, 50);
  console.log(
    `  opening the encrypted store (key derivation, PBKDF2-SHA512 256,000 rounds, and the first read): median ${open.toFixed(0)} ms of 5, ` +
      `worst ${opens[opens.length - 1].toFixed(0)} ms  ${open <= GOAL_OPEN_MS ? 'met' : 'MISSED'} (≤ ${GOAL_OPEN_MS} ms)`,
  );

  const plainDb = openDatabase(path);
  const encDb = openDatabase(copy, { key: KEY });
  const plain = clerkApp(plainDb);
  const enc = clerkApp(encDb);
  const total = plainDb.prepare<[], number>('SELECT MAX(rowid) FROM members').pluck().get() ?? 0;
  const pick = plainDb.prepare<[number], Row>('SELECT id, card_no, name, phone, py_initials FROM members WHERE rowid >= ? LIMIT 1');
  const rand = prng(19);
  const rows = Array.from({ length: samples }, () => pick.get(1 + Math.floor(rand() * total))!);
  const search = (side: { app: App; clerk: string }) => (q: string) => {
    const answer = dispatch(side.app, { session: side.clerk }, 'members.search', { q });
    if (!answer.ok) throw new Error(`members.search ${q}: ${answer.error.code}`);
  };
  const kinds: Array<[string, (r: Row) => string]> = [
    ['exact phone', (r) => r.phone.replace(/^\+86/, '')],
    ['phone tail (4)', (r) => r.phone.slice(-4)],
    ['card number', (r) => r.card_no],
    ['name prefix', (r) => r.name.slice(0, 2)],
    ['pinyin initials', (r) => r.py_initials],
  ];
  for (const [name, typed] of kinds) {
    const queries = rows.map(typed);
    const [a, b] = timePair(queries, search(plain), search(enc));
    console.log(line(name, a, b));
  }
  const sale = (side: { app: App; clerk: string }) => (r: Row) => {
    const answer = dispatch(side.app, { session: side.clerk }, 'purchases.record', {
      memberId: r.id,
      amount: '58.00',
      confirmDuplicate: true,
    });
    if (!answer.ok && answer.error.code !== 'MEMBER_INACTIVE') throw new Error(`purchases.record: ${answer.error.code}`);
  };
  const saleRows = rows.slice(0, Math.min(rows.length, 500));
  const [a, b] = timePair(saleRows, sale(plain), sale(enc), () => {
    // What the app does between two customers, on both sides alike.
    passiveCheckpoint(plainDb);
    passiveCheckpoint(encDb);
  });
  console.log(line('a sale', a, b));
  plainDb.close();
  encDb.close();
}
