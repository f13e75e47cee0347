import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import { erasureListPath } from '../../../services/members/erasure-list';
import { auditRows, failure, snapshot } from '../fixtures';
import { counter, type Counter } from '../points-fixtures';

// 删除会员（个人信息） (docs/privacy.md "Erasing a member"): the profile anonymised, the books kept,
// the audit rows redacted, the erasure listed beside the backups.

const erase = (c: Counter, id: string, session = c.admin) =>
  c.t.call('members.erase', { id, confirm: true, reason: '会员本人要求删除' }, session);

/** 陈晓燕 with a tag, notes, a birthday, two sales (one with a note), a redemption, a complaint and a callback. */
function memberWithHistory() {
  const c = counter();
  const other = c.member('李四');
  const id = c.member('陈晓燕', {
    tags: ['宝妈'],
    notes: '陈晓燕喜欢绿茶',
    birthday: '1990-05-01',
    email: 'xy@example.com',
    consentMarketing: true,
  });
  c.buy(id, 300, { note: '陈晓燕订的茶' });
  c.buy(id, 200);
  c.buy(other, 50);
  c.t.call('points.redeem', { memberId: id, points: 100 }, c.clerk);
  c.t.call('feedback.create', { memberId: id, category: 'service', description: '陈晓燕说等太久' }, c.clerk);
  c.t.call('members.update', { id, phone: '13912345678' }, c.manager);
  return { c, id, other };
}

const books = (db: DB) => ({
  sales: db.prepare('SELECT id, member_id, kind, amount_fen, paid_fen, occurred_at FROM purchases ORDER BY id').all(),
  ledger: db.prepare('SELECT id, member_id, kind, points FROM points_ledger ORDER BY id').all(),
  lots: db.prepare('SELECT * FROM points_lots ORDER BY id').all(),
});

const auditText = (db: DB) =>
  (db.prepare('SELECT before_json, after_json FROM audit_log').all() as Array<Record<string, string | null>>)
    .map((r) => `${r.before_json ?? ''}${r.after_json ?? ''}`)
    .join('\n');

