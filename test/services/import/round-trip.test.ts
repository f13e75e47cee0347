import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { MemberFileRow } from '../../../shared/contract/member-list';
import { reportCsv, reportXlsx } from '../../../renderer/components/reports/exportFile';
import { memberFileTable } from '../../../renderer/features/members/memberFile';
import { counter, ledgerProblems, type Counter } from '../points-fixtures';
import { scratchFolder } from './import-files';
import { importFile } from './import-fixtures';

// Issue 17, point 7: the member list's export (导出 on the 会员 page) of a branch, imported into
// an empty branch, gives the same members and the same balances, in CSV and in Excel. Compared
// as the member list exports them again, field for field.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

/** A branch whose members have every field the file carries, some of them awkward for a spreadsheet. */
function populated(): Counter {
  const c = counter();
  const zhang = c.member('张三', {
    birthday: '1990-05-01',
    gender: 'male',
    tags: ['老顾客', '爱喝茶'],
    notes: '喜欢绿茶，"少糖"\n周末来',
    consentMarketing: true,
    email: 'zs@example.com',
    address: '北京市朝阳区,1号',
  });
  c.buy(zhang, 2500); // 银卡会员 from ¥2,000, 2,500 points
  const li = c.member('李四', { phone: '02162345678', gender: 'female' }); // a Shanghai landline
  c.t.call('points.adjust', { memberId: li, points: 35, reason: '开业赠送' }, c.manager);
  c.member('Wang Wu', { phone: '+85291234567', birthday: '2000-02-29' }); // Hong Kong: +852 Excel would read as a formula
  c.member('=HYPERLINK("x")', { notes: '-1 非数字开头' });
  const gone = c.member('赵六', { tags: ['流失'] });
  c.t.call('members.setStatus', { id: gone, status: 'inactive' }, c.manager);
  c.advance(40 * 86_400_000); // registered on different days from today's
  c.member('钱七', { consentMarketing: false });
  return c;
}

async function exported(c: Counter): Promise<MemberFileRow[]> {
  const rows: MemberFileRow[] = [];
  let after: string | undefined;
  do {
    const chunk = c.t.call('members.export', { status: 'all', limit: 2, ...(after ? { after } : {}) }, c.manager);
    rows.push(...chunk.items);
    after = chunk.next ?? undefined;
  } while (after);
  return rows;
}

describe('the member list exported and imported into an empty branch', () => {
  it.each(['csv', 'xlsx'] as const)('gives the same members and balances (%s)', async (kind) => {
    const from = populated();
    const file = await exported(from);
    expect(file).toHaveLength(6);
    const path = scratch.path(`会员列表-${kind}.${kind}`);
    const table = memberFileTable(file);
    writeFileSync(path, kind === 'csv' ? reportCsv(table) : await reportXlsx(table, { title: '会员列表' }));

    const into = counter('2026-09-01T02:00:00.000Z');
    const done = await importFile(into.t, into.manager, path, 'members', { tiers: 'file' });
    expect(done.counts).toMatchObject({ rows: 6, valid: 6, invalid: 0, create: 6 });
    expect(done.result).toMatchObject({ created: 6, points: 2535 });
    expect(await exported(into)).toEqual(file);
    expect(ledgerProblems(into.t.db)).toEqual([]);
    // and the new branch's own next member gets a card the file did not have
    into.member('新会员', { phone: '13700000000' });
    const cards = into.t.db.prepare('SELECT card_no FROM members').pluck().all() as string[];
    expect(new Set(cards).size).toBe(7);
  });
});
