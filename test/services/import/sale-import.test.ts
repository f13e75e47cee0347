import { afterAll, describe, expect, it } from 'vitest';
import { jobRunner } from '../../../services/core/jobs/runner';
import { ledgerProblems, counter, lotsOf, type Counter } from '../points-fixtures';
import { scratchFolder } from './import-files';
import { count, importFile, previewFile, startFile, writeCsv } from './import-fixtures';

// A sales history import (issue 17, point 3): past purchases linked to members by phone or card,
// each counted once however often its file (or the till's next daily export) comes in, points
// for them only when asked and never twice over, and the reports right once the jobs have run.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

let files = 0;
const salesFile = (lines: readonly string[]) => writeCsv(scratch.path(`sales-${++files}.csv`), lines);

const HEADER = '日期,金额,手机,会员卡号,小票号,品类';

/** A store (the clock at 2026-06-15 10:00 in Shanghai) with three members: 13800000001…3. */
function store(): { c: Counter; jia: string; yi: string; bing: string } {
  const c = counter();
  const [jia, yi, bing] = ['甲', '乙', '丙'].map((name) => c.member(name));
  return { c, jia, yi, bing };
}

const cardOf = (c: Counter, id: string) => c.t.db.prepare('SELECT card_no FROM members WHERE id = ?').pluck().get(id) as string;
const sales = (c: Counter) =>
  c.t.db.prepare('SELECT member_id, amount_fen, receipt_no, category, occurred_at FROM purchases ORDER BY occurred_at, rowid').all();
const memberRow = (c: Counter, id: string) =>
  c.t.db.prepare('SELECT points_balance, last_sale_at, version FROM members WHERE id = ?').get(id) as {
    points_balance: number;
    last_sale_at: string | null;
    version: number;
  };