describe('members.erase', () => {
  it('anonymises the profile: search by phone, tail, card, card tail, name, pinyin, tag or inside the name finds no one', () => {
    const { c, id } = memberWithHistory();
    const card = c.t.call('members.get', { id }, c.admin).cardNo;
    const r = erase(c, id);
    expect(r.erasedMembers).toBe(1);
    expect(r.member).toMatchObject({
      id,
      name: expect.stringMatching(/^已删除-/),
      cardNo: expect.stringMatching(/^已删除-/),
      birthday: null,
      email: null,
      notes: null,
      tags: [],
      status: 'inactive',
      consentData: { given: false },
      consentMarketing: { given: false },
      erasedAt: c.t.clock.now().toISOString(),
    });
    expect(r.member.phone).not.toContain('139');
    for (const q of [
      '13912345678',
      '+8613912345678',
      '5678',
      card,
      card.slice(-4),
      '陈晓燕',
      '陈',
      '晓燕',
      'cxy',
      'chenxiaoyan',
      '宝妈',
      '13800000002',
    ]) {
      expect(c.t.call('members.search', { q }, c.admin).items, q).toEqual([]);
    }
  });

  it('keeps the sales, ledger and lots for the books with their personal text cleared; the month’s report is the same', () => {
    const { c, id } = memberWithHistory();
    const before = { books: books(c.t.db), report: c.t.call('reports.summary', { period: '2026-06' }, c.manager) };
    erase(c, id);
    expect(books(c.t.db)).toEqual(before.books);
    expect(c.t.call('reports.summary', { period: '2026-06' }, c.manager)).toEqual(before.report);
    const text = JSON.stringify(snapshot(c.t.db));
    for (const personal of ['陈晓燕', '13912345678', '13800000002', 'xy@example.com', '宝妈', '绿茶', '1990-05-01']) {
      expect(text, personal).not.toContain(personal);
    }
    const complaint = c.t.db.prepare('SELECT description, member_id FROM feedback').get();
    expect(complaint).toEqual({ description: '[已删除]', member_id: id });
  });

  it('redacts the member’s audit rows, keeping who, when and what, and audits the redaction with nothing personal', () => {
    const { c, id } = memberWithHistory();
    const shape = (db: DB) => db.prepare('SELECT id, at, staff_id, action, entity, entity_id FROM audit_log ORDER BY id').all();
    const before = shape(c.t.db);
    const r = erase(c, id);
    expect(r.redactedAuditRows).toBeGreaterThanOrEqual(3); // the create, the update, the complaint
    expect(shape(c.t.db).slice(0, before.length)).toEqual(before);
    expect(auditText(c.t.db)).not.toMatch(/陈晓燕|13912345678|13800000002|xy@example\.com|宝妈|1990-05-01/);
    const create = auditRows(c.t.db, 'members.create').find((row) => row.entity_id === id)!;
    expect(JSON.parse(create.after_json!)).toMatchObject({
      name: '[已删除]',
      phone: '[已删除]',
      birthday: '[已删除]',
      tags: '[已删除]',
      gender: 'unspecified',
    });
    expect(c.t.db.prepare('SELECT redacted_at FROM audit_log WHERE id = ?').pluck().get(create.id)).toBe(c.t.clock.now().toISOString());
    const [row] = auditRows(c.t.db, 'members.erase');
    expect(row).toMatchObject({ entity: 'member', entity_id: id, before_json: null });
    expect(JSON.parse(row.after_json!)).toEqual({
      erasedMembers: [id],
      redactedAuditRows: r.redactedAuditRows,
      reason: '会员本人要求删除',
    });
  });

  it('erases the cards merged into the member too: the same person', () => {
    const c = counter();
    const keep = c.member('张三');
    const dup = c.member('张叁');
    c.t.call('members.merge', { keepId: keep, mergeId: dup }, c.manager);
    expect(erase(c, keep).erasedMembers).toBe(2);
    expect(c.t.call('members.get', { id: dup }, c.admin).erasedAt).not.toBeNull();
    expect(c.t.call('members.search', { q: '张叁' }, c.admin).items).toEqual([]);
    expect(c.t.call('members.search', { q: '13800000002' }, c.admin).items).toEqual([]);
  });

  it('an erased member cannot be sold to, given points, edited, reactivated, complained about or erased again', () => {
    const { c, id } = memberWithHistory();
    erase(c, id);
    expect(failure(c.t, 'purchases.record', { memberId: id, amount: '10.00' }, c.clerk).code).toBe('MEMBER_ERASED');
    expect(failure(c.t, 'points.redeem', { memberId: id, points: 100 }, c.clerk).code).toBe('MEMBER_ERASED');
    expect(failure(c.t, 'points.adjust', { memberId: id, points: 10, reason: '补录' }, c.manager).code).toBe('MEMBER_ERASED');
    expect(failure(c.t, 'members.update', { id, name: '陈晓燕' }, c.admin).code).toBe('MEMBER_ERASED');
    expect(failure(c.t, 'members.setStatus', { id, status: 'active' }, c.manager).code).toBe('MEMBER_ERASED');
    expect(failure(c.t, 'feedback.create', { memberId: id, category: 'service', description: '陈晓燕又来了' }, c.clerk).code).toBe(
      'MEMBER_ERASED',
    );
    expect(failure(c.t, 'members.erase', { id, confirm: true, reason: 'x' }, c.admin).code).toBe('MEMBER_ERASED');
    expect(failure(c.t, 'members.setMarketingConsent', { memberId: id, granted: true }, c.clerk).code).toBe('MEMBER_ERASED');
    expect(failure(c.t, 'members.exportData', { memberId: id }, c.admin).code).toBe('MEMBER_ERASED');
  });

  it('is refused to a manager, and without the confirmation or a reason; nothing changes', () => {
    const { c, id } = memberWithHistory();
    const before = snapshot(c.t.db);
    expect(failure(c.t, 'members.erase', { id, confirm: true, reason: 'x' }, c.manager).code).toBe('FORBIDDEN');
    expect(failure(c.t, 'members.erase', { id, reason: 'x' }, c.admin).code).toBe('VALIDATION');
    expect(failure(c.t, 'members.erase', { id, confirm: false, reason: 'x' }, c.admin).code).toBe('VALIDATION');
    expect(failure(c.t, 'members.erase', { id, confirm: true, reason: ' ' }, c.admin).code).toBe('VALIDATION');
    expect(snapshot(c.t.db)).toEqual(before);
  });

  it('lists the erasure in the database and in a file beside the backups, with nothing personal', () => {
    const { c, id } = memberWithHistory();
    erase(c, id);
    const line = { member_id: id, branch_id: expect.any(String), erased_at: c.t.clock.now().toISOString(), erased_by: expect.any(String) };
    expect(c.t.db.prepare('SELECT * FROM member_erasures').all()).toEqual([line]);
    const file = readFileSync(erasureListPath(c.t.path), 'utf8');
    expect(
      file
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([line]);
    expect(file).not.toContain('陈晓燕');
  });
});
