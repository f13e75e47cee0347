import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyKey, fileState, keyOpens, rekeyFile, type StoreKey } from '../../../db/cipher';
import { openDatabase, type DB } from '../../../db/connection';
import { createApp } from '../../../services/core/context';
import { call } from '../../../services/core/dispatch';
import type { MergeResult } from '../../../shared/contract/hq';
import { exportFile, hqContents, makeBranch, makeHq, merge, mergeRaw, type Site } from '../hq-fixtures';
import { FrozenClock, makeTestApp, sequentialIds, storeUpload, tempDbPath } from '../../helpers';

// The chain's export passphrase (docs/hq.md "Encrypted export files"). Every keyed open costs the
// key derivation (~0.3 s): an encrypted export opens its file three times, a merge four, so each
// test exports and merges only what it must.

const CHAIN_PASS = 'chain-export-2026';

function setPassphrase(site: Site, passphrase: string | null) {
  return site.t.call('hq.exportPassphrase', { passphrase }, site.admin);
}

/** A branch with two members (one shared with the other branch below) and their sales. */
function branchWithSales(code: string, chainCode: string, shared = '13800000001') {
  const site = makeBranch(code, chainCode, '2026-06-15T02:00:00.000Z', `${code}店`);
  site.buy(site.member('张三丰', shared), '100.00');
  site.buy(site.member(`李${code}`, code === 'SH01' ? '13912345678' : '13787654321'), '55.50');
  return site;
}

/** Two copies of a branch's store, each opened as the branch with the same ids to come: one branch twice. */
function twins(site: Site): [Site, Site] {
  site.t.db.pragma('wal_checkpoint(TRUNCATE)');
  const open = (): Site => {
    const path = tempDbPath();
    copyFileSync(site.t.path, path);
    const t = makeTestApp(path, { idPrefix: 'twin', start: '2026-06-16T02:00:00.000Z' });
    const login = (name: string) => t.call('auth.login', { name, pin: name === '王店长' ? '246810' : '1357' }).session;
    return { ...site, t, admin: login('王店长'), manager: login('赵经理'), clerk: login('小李') };
  };
  return [open(), open()];
}

/** HQ with the merge log's checksum left out: an encrypted file hashes its encrypted pages, so the same rows hash otherwise. */
function contents(hq: Site) {
  // The twins' audit trails differ by design: only one of them set a passphrase.
  const { branch_audit_log: _trail, ...all } = hqContents(hq.t.db);
  return { ...all, hq_merges: all.hq_merges.map((r) => ({ ...(r as object), sha256: '(file)' })) };
}

/** Merges a file that must be refused, checking HQ's contents, its audit trail and the file itself stay as they were. */
function refused(hq: Site, path: string) {
  const before = hqContents(hq.t.db);
  const auditCount = () => hq.t.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action <> 'hq.mergeRefused'").pluck().get() as number;
  const audit = auditCount();
  const bytes = readFileSync(path);
  const r = mergeRaw(hq, path);
  expect(hqContents(hq.t.db)).toEqual(before);
  expect(auditCount()).toBe(audit);
  expect(readFileSync(path).equals(bytes)).toBe(true);
  expect(r.ok).toBe(false);
  return (r as { error: { code: string; message: string; details: Record<string, unknown> } }).error;
}

