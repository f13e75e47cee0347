import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { MemberFileRow } from '../../../shared/contract/member-list';
import { MEMBER_FILE_COLUMNS } from '../../../shared/member-file';
import { reportCsv, reportXlsx } from '../../../renderer/components/reports/exportFile';
import { memberFileTable } from '../../../renderer/features/members/memberFile';
import { readAll, scratchFolder } from './import-files';

// The member list's export (导出 on the 会员 page) is the layout the import reads back: the
// reader must give each of its cells as the export wrote it, in CSV and in Excel.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

const member = (over: Partial<MemberFileRow>): MemberFileRow => ({
  cardNo: '000123',
  name: '张三',
  phone: '+8613800138000',
  birthday: '1990-05-01',
  gender: 'male',
  tierName: '金卡',
  points: 1200,
  tags: ['老顾客', '爱喝茶'],
  notes: '喜欢绿茶，"少糖"\n周末来',
  consentMarketing: true,
  registeredOn: '2024-03-01',
  email: 'zs@example.com',
  address: '北京市朝阳区,1号',
  status: 'active',
  ...over,
});

const members = [
  member({}),
  member({ cardNo: '000124', name: '李四', phone: '+862162345678', birthday: null, gender: 'female', points: 0, tags: [], notes: null }),
  member({
    cardNo: '000125',
    name: 'Wang Wu',
    phone: '+8613900139000',
    gender: 'unspecified',
    points: -5,
    email: null,
    status: 'inactive',
  }),
];
const cellsOf = (row: MemberFileRow) => MEMBER_FILE_COLUMNS.map((column) => String(column.cell(row)));

describe('the member file read back', () => {
  it('reads the CSV export cell for cell, under its own headers', async () => {
    const path = scratch.path('会员列表.csv');
    writeFileSync(path, reportCsv(memberFileTable(members)));
    const { file, rows } = await readAll(path);
    expect(file).toMatchObject({ encoding: 'utf-8', delimiter: ',', headers: MEMBER_FILE_COLUMNS.map((c) => c.header) });
    expect(rows).toEqual(members.map((m, i) => ({ row: i + 2, cells: cellsOf(m) })));
  });

  it('reads the Excel export cell for cell: the card number keeps its zeros, points are the number', async () => {
    const path = scratch.path('会员列表.xlsx');
    writeFileSync(path, await reportXlsx(memberFileTable(members), { title: '会员列表' }));
    const { file, rows } = await readAll(path);
    expect(file).toMatchObject({ kind: 'xlsx', sheet: '会员列表', headers: MEMBER_FILE_COLUMNS.map((c) => c.header) });
    expect(rows).toEqual(members.map((m, i) => ({ row: i + 2, cells: cellsOf(m) })));
  });

  it('gives a cell Excel would run as a formula as the CSV holds it, after the apostrophe the export put first', async () => {
    // A Hong Kong phone is written +852…: without the apostrophe Excel would read it as a number.
    // The reader gives the file as it is; the cleaning takes the apostrophe off.
    const path = scratch.path('formula-like.csv');
    writeFileSync(path, reportCsv(memberFileTable([member({ name: '=HYPERLINK("x")', phone: '+85291234567' })])));
    const { rows } = await readAll(path);
    expect(rows[0].cells.slice(1, 3)).toEqual(['\'=HYPERLINK("x")', "'+85291234567"]);
    const xlsx = scratch.path('formula-like.xlsx');
    writeFileSync(
      xlsx,
      await reportXlsx(memberFileTable([member({ name: '=HYPERLINK("x")', phone: '+85291234567' })]), { title: '会员列表' }),
    );
    expect((await readAll(xlsx)).rows[0].cells.slice(1, 3)).toEqual(['=HYPERLINK("x")', '+85291234567']);
  });
});
