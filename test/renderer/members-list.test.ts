import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { MemberFileRow } from '../../shared/contract/member-list';
import { MEMBER_FILE_COLUMNS, memberFileName } from '../../shared/member-file';
import { reportCsv, reportXlsx } from '../../renderer/components/reports/exportFile';
import {
  DEFAULT_VIEW,
  firstPage,
  listInput,
  paramsFromView,
  viewFromParams,
  type ListView,
} from '../../renderer/features/members/listParams';
import { fetchMemberFile, memberFileTable } from '../../renderer/features/members/memberFile';

const params = (query: string) => new URLSearchParams(query);

describe('the 会员 page address', () => {
  it('keeps filters, sort and page, leaving defaults out, so Back returns to the same list', () => {
    const view: ListView = {
      filters: { status: 'all', tierId: 't2', tag: '宝妈', consent: 'yes', lastSale: 'lapsed', lastSaleDays: 180, birthdayMonth: 3 },
      sort: 'lastSaleAt',
      order: 'asc',
      after: '["2026-01-01",7]',
      page: 3,
    };
    const query = paramsFromView(view).toString();
    expect(viewFromParams(params(query))).toEqual(view);
    expect(paramsFromView(DEFAULT_VIEW).toString()).toBe('');
    expect(paramsFromView({ ...DEFAULT_VIEW, sort: 'createdAt', order: 'desc' }).toString()).toBe('sort=createdAt'); // dates newest first by default
    expect(listInput(viewFromParams(params(query)))).toEqual({
      ...view.filters,
      sort: 'lastSaleAt',
      order: 'asc',
      after: '["2026-01-01",7]',
      before: undefined,
      pageSize: 50,
    });
  });

  it('reads an address it did not make leniently: what it does not know is left out', () => {
    expect(viewFromParams(params('status=gone&consent=maybe&sort=points&order=up&month=13&tag=' + 'x'.repeat(21)))).toEqual(DEFAULT_VIEW);
    // 最近消费 without its days takes the page's default; `never` has none.
    expect(viewFromParams(params('lastSale=within')).filters).toEqual({ status: 'active', lastSale: 'within', lastSaleDays: 30 });
    expect(viewFromParams(params('lastSale=lapsed&days=0')).filters).toEqual({ status: 'active', lastSale: 'lapsed', lastSaleDays: 90 });
    expect(viewFromParams(params('lastSale=never&days=5')).filters).toEqual({ status: 'active', lastSale: 'never' });
    expect(viewFromParams(params('days=5')).filters).toEqual({ status: 'active' });
    // A cursor needs its page number, and one cursor only.
    expect(viewFromParams(params('after=x'))).toEqual(DEFAULT_VIEW);
    expect(viewFromParams(params('after=x&before=y&page=2'))).toEqual(DEFAULT_VIEW);
    expect(viewFromParams(params('before=y&page=2'))).toMatchObject({ before: 'y', page: 2 });
  });

  it('starts a changed filter or sort from the first page', () => {
    const deep: ListView = { ...DEFAULT_VIEW, after: 'c', page: 4 };
    expect(firstPage(deep, { filters: { status: 'active', tag: 'VIP' } })).toEqual({
      ...DEFAULT_VIEW,
      filters: { status: 'active', tag: 'VIP' },
    });
    expect(firstPage(deep, { sort: 'name' })).toEqual({ ...DEFAULT_VIEW, sort: 'name' });
  });
});

const rows: MemberFileRow[] = [
  {
    cardNo: 'SH0100000001',
    name: '张三',
    phone: '+8613812345678',
    birthday: '1990-03-05',
    gender: 'male',
    tierName: '银卡会员',
    points: 1520,
    tags: ['VIP', '宝妈'],
    notes: '喜欢无糖',
    consentMarketing: true,
    registeredOn: '2026-06-15',
    email: 'zs@example.com',
    address: '徐汇区建设路 8 号',
    status: 'active',
  },
  {
    cardNo: 'SH0100000002',
    name: '=HYPERLINK("x")',
    phone: '+85291234567',
    birthday: null,
    gender: 'unspecified',
    tierName: '普通会员',
    points: 0,
    tags: [],
    notes: null,
    consentMarketing: false,
    registeredOn: '2026-06-16',
    email: null,
    address: null,
    status: 'merged',
  },
];
const HEADERS = [
  '会员卡号',
  '姓名',
  '手机',
  '生日',
  '性别',
  '等级',
  '积分',
  '标签',
  '备注',
  '同意营销',
  '注册日期',
  '邮箱',
  '地址',
  '状态',
];

describe('the member file', () => {
  it('has the import’s columns, in Chinese whatever the screen’s language', () => {
    expect(MEMBER_FILE_COLUMNS.map((c) => c.header)).toEqual(HEADERS);
    expect(memberFileName('2026-12-05', 'xlsx')).toBe('会员列表-2026-12-05.xlsx');
  });

  it('writes CSV with mainland phones as 11 digits, words for choices, formulas escaped', () => {
    const lines = reportCsv(memberFileTable(rows)).slice(1).split('\r\n');
    expect(lines).toEqual([
      HEADERS.join(','),
      'SH0100000001,张三,13812345678,1990-03-05,男,银卡会员,1520,VIP、宝妈,喜欢无糖,是,2026-06-15,zs@example.com,徐汇区建设路 8 号,在用',
      `SH0100000002,"'=HYPERLINK(""x"")","'+85291234567",,未说明,普通会员,0,,,否,2026-06-16,,,已合并`,
    ]);
  });

  it('writes Excel with text cells for cards, phones and dates, and points as numbers', async () => {
    const bytes = await reportXlsx(memberFileTable(rows), { title: '会员列表' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('会员列表');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      'SH0100000001',
      '张三',
      '13812345678',
      '1990-03-05',
      '男',
      '银卡会员',
      1520,
      'VIP、宝妈',
      '喜欢无糖',
      '是',
      '2026-06-15',
      'zs@example.com',
      '徐汇区建设路 8 号',
      '在用',
    ]);
    expect(sheet.getCell('C3').value).toBe('+85291234567');
  });
});

describe('reading every member for the file', () => {
  const chunks = [
    { items: [rows[0]], next: 'c1', total: 2 },
    { items: [rows[1]], next: null, total: null },
  ];
  it('follows next until it is null, counting against the first answer’s total', async () => {
    const asked: Array<string | undefined> = [];
    const seen: unknown[] = [];
    const all = await fetchMemberFile(
      async (after) => (asked.push(after), chunks[asked.length - 1]),
      (p) => (seen.push(p), true),
    );
    expect(all).toEqual(rows);
    expect(asked).toEqual([undefined, 'c1']);
    expect(seen).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
  });

  it('stops when told to (Excel’s limit, a cancel), reading no more', async () => {
    let calls = 0;
    expect(
      await fetchMemberFile(
        async () => chunks[calls++],
        () => false,
      ),
    ).toBeNull();
    expect(calls).toBe(1);
  });
});
