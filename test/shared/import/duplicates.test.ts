import { describe, expect, it } from 'vitest';
import { duplicateKeys, duplicatesInFile, nameKey } from '../../../shared/import/duplicates';

describe('nameKey', () => {
  it.each([
    ['Li Na', 'lina'],
    ['LI NA', 'lina'],
    ['LiNa', 'lina'],
    ['阿依古丽·买买提', '阿依古丽买买提'],
    ['阿依古丽•买买提', '阿依古丽买买提'],
    ['王芳', '王芳'],
  ])('%j is compared as %j', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });
});

describe('duplicateKeys', () => {
  it('gives one key per basis the member has', () => {
    expect(duplicateKeys({ phone: '+8613800138000', cardNo: 'sh01', name: 'Li Na', birthday: '1990-05-01' })).toEqual([
      { basis: 'phone', key: '+8613800138000' },
      { basis: 'cardNo', key: 'SH01' },
      { basis: 'nameBirthday', key: 'lina|1990-05-01' },
    ]);
  });

  it('needs both the name and the birthday for a possible duplicate', () => {
    expect(duplicateKeys({ name: '王芳' })).toEqual([]);
    expect(duplicateKeys({ birthday: '1990-05-01' })).toEqual([]);
    expect(duplicateKeys({ phone: null, cardNo: '', name: ' ', birthday: '1990-05-01' })).toEqual([]);
  });
});

describe('duplicatesInFile', () => {
  it('pairs rows with the same phone or card as certain, the same name and birthday as possible', () => {
    const rows = [
      { phone: '+8613800138000', cardNo: 'A1', name: '王芳', birthday: '1990-05-01' },
      { phone: '+8613900139000', cardNo: 'A2', name: '李娜', birthday: '1988-02-03' },
      { phone: '+8613800138000', cardNo: 'A3', name: '王 芳', birthday: null },
      { phone: '+8613700137000', cardNo: 'A2', name: 'Li Na', birthday: '1988-02-03' },
      { phone: '+8613600136000', cardNo: 'A5', name: '王芳', birthday: '1990-05-01' },
    ];
    expect(duplicatesInFile(rows)).toEqual([
      { first: 0, second: 2, bases: ['phone'], certain: true },
      { first: 1, second: 3, bases: ['cardNo'], certain: true },
      { first: 0, second: 4, bases: ['nameBirthday'], certain: false },
    ]);
  });

  it('names every basis a pair shares', () => {
    const same = { phone: '+8613800138000', cardNo: 'A1', name: '王芳', birthday: '1990-05-01' };
    expect(duplicatesInFile([same, { ...same }])).toEqual([
      { first: 0, second: 1, bases: ['phone', 'cardNo', 'nameBirthday'], certain: true },
    ]);
  });

  it('pairs each repeat with the first row, so five copies give four pairs', () => {
    const rows = Array.from({ length: 5 }, () => ({ phone: '+8613800138000' }));
    expect(duplicatesInFile(rows).map((p) => [p.first, p.second])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
    ]);
  });

  it('finds nothing among different people or rows without keys', () => {
    expect(duplicatesInFile([{ phone: '+8613800138000' }, { phone: '+8613900139000' }, {}, {}])).toEqual([]);
  });
});
