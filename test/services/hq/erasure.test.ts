import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import { exportFile, makeBranch, makeHq, merge, type Site } from '../hq-fixtures';

// A member erased at a branch reaches HQ as a tombstone (docs/hq.md "Erased members"): the
// member's row, anonymised and with erased_at, in the branch's next export. HQ erases the card
// (its rows stay for the figures) and no file of that branch, older or sent again, brings the
// person back.

const PERSONAL = ['陈晓燕', '13912345678', '宝妈', '绿茶', 'xy@example.com', '等太久'];

/** Everything HQ holds of one member, as one text. */
function heldAtHq(db: DB, memberId: string): string {
  const rows = [
    'member_tags',
    'purchases',
    'points_ledger',
    'feedback',
    'followups',
    'hq_conflicts',
    'member_keys',
    'branch_member_consents',
  ].map((t) => db.prepare(`SELECT * FROM ${t} WHERE member_id = ?`).all(memberId));
  // The branch's audit rows that travelled about the card and about the rows kept for its books.
  const trail = db
    .prepare(
      `SELECT action, before_json, after_json FROM branch_audit_log WHERE entity_id = ?
          OR entity_id IN (SELECT id FROM purchases WHERE member_id = ?) OR entity_id IN (SELECT id FROM feedback WHERE member_id = ?)`,
    )
    .all(memberId, memberId, memberId);
  return JSON.stringify([db.prepare('SELECT * FROM members WHERE id = ?').all(memberId), ...rows, trail]);
}

const chainSales = (db: DB) =>
  db.prepare("SELECT COUNT(*) AS sales, SUM(amount_fen) AS fen FROM purchases WHERE kind = 'sale'").get() as { sales: number; fen: number };

/** 陈晓燕 at SH01 (bought with a note, complained) and at BJ01 with the same phone, BJ01 merged at HQ; SH01's full export made. */
function chenAtTwoBranches() {
  const hq = makeHq();
  const sh = makeBranch('SH01', hq.chainCode, '2026-06-15T02:00:00.000Z', '徐汇店');
  const bj = makeBranch('BJ01', hq.chainCode, '2026-06-15T02:00:00.000Z', '朝阳店');
  const chen = sh.member('陈晓燕', '13912345678', { tags: ['宝妈'], notes: '喜欢绿茶', email: 'xy@example.com' });
  sh.buy(chen, '120.00', { note: '陈晓燕订的绿茶' });
  sh.t.call('feedback.create', { memberId: chen, category: 'service', description: '陈晓燕说等太久' }, sh.clerk);
  const chenBj = bj.member('陈晓燕', '13912345678');
  bj.buy(chenBj, '80.00');
  merge(hq, exportFile(bj, 'full').path);
  const older = exportFile(sh, 'full');
  return { hq, sh, chen, chenBj, older };
}

/** The admin erases the member; the branch sells on. */
function erase(site: Site, id: string) {
  site.t.clock.advance(60_000);
  site.t.call('members.erase', { id, confirm: true, reason: '会员本人要求删除' }, site.admin);
  site.buy(site.member('李四', '13800000002'), '10.00');
}

function expectErasedAtHq(hq: Site, chen: string, chenBj: string) {
  const row = hq.t.db.prepare('SELECT name, card_no, erased_at FROM members WHERE id = ?').get(chen) as Record<string, string>;
  expect(row.erased_at).not.toBeNull();
  expect(row.name).toMatch(/^已删除-/);
  const held = heldAtHq(hq.t.db, chen);
  for (const p of PERSONAL) expect(held, p).not.toContain(p);
  // The trail did travel (format 3): what was redacted is there, who, when and what kept.
  expect(held).toContain('members.create');
  // BJ01's card is BJ01's own customer: kept, and the person page joins it alone.
  expect(heldAtHq(hq.t.db, chenBj)).toContain('陈晓燕');
  const person = hq.t.call('hq.person', { phone: '13912345678' }, hq.manager).person;
  expect(person.branches.map((b) => b.memberId)).toEqual([chenBj]);
  expect(hq.t.call('hq.findPeople', { q: '13912345678' }, hq.manager).items).toHaveLength(1);
  expect(hq.t.call('hq.findPeople', { q: '陈晓燕' }, hq.manager).items).toHaveLength(1);
}

describe('an erased member at HQ (tombstone)', () => {
  it('the older file first, then the tombstone: the card is erased, its sales stay in the chain’s figures, the older file again brings nothing back', () => {
    const { hq, sh, chen, chenBj, older } = chenAtTwoBranches();
    merge(hq, older.path);
    const before = chainSales(hq.t.db);
    erase(sh, chen);
    merge(hq, exportFile(sh).path);
    expectErasedAtHq(hq, chen, chenBj);
    expect(chainSales(hq.t.db)).toEqual({ sales: before.sales + 1, fen: before.fen + 1000 });
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM purchases WHERE member_id = ?').pluck().get(chen)).toBe(1);
    expect(merge(hq, older.path).alreadyMerged).toBe(true);
    expectErasedAtHq(hq, chen, chenBj);
  });

  it('the tombstone first, then the older file with the person: the card stays erased and the old rows come without personal text', () => {
    const { hq, sh, chen, chenBj, older } = chenAtTwoBranches();
    erase(sh, chen);
    merge(hq, exportFile(sh, 'full').path);
    expectErasedAtHq(hq, chen, chenBj);
    const r = merge(hq, older.path);
    expect(r.alreadyMerged).toBe(false);
    expectErasedAtHq(hq, chen, chenBj);
    expect(hq.t.db.prepare('SELECT COUNT(*) FROM purchases WHERE member_id = ?').pluck().get(chen)).toBe(1);
  });
});
