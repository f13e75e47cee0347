import { describe, expect, it } from 'vitest';
import { branchQueries } from '../../../db/queries/core/branch';
import { namePinyin } from '../../../shared/pinyin';
import { insertDemoMembers } from '../../../services/demo/members';
import { loginAs, makeTestApp, sequentialIds, setUpBranch } from '../../helpers';
import { failure, issuesOf, memberInput, rowCount } from '../fixtures';

const PEOPLE: Array<[string, string]> = [
  ['张三', '13812345678'],
  ['张述', '13900005678'],
  ['张伟', '13700001111'],
  ['李四', '13600002222'],
  ['单雄信', '15000003333'],
  ['吕布', '18600004444'],
  ['欧阳明', '18800005555'],
  ['Alice Wong', '17700006666'],
];

/** A branch with the people above registered in order (cards SH0100000001…8). */
function shop() {
  const t = makeTestApp();
  const admin = setUpBranch(t);
  const clerk = loginAs(t, admin, 'clerk', '小李');
  const manager = loginAs(t, admin, 'manager', '赵经理');
  const ids: Record<string, string> = {};
  for (const [name, phone] of PEOPLE) ids[name] = t.call('members.create', memberInput(name, phone), clerk).id;
  const search = (q: string, limit?: number, session = clerk) =>
    t.call('members.search', limit === undefined ? { q } : { q, limit }, session);
  /** Names found, in the order listed. */
  const names = (q: string, limit?: number) => search(q, limit).items.map((i) => i.name);
  return { t, admin, clerk, manager, ids, search, names };
}

