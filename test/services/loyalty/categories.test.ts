import { describe, expect, it } from 'vitest';
import { ADMIN, loginAs, makeTestApp, setUpBranch, type TestApp } from '../../helpers';
import { auditRows, failure, issuesOf, memberInput, snapshot } from '../fixtures';
import { DEMO_CATEGORIES } from '../../../services/demo/purchases';
import { MAX_CATEGORIES } from '../../../shared/contract/categories';
import { makeHq } from '../hq-fixtures';

// The sale categories a manager keeps (品类列表), and what a sale records.

function store(t: TestApp = makeTestApp()) {
  const admin = setUpBranch(t);
  const manager = loginAs(t, admin, 'manager', '赵经理');
  const clerk = loginAs(t, admin, 'clerk', '小李');
  const member = t.call('members.create', memberInput('张三', '13812345678'), clerk).id;
  return { t, admin, manager, clerk, member };
}

describe('the category list', () => {
  it('starts empty in a new store; a manager saves it, and every staff member reads it in that order', () => {
    const { t, manager, clerk } = store();
    expect(t.call('categories.list', {}, clerk)).toEqual({ items: [] });
    expect(t.call('categories.save', { items: [' 服装 ', '鞋包', 'Shoes'] }, manager)).toEqual({ items: ['服装', '鞋包', 'Shoes'] });
    expect(t.call('categories.list', {}, clerk)).toEqual({ items: ['服装', '鞋包', 'Shoes'] });
    // Saved again in another order, without one: the list is what was saved, nothing more.
    t.call('categories.save', { items: ['Shoes', '服装'] }, manager);
    expect(t.call('categories.list', {}, clerk).items).toEqual(['Shoes', '服装']);
    expect(auditRows(t.db, 'categories.save').map((r) => [r.before_json, r.after_json])).toEqual([
      ['[]', '["服装","鞋包","Shoes"]'],
      ['["服装","鞋包","Shoes"]', '["Shoes","服装"]'],
    ]);
  });

  it('refuses blank, overlong and duplicate names (whatever their case) and too many, changing nothing', () => {
    const { t, manager } = store();
    t.call('categories.save', { items: ['服装'] }, manager);
    const before = snapshot(t.db);
    const cases: Array<[unknown, string, string]> = [
      [{ items: ['服装', '  '] }, 'items.1', 'required'],
      [{ items: ['x'.repeat(41)] }, 'items.0', 'too_long'],
      [{ items: ['Shoes', '服装', 'shoes'] }, 'items.2', 'duplicate'],
      [{ items: ['服装', ' 服装'] }, 'items.1', 'duplicate'],
      [{ items: Array.from({ length: MAX_CATEGORIES + 1 }, (_, i) => `品类${i}`) }, 'items', 'too_big'],
      [{ items: '服装' }, 'items', 'invalid_type'],
      [{}, 'items', 'required'],
    ];
    for (const [input, field, rule] of cases) {
      const error = failure(t, 'categories.save', input, manager);
      expect(error.code, JSON.stringify(input).slice(0, 60)).toBe('VALIDATION');
      expect(issuesOf(error)).toContainEqual(expect.objectContaining({ field, rule }));
    }
    expect(failure(t, 'categories.add', { name: '' }, manager).code).toBe('VALIDATION');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('is kept by managers: a clerk reads it but can neither save nor add, and nothing changes', () => {
    const { t, manager, clerk } = store();
    t.call('categories.save', { items: ['服装'] }, manager);
    const before = snapshot(t.db);
    expect(failure(t, 'categories.save', { items: [] }, clerk)).toMatchObject({
      code: 'FORBIDDEN',
      details: { needed: 'manager', role: 'clerk' },
    });
    expect(failure(t, 'categories.add', { name: '衣服' }, clerk)).toMatchObject({ code: 'FORBIDDEN', details: { needed: 'manager' } });
    expect(failure(t, 'categories.list', {}, null).code).toBe('UNAUTHENTICATED');
    expect(snapshot(t.db)).toEqual(before);
  });

  it('adds a name typed at a sale to the end, once, whatever its case', () => {
    const { t, admin, manager } = store();
    t.call('categories.save', { items: ['服装', 'Shoes'] }, manager);
    expect(t.call('categories.add', { name: ' 食品 ' }, manager)).toEqual({ items: ['服装', 'Shoes', '食品'], added: true });
    expect(t.call('categories.add', { name: 'shoes' }, admin)).toEqual({ items: ['服装', 'Shoes', '食品'], added: false });
    expect(auditRows(t.db, 'categories.add').map((r) => r.after_json)).toEqual(['{"name":"食品"}']);
  });

  it('refuses an addition to a full list', () => {
    const { t, manager } = store();
    t.call('categories.save', { items: Array.from({ length: MAX_CATEGORIES }, (_, i) => `品类${i}`) }, manager);
    expect(failure(t, 'categories.add', { name: '再一个' }, manager)).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'category_list_full', max: MAX_CATEGORIES },
    });
    expect(t.call('categories.list', {}, manager).items).toHaveLength(MAX_CATEGORIES);
  });

  it("is a branch's own: HQ keeps none and refuses to change one", () => {
    const hq = makeHq();
    expect(hq.t.call('categories.list', {}, hq.manager)).toEqual({ items: [] });
    expect(failure(hq.t, 'categories.save', { items: ['服装'] }, hq.manager)).toMatchObject({
      code: 'WRONG_MODE',
      details: { needed: 'branch' },
    });
  });
});

describe("a sale's category", () => {
  it("is recorded as typed when it is not on the list (a clerk cannot add it), and in the list's spelling when only the case differs", () => {
    const { t, manager, clerk, member } = store();
    t.call('categories.save', { items: ['服装', 'Shoes'] }, manager);
    // The same bill for the same member at once: confirmed as meant, or the counter would ask 可能重复.
    const sale = (category?: string) =>
      t.call(
        'purchases.record',
        { memberId: member, amount: '10', confirmDuplicate: true, ...(category === undefined ? {} : { category }) },
        clerk,
      ).purchase.category;
    expect(sale('服装')).toBe('服装');
    expect(sale(' 衣服 ')).toBe('衣服');
    expect(sale('SHOES')).toBe('Shoes');
    expect(sale()).toBeNull();
    expect(sale('  ')).toBeNull();
    expect(t.call('categories.list', {}, clerk).items).toEqual(['服装', 'Shoes']);
    // The by-category report counts 'SHOES' with 'Shoes'.
    const period = '2026-06';
    const rows = t.call('reports.breakdown', { period, dim: 'category' }, manager).rows;
    expect(Object.fromEntries(rows.map((r) => [r.key, r.orders]))).toEqual({ 服装: 1, 衣服: 1, Shoes: 1, '': 2 });
  });
});

describe('demo data', () => {
  it("sells from the store's category list, which a demo store is given", () => {
    const t = makeTestApp();
    t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers: 30 });
    const admin = t.call('auth.login', ADMIN).session;
    expect(t.call('categories.list', {}, admin).items).toEqual(DEMO_CATEGORIES);
    const used = t.db.prepare("SELECT DISTINCT category FROM purchases WHERE kind = 'sale'").pluck().all() as string[];
    expect(used.length).toBeGreaterThan(4);
    for (const category of used) expect(DEMO_CATEGORIES).toContain(category);
  });
});