describe('HQ export files encrypted with the chain’s export passphrase', () => {
  it('is set by an admin, answered only as set or not, and audited without its value', () => {
    const hq = makeHq();
    const a = makeBranch('SH01', hq.chainCode);
    expect(a.t.call('hq.status', {}, a.manager).exportPassphraseSet).toBe(false);
    expect(a.t.raw('hq.exportPassphrase', { passphrase: CHAIN_PASS }, a.manager)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const short = a.t.raw('hq.exportPassphrase', { passphrase: 'zq7k' }, a.admin);
    expect(short).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.stringify(short)).not.toContain('zq7k');

    expect(setPassphrase(a, CHAIN_PASS)).toEqual({ exportPassphraseSet: true });
    expect(a.t.call('hq.status', {}, a.manager).exportPassphraseSet).toBe(true);
    expect(JSON.stringify(a.t.call('hq.status', {}, a.manager))).not.toContain(CHAIN_PASS);
    // HQ keeps its own, set the same way (a write HQ makes itself).
    expect(setPassphrase(hq, CHAIN_PASS)).toEqual({ exportPassphraseSet: true });
    expect(hq.t.call('hq.status', {}, hq.manager).exportPassphraseSet).toBe(true);

    expect(setPassphrase(a, null)).toEqual({ exportPassphraseSet: false });
    expect(a.t.call('hq.status', {}, a.manager).exportPassphraseSet).toBe(false);
    const audit = a.t.db.prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'hq.exportPassphrase' ORDER BY rowid").all();
    expect(audit).toEqual([
      { before_json: '{"exportPassphraseSet":false}', after_json: '{"exportPassphraseSet":true}' },
      { before_json: '{"exportPassphraseSet":true}', after_json: '{"exportPassphraseSet":false}' },
    ]);
    expect(JSON.stringify(a.t.db.prepare('SELECT * FROM audit_log').all())).not.toContain(CHAIN_PASS);
  });

  it('a branch with it writes a file no one reads without it; HQ with it merges the file as it would the plain one', () => {
    // Two HQs made the same way, and one branch twice: one copy exports encrypted, the other plain.
    const hq = makeHq();
    const hq2 = makeHq();
    hq2.t.db.prepare("UPDATE settings SET value = ? WHERE key = 'chain_code'").run(hq.chainCode);
    const [encrypted, plain] = twins(branchWithSales('SH01', hq.chainCode));
    setPassphrase(encrypted, CHAIN_PASS);
    setPassphrase(plain, null); // the same audit row's id, so both files carry the same ids
    // Both HQs know it (it is a row of their settings); the plain file is read without it.
    setPassphrase(hq, CHAIN_PASS);
    setPassphrase(hq2, CHAIN_PASS);

    const fe = exportFile(encrypted, 'full');
    const fp = exportFile(plain, 'full');
    const raw = readFileSync(fe.path);
    expect(raw.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(fileState(fe.path)).toBe('encrypted');
    for (const clear of ['13800000001', '+8613800000001', '13912345678', '张三丰', '李SH01', 'branchdesk-export', hq.chainCode]) {
      expect(raw.includes(Buffer.from(clear, 'utf8')), clear).toBe(false);
    }
    // The plain twin has them, so the search above would find them.
    expect(readFileSync(fp.path).includes(Buffer.from('张三丰', 'utf8'))).toBe(true);
    // A SQLCipher 4 file with the chain's passphrase, manifest included: readable with the sqlcipher tool.
    const file = new Database(fe.path, { readonly: true });
    applyKey(file, { passphrase: CHAIN_PASS });
    expect(JSON.parse(file.prepare('SELECT json FROM manifest').pluck().get() as string)).toEqual(fe.manifest);
    file.close();

    const withKey = merge(hq, fe.path, 'a.bdx');
    const withoutKey = merge(hq2, fp.path, 'a.bdx');
    const counts = (r: MergeResult) => ({ ...r, ms: 0 });
    expect(counts(withKey)).toEqual(counts(withoutKey));
    expect(contents(hq)).toEqual(contents(hq2));
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM members').pluck().get()).toBe(2);
    // The same file again: answered from its manifest, nothing changes.
    const before = hqContents(hq.t.db);
    expect(merge(hq, fe.path, 'a.bdx').alreadyMerged).toBe(true);
    expect(hqContents(hq.t.db)).toEqual(before);
  });

  it('HQ without the passphrase, or with another, refuses the file with its reason and changes nothing', () => {
    const hq = makeHq();
    const a = branchWithSales('SH01', hq.chainCode);
    setPassphrase(a, CHAIN_PASS);
    const fa = exportFile(a, 'full');

    const none = refused(hq, fa.path);
    expect(none).toMatchObject({ code: 'BAD_FILE', details: { reason: 'encrypted' } });
    expect(none.message).toMatch(/export passphrase/);

    setPassphrase(hq, 'another-passphrase');
    const wrong = refused(hq, fa.path);
    expect(wrong).toMatchObject({ code: 'BAD_FILE', details: { reason: 'wrong_passphrase' } });
    for (const e of [none, wrong]) expect(JSON.stringify(e)).not.toMatch(/chain-export|another-passphrase/);
    // A file that is no database is still no export, passphrase or not.
    const junk = `${fa.path}.csv`;
    writeFileSync(junk, 'phone,name\n13800000001,张三丰\n');
    expect(refused(hq, junk)).toMatchObject({ details: { reason: 'not_export' } });

    // With the chain's passphrase the same file merges.
    setPassphrase(hq, CHAIN_PASS);
    expect(merge(hq, fa.path).alreadyMerged).toBe(false);
  });

  it('an encrypted and a plain file from two branches give the same HQ in either order', () => {
    const hq = makeHq();
    const hq2 = makeHq();
    hq2.t.db.prepare("UPDATE settings SET value = ? WHERE key = 'chain_code'").run(hq.chainCode);
    const a = branchWithSales('SH01', hq.chainCode);
    const b = branchWithSales('BJ01', hq.chainCode);
    setPassphrase(a, CHAIN_PASS);
    setPassphrase(hq, CHAIN_PASS);
    setPassphrase(hq2, CHAIN_PASS);
    const fa = exportFile(a, 'full');
    const fb = exportFile(b, 'full');
    expect([fileState(fa.path), fileState(fb.path)]).toEqual(['encrypted', 'plain']);

    const ab = [merge(hq, fa.path), merge(hq, fb.path)];
    const ba = [merge(hq2, fb.path), merge(hq2, fa.path)];
    expect(hqContents(hq.t.db)).toEqual(hqContents(hq2.t.db));
    // The shared customer links on the second file either way.
    expect([ab[1].linked, ba[1].linked]).toEqual([1, 1]);
  });

  it('is not the store’s own: an encrypted store exports plain without it and with the chain’s with it, and an encrypted HQ reads both', () => {
    const hq = makeHq();
    const a = branchWithSales('SH01', hq.chainCode);
    const branch = encryptedStore(a, { passphrase: 'branch-own-passphrase' }, false);
    const hqStore = encryptedStore(hq, { passphrase: 'hq-own-passphrase' }, true);
    try {
      const plainFile = branch.exportFull('plain.bdx');
      expect(fileState(plainFile)).toBe('plain');
      branch.call('hq.exportPassphrase', { passphrase: CHAIN_PASS });
      const encryptedFile = branch.exportFull('encrypted.bdx');
      expect(fileState(encryptedFile)).toBe('encrypted');
      expect(keyOpens(encryptedFile, { passphrase: 'branch-own-passphrase' })).toBe(false);
      expect(keyOpens(encryptedFile, { passphrase: CHAIN_PASS })).toBe(true);

      hqStore.call('hq.exportPassphrase', { passphrase: CHAIN_PASS });
      expect(hqStore.merge(plainFile).alreadyMerged).toBe(false);
      expect(hqStore.merge(encryptedFile).alreadyMerged).toBe(false);
    } finally {
      branch.db.close();
      hqStore.db.close();
    }
  });
});

/**
 * A copy of the site's store encrypted with its own database passphrase (as encryption.enable
 * leaves it), opened with it as the same branch or HQ, its admin logged in. Two keyed opens.
 */
function encryptedStore(site: Site, key: StoreKey, hq: boolean) {
  site.t.db.pragma('wal_checkpoint(TRUNCATE)');
  const path = tempDbPath();
  copyFileSync(site.t.path, path);
  rekeyFile(path, null, key);
  const db: DB = openDatabase(path, { key, hq });
  const app = createApp(db, { clock: new FrozenClock('2026-06-16T02:00:00.000Z'), newId: sequentialIds('enc') });
  const admin = call(app, { session: null }, 'auth.login', { name: '王店长', pin: '246810' }).session;
  const as = { session: admin };
  return {
    db,
    call: (name: 'hq.exportPassphrase', input: { passphrase: string | null }) => call(app, as, name, input),
    exportFull(fileName: string): string {
      const r = call(app, as, 'hq.exportBranch', { mode: 'full' });
      const out = join(dirname(path), fileName);
      writeFileSync(out, Buffer.from(r.dataBase64, 'base64'));
      return out;
    },
    merge: (file: string) => call(app, as, 'hq.merge', { fileName: file.split('/').pop()!, upload: storeUpload(path, file) }),
  };
}
