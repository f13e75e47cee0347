import { describe, expect, it } from 'vitest';
import { MERGEABLE, NAME_TWIN_KEY, UNUSUAL_NAME } from '../../../db/migrations/0017-member-duplicates';
import { nameKey } from '../../../shared/import/duplicates';
import { auditRows, failure, issuesOf } from '../fixtures';
import { counter, DAY, refused, type Counter } from '../points-fixtures';

// 可能重复的会员 (docs/members.md "Possible duplicates"): members of the whole store who may be one
// person, by the import's rule: the same name as nameKey compares names, and the same birthday.

const pairs = (c: Counter, input: { offset?: number; limit?: number } = {}) => c.t.call('members.possibleDuplicates', input, c.manager);
/** The page as names: one "first / second" per pair. */
const named = (c: Counter, input: { offset?: number; limit?: number } = {}) =>
  pairs(c, input).items.map((p) => `${p.first.name} / ${p.second.name}`);

describe('members.possibleDuplicates', () => {
  it('pairs members with the same birthday whose names differ only in blanks, dots, case or full width', () => {
    const c = counter();
    const li = c.member('Li Na', { birthday: '1990-05-01' });
    c.member('LI  NA', { birthday: '1990-05-01' });
    c.member('LiNa', { birthday: '1990-05-01' });
    // Full-width letters and the ideographic space: a name only nameKey itself reads right.
    c.member('ＬＩ　ＮＡ', { birthday: '1990-05-01' });
    c.member('阿依古丽·买买提', { birthday: '1988-03-08' });
    c.member('阿依古丽•买买提', { birthday: '1988-03-08' });
    c.member('Émile Zola', { birthday: '1975-01-02' });
    c.member('émile zola', { birthday: '1975-01-02' });
    // Not possible duplicates: another birthday, no birthday, another name.
    c.member('王芳', { birthday: '1992-07-07' });
    c.member('王芳', { birthday: '1992-07-08' });
    c.member('张伟');
    c.member('张伟');
    c.member('Li Na', { birthday: '1990-05-02' });
    c.member('Li Nan', { birthday: '1990-05-01' });

    const page = pairs(c);
    // A person registered four times shows three times, each beside the first registration.
    expect(page.items.map((p) => `${p.first.name} / ${p.second.name}`).sort()).toEqual(
      ['Li Na / LI  NA', 'Li Na / LiNa', 'Li Na / ＬＩ　ＮＡ', '阿依古丽·买买提 / 阿依古丽•买买提', 'Émile Zola / émile zola'].sort(),
    );
    expect(page.total).toBe(5);
    expect(new Set(page.items.map((p) => p.basis))).toEqual(new Set(['nameBirthday']));
    expect(page.items.find((p) => p.second.name === 'LiNa')!.first.id).toBe(li);
  });

  it('shows each side as the member list does, with the last sale, points and tier', () => {
    const c = counter();
    const first = c.member('陈晓燕', { birthday: '1985-10-20' });
    c.advance(DAY);
    const second = c.member('陈 晓燕', { birthday: '1985-10-20' });
    c.buy(second, 300);
    const [pair] = pairs(c).items;
    const cards = c.t.db.prepare('SELECT id, card_no FROM members ORDER BY id').all() as Array<{ id: string; card_no: string }>;
    expect(pair.first).toEqual({
      id: first,
      name: '陈晓燕',
      phone: '+8613800000001',
      cardNo: cards.find((m) => m.id === first)!.card_no,
      birthday: '1985-10-20',
      createdAt: '2026-06-15T02:00:00.000Z',
      lastSaleAt: null,
      points: 0,
      tierName: '普通会员',
    });
    expect(pair.second).toMatchObject({
      id: second,
      phone: '+8613800000002',
      createdAt: '2026-06-16T02:00:00.000Z',
      lastSaleAt: '2026-06-16T02:00:00.000Z',
      points: 300,
      tierName: '普通会员',
    });
  });

  it('leaves out merged members and deactivated ones (a merge refuses them), until they are active again', () => {
    const c = counter();
    const a = c.member('刘洋', { birthday: '1991-01-01' });
    const b = c.member('刘洋', { birthday: '1991-01-01' });
    const x = c.member('周杰', { birthday: '1980-02-02' });
    const y = c.member('周杰', { birthday: '1980-02-02' });
    expect(pairs(c).total).toBe(2);

    c.t.call('members.merge', { keepId: a, mergeId: b }, c.manager);
    c.t.call('members.setStatus', { id: y, status: 'inactive' }, c.manager);
    expect(pairs(c)).toEqual({ items: [], total: 0 });

    c.t.call('members.setStatus', { id: y, status: 'active' }, c.manager);
    expect(named(c)).toEqual(['周杰 / 周杰']);
    expect(pairs(c).items[0].first.id).toBe(x);
    // A birthday or a name changed apart is no longer a pair.
    c.t.call('members.update', { id: y, birthday: '1980-02-03' }, c.clerk);
    expect(pairs(c).total).toBe(0);
  });

  it('pages by offset, the group with the newest registration first', () => {
    const c = counter();
    for (const [i, name] of ['赵一', '钱二', '孙三', '李四', '周五'].entries()) {
      c.member(name, { birthday: `1990-01-0${i + 1}` });
      c.advance(DAY);
      c.member(name, { birthday: `1990-01-0${i + 1}` });
    }
    expect(named(c, { limit: 2 })).toEqual(['周五 / 周五', '李四 / 李四']);
    expect(named(c, { offset: 2, limit: 2 })).toEqual(['孙三 / 孙三', '钱二 / 钱二']);
    expect(pairs(c, { offset: 4, limit: 2 })).toMatchObject({ total: 5, items: [{ first: { name: '赵一' } }] });
    expect(pairs(c, { offset: 10 })).toEqual({ items: [], total: 5 });
    expect(issuesOf(failure(c.t, 'members.possibleDuplicates', { limit: 101 }, c.manager))).toMatchObject([{ field: 'limit' }]);
  });

  it('is refused to a clerk', () => {
    const c = counter();
    expect(failure(c.t, 'members.possibleDuplicates', {}, c.clerk).code).toBe('FORBIDDEN');
  });
});

