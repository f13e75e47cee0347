import { describe, expect, it } from 'vitest';
import type { MemberFileRow } from '../../../shared/contract/member-list';
import { MEMBER_FILE_COLUMNS } from '../../../shared/member-file';
import { cleanMemberCell, cleanSaleCell, MEMBER_CLEANERS, type MemberValues } from '../../../shared/import/clean';
import { MEMBER_FIELD_DEFINITIONS, MEMBER_FIELDS, type MemberField } from '../../../shared/import/columns';
import { guessMapping } from '../../../shared/import/header-guess';

const context = { today: '2026-12-05' };

// Two members as the member list exports them: one plain, one with every awkward value the
// export can write (a number abroad, tags, a note over two lines, nothing where it may be empty).
const rows: MemberFileRow[] = [
  {
    cardNo: 'SH0100000001',
    name: '王芳',
    phone: '+8613800138000',
    birthday: '1990-05-01',
    gender: 'female',
    tierName: '金卡',
    points: 1234,
    tags: ['VIP', '宝妈'],
    notes: '喜欢红色，不吃辣。\n周末来',
    consentMarketing: true,
    registeredOn: '2024-03-15',
    email: 'wang@example.com',
    address: '上海市徐汇区漕溪北路18号',
    status: 'active',
  },
  {
    cardNo: 'SH0100000002',
    name: 'Li Na',
    phone: '+85291234567',
    birthday: null,
    gender: 'unspecified',
    tierName: '普通会员',
    points: 0,
    tags: [],
    notes: null,
    consentMarketing: false,
    registeredOn: '2025-12-31',
    email: null,
    address: null,
    status: 'inactive',
  },
];

/** The cell text a CSV export writes: the formula guard's apostrophe on text Excel would run. */
function csvCell(value: string | number): string {
  const text = String(value);
  return /^[=+@]/.test(text) ? `'${text}` : text;
}

/** What the import should read from a row, field by field. */
function expectedValues(row: MemberFileRow): Partial<Record<MemberField, MemberValues[MemberField] | null>> {
  return {
    cardNo: row.cardNo,
    name: row.name,
    phone: { e164: row.phone, kind: row.phone.startsWith('+86') ? 'mobile' : 'foreign' },
    birthday: row.birthday,
    gender: row.gender,
    tier: row.tierName,
    points: row.points,
    tags: row.tags.length === 0 ? null : row.tags,
    notes: row.notes,
    consentMarketing: row.consentMarketing,
    registeredOn: row.registeredOn,
    email: row.email,
    address: row.address,
    status: row.status,
  };
}

describe('the member list export read back (round trip)', () => {
  const mapping = guessMapping(
    MEMBER_FILE_COLUMNS.map((c) => c.header),
    MEMBER_FIELD_DEFINITIONS,
  );

  it.each(rows.map((row) => [row.name, row] as const))('reads %s back as it was exported, with nothing to clean', (_name, row) => {
    const read: Partial<Record<MemberField, unknown>> = {};
    MEMBER_FILE_COLUMNS.forEach((column, i) => {
      const field = mapping[i];
      if (field === null) throw new Error(`${column.header} is not mapped`);
      const result = cleanMemberCell(field, csvCell(column.cell(row)), context);
      if (!result.ok) throw new Error(`${column.header}: ${result.reason}`);
      // the only step an exported value may need is the apostrophe the export itself added
      expect(
        result.steps.filter((s) => s.rule !== 'text.formulaQuote'),
        column.header,
      ).toEqual([]);
      read[field] = result.value;
    });
    expect(read).toEqual(expectedValues(row));
  });

  it('reads the Excel export’s number cell for points as it was written', () => {
    expect(cleanMemberCell('points', 1234, context)).toEqual({ ok: true, value: 1234, steps: [] });
  });
});

describe('cleanMemberCell and cleanSaleCell', () => {
  it('has a cleaner for every member field', () => {
    expect(Object.keys(MEMBER_CLEANERS).sort()).toEqual([...MEMBER_FIELDS].sort());
  });

  it('refuses a required field left empty, keeping what was cleaned', () => {
    expect(cleanMemberCell('name', '', context)).toEqual({ ok: false, reason: 'field.required', steps: [] });
    expect(cleanMemberCell('phone', ' - ', context)).toEqual({
      ok: false,
      reason: 'field.required',
      steps: [
        { rule: 'text.trim', before: ' - ', after: '-' },
        { rule: 'empty.placeholder', before: '-', after: '' },
      ],
    });
    expect(cleanSaleCell('amount', '', context)).toMatchObject({ ok: false, reason: 'field.required' });
    expect(cleanSaleCell('soldAt', null, context)).toMatchObject({ ok: false, reason: 'field.required' });
  });

  it('leaves an optional field empty', () => {
    expect(cleanMemberCell('birthday', '', context)).toEqual({ ok: true, value: null, steps: [] });
    expect(cleanSaleCell('receiptNo', '', context)).toEqual({ ok: true, value: null, steps: [] });
  });

  it('cleans each field by its kind, with the store’s date for birthdays and sales', () => {
    expect(cleanMemberCell('birthday', '2027-01-01', context)).toMatchObject({ ok: false, reason: 'birthday.future' });
    expect(cleanMemberCell('storedValue', '¥88.80', context)).toMatchObject({ ok: true, value: 8880 });
    expect(cleanMemberCell('registeredOn', '2024/3/15', context)).toMatchObject({ ok: true, value: '2024-03-15' });
    expect(cleanSaleCell('soldAt', '2024/5/1 14:30', context)).toMatchObject({ ok: true, value: { date: '2024-05-01', time: '14:30:00' } });
    expect(cleanSaleCell('amount', '￥1,280.00', context)).toMatchObject({ ok: true, value: 128000 });
    expect(cleanSaleCell('amount', '-12.00', context)).toMatchObject({ ok: false, reason: 'money.negative' });
    expect(cleanSaleCell('phone', '138 0013 8000', context)).toMatchObject({ ok: true, value: { e164: '+8613800138000' } });
  });

  it('reads year-last dates only once the user has said how the file writes them', () => {
    expect(cleanMemberCell('birthday', '5/1/1990', context)).toMatchObject({ ok: false, reason: 'date.ambiguousOrder' });
    expect(cleanMemberCell('birthday', '5/1/1990', { ...context, yearLast: 'dayFirst' })).toMatchObject({ ok: true, value: '1990-01-05' });
  });
});
