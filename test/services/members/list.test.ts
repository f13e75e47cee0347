import { afterEach, describe, expect, it } from 'vitest';
import { listTuning } from '../../../services/members/list';
import type { MemberListItem } from '../../../shared/contract/member-list';
import { makeTestApp, setUpBranch } from '../../helpers';
import { failure, issuesOf, memberInput, snapshot } from '../fixtures';
import { counter, DAY } from '../points-fixtures';

// The 会员 page's list (docs/members.md "Browsing members"): filters, sorts, paging, masking.

const DEFAULT_TUNING = { ...listTuning };
afterEach(() => Object.assign(listTuning, DEFAULT_TUNING));

/**
 * Nine members. 李四 bought on 15 June, 张三 on 23 September, 王五 too (¥2,500: 银卡 member),
 * 张叁 on 3 October and was then merged into 张三; 吕布 is deactivated. Today is 3 October 2026.
 */
function store() {
  const c = counter();
  const { t, clerk, manager } = c;
  const m = (name: string, extra: Record<string, unknown> = {}) => c.member(name, extra);
  const ids = {
    zhangsan: m('张三', { birthday: '1990-03-05', tags: ['VIP'], consentMarketing: true }),
    lisi: m('李四', { birthday: '1985-03-20', tags: ['宝妈'] }),
    wangwu: m('王五', { birthday: '1992-07-01', tags: ['VIP', '宝妈'], consentMarketing: true }),
    chen: m('陈晓燕'),
    zhao: m('赵六', { tags: ['学生'] }),
    alice: m('Alice Wong', { consentMarketing: true }),
    ouyang: m('欧阳明'),
    lvbu: m('吕布'),
    zhangsan2: m('张叁', { tags: ['老顾客'] }),
  };
  c.buy(ids.lisi, 50);
  c.advance(100 * DAY);
  c.buy(ids.zhangsan, 100);
  c.buy(ids.wangwu, 2500);
  c.advance(10 * DAY);
  c.buy(ids.zhangsan2, 20);
  t.call('members.merge', { keepId: ids.zhangsan, mergeId: ids.zhangsan2 }, manager);
  t.call('members.setStatus', { id: ids.lvbu, status: 'inactive' }, manager);
  const tiers = t.call('tiers.list', {}, clerk).tiers;
  const list = (input: Record<string, unknown> = {}, session = clerk) => t.call('members.list', input, session);
  const names = (input: Record<string, unknown> = {}) => list(input).items.map((i) => i.name);
  return { ...c, ids, tiers, list, names };
}

