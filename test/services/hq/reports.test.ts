import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeUpload } from '../../helpers';
import { failure } from '../fixtures';
import { chain, exportFile, hqContents, makeBranch, makeHq, merge } from '../hq-fixtures';

// HQ's reports over merged files (services/hq/reports.ts, people.ts, conflicts.ts): branches
// compared and the chain added up, people found and at several branches, and the conflicts list.

describe('HQ reports and conflicts', () => {
  it('HQ compares branches with each branch’s own dashboard figures, ranked, and the chain adds up', () => {
    const { hq, a, b } = chain();
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    const cmp = hq.t.call('hq.compare', { period: '2026-06' }, hq.manager);
    expect(cmp.branches.map((x) => [x.rank, x.branch.code, x.kpis.netSalesFen])).toEqual([
      [1, 'SH01', 35050],
      [2, 'BJ01', 11000],
    ]);
    // A month with no sales anywhere: a tie shares first place, in branch code order.
    const quiet = hq.t.call('hq.compare', { period: '2026-05' }, hq.manager);
    expect(quiet.branches.map((x) => [x.rank, x.branch.code, x.kpis.netSalesFen])).toEqual([
      [1, 'BJ01', 0],
      [1, 'SH01', 0],
    ]);
    for (const site of [a, b]) {
      const own = site.t.call('reports.summary', { period: '2026-06' }, site.manager);
      const atHq = cmp.branches.find((x) => x.branch.id === site.branchId)!;
      expect(atHq.kpis).toEqual(own.current);
      // The period before as the branch's dashboard sets it: while June runs, as many days of May.
      expect(atHq.previous).toEqual(own.prior);
      expect([cmp.previous, cmp.running]).toEqual([own.previous, own.running]);
    }
    expect(cmp.chain).toMatchObject({ netSalesFen: 46050, orders: 4, activeMembers: 4, newMembers: 4, takingsFen: 500000 });
    // The chain is its branches added up, and the same as the dashboard's own figures over all of
    // HQ's rows (which HQ no longer builds report summaries for), the till's takings aside.
    for (const [key, chainKpis] of [
      ['2026-06', cmp.chain],
      ['2026-05', cmp.chainPrevious],
    ] as const) {
      const overAll = hq.t.call('reports.summary', { period: key }, hq.manager).current;
      const { takingsFen, takingsDays, memberShare, ...rest } = chainKpis;
      const { takingsFen: _f, takingsDays: _d, memberShare: _s, ...expected } = overAll;
      expect(rest).toEqual(expected);
      expect([takingsFen, takingsDays, memberShare !== null]).toEqual(key === '2026-06' ? [500000, 1, true] : [null, 0, false]);
    }
    expect(cmp.chain.netSalesFen).toBe(cmp.branches.reduce((s, x) => s + x.kpis.netSalesFen, 0));
    expect(cmp.multiBranchPeople).toBe(1);
    const multi = hq.t.call('hq.multiBranch', { period: '2026-06' }, hq.manager);
    expect(multi).toEqual({
      total: 1,
      items: [
        {
          phone: '+8613800000001',
          name: '张三',
          branches: [
            { code: 'BJ01', name: '朝阳店', orders: 1, netSalesFen: 8000 },
            { code: 'SH01', name: '徐汇店', orders: 1, netSalesFen: 10000 },
          ],
          orders: 2,
          netSalesFen: 18000,
          pointsBalance: 180,
        },
      ],
    });
    const status = hq.t.call('hq.branches', {}, hq.manager);
    expect(status.items.map((s) => [s.branch.code, s.lastSeq, s.quiet])).toEqual([
      ['BJ01', 1, false],
      ['SH01', 1, false],
    ]);
    hq.t.clock.advance(8 * 86_400_000);
    const later = hq.t.call('auth.login', { name: '赵经理', pin: '1357' }).session;
    expect(hq.t.call('hq.branches', {}, later).items.every((s) => s.quiet && s.daysSinceExport === 8)).toBe(true);
  });

  it('the people at several branches show what they bought in the period, not in their whole history', () => {
    const { hq, a, b, zhangA } = chain();
    a.t.clock.advance(30 * 86_400_000); // July: the sessions of June have ended
    a.manager = a.t.call('auth.login', { name: '赵经理', pin: '1357' }).session;
    a.t.call('purchases.record', { memberId: zhangA, amount: '50.00' }, a.manager);
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    const june = hq.t.call('hq.multiBranch', { period: '2026-06' }, hq.manager).items;
    expect(june.map((p) => [p.orders, p.netSalesFen, p.branches.map((x) => [x.code, x.netSalesFen])])).toEqual([
      [
        2,
        18000,
        [
          ['BJ01', 8000],
          ['SH01', 10000],
        ],
      ],
    ]);
    expect(hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person).toMatchObject({ orders: 3, netSalesFen: 23000 });
    // In July she bought at one branch only.
    expect(hq.t.call('hq.multiBranch', { period: '2026-07' }, hq.manager)).toEqual({ items: [], total: 0 });
  });

  it('a void travels to HQ as a row of its own, and HQ counts the sale out as the branch does', () => {
    const { hq, a, b, zhangA } = chain();
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    // At 徐汇店 the same day: 张三's ¥100 was typed twice, and both were the wrong member.
    a.t.clock.advance(5 * 60_000);
    a.buy(zhangA, '100.00');
    const list = a.t.call('purchases.list', { memberId: zhangA }, a.clerk).items;
    for (const sale of list) a.t.call('purchases.void', { purchaseId: sale.id, reason: '记错会员' }, a.manager);
    const file = exportFile(a);
    expect(file.manifest.rows).toMatchObject({ purchases: 3 }); // the second sale and the two voids
    merge(hq, file.path);
    expect(hq.t.db.prepare("SELECT COUNT(*) FROM purchases WHERE kind = 'void' AND branch_id = ?").pluck().get(a.branchId)).toBe(2);

    const cmp = hq.t.call('hq.compare', { period: '2026-06' }, hq.manager);
    const own = a.t.call('reports.summary', { period: '2026-06' }, a.manager).current;
    const atHq = cmp.branches.find((x) => x.branch.id === a.branchId)!.kpis;
    expect(atHq).toEqual(own);
    expect(own).toMatchObject({ orders: 1, salesFen: 25050, refundsFen: 0, activeMembers: 1 }); // 李四's sale only
    const overAll = hq.t.call('reports.summary', { period: '2026-06' }, hq.manager).current;
    expect(cmp.chain).toMatchObject({
      orders: overAll.orders,
      salesFen: overAll.salesFen,
      activeMembers: overAll.activeMembers,
      repurchaseRate: overAll.repurchaseRate,
    });
    expect(cmp.chain).toMatchObject({ orders: 3, salesFen: 36050, activeMembers: 3 });
    // 张三 bought at 朝阳店 only now.
    expect(cmp.multiBranchPeople).toBe(0);
    expect(hq.t.call('hq.multiBranch', { period: '2026-06' }, hq.manager)).toEqual({ items: [], total: 0 });
    const person = hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person;
    expect(person).toMatchObject({ orders: 1, netSalesFen: 8000 });
    expect(person.branches.map((x) => [x.branch.code, x.orders, x.netSalesFen, x.lastPurchaseAt])).toEqual([
      ['BJ01', 1, 8000, '2026-06-15T02:01:00.000Z'],
      ['SH01', 0, 0, null],
    ]);
  });

  it('a voided sale’s points are neither issued nor redeemed at HQ, as at the branch', () => {
    const { hq, a, b } = chain();
    // At 徐汇店: ¥1000, then a ¥399 bill of which 300 points paid part, typed twice and the second voided.
    const lv = a.member('吕冰佳', '13800000009');
    a.buy(lv, '1000.00');
    a.buy(lv, '399.00', { redeemPoints: 300 });
    const again = a.buy(lv, '399.00', { redeemPoints: 300 });
    a.t.call('purchases.void', { purchaseId: again, reason: '重复录入' }, a.manager);
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    const figures = (k: { pointsIssued: number; pointsRedeemed: number; pointsReversed: number; pointsOutstanding: number }) => [
      k.pointsIssued,
      k.pointsRedeemed,
      k.pointsReversed,
      k.pointsOutstanding,
    ];
    const own = a.t.call('reports.summary', { period: '2026-06' }, a.manager).current;
    // Earned 100 (张三) + 250 (李四) + 1000 + 396, redeemed 300, nothing reversed; 1746 − 300 on the books.
    expect(figures(own)).toEqual([1746, 300, 0, 1446]);
    const cmp = hq.t.call('hq.compare', { period: '2026-06' }, hq.manager);
    expect(figures(cmp.branches.find((x) => x.branch.id === a.branchId)!.kpis)).toEqual([1746, 300, 0, 1446]);
    // 朝阳店's 80 + 30 added.
    expect(figures(cmp.chain)).toEqual([1856, 300, 0, 1556]);
  });

  it('a conflict is resolved by choosing one of the values seen; the person shows it, and the choice holds', () => {
    const { hq, a, b, zhangA, zhangB } = chain();
    merge(hq, exportFile(b, 'full').path);
    merge(hq, exportFile(a, 'full').path);
    const open = hq.t.call('hq.conflicts', {}, hq.manager);
    expect(open.items).toMatchObject([
      { field: 'birthday', value: '1990-01-01', currentValue: '1990-02-01', branch: { code: 'SH01' }, status: 'open' },
    ]);
    expect(hq.t.raw('hq.resolveConflict', { id: open.items[0].id, value: '2000-01-01' }, hq.manager)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(hq.t.call('hq.resolveConflict', { id: open.items[0].id, value: '1990-01-01' }, hq.manager)).toEqual({ resolved: 1 });
    expect(hq.t.call('hq.conflicts', {}, hq.manager).total).toBe(0);
    // Both values the clerk had in front of them are decided: the one that lost, and the one it lost to.
    expect(
      hq.t
        .call('hq.conflicts', { status: 'resolved' }, hq.manager)
        .items.map((c) => [c.value, c.resolvedValue, c.resolvedByName])
        .sort(),
    ).toEqual([
      ['1990-01-01', '1990-01-01', '赵经理'],
      ['1990-02-01', '1990-01-01', '赵经理'],
    ]);
    expect(hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person.birthday).toBe('1990-01-01');
    // A decision can be changed from 已处理: both rows of the field now keep the other value, and the person shows it.
    hq.t.clock.advance(1_000);
    const decided = hq.t.call('hq.conflicts', { status: 'resolved' }, hq.manager).items.find((c) => c.value === '1990-02-01')!;
    expect(hq.t.call('hq.resolveConflict', { id: decided.id, value: '1990-02-01' }, hq.manager)).toEqual({ resolved: 2 });
    expect(
      hq.t
        .call('hq.conflicts', { status: 'resolved' }, hq.manager)
        .items.map((c) => [c.value, c.resolvedValue])
        .sort(),
    ).toEqual([
      ['1990-01-01', '1990-02-01'],
      ['1990-02-01', '1990-02-01'],
    ]);
    expect(hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person.birthday).toBe('1990-02-01');
    // And back: the first choice again.
    expect(hq.t.call('hq.resolveConflict', { id: decided.id, value: '1990-01-01' }, hq.manager)).toEqual({ resolved: 2 });
    expect(hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person.birthday).toBe('1990-01-01');
    expect(hq.t.call('hq.conflicts', {}, hq.manager).total).toBe(0);

    // The choice holds when the branches go on editing: B (whose birthday lost) edits its
    // member's email, and is now the newest; nothing HQ decided opens again.
    b.t.clock.advance(60_000);
    b.t.call('members.update', { id: zhangB, email: 'zs@b.cn' }, b.clerk);
    merge(hq, exportFile(b).path);
    expect(hq.t.call('hq.conflicts', {}, hq.manager).items).toMatchObject([
      { field: 'email', value: 'zs@a.cn', currentValue: 'zs@b.cn', status: 'open' },
    ]);
    expect(hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person.birthday).toBe('1990-01-01');
    // A value no one decided on yet is a new conflict with the choice.
    a.t.clock.advance(120_000);
    a.t.call('members.update', { id: zhangA, birthday: '1990-01-11' }, a.clerk);
    merge(hq, exportFile(a).path);
    // (A is the newest now, so B's email is the one that loses; A's, which lost before, is the
    // value HQ shows now and no conflict any more: the list says what the members say now.)
    expect(
      hq.t
        .call('hq.conflicts', {}, hq.manager)
        .items.map((c) => [c.field, c.value, c.currentValue])
        .sort(),
    ).toEqual([
      ['birthday', '1990-01-11', '1990-01-01'],
      ['email', 'zs@b.cn', 'zs@a.cn'],
    ]);
  });

  it('the open conflicts are what the members say now, in any order of files: a duplicate merged away, or a value edited to agree, leaves none behind', () => {
    const hq = makeHq();
    const a = makeBranch('SH01', hq.chainCode, '2026-06-15T02:00:00.000Z', '徐汇店');
    const b = makeBranch('SH03', hq.chainCode, '2026-06-15T02:00:00.000Z', '浦东店');
    a.member('程子爽', '18628728388');
    a.member('李四', '13800000002', { email: 'ls@a.cn' });
    b.t.clock.advance(60_000);
    // B registers her phone again under another name, and its 李四 with another email (newer than A's).
    const keepB = b.member('程子双', '13900000009');
    const dupB = b.member('浦东同号客', '18628728388');
    const liB = b.member('李四', '13800000002', { email: 'ls@b.cn' });
    const b1 = exportFile(b, 'full');
    // Then B finds the duplicate and merges it, and corrects 李四's email to A's.
    b.t.clock.advance(60_000);
    b.t.call('members.merge', { keepId: keepB, mergeId: dupB }, b.manager);
    b.t.call('members.update', { id: liB, email: 'ls@a.cn' }, b.clerk);
    const b2 = exportFile(b);
    const fa = exportFile(a, 'full');

    const orders = [
      [fa, b1, b2],
      [b1, b2, fa],
      [b1, fa, b2],
    ];
    const hqs = orders.map((files, i) => {
      const site = i === 0 ? hq : makeHq();
      site.t.db.prepare("UPDATE settings SET value = ? WHERE key = 'chain_code'").run(hq.chainCode);
      for (const f of files) merge(site, f.path);
      return site;
    });
    const open = (site: typeof hq) => site.t.call('hq.conflicts', {}, site.manager).items;
    for (const site of hqs) expect(open(site)).toEqual([]);
    expect(hqContents(hqs[1].t.db)).toEqual(hqContents(hqs[0].t.db));
    expect(hqContents(hqs[2].t.db)).toEqual(hqContents(hqs[0].t.db));
    // In between, while B's duplicate and its other email were still live, both were conflicts.
    const mid = makeHq();
    mid.t.db.prepare("UPDATE settings SET value = ? WHERE key = 'chain_code'").run(hq.chainCode);
    merge(mid, fa.path);
    merge(mid, b1.path);
    expect(
      open(mid)
        .map((c) => [c.field, c.value, c.currentValue])
        .sort(),
    ).toEqual([
      ['email', 'ls@a.cn', 'ls@b.cn'],
      ['name', '程子爽', '浦东同号客'],
    ]);
  });

  it('a member who takes another phone leaves its old person, and the conflicts it had there', () => {
    const { hq, a, b, zhangA } = chain();
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    expect(hq.t.call('hq.conflicts', {}, hq.manager).items.map((c) => [c.personKey, c.field])).toEqual([['+8613800000001', 'birthday']]);
    a.t.clock.advance(60_000);
    a.t.call('members.update', { id: zhangA, phone: '13700000007' }, a.manager);
    merge(hq, exportFile(a).path);
    expect(hq.t.call('hq.conflicts', {}, hq.manager).items).toEqual([]);
    expect(hq.t.call('hq.person', { phone: '13800000001' }, hq.manager).person.branches.map((x) => x.branch.code)).toEqual(['BJ01']);
  });

  it('会员查询 finds people by a phone’s last digits, a card, a name or pinyin: one line a person, with every branch that knows them', () => {
    const { hq, a, b, zhangA, liA } = chain();
    merge(hq, exportFile(a, 'full').path);
    merge(hq, exportFile(b, 'full').path);
    const cardOf = (site: typeof a, id: string) => site.t.db.prepare('SELECT card_no FROM members WHERE id = ?').pluck().get(id) as string;
    const find = (q: string) => hq.t.call('hq.findPeople', { q }, hq.manager);
    const zhang = {
      phone: '+8613800000001',
      // B's 张三 was written last; both cards are listed, by branch code.
      name: '张三',
      branches: [
        { code: 'BJ01', name: '朝阳店', cardNo: expect.any(String) },
        { code: 'SH01', name: '徐汇店', cardNo: cardOf(a, zhangA) },
      ],
    };
    expect(find('zs')).toEqual({ items: [{ ...zhang, matchedBy: 'pinyin' }], more: false });
    expect(find('zhangsan').items.map((p) => p.phone)).toEqual(['+8613800000001']);
    expect(find('张').items).toEqual([{ ...zhang, matchedBy: 'name' }]);
    expect(find('0001').items).toEqual([{ ...zhang, matchedBy: 'phoneTail' }]);
    expect(find('+86 138 0000 0001').items).toEqual([{ ...zhang, matchedBy: 'phone' }]);
    expect(find(cardOf(a, zhangA).toLowerCase()).items).toEqual([{ ...zhang, matchedBy: 'card' }]);
    // Too few digits for a tail; the start of a branch's cards lists each of its people once, by name.
    expect(find('001').items).toEqual([]);
    expect(find('0002').items.map((p) => p.name)).toEqual(['李四']);
    expect(find('sh0').items.map((p) => [p.name, p.matchedBy, p.branches.length])).toEqual([
      ['李四', 'cardPrefix', 1],
      ['张三', 'cardPrefix', 2],
    ]);
    expect(find('李四').items).toEqual([
      { phone: '+8613800000002', name: '李四', matchedBy: 'name', branches: [{ code: 'SH01', name: '徐汇店', cardNo: cardOf(a, liA) }] },
    ]);
    expect(find('赵').items).toEqual([]);
    expect(find('   ').items).toEqual([]);
    // HQ's pages are a manager's, and a branch has its own member search.
    expect(failure(hq.t, 'hq.findPeople', { q: 'zs' }, hq.clerk).code).toBe('FORBIDDEN');
    expect(failure(a.t, 'hq.findPeople', { q: 'zs' }, a.manager).code).toBe('WRONG_MODE');
  });
});

describe('HQ reports over a branch that imported its members', () => {
  it('counts no points issued for the opening balances, as the branch’s own dashboard does', async () => {
    const hq = makeHq();
    const a = makeBranch('SH01', hq.chainCode);
    const file = join(dirname(a.t.path), 'members.csv');
    writeFileSync(file, '姓名,手机,积分\r\n张三,13800138000,500\r\n李四,13900139000,300\r\n');
    const opened = await a.t.callAsync(
      'import.open',
      { kind: 'members', fileName: 'members.csv', upload: storeUpload(a.t.path, file) },
      a.manager,
    );
    await a.t.callAsync('import.preview', { id: opened.id, mapping: opened.mapping }, a.manager);
    a.t.call('import.start', { id: opened.id, consentDeclared: true }, a.manager);
    a.t.runJobs();
    a.buy(a.member('王五', '13700137000'), '100.00');
    a.t.runJobs();
    merge(hq, exportFile(a, 'full').path);
    const own = a.t.call('reports.summary', { period: '2026-06' }, a.manager).current;
    const atHq = hq.t.call('hq.compare', { period: '2026-06' }, hq.manager).branches[0].kpis;
    expect(own.pointsIssued).toBeLessThan(800);
    expect(atHq.pointsIssued).toBe(own.pointsIssued);
    expect(atHq.newMembers).toBe(3);
  });
});
