import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import { chain, exportFile, hqContents, merge, mergeRaw, rewriteManifest, twinHq, type Site } from '../hq-fixtures';

// A branch's consent history travels to HQ with its export (docs/hq.md "Consent history"): the
// consents of the members a file sends, and every notice version, kept once per branch and id.

const rowsOf = (db: DB, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
const CONSENT = 'id, member_id, kind, granted, notice_version, at, by_staff, channel';
/** The branch's own consent history, as HQ should hold it. */
const atBranch = (site: Site) => rowsOf(site.t.db, `SELECT ${CONSENT} FROM member_consents ORDER BY id`);
const atHq = (hq: Site, site: Site) =>
  rowsOf(hq.t.db, `SELECT ${CONSENT} FROM branch_member_consents WHERE branch_id = ? ORDER BY id`, site.branchId);
const noticesAtHq = (hq: Site, site: Site) =>
  rowsOf(hq.t.db, 'SELECT version, text, created_at FROM branch_privacy_notices WHERE branch_id = ? ORDER BY version', site.branchId);

describe('consent history at HQ', () => {
  it('a full export sends every consent and notice, an incremental one the consents of the members it sends', () => {
    const { hq, a, zhangA, liA } = chain();
    const full = exportFile(a, 'full');
    expect(full.manifest).toMatchObject({ formatVersion: 4, consents: { all: true, rows: 2, notices: 1 } });
    merge(hq, full.path);
    expect(atHq(hq, a)).toEqual(atBranch(a));
    expect(noticesAtHq(hq, a)).toEqual([expect.objectContaining({ version: 1, created_at: '2026-12-06T00:00:00.000Z' })]);

    // A new notice, then 李四's marketing consent under it: her card travels, with its whole history; 张三's does not.
    a.t.clock.advance(60_000);
    a.t.call('privacy.saveNotice', { text: '第二版告知' }, a.admin);
    a.t.call('members.setMarketingConsent', { memberId: liA, granted: true }, a.clerk);
    const incremental = exportFile(a);
    expect(incremental.manifest.consents).toEqual({ all: false, rows: 2, notices: 2 });
    merge(hq, incremental.path);
    expect(atHq(hq, a)).toEqual(atBranch(a));
    expect(noticesAtHq(hq, a).map((n) => (n as { text: string }).text)).toEqual([expect.any(String), '第二版告知']);
    expect(rowsOf(hq.t.db, 'SELECT COUNT(*) AS n FROM branch_member_consents WHERE member_id = ?', zhangA)).toEqual([{ n: 1 }]);
  });

  it('the same file twice, overlapping files, and files in either order add nothing twice', () => {
    const { hq, a, b, liA } = chain();
    const first = exportFile(a, 'full');
    a.t.clock.advance(60_000);
    a.t.call('members.setMarketingConsent', { memberId: liA, granted: true }, a.clerk);
    const second = exportFile(a);
    a.t.clock.advance(60_000);
    a.t.call('members.setMarketingConsent', { memberId: liA, granted: false }, a.clerk);
    const third = exportFile(a, 'full');
    const fromB = exportFile(b, 'full');

    merge(hq, first.path);
    merge(hq, second.path);
    const before = hqContents(hq.t.db);
    expect(merge(hq, second.path).alreadyMerged).toBe(true);
    expect(hqContents(hq.t.db)).toEqual(before);
    merge(hq, third.path);
    merge(hq, fromB.path);

    // Another HQ takes the newest file first, then B's, then the older ones.
    const other = twinHq(hq);
    for (const file of [third, fromB, first, second]) merge(other, file.path);
    for (const site of [a, b]) {
      expect(atHq(hq, site)).toEqual(atBranch(site));
      expect(atHq(other, site)).toEqual(atBranch(site));
    }
    const held = (h: Site) => ({
      consents: rowsOf(h.t.db, 'SELECT * FROM branch_member_consents ORDER BY branch_id, id'),
      notices: rowsOf(h.t.db, 'SELECT * FROM branch_privacy_notices ORDER BY branch_id, version'),
    });
    expect(held(other)).toEqual(held(hq));
    expect(held(hq).notices).toHaveLength(2); // one notice of each branch: the same text, each the branch's own
  });

  it("HQ's person page lists each card's consents, under the notice each was given, with that notice's text", () => {
    const { hq, a, b, zhangA, zhangB } = chain();
    a.t.clock.advance(60_000);
    a.t.call('privacy.saveNotice', { text: '徐汇店第二版告知' }, a.admin);
    a.t.call('members.setMarketingConsent', { memberId: zhangA, granted: true }, a.clerk);
    a.t.clock.advance(60_000);
    a.t.call('members.setMarketingConsent', { memberId: zhangA, granted: false }, a.clerk);
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    const person = hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person;
    const sh = person.branches.find((x) => x.memberId === zhangA)!;
    expect(sh.consents.map((c) => [c.kind, c.granted, c.noticeVersion, c.channel, c.byName])).toEqual([
      ['data', true, 1, 'registration', '小李'],
      ['marketing', true, 2, 'counter', '小李'],
      ['marketing', false, 2, 'counter', '小李'],
    ]);
    expect(sh.notices.map((n) => [n.version, n.text.slice(0, 8)])).toEqual([
      [1, '本店会员隐私告知'],
      [2, '徐汇店第二版告知'],
    ]);
    const bj = person.branches.find((x) => x.memberId === zhangB)!;
    expect(bj.consents.map((c) => [c.kind, c.noticeVersion, c.channel])).toEqual([['data', 1, 'registration']]);
    expect(bj.notices.map((n) => n.version)).toEqual([1]);
  });

  it('a branch that exported before consents travelled sends them all in its next export, incremental or not', () => {
    const { hq, a, zhangA } = chain();
    merge(hq, exportFile(a, 'full').path);
    // As an export made by the app before format 4 left it: no consent section sent.
    a.t.db.prepare('UPDATE hq_exports SET consents_sent = 0').run();
    hq.t.db.prepare('DELETE FROM branch_member_consents').run();
    a.t.call('members.update', { id: zhangA, notes: '常客' }, a.clerk);
    const next = exportFile(a);
    expect(next.manifest).toMatchObject({ mode: 'incremental', consents: { all: true, rows: 2 } });
    merge(hq, next.path);
    expect(atHq(hq, a)).toEqual(atBranch(a));
    // …and the one after only what changed.
    a.t.call('members.update', { id: zhangA, notes: '老客' }, a.clerk);
    expect(exportFile(a).manifest.consents).toEqual({ all: false, rows: 1, notices: 1 });
  });

  it('an erased card keeps its consents at HQ, with nothing of the person, in either file order; the person page no longer joins it', () => {
    for (const tombstoneFirst of [false, true]) {
      const { hq, a, b, zhangA, zhangB } = chain();
      a.t.call('members.setMarketingConsent', { memberId: zhangA, granted: true }, a.clerk);
      const older = exportFile(a, 'full');
      merge(hq, exportFile(b, 'full').path);
      a.t.clock.advance(60_000);
      a.t.call('members.erase', { id: zhangA, confirm: true, reason: '会员本人要求删除' }, a.admin);
      const tombstone = exportFile(a, tombstoneFirst ? 'full' : 'incremental');
      for (const file of tombstoneFirst ? [tombstone, older] : [older, tombstone]) merge(hq, file.path);
      expect(atHq(hq, a)).toEqual(atBranch(a));
      const held = JSON.stringify(rowsOf(hq.t.db, 'SELECT * FROM branch_member_consents WHERE member_id = ?', zhangA));
      expect(held).toContain('marketing');
      for (const personal of ['张三', '13800000001', 'zs@a.cn', '1990-01-01']) expect(held, personal).not.toContain(personal);
      const person = hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person;
      expect(person.branches.map((x) => [x.memberId, x.consents.length])).toEqual([[zhangB, 1]]);
    }
  });

  it('a file of format 3 (no consent section) merges and adds none; a file whose consents were changed is refused whole', () => {
    const { hq, a } = chain();
    const file = exportFile(a, 'full');
    const older = `${file.path}.v3`;
    copyFileSync(file.path, older);
    rewriteManifest(
      older,
      (m) => {
        m.formatVersion = 3;
        delete m.consents;
      },
      true,
    );
    expect(merge(hq, older).alreadyMerged).toBe(false);
    expect(atHq(hq, a)).toEqual([]);

    const other = twinHq(hq);
    const before = hqContents(other.t.db);
    for (const forge of [
      "UPDATE member_consents SET granted = 1 - granted WHERE kind = 'data'",
      "UPDATE privacy_notices SET text = '改过的告知'",
      'DROP TABLE member_consents',
    ]) {
      const forged = `${file.path}.forged`;
      copyFileSync(file.path, forged);
      const db = new Database(forged);
      db.exec(forge);
      db.close();
      expect(mergeRaw(other, forged), forge).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { reason: 'checksum' } } });
      expect(hqContents(other.t.db)).toEqual(before);
    }
    // The manifest saying the file has no consent section, its hash left as it was: refused too.
    const hidden = `${file.path}.hidden`;
    copyFileSync(file.path, hidden);
    rewriteManifest(hidden, (m) => void delete m.consents);
    expect(mergeRaw(other, hidden)).toMatchObject({ ok: false, error: { code: 'BAD_FILE', details: { reason: 'checksum' } } });
    expect(hqContents(other.t.db)).toEqual(before);
  });
});