describe('members.list', () => {
  it('lists the active members in card order, with what the page shows of each', () => {
    const s = store();
    const page = s.list();
    expect(page.items.map((i) => i.name)).toEqual(['张三', '李四', '王五', '陈晓燕', '赵六', 'Alice Wong', '欧阳明']);
    expect(page).toMatchObject({ total: 7, totalCapped: false, next: null, prev: null });
    expect(page.items[0]).toEqual({
      id: s.ids.zhangsan,
      cardNo: 'SH0100000001',
      name: '张三',
      phone: '138****0001',
      gender: 'unspecified',
      birthday: '1990-03-05',
      tierName: '普通会员',
      points: 120, // 100 of its own, 20 from 张叁
      tags: ['VIP', '老顾客'],
      status: 'active',
      mergedInto: null,
      consentMarketing: true,
      lastSaleAt: '2026-10-03T02:00:00.000Z', // 张叁's sale, moved here by the merge, is the latest
      createdAt: '2026-06-15T02:00:00.000Z',
    } satisfies MemberListItem);
    expect(page.items.find((i) => i.name === '王五')).toMatchObject({
      tierName: '银卡会员',
      points: 2500,
      lastSaleAt: '2026-09-23T02:00:00.000Z',
    });
    expect(page.items.find((i) => i.name === '陈晓燕')).toMatchObject({ lastSaleAt: null, tags: [], birthday: null });
  });

  it('filters by tier, tag, status, marketing consent, last purchase and birthday month', () => {
    const s = store();
    const [lowest, silver] = s.tiers;
    expect(s.names({ tierId: silver.id })).toEqual(['王五']);
    expect(s.names({ tierId: lowest.id })).toEqual(['张三', '李四', '陈晓燕', '赵六', 'Alice Wong', '欧阳明']);
    expect(s.names({ tag: 'VIP' })).toEqual(['张三', '王五']);
    expect(s.names({ tag: '老顾客', status: 'all' })).toEqual(['张三', '张叁']);
    expect(s.names({ tag: 'vip' })).toEqual([]);
    expect(s.names({ status: 'inactive' })).toEqual(['吕布']);
    expect(s.names({ status: 'merged' })).toEqual(['张叁']);
    expect(s.list({ status: 'merged' }).items[0]).toMatchObject({
      status: 'inactive',
      mergedInto: { id: s.ids.zhangsan, name: '张三', cardNo: 'SH0100000001' },
    });
    expect(s.names({ status: 'all' })).toHaveLength(9);
    expect(s.names({ consent: 'yes' })).toEqual(['张三', '王五', 'Alice Wong']);
    expect(s.names({ consent: 'no' })).toEqual(['李四', '陈晓燕', '赵六', '欧阳明']);
    // Today is 3 October: 王五 bought ten days ago, 张三 (through 张叁) today, 李四 in June.
    expect(s.names({ lastSale: 'within', lastSaleDays: 1 })).toEqual(['张三']);
    expect(s.names({ lastSale: 'within', lastSaleDays: 11 })).toEqual(['张三', '王五']);
    expect(s.names({ lastSale: 'within', lastSaleDays: 10 })).toEqual(['张三']);
    expect(s.names({ lastSale: 'lapsed', lastSaleDays: 30 })).toEqual(['李四']);
    expect(s.names({ lastSale: 'lapsed', lastSaleDays: 30, status: 'all' })).toEqual(['李四']); // 张叁's own sale went to 张三
    expect(s.names({ lastSale: 'never' })).toEqual(['陈晓燕', '赵六', 'Alice Wong', '欧阳明']);
    expect(s.names({ birthdayMonth: 3 })).toEqual(['张三', '李四']);
    expect(s.names({ birthdayMonth: 3, consent: 'yes', tag: 'VIP', tierId: lowest.id, lastSale: 'within', lastSaleDays: 30 })).toEqual([
      '张三',
    ]);
    expect(s.names({ birthdayMonth: 4 })).toEqual([]);
  });

  it('sorts by card, name (by pinyin), registration or last purchase, either way', () => {
    const s = store();
    expect(s.names({ sort: 'name' })).toEqual(['Alice Wong', '陈晓燕', '李四', '欧阳明', '王五', '张三', '赵六']);
    expect(s.names({ sort: 'name', order: 'desc' })).toEqual(['赵六', '张三', '王五', '欧阳明', '李四', '陈晓燕', 'Alice Wong']);
    expect(s.names({ sort: 'cardNo', order: 'desc' })).toEqual(['欧阳明', 'Alice Wong', '赵六', '陈晓燕', '王五', '李四', '张三']);
    // Registered the same instant: card order breaks the tie.
    expect(s.names({ sort: 'createdAt', order: 'desc' })).toEqual(['欧阳明', 'Alice Wong', '赵六', '陈晓燕', '王五', '李四', '张三']);
    // Never bought: first going up, last going down.
    expect(s.names({ sort: 'lastSaleAt', order: 'desc' })).toEqual(['张三', '王五', '李四', '欧阳明', 'Alice Wong', '赵六', '陈晓燕']);
    expect(s.names({ sort: 'lastSaleAt' })).toEqual(['陈晓燕', '赵六', 'Alice Wong', '欧阳明', '李四', '王五', '张三']);
  });

  it('pages forward with next and back with prev', () => {
    const s = store();
    const input = { status: 'all', sort: 'name', pageSize: 10 } as const;
    for (let i = 0; i < 14; i++) s.member(`孙${String.fromCharCode(0x4e00 + i)}`);
    const all = s.names({ ...input, pageSize: 100 });
    expect(all).toHaveLength(23);
    const first = s.list(input);
    expect(first).toMatchObject({ total: 23, prev: null });
    const second = s.list({ ...input, after: first.next! });
    const third = s.list({ ...input, after: second.next! });
    expect([...first.items, ...second.items, ...third.items].map((i) => i.name)).toEqual(all);
    expect(third).toMatchObject({ next: null });
    expect(third.items).toHaveLength(3);
    const back = s.list({ ...input, before: third.prev! });
    expect(back.items.map((i) => i.id)).toEqual(second.items.map((i) => i.id));
    const start = s.list({ ...input, before: back.prev! });
    expect(start.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    expect(start.prev).toBeNull();
  });

  it('says when more match than it counts', () => {
    const s = store();
    listTuning.countCap = 5;
    expect(s.list({ pageSize: 10 })).toMatchObject({ total: 5, totalCapped: true });
    expect(s.list({ pageSize: 10 }).items).toHaveLength(7);
    expect(s.list({ tag: 'VIP' })).toMatchObject({ total: 2, totalCapped: false });
  });

  it('shows clerks masked phones and managers whole ones', () => {
    const s = store();
    expect(s.list({ tag: 'VIP' }).items.map((i) => i.phone)).toEqual(['138****0001', '138****0003']);
    expect(s.list({ tag: 'VIP' }, s.manager).items.map((i) => i.phone)).toEqual(['+8613800000001', '+8613800000003']);
    expect(s.list({ tag: 'VIP' }, s.admin).items.map((i) => i.phone)).toEqual(['+8613800000001', '+8613800000003']);
  });

  it('refuses what it cannot read, changing nothing', () => {
    const s = store();
    const before = snapshot(s.t.db);
    const issues = (input: Record<string, unknown>) => issuesOf(failure(s.t, 'members.list', input, s.clerk));
    expect(issues({ lastSale: 'within' })).toEqual([{ field: 'lastSaleDays', rule: 'required' }]);
    expect(issues({ lastSale: 'never', lastSaleDays: 3 })).toEqual([{ field: 'lastSaleDays', rule: 'invalid' }]);
    expect(issues({ lastSaleDays: 3 })).toEqual([{ field: 'lastSaleDays', rule: 'invalid' }]);
    expect(issues({ birthdayMonth: 13 })).toEqual([{ field: 'birthdayMonth', rule: 'too_big', params: { max: 12 } }]);
    expect(issues({ sort: 'points' })).toEqual([{ field: 'sort', rule: 'invalid_choice' }]);
    expect(issues({ after: 'nonsense' })).toEqual([{ field: 'after', rule: 'invalid' }]);
    expect(issues({ before: '["x"]' })).toEqual([{ field: 'before', rule: 'invalid' }]);
    expect(issues({ after: '["a",1]', before: '["b",2]' })).toEqual([{ field: 'before', rule: 'invalid' }]);
    expect(failure(s.t, 'members.list', { tierId: 'no-such-tier' }, s.clerk)).toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'tier', field: 'tierId' },
    });
    expect(failure(s.t, 'members.list', {}, null)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(snapshot(s.t.db)).toEqual(before);
  });

  it('is a branch page: HQ refuses it', () => {
    const hq = makeTestApp();
    hq.call('setup.init', { branchName: '总部', branchCode: 'HQ', adminName: '王店长', adminPin: '246810', kind: 'hq' });
    const admin = hq.call('auth.login', { name: '王店长', pin: '246810' }).session;
    for (const method of ['members.list', 'members.export', 'members.tags']) {
      expect(failure(hq, method, {}, admin), method).toMatchObject({ code: 'WRONG_MODE', details: { needed: 'branch' } });
    }
  });
});