describe('members.search', () => {
  it.each([
    '13812345678',
    '+8613812345678',
    '+86 138 1234 5678',
    '0086 138-1234-5678',
    '8613812345678',
    '(138) 1234 5678',
    '１３８ １２３４ ５６７８',
    '138–1234–5678',
  ])('finds the member a whole phone number %j points to', (q) => {
    const { search, ids } = shop();
    const r = search(q);
    expect(r.exact).toBe(ids['张三']);
    expect(r.items.map((i) => [i.id, i.matchedBy])).toEqual([[ids['张三'], 'phone']]);
  });

  it('finds by the tail of a phone from four digits on, and not with three', () => {
    const { names, search } = shop();
    expect(names('5678').sort()).toEqual(['张三', '张述'].sort());
    expect(search('5678').items.every((i) => i.matchedBy === 'phoneTail')).toBe(true);
    expect(search('5678').exact).toBeNull();
    expect(names('45678')).toEqual(['张三']);
    expect(names('05678')).toEqual(['张述']);
    expect(names('1234 5678')).toEqual(['张三']);
    expect(names('５６７８').sort()).toEqual(['张三', '张述'].sort());
    expect(names('678')).toEqual([]);
    expect(names('99999')).toEqual([]);
  });

  it('finds a scanned or typed card number exactly, in any case or width', () => {
    const { search, ids } = shop();
    for (const q of ['SH0100000001', 'sh0100000001', ' SH0100000001 ', 'ＳＨ０１０００００００１']) {
      const r = search(q);
      expect(r.exact, q).toBe(ids['张三']);
      expect(
        r.items.map((i) => [i.id, i.matchedBy, i.cardNo]),
        q,
      ).toEqual([[ids['张三'], 'card', 'SH0100000001']]);
    }
    expect(search('SH0100000099')).toEqual({ items: [], exact: null });
  });

  it('lists members by card prefix in card order', () => {
    const { search } = shop();
    const r = search('sh010000000');
    expect(r.exact).toBeNull();
    expect(r.items.map((i) => i.cardNo)).toEqual(PEOPLE.map((_, i) => `SH010000000${i + 1}`));
    expect(r.items.every((i) => i.matchedBy === 'cardPrefix')).toBe(true);
    expect(search('SH01', 3).items.map((i) => i.name)).toEqual(['张三', '张述', '张伟']);
  });

  it('finds by the start of a name', () => {
    const { names, search } = shop();
    expect(names('张').sort()).toEqual(['张三', '张伟', '张述'].sort());
    expect(names('张三')).toEqual(['张三']);
    expect(names('欧阳')).toEqual(['欧阳明']);
    expect(names('三')).toEqual([]);
    expect(search('张').items.every((i) => i.matchedBy === 'name')).toBe(true);
  });

  it('finds by pinyin initials, in any case or width', () => {
    const { names, search } = shop();
    for (const q of ['zs', 'ZS', 'Zs', 'ｚｓ']) expect(names(q).sort(), q).toEqual(['张三', '张述'].sort());
    expect(search('zs').items.every((i) => i.matchedBy === 'pinyinInitials')).toBe(true);
    expect(names('z').sort()).toEqual(['张三', '张伟', '张述'].sort());
    expect(names('sxx')).toEqual(['单雄信']);
    expect(names('lb')).toEqual(['吕布']);
    expect(names('oym')).toEqual(['欧阳明']);
  });

  it('finds by full pinyin and by its start', () => {
    const { names, search } = shop();
    expect(search('zhangsan').items.map((i) => [i.name, i.matchedBy])).toEqual([['张三', 'pinyinFull']]);
    expect(names('zhangs').sort()).toEqual(['张三', '张述'].sort());
    expect(names('zhang').sort()).toEqual(['张三', '张伟', '张述'].sort());
    expect(names('ZhangShu')).toEqual(['张述']);
    expect(names('shanxiongxin')).toEqual(['单雄信']); // 单 as a surname reads shan
    expect(names('danxiongxin')).toEqual([]);
    expect(names('lvbu')).toEqual(['吕布']);
    expect(names('ouyang')).toEqual(['欧阳明']);
    expect(names('alice')).toEqual(['Alice Wong']);
    expect(names('ｚｈａｎｇｓａｎ')).toEqual(['张三']);
  });

  it('lists each member once, under the strongest match', () => {
    const { search, ids } = shop();
    // A name that also matches as pinyin; a full phone that also matches as a tail.
    expect(search('Alice').items.map((i) => [i.id, i.matchedBy])).toEqual([[ids['Alice Wong'], 'name']]);
    expect(search('13812345678').items).toHaveLength(1);
    for (const q of ['z', 'zhang', 'SH01', '5678', '张']) {
      const found = search(q).items.map((i) => i.id);
      expect(new Set(found).size, q).toBe(found.length);
    }
  });

  it('returns no more than the limit', () => {
    const { search } = shop();
    expect(search('SH01', 2).items).toHaveLength(2);
    expect(search('张', 1).items).toHaveLength(1);
    expect(search('zhang', 2).items).toHaveLength(2);
    expect(search('13812345678', 1).items).toHaveLength(1);
    expect(search('SH01').items).toHaveLength(PEOPLE.length);
  });

  it('masks phones for clerks and shows them whole to managers and admins', () => {
    const { search, manager, admin } = shop();
    expect(search('张三').items[0].phone).toBe('138****5678');
    expect(search('张三', undefined, manager).items[0].phone).toBe('+8613812345678');
    expect(search('张三', undefined, admin).items[0].phone).toBe('+8613812345678');
    expect(search('13812345678').items.map((i) => i.phone)).toEqual(['138****5678']);
    expect(search('zhang').items.every((i) => /^\d{3}\*{4}\d{4}$/.test(i.phone))).toBe(true);
  });

  it('finds nothing for an empty or blank query', () => {
    const { search } = shop();
    for (const q of ['', '   ', '\u3000', '-', '()']) expect(search(q), JSON.stringify(q)).toEqual({ items: [], exact: null });
  });

  it('validates the query and the limit', () => {
    const { t, clerk } = shop();
    expect(issuesOf(failure(t, 'members.search', { q: 'x'.repeat(65) }, clerk))).toEqual([
      { field: 'q', rule: 'too_long', params: { max: 64 } },
    ]);
    expect(issuesOf(failure(t, 'members.search', { q: 'zs', limit: 0 }, clerk))).toEqual([
      { field: 'limit', rule: 'too_small', params: { min: 1 } },
    ]);
    expect(issuesOf(failure(t, 'members.search', { q: 'zs', limit: 51 }, clerk))).toEqual([
      { field: 'limit', rule: 'too_big', params: { max: 50 } },
    ]);
    expect(issuesOf(failure(t, 'members.search', {}, clerk))).toEqual([{ field: 'q', rule: 'required' }]);
  });

  it('follows a member whose name or phone changed', () => {
    const { search, t, clerk, ids, names } = shop();
    t.call('members.update', { id: ids['张三'], name: '李三', phone: '13512340000' }, clerk);
    expect(names('zs')).toEqual(['张述']);
    expect(names('ls').sort()).toEqual(['李三', '李四'].sort());
    expect(names('5678')).toEqual(['张述']);
    expect(search('13512340000').exact).toBe(ids['张三']);
    expect(search('13812345678')).toEqual({ items: [], exact: null });
  });
});