describe('members.dismissDuplicate', () => {
  it('stops a pair showing, and the next registration pairs with the one after; saying it twice writes nothing', () => {
    const c = counter();
    const a = c.member('吴敏', { birthday: '1995-12-12' });
    const b = c.member('吴 敏', { birthday: '1995-12-12' });
    const d = c.member('吴敏 ', { birthday: '1995-12-12' });
    expect(pairs(c).items.map((p) => [p.first.id, p.second.id])).toEqual([
      [a, b],
      [a, d],
    ]);

    expect(c.t.call('members.dismissDuplicate', { memberId: d, otherId: a }, c.manager)).toEqual({ dismissed: true });
    // d is not a, but may still be b.
    expect(pairs(c).items.map((p) => [p.first.id, p.second.id])).toEqual([
      [a, b],
      [b, d],
    ]);
    expect(auditRows(c.t.db, 'members.dismissDuplicate')).toMatchObject([
      { entity: 'member', entity_id: a, after_json: JSON.stringify({ memberId: a, otherId: d }) },
    ]);

    expect(c.t.call('members.dismissDuplicate', { memberId: a, otherId: d }, c.manager)).toEqual({ dismissed: false });
    expect(auditRows(c.t.db, 'members.dismissDuplicate')).toHaveLength(1);
    c.t.call('members.dismissDuplicate', { memberId: a, otherId: b }, c.manager);
    c.t.call('members.dismissDuplicate', { memberId: b, otherId: d }, c.manager);
    expect(pairs(c).total).toBe(0);
  });

  it('refuses the same member twice, an unknown member and a clerk, changing nothing', () => {
    const c = counter();
    const a = c.member('郑洁', { birthday: '1993-03-03' });
    const b = c.member('郑洁', { birthday: '1993-03-03' });
    const same = refused(c.t, 'members.dismissDuplicate', { memberId: a, otherId: a }, c.manager, 'VALIDATION');
    expect(issuesOf(same)).toMatchObject([{ field: 'otherId', rule: 'same_member' }]);
    const unknown = refused(c.t, 'members.dismissDuplicate', { memberId: a, otherId: 'nobody' }, c.manager, 'NOT_FOUND');
    expect(unknown.details).toMatchObject({ field: 'otherId' });
    refused(c.t, 'members.dismissDuplicate', { memberId: a, otherId: b }, c.clerk, 'FORBIDDEN');
    expect(pairs(c).total).toBe(1);
  });
});

describe("the possible duplicates' indexes (migration 0017)", () => {
  it('are what the queries read: one pass over the key index, an unusual name looked up in it, the unusual names from their own', () => {
    const c = counter();
    const plan = (sql: string, ...params: unknown[]) =>
      (c.t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    expect(plan(`SELECT count(*) FROM members WHERE ${MERGEABLE} GROUP BY birthday, ${NAME_TWIN_KEY}`)).toBe(
      'SEARCH members USING INDEX members_name_twins (birthday>?)',
    );
    const key = `SELECT rowid FROM members WHERE birthday = ? AND ${NAME_TWIN_KEY} = ? AND ${MERGEABLE}`;
    expect(plan(key, '1990-01-01', 'lina')).toBe('SEARCH members USING INDEX members_name_twins (birthday=? AND <expr>=?)');
    expect(plan(`SELECT rowid, name, birthday FROM members WHERE ${MERGEABLE} AND ${UNUSUAL_NAME}`)).toBe(
      'SEARCH members USING INDEX members_name_unusual (birthday>?)',
    );
  });

  it("give nameKey's answer for every character they do not leave to nameKey itself", () => {
    const c = counter();
    // Each code point between two letters, as a name would hold it; surrogates are no characters.
    const usual = c.t.db
      .prepare(
        `WITH RECURSIVE cp(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cp WHERE n < 1114111)
         SELECT name, ${NAME_TWIN_KEY} AS key FROM (SELECT 'A' || char(n) || 'b' AS name FROM cp WHERE n NOT BETWEEN 55296 AND 57343)
         WHERE NOT (${UNUSUAL_NAME})`,
      )
      .all() as Array<{ name: string; key: string }>;
    // ASCII, the dots and the ideographic space, and the CJK ideographs but their compatibility forms.
    expect(usual.length).toBe(88_083);
    expect(usual.filter((u) => u.key !== nameKey(u.name))).toEqual([]);
  });
});