describe('members.export', () => {
  it('gives managers every member the filters match, in card order, as the file holds them, a chunk at a time', () => {
    const s = store();
    s.t.call(
      'members.update',
      { id: s.ids.zhangsan, email: 'zs@example.com', address: '徐汇区建设路 8 号', notes: '喜欢无糖', gender: 'male' },
      s.clerk,
    );
    const first = s.t.call('members.export', { status: 'all', limit: 4 }, s.manager);
    expect(first.total).toBe(9);
    expect(first.items.map((r) => r.name)).toEqual(['张三', '李四', '王五', '陈晓燕']);
    expect(first.items[0]).toEqual({
      cardNo: 'SH0100000001',
      name: '张三',
      phone: '+8613800000001',
      birthday: '1990-03-05',
      gender: 'male',
      tierName: '普通会员',
      points: 120,
      tags: ['VIP', '老顾客'],
      notes: '喜欢无糖',
      consentMarketing: true,
      registeredOn: '2026-06-15',
      email: 'zs@example.com',
      address: '徐汇区建设路 8 号',
      status: 'active',
    });
    const second = s.t.call('members.export', { status: 'all', limit: 4, after: first.next! }, s.manager);
    const third = s.t.call('members.export', { status: 'all', limit: 4, after: second.next! }, s.manager);
    expect(second.total).toBeNull(); // counted once, with the first chunk
    expect([...second.items, ...third.items].map((r) => [r.name, r.status])).toEqual([
      ['赵六', 'active'],
      ['Alice Wong', 'active'],
      ['欧阳明', 'active'],
      ['吕布', 'inactive'],
      ['张叁', 'merged'],
    ]);
    expect(third.next).toBeNull();
    const vip = s.t.call('members.export', { tag: 'VIP' }, s.admin);
    expect(vip).toMatchObject({ total: 2, next: null });
    expect(vip.items.map((r) => [r.name, r.tierName, r.points])).toEqual([
      ['张三', '普通会员', 120],
      ['王五', '银卡会员', 2500],
    ]);
  });

  it('is for managers: a clerk is refused, whatever the filters', () => {
    const s = store();
    expect(failure(s.t, 'members.export', {}, s.clerk)).toMatchObject({ code: 'FORBIDDEN', details: { needed: 'manager', role: 'clerk' } });
    expect(issuesOf(failure(s.t, 'members.export', { lastSale: 'lapsed' }, s.manager))).toEqual([
      { field: 'lastSaleDays', rule: 'required' },
    ]);
  });
});

describe('members.tags', () => {
  it('lists the tags members have, in order, those starting with what was typed', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const tags = [['VIP', '宝妈'], ['VIP'], ['宝宝', '学生'], ['Vegan']];
    tags.forEach((list, i) => t.call('members.create', memberInput(`会员${i}`, `1390000000${i}`, { tags: list }), admin));
    const tagsOf = (input: Record<string, unknown>) => t.call('members.tags', input, admin).items;
    expect(tagsOf({})).toEqual(['VIP', 'Vegan', '学生', '宝妈', '宝宝']);
    expect(tagsOf({ q: '宝' })).toEqual(['宝妈', '宝宝']);
    expect(tagsOf({ q: 'V' })).toEqual(['VIP', 'Vegan']);
    expect(tagsOf({ q: 'VI' })).toEqual(['VIP']);
    expect(tagsOf({ q: 'x' })).toEqual([]);
    expect(tagsOf({ limit: 2 })).toEqual(['VIP', 'Vegan']);
    expect(tagsOf({ q: '宝', limit: 1 })).toEqual(['宝妈']);
  });
});