describe('members.search inside names, at the end of cards, by tag', () => {
  it('finds a name by its middle or end, only when nothing starts with the text', () => {
    const { t, clerk, search, names } = shop();
    t.call('members.create', memberInput('陈晓燕', '13300001234'), clerk);
    t.call('members.create', memberInput('晓燕', '13300005555'), clerk);
    t.call('members.create', memberInput('王晓燕华', '13300006666'), clerk);
    // 晓燕 starts a name: that member alone, as before.
    expect(search('晓燕').items.map((i) => [i.name, i.matchedBy])).toEqual([['晓燕', 'name']]);
    expect(search('燕华').items.map((i) => [i.name, i.matchedBy])).toEqual([['王晓燕华', 'nameMiddle']]);
    expect(names('雄信')).toEqual(['单雄信']);
    expect(names('阳明')).toEqual(['欧阳明']);
    expect(names('wong')).toEqual(['Alice Wong']); // Latin letters in any case
    expect(names('WONG')).toEqual(['Alice Wong']);
    expect(names('ce W')).toEqual(['Alice Wong']);
    expect(names('四')).toEqual([]); // one character inside a name is too little
    expect(names('明明')).toEqual([]);
  });

  it('finds a card by its last digits, after the phones ending in them', () => {
    const { t, clerk, search, ids } = shop();
    // Cards SH0100000001…8; a ninth member whose phone ends in 0008.
    const ninth = t.call('members.create', memberInput('孙九', '13900000008'), clerk).id;
    expect(search('0008').items.map((i) => [i.id, i.matchedBy])).toEqual([
      [ninth, 'phoneTail'],
      [ids['Alice Wong'], 'cardTail'],
    ]);
    expect(search('00000003').items.map((i) => [i.name, i.matchedBy])).toEqual([['张伟', 'cardTail']]);
    expect(search('100000003').items.map((i) => [i.name, i.matchedBy])).toEqual([['张伟', 'cardTail']]);
    expect(search('003').items).toEqual([]); // four digits at least, as for phones
  });

  it('finds members by a tag, exactly as written', () => {
    const { t, clerk, search, ids } = shop();
    t.call('members.update', { id: ids['李四'], tags: ['宝妈', 'VIP'] }, clerk);
    t.call('members.update', { id: ids['吕布'], tags: ['宝妈'] }, clerk);
    expect(search('宝妈').items.map((i) => [i.name, i.matchedBy])).toEqual([
      ['李四', 'tag'],
      ['吕布', 'tag'],
    ]);
    expect(search('VIP').items.map((i) => [i.name, i.matchedBy])).toEqual([['李四', 'tag']]);
    expect(search('宝').items).toEqual([]);
  });

  it('follows a renamed member, and a duplicate merged into another', () => {
    const { t, clerk, manager, ids, search, names } = shop();
    const chen = t.call('members.create', memberInput('陈晓燕', '13300001234'), clerk).id;
    t.call('members.update', { id: chen, name: '陈晓红' }, clerk);
    expect(names('晓燕')).toEqual([]);
    expect(names('晓红')).toEqual(['陈晓红']);
    // A duplicate merged into another still answers to its name, as to its phone and card, naming who to open.
    const dup = t.call('members.create', memberInput('林晓红', '13300009999'), clerk).id;
    t.call('members.merge', { keepId: ids['张三'], mergeId: dup }, manager);
    const hits = search('晓红').items;
    expect(hits.map((i) => [i.name, i.matchedBy, i.mergedInto?.name ?? null])).toEqual([
      ['陈晓红', 'nameMiddle', null],
      ['林晓红', 'nameMiddle', '张三'],
    ]);
    expect(search('00000010').items.map((i) => [i.name, i.matchedBy, i.mergedInto?.name])).toEqual([['林晓红', 'cardTail', '张三']]);
  });
});