describe('a sales history import', () => {
  it('links each sale to its member by phone, else by card, and refuses a sale for nobody with its row, column and value', async () => {
    const { c, jia, yi } = store();
    const file = salesFile([
      HEADER,
      '2026-05-01 10:30,88.00,13800000001,,A001,咖啡',
      `2026-05-02,120,,${cardOf(c, yi)},A002,`,
      '2026-05-03,35.5,+86 139 0000 0000,,A003,',
      '2026-05-04,20,,SH09999999,A004,',
    ]);
    const preview = await previewFile(c.t, c.manager, file, 'sales');
    expect(preview.mapping).toEqual(['soldAt', 'amount', 'phone', 'cardNo', 'receiptNo', 'category']);
    expect(preview.counts).toMatchObject({ rows: 4, valid: 2, invalid: 2, create: 2 });
    expect(preview.notices).toMatchObject({ firstSale: '2026-05-01', lastSale: '2026-05-02', salesFen: 20800 });
    expect(c.t.call('import.problems', { id: preview.id }, c.manager).items).toEqual([
      { row: 4, column: '手机', value: '+86 139 0000 0000', reason: 'member.notFound', limit: null },
      { row: 5, column: '会员卡号', value: 'SH09999999', reason: 'member.notFound', limit: null },
    ]);
    expect(count(c.t, 'SELECT count(*) FROM purchases')).toBe(0);
    c.t.call('import.start', { id: preview.id }, c.manager);
    c.t.runJobs();
    expect(sales(c)).toEqual([
      // 10:30 in Shanghai; a sale without a time of day is put at noon
      { member_id: jia, amount_fen: 8800, receipt_no: 'A001', category: '咖啡', occurred_at: '2026-05-01T02:30:00.000Z' },
      { member_id: yi, amount_fen: 12000, receipt_no: 'A002', category: null, occurred_at: '2026-05-02T04:00:00.000Z' },
    ]);
    expect(memberRow(c, jia).last_sale_at).toBe('2026-05-01T02:30:00.000Z');
    expect(c.t.call('import.rejected', { id: preview.id }, c.manager).rows.map((r) => r.row)).toEqual([4, 5]);
  });

  it('refuses a sale of nothing (¥0: a gift, a voided line), which a purchase cannot be, instead of failing the job', async () => {
    const { c } = store();
    const lines = [HEADER, '2026-05-01,0,13800000001,,Z1,', '2026-05-02,0.00,13800000002,,Z2,', '2026-05-03,12,13800000002,,Z3,'];
    const done = await importFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(done).toMatchObject({ state: 'done', counts: { valid: 1, invalid: 2 }, result: { sales: 1 } });
    expect(c.t.call('import.problems', { id: done.id }, c.manager).items).toEqual([
      { row: 2, column: '金额', value: '0', reason: 'sale.zeroAmount', limit: null },
      { row: 3, column: '金额', value: '0.00', reason: 'sale.zeroAmount', limit: null },
    ]);
  });

  it("gives a merged registration's sales, by its phone or card, to the member it became, and a deactivated member theirs", async () => {
    const { c, jia, yi, bing } = store();
    const ding = c.member('丁'); // 13800000004
    const card = cardOf(c, yi);
    c.t.call('members.merge', { keepId: jia, mergeId: yi }, c.manager);
    c.t.call('members.setStatus', { id: ding, status: 'inactive' }, c.manager);
    const lines = [
      HEADER,
      '2026-05-01,10,13800000002,,M1,',
      `2026-05-02,20,,${card},M2,`,
      '2026-05-03,30,13800000003,,M3,',
      '2026-05-04,40,13800000004,,M4,',
    ];
    const preview = await previewFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(preview.counts).toMatchObject({ valid: 4, create: 4 });
    // merged after the preview: the sale goes where the merge sent the others
    const wu = c.member('戊');
    c.t.call('members.merge', { keepId: wu, mergeId: bing }, c.manager);
    c.t.call('import.start', { id: preview.id }, c.manager);
    c.t.runJobs();
    const owners = c.t.db.prepare('SELECT receipt_no, member_id FROM purchases ORDER BY receipt_no').all();
    expect(owners).toEqual([
      { receipt_no: 'M1', member_id: jia },
      { receipt_no: 'M2', member_id: jia },
      { receipt_no: 'M3', member_id: wu },
      { receipt_no: 'M4', member_id: ding },
    ]);
  });

  it('counts a receipt once: the same file again adds nothing, and a second row with its number is left out', async () => {
    const { c } = store();
    const lines = [HEADER, '2026-05-01,88,13800000001,,A001,', '2026-05-02,60,13800000002,,A002,', '2026-05-03,99,13800000003,,A001,'];
    const first = await importFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(first.counts).toMatchObject({ create: 2, skip: 1 });
    expect(first.notices).toMatchObject({ repeatedReceipts: 1, alreadyImported: 0 });
    expect(first.result).toMatchObject({ sales: 2, salesFen: 14800 });
    const again = await previewFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(again.counts).toMatchObject({ valid: 3, create: 0, skip: 3 });
    expect(again.notices).toMatchObject({ alreadyImported: 2, repeatedReceipts: 1, salesFen: 0 });
    expect(c.t.raw('import.start', { id: again.id }, c.manager)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'nothing_to_import' } },
    });
    expect(count(c.t, 'SELECT count(*) FROM purchases')).toBe(2);
  });

  it("takes from a till's next daily export only the sales it did not have, with receipt numbers or without", async () => {
    const { c } = store();
    const monday = [
      '2026-06-08 09:00,18,13800000001,,R1,咖啡',
      '2026-06-08 09:05,18,13800000002,,,咖啡',
      '2026-06-08 09:05,18,13800000002,,,咖啡',
    ];
    const tuesday = [...monday, '2026-06-09 10:00,25,13800000003,,R2,', '2026-06-09 10:01,18,13800000002,,,咖啡'];
    await importFile(c.t, c.manager, salesFile([HEADER, ...monday]), 'sales');
    expect(count(c.t, 'SELECT count(*) FROM purchases')).toBe(3);
    const next = await importFile(c.t, c.manager, salesFile([HEADER, ...tuesday]), 'sales');
    expect(next.counts).toMatchObject({ create: 2, skip: 3 });
    expect(next.notices).toMatchObject({ alreadyImported: 3 });
    expect(count(c.t, 'SELECT count(*) FROM purchases')).toBe(5);
    // and the same export on Wednesday with one more sale of the same coffee that morning
    const wednesday = [...tuesday, '2026-06-08 09:05,18,13800000002,,,咖啡'];
    const third = await importFile(c.t, c.manager, salesFile([HEADER, ...wednesday]), 'sales');
    expect(third.counts).toMatchObject({ create: 1, skip: 5 });
    expect(count(c.t, "SELECT count(*) FROM purchases WHERE occurred_at = '2026-06-08T01:05:00.000Z'")).toBe(3);
  });

  it('imports two identical rows without a receipt as two sales, each keyed by its place among them', async () => {
    const { c, jia } = store();
    const lines = [HEADER, '2026-05-01 10:00,18,13800000001,,,咖啡', '2026-05-01 10:00,18,13800000001,,,咖啡'];
    const done = await importFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(done.result).toMatchObject({ sales: 2 });
    expect(c.t.db.prepare('SELECT key FROM import_sale_keys ORDER BY key').pluck().all()).toEqual([
      'c:2026-05-01 10:00:00|1800|+8613800000001||咖啡#1',
      'c:2026-05-01 10:00:00|1800|+8613800000001||咖啡#2',
    ]);
    const again = await previewFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(again.counts).toMatchObject({ create: 0, skip: 2 });
    expect(count(c.t, 'SELECT count(*) FROM purchases WHERE member_id = ?', jia)).toBe(2);
  });

  it('gives points for history only when asked, by the rules, and writes none already past their date', async () => {
    const { c, jia, yi } = store();
    const old = ['2025-05-10,100,13800000001,,H1,', '2025-07-01,50,13800000001,,H2,'];
    await importFile(c.t, c.manager, salesFile([HEADER, ...old]), 'sales');
    expect(memberRow(c, jia).points_balance).toBe(0);
    expect(count(c.t, "SELECT count(*) FROM points_ledger WHERE kind = 'earn'")).toBe(0);

    await importFile(c.t, c.manager, salesFile([HEADER, '2026-06-01,30,13800000002,,H3,']), 'sales', { historyPoints: true });
    expect(c.balance(yi)).toBe(30);
    // 1 point a yuan; the lot expires at the end of the 12th month after the sale, as the counter's would
    expect(lotsOf(c.t.db, yi)).toEqual([
      {
        points: 30,
        remaining: 30,
        earned_at: '2026-06-15T02:00:00.000Z',
        available_at: '2026-06-15T02:00:00.000Z',
        expires_at: '2027-06-30T16:00:00.000Z',
      },
    ]);

    // The two old sales into another store, points asked: May 2025's expired at the end of May 2026.
    const other = store();
    await importFile(other.c.t, other.c.manager, salesFile([HEADER, ...old]), 'sales', { historyPoints: true });
    expect(other.c.balance(other.jia)).toBe(50);
    expect(lotsOf(other.c.t.db, other.jia).map((l) => l.expires_at)).toEqual(['2026-07-31T16:00:00.000Z']);
    expect(ledgerProblems(c.t.db)).toEqual([]);
    expect(ledgerProblems(other.c.t.db)).toEqual([]);
  });

  it('never gives history points to a member whose opening points came from a members file, and says so first', async () => {
    const c = counter();
    const members = writeCsv(scratch.path(`members-${++files}.csv`), ['姓名,手机,积分', '甲,13900000001,500', '乙,13900000002,']);
    await importFile(c.t, c.manager, members, 'members');
    const lines = [HEADER, '2026-06-01,100,13900000001,,S1,', '2026-06-01,100,13900000002,,S2,'];
    const preview = await previewFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(preview.notices).toMatchObject({ salesOfImportedBalances: 1 });
    c.t.call('import.start', { id: preview.id, historyPoints: true }, c.manager);
    c.t.runJobs();
    const balances = c.t.db.prepare('SELECT name, points_balance FROM members ORDER BY name').all();
    expect(balances).toEqual([
      { name: '乙', points_balance: 100 },
      { name: '甲', points_balance: 500 },
    ]);
  });

  it('queues the tiers and the report summaries, and the dashboard shows the history once they have run', async () => {
    const { c, jia, yi } = store();
    const lines = [
      HEADER,
      '2026-05-03,100,13800000001,,D1,',
      '2026-05-20,50,13800000001,,D2,',
      '2026-05-21,3000,13800000002,,D3,',
      '2026-04-30,80,13800000003,,D4,',
    ];
    const started = await startFile(c.t, c.manager, salesFile(lines), 'sales');
    const runner = jobRunner(c.t.app);
    while (c.t.call('import.get', { id: started.id }, c.manager).state === 'importing') runner.step();
    const open = c.t.call('jobs.list', {}, c.manager).active.map((j) => j.kind);
    expect(open).toEqual(expect.arrayContaining(['tiers.reevaluate', 'reports.summaries']));
    c.t.runJobs();
    const may = c.t.call('reports.summary', { period: '2026-05' }, c.manager).current;
    expect(may).toMatchObject({ orders: 3, salesFen: 315000, netSalesFen: 315000, activeMembers: 2, aovFen: 105000, repurchaseRate: 0.5 });
    const april = c.t.call('reports.summary', { period: '2026-04' }, c.manager).current;
    expect(april).toMatchObject({ orders: 1, salesFen: 8000, activeMembers: 1 });
    expect(c.t.call('reports.rfm', {}, c.manager)).toMatchObject({ scored: 3, unscored: 0 });
    // ¥3,000 in the window puts 乙 in 银卡会员 (from ¥2,000), as the counter would have; 甲's ¥150 leaves them in the lowest (no tier row)
    const tiers = c.t.db.prepare('SELECT m.name, t.name AS tier FROM members m LEFT JOIN tiers t ON t.id = m.tier_id ORDER BY m.name');
    expect(tiers.all()).toEqual([
      { name: '丙', tier: null },
      { name: '乙', tier: '银卡会员' },
      { name: '甲', tier: null },
    ]);
    expect(memberRow(c, yi).last_sale_at).toBe('2026-05-21T04:00:00.000Z');
    expect(memberRow(c, jia).last_sale_at).toBe('2026-05-20T04:00:00.000Z');
  });

  it('cancelled half-way, takes its sales back: balances and last sales as they were', async () => {
    const { c, jia, yi } = store();
    c.buy(jia, 10); // today, at the counter
    const before = { jia: memberRow(c, jia), yi: memberRow(c, yi) };
    const lines = [HEADER];
    for (let i = 0; i < 30; i++) lines.push(`2026-0${1 + (i % 5)}-1${i % 10},${10 + i},1380000000${1 + (i % 2)},,C${i},`);
    const started = await startFile(c.t, c.manager, salesFile(lines), 'sales', { historyPoints: true });
    const runner = jobRunner(c.t.app, { sliceRows: 10 });
    runner.step();
    runner.step();
    expect(count(c.t, 'SELECT count(*) FROM purchases')).toBe(21);
    expect(memberRow(c, yi).points_balance).toBeGreaterThan(0);
    c.t.call('import.cancel', { id: started.id }, c.manager);
    c.t.runJobs();
    expect(c.t.call('import.get', { id: started.id }, c.manager).state).toBe('cancelled');
    expect(count(c.t, 'SELECT count(*) FROM purchases')).toBe(1);
    expect(count(c.t, 'SELECT count(*) FROM import_sale_keys')).toBe(0);
    expect({ jia: memberRow(c, jia), yi: memberRow(c, yi) }).toEqual(before);
    expect(ledgerProblems(c.t.db)).toEqual([]);
    // and the file imported again afterwards is whole
    const again = await importFile(c.t, c.manager, salesFile(lines), 'sales');
    expect(again.result).toMatchObject({ sales: 30 });
  });

  it('keeps, when undone, a sale the counter refunded meanwhile, and one whose points a merge carried on', async () => {
    const { c, jia, yi, bing } = store();
    const lines = [
      HEADER,
      '2026-06-01,100,13800000001,,K1,',
      '2026-06-02,100,13800000002,,K2,',
      '2026-06-03,100,13800000003,,K3,',
      '2026-06-04,100,13800000003,,K4,',
    ];
    const started = await startFile(c.t, c.manager, salesFile(lines), 'sales', { historyPoints: true });
    jobRunner(c.t.app, { sliceRows: 3 }).step();
    const saleOf = (member: string) => c.t.db.prepare('SELECT id FROM purchases WHERE member_id = ?').pluck().get(member) as string;
    c.t.call('purchases.refund', { purchaseId: saleOf(jia), amount: 20 }, c.clerk);
    c.t.call('members.merge', { keepId: bing, mergeId: yi }, c.manager); // 乙's sale and its 100 points move to 丙
    expect(memberRow(c, bing).last_sale_at).toBe('2026-06-03T04:00:00.000Z');
    c.t.call('import.cancel', { id: started.id }, c.manager);
    c.t.runJobs();
    expect(JSON.parse(c.t.db.prepare("SELECT result_json FROM jobs WHERE kind = 'import.sales'").pluck().get() as string)).toMatchObject({
      undone: 1,
      kept: 2,
    });
    expect(c.t.db.prepare("SELECT receipt_no FROM purchases WHERE kind = 'sale' ORDER BY receipt_no").pluck().all()).toEqual(['K1', 'K2']);
    expect(c.balance(bing)).toBe(100);
    expect(memberRow(c, bing).last_sale_at).toBe('2026-06-02T04:00:00.000Z');
    // (a merge's own entries carry a balance without lots, by design: only the balances are checked)
    expect(ledgerProblems(c.t.db).filter((p) => p.startsWith('balance'))).toEqual([]);
  });
});
