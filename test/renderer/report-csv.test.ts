import { describe, expect, it } from 'vitest';
import { parse } from 'papaparse';
import { reportCsv } from '../../renderer/components/reports/exportFile';
import { displayText, type ReportColumn } from '../../renderer/components/reports/columns';

interface SegmentRow {
  segment: string;
  note: string | null;
  members: number;
  spendFen: number;
  share: number;
}

const columns: ReportColumn<SegmentRow>[] = [
  { key: 'segment', header: '分群' },
  { key: 'note', header: '说明' },
  { key: 'members', header: '会员数', kind: 'number' },
  { key: 'spendFen', header: '消费金额（元）', kind: 'money' },
  { key: 'share', header: '占比', kind: 'percent' },
];

const rows: SegmentRow[] = [
  { segment: '重要价值', note: '近期, 高频, 高额', members: 1200, spendFen: 123456789, share: 0.2534 },
  { segment: '一般挽留', note: '他说："再也不来了"\n第二行', members: 35, spendFen: 5, share: 0.0067 },
  { segment: '退款', note: null, members: 0, spendFen: -1250, share: 0 },
];

function lines(csv: string): string[] {
  return csv.slice(1).split('\r\n');
}

describe('report CSV', () => {
  it('starts with a UTF-8 BOM so Excel on zh-CN Windows reads the Chinese right', () => {
    const csv = reportCsv({ columns, rows });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes the translated header row and CRLF line ends', () => {
    const csv = reportCsv({ columns, rows });
    expect(lines(csv)[0]).toBe('分群,说明,会员数,消费金额（元）,占比');
    expect(csv.endsWith('\r\n')).toBe(false);
    expect(csv.split('\r\n')).toHaveLength(4); // header and 3 rows: a newline inside a field stays a bare \n
  });

  it('quotes fields with commas, quotes and newlines (RFC 4180) and leaves plain fields bare', () => {
    const csv = reportCsv({ columns, rows });
    expect(lines(csv)[1]).toBe('重要价值,"近期, 高频, 高额",1200,1234567.89,25.3%');
    expect(csv).toContain('一般挽留,"他说：""再也不来了""\n第二行",35,0.05,0.7%');
  });

  it('exports money as yuan with two decimals, counts as numbers, an empty cell for no value', () => {
    const csv = reportCsv({ columns, rows });
    expect(lines(csv)[3]).toBe('退款,,0,-12.50,0.0%');
  });

  it('reads back to the same cells', () => {
    const csv = reportCsv({ columns, rows });
    const parsed = parse<string[]>(csv.slice(1), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[2]).toEqual(['一般挽留', '他说："再也不来了"\n第二行', '35', '0.05', '0.7%']);
  });

  it('defuses text Excel would run as a formula, but keeps negative numbers as numbers', () => {
    type NameRow = { name: string };
    const nameColumns: ReportColumn<NameRow>[] = [{ key: 'name', header: '姓名' }];
    const csv = reportCsv({
      columns: nameColumns,
      rows: [{ name: '=HYPERLINK("http://x")' }, { name: '-1+1' }, { name: '-12.50' }, { name: '@SUM(A1)' }],
    });
    expect(lines(csv).slice(1)).toEqual(['"\'=HYPERLINK(""http://x"")"', '"\'-1+1"', '-12.50', '"\'@SUM(A1)"']);
  });

  it('adds the totals row last', () => {
    const total: SegmentRow = { segment: '合计', note: null, members: 1235, spendFen: 123455544, share: 1 };
    const csv = reportCsv({ columns, rows, totalRow: total });
    expect(lines(csv).at(-1)).toBe('合计,,1235,1234555.44,100.0%');
  });

  it("uses a column's own format for text, and the raw number for numeric kinds", () => {
    const custom: ReportColumn<SegmentRow>[] = [
      { key: 'segment', header: '分群', format: (v) => `【${String(v)}】` },
      { key: 'members', header: '会员数', kind: 'number', format: (v) => `${String(v)} 人` },
    ];
    const csv = reportCsv({ columns: custom, rows: rows.slice(0, 1) });
    expect(lines(csv)[1]).toBe('【重要价值】,1200');
    expect(displayText(custom[1], rows[0])).toBe('1200 人');
  });
});

describe('report cells on screen', () => {
  it('formats by kind: money as yuan, percent with one decimal, missing as a dash', () => {
    expect(displayText(columns[3], rows[0])).toBe('¥1,234,567.89');
    expect(displayText(columns[4], rows[0])).toBe('25.3%');
    expect(displayText(columns[2], rows[0])).toBe('1,200');
    expect(displayText(columns[1], rows[2])).toBe('—');
    const average: ReportColumn<{ visits: number }> = { key: 'visits', header: '人均到店', kind: 'number', decimals: 2 };
    expect(displayText(average, { visits: 2.3 })).toBe('2.30');
    expect(displayText(average, { visits: 1234.567 })).toBe('1,234.57');
  });
});