describe('members.search among thousands of members', () => {
  const LIMIT = 50;

  function bigShop() {
    const s = shop();
    const adminId = s.t.call('auth.me', {}, s.admin).staff.id;
    const branch = branchQueries(s.t.db).self()!;
    const inserted = insertDemoMembers(s.t.db, {
      branch,
      staffId: adminId,
      count: 3000,
      now: '2026-06-15T02:00:00.000Z',
      newId: sequentialIds('demo'),
    });
    expect(inserted).toBe(3000);
    expect(rowCount(s.t.db, 'members')).toBe(3000 + PEOPLE.length);
    const all = (
      s.t.db.prepare('SELECT id, name, phone, card_no FROM members').all() as Array<{
        id: string;
        name: string;
        phone: string;
        card_no: string;
      }>
    ).map((m) => ({ ...m, py: namePinyin(m.name) }));
    return { ...s, all };
  }
  type Row = ReturnType<typeof bigShop>['all'][number];

  /** The search must list exactly what matches, or LIMIT of them when more match. */
  function expectFound(search: ReturnType<typeof shop>['search'], all: Row[], q: string, matches: (m: Row) => boolean) {
    const expected = new Set(all.filter(matches).map((m) => m.id));
    expect(expected.size, `${q} should match someone`).toBeGreaterThan(0);
    const found = search(q, LIMIT).items.map((i) => i.id);
    expect(new Set(found).size, q).toBe(found.length);
    if (expected.size <= LIMIT) expect(new Set(found), q).toEqual(expected);
    else {
      expect(found, q).toHaveLength(LIMIT);
      for (const id of found) expect(expected.has(id), q).toBe(true);
    }
  }

  it('still finds exactly the right members', () => {
    const { search, all, ids } = bigShop();
    expect(search('13812345678').exact).toBe(ids['张三']);
    expect(search('13812345678').items[0].id).toBe(ids['张三']);
    expect(search('SH0100000001').exact).toBe(ids['张三']);

    const sample = all.find((m) => m.card_no === 'SH0100002345')!;
    expect(search(sample.card_no.toLowerCase()).exact).toBe(sample.id);
    expect(search(sample.phone).exact).toBe(sample.id);
    // A phone's last digits are a card's last digits too (phones first).
    const tail = sample.phone.slice(-4);
    expectFound(search, all, tail, (m) => m.phone.endsWith(tail) || m.card_no.endsWith(tail));
    const tail6 = sample.phone.slice(-6);
    expectFound(search, all, tail6, (m) => m.phone.endsWith(tail6) || m.card_no.endsWith(tail6));

    expectFound(search, all, '王', (m) => m.name.startsWith('王'));
    expectFound(search, all, sample.name, (m) => m.name.startsWith(sample.name));
    expectFound(search, all, sample.py.full, (m) => m.py.full.startsWith(sample.py.full) || m.py.initials.startsWith(sample.py.full));
    expectFound(
      search,
      all,
      sample.py.initials,
      (m) => m.py.initials.startsWith(sample.py.initials) || m.py.full.startsWith(sample.py.initials),
    );
    expectFound(search, all, 'zs', (m) => m.py.initials.startsWith('zs') || m.py.full.startsWith('zs'));
    expectFound(search, all, 'ouyang', (m) => m.py.full.startsWith('ouyang'));
    expectFound(search, all, 'SH010000123', (m) => m.card_no.startsWith('SH010000123'));

    // Among thousands of 张, the one typed in full is still found.
    const zhangsan = search('zhangsan', LIMIT).items.map((i) => i.name);
    expect(zhangsan).toContain('张三');
    expect(zhangsan.every((n) => namePinyin(n).full.startsWith('zhangsan'))).toBe(true);
  });
});
