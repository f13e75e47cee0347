import { describe, expect, it } from 'vitest';
import { cleanBirthday, cleanDate, cleanPastDate, cleanSaleTime, excelSerialDate } from '../../../shared/import/clean-date';
import type { CleanRule, ImportCell } from '../../../shared/import/cleaning';

const context = { today: '2026-12-05' };
const step = (rule: CleanRule, before: string, after: string) => ({ rule, before, after });

describe('excelSerialDate: the 1900 date system', () => {
  it.each<[number, string]>([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    // 60 is 29 February 1900, a day Excel counts and the calendar never had
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [32874, '1990-01-01'],
    [45413, '2024-05-01'],
    [73050, '2099-12-31'],
  ])('serial %d is %s', (serial, date) => {
    const parts = excelSerialDate(serial);
    expect(parts && `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`).toBe(date);
    expect(parts?.time).toBeNull();
  });

  it('has no day for serial 60 (1900-02-29) nor below 1', () => {
    expect(excelSerialDate(60)).toBeNull();
    expect(excelSerialDate(0)).toBeNull();
  });

  it('reads the fraction as the time of day, rounded to the second', () => {
    expect(excelSerialDate(45413.5)?.time).toEqual({ hour: 12, minute: 0, second: 0 });
    expect(excelSerialDate(45413.604166666664)?.time).toEqual({ hour: 14, minute: 30, second: 0 });
    // a hair before midnight rounds into the next day, not to 24:00:00
    expect(excelSerialDate(45413.999999999)).toMatchObject({ day: 2, time: { hour: 0, minute: 0, second: 0 } });
  });
});

describe('cleanDate', () => {
  it.each<[ImportCell, string, Array<ReturnType<typeof step>>]>([
    ['2024-05-01', '2024-05-01', []],
    ['2024/5/1', '2024-05-01', [step('date.format', '2024/5/1', '2024-05-01')]],
    ['2024.5.1', '2024-05-01', [step('date.format', '2024.5.1', '2024-05-01')]],
    ['2024-5-1', '2024-05-01', [step('date.format', '2024-5-1', '2024-05-01')]],
    ['20240501', '2024-05-01', [step('date.compact', '20240501', '2024-05-01')]],
    [20240501, '2024-05-01', [step('date.compact', '20240501', '2024-05-01')]],
    ['2024年5月1日', '2024-05-01', [step('date.chinese', '2024年5月1日', '2024-05-01')]],
    ['2024年05月01号', '2024-05-01', [step('date.chinese', '2024年05月01号', '2024-05-01')]],
    [
      '２０２４／５／１',
      '2024-05-01',
      [step('text.fullWidth', '２０２４／５／１', '2024/5/1'), step('date.format', '2024/5/1', '2024-05-01')],
    ],
    [45413, '2024-05-01', [step('date.excelSerial', '45413', '2024-05-01')]],
    ['45413', '2024-05-01', [step('date.excelSerial', '45413', '2024-05-01')]],
    [
      '2024/5/1 14:30',
      '2024-05-01',
      [step('date.format', '2024/5/1 14:30', '2024-05-01 14:30:00'), step('date.timeDropped', '2024-05-01 14:30:00', '2024-05-01')],
    ],
    // an XLSX reader's date cell: the day in its UTC fields, no time, nothing to show
    [new Date(Date.UTC(2024, 4, 1)), '2024-05-01', []],
    [
      '2024-05-01T00:00:00.000Z',
      '2024-05-01',
      [
        step('date.format', '2024-05-01T00:00:00.000Z', '2024-05-01 00:00:00'),
        step('date.timeDropped', '2024-05-01 00:00:00', '2024-05-01'),
      ],
    ],
    ['2024-02-29', '2024-02-29', []],
  ])('%j is %s', (cell, date, steps) => {
    expect(cleanDate(cell)).toEqual({ ok: true, value: date, steps });
  });

  it.each<[ImportCell, string]>([
    ['5/1/2024', 'date.ambiguousOrder'],
    ['13/5/2024', 'date.ambiguousOrder'],
    ['2023-02-29', 'date.noSuchDay'],
    ['2024-13-01', 'date.noSuchDay'],
    ['2024-04-31', 'date.noSuchDay'],
    ['24-5-1', 'date.twoDigitYear'],
    ['5/1/24', 'date.twoDigitYear'],
    ['240501', 'date.twoDigitYear'],
    ['5月1日', 'date.noYear'],
    ['05-01', 'date.noYear'],
    ['2024年5月', 'date.noDay'],
    ['2024-05', 'date.noDay'],
    ['2024', 'date.yearOnly'],
    [1990, 'date.yearOnly'],
    ['35', 'date.invalid'],
    ['last spring', 'date.invalid'],
    [99999, 'date.outOfRange'],
    [5000, 'date.invalid'],
    ['1899-12-31', 'date.outOfRange'],
    ['2024-05-01 25:00', 'time.invalid'],
    ['#VALUE!', 'cell.excelError'],
    [new Date(Number.NaN), 'date.invalid'],
  ])('%j is refused: %s', (cell, reason) => {
    expect(cleanDate(cell)).toMatchObject({ ok: false, reason });
  });

  it('reads a year-last date the way the user said the file writes them', () => {
    expect(cleanDate('5/1/2024', { yearLast: 'monthFirst' })).toEqual({
      ok: true,
      value: '2024-05-01',
      steps: [step('date.yearLast', '5/1/2024', '2024-05-01')],
    });
    expect(cleanDate('5/1/2024', { yearLast: 'dayFirst' })).toMatchObject({ ok: true, value: '2024-01-05' });
    expect(cleanDate('2/30/1990', { yearLast: 'monthFirst' })).toMatchObject({ ok: false, reason: 'date.noSuchDay' });
  });

  it.each(['', '-', '0000-00-00', '无'])('%j is nothing', (cell) => {
    expect(cleanDate(cell)).toMatchObject({ ok: true, value: null });
  });
});

describe('cleanBirthday', () => {
  it.each<[ImportCell, string, CleanRule[]]>([
    ['1990年5月1日', '1990-05-01', ['date.chinese']],
    ['19900501', '1990-05-01', ['date.compact']],
    [32874, '1990-01-01', ['date.excelSerial']],
    ['1990/5/1', '1990-05-01', ['date.format']],
    ['2026-12-05', '2026-12-05', []],
    // 120 today: still a customer
    ['1906-12-05', '1906-12-05', []],
  ])('%j is %s', (cell, date, rules) => {
    const result = cleanBirthday(cell, context);
    expect(result.ok && result.value).toBe(date);
    expect(result.steps.map((s) => s.rule)).toEqual(rules);
  });

  it.each<[ImportCell, string]>([
    ['2/30/1990', 'date.ambiguousOrder'],
    ['1990-02-30', 'date.noSuchDay'],
    ['2026-12-06', 'birthday.future'],
    ['2030-01-01', 'birthday.future'],
    ['1899-05-01', 'birthday.tooOld'],
    ['1900-01-01', 'birthday.tooOld'],
    // 121 today
    ['1905-12-05', 'birthday.tooOld'],
    ['5月1日', 'date.noYear'],
  ])('%j is refused: %s', (cell, reason) => {
    expect(cleanBirthday(cell, context)).toMatchObject({ ok: false, reason });
  });
});

describe('cleanPastDate', () => {
  it('takes today and refuses tomorrow', () => {
    expect(cleanPastDate('2026-12-05', context)).toMatchObject({ ok: true, value: '2026-12-05' });
    expect(cleanPastDate('2026/12/6', context)).toEqual({
      ok: false,
      reason: 'date.future',
      steps: [step('date.format', '2026/12/6', '2026-12-06')],
    });
  });
});

describe('cleanSaleTime', () => {
  it.each<[ImportCell, { date: string; time: string | null }, CleanRule[]]>([
    ['2024-05-01 14:30:00', { date: '2024-05-01', time: '14:30:00' }, []],
    ['2024/5/1 14:30', { date: '2024-05-01', time: '14:30:00' }, ['date.format']],
    ['2024/5/1 下午3:20', { date: '2024-05-01', time: '15:20:00' }, ['date.format']],
    ['2024/5/1 上午12:05', { date: '2024-05-01', time: '00:05:00' }, ['date.format']],
    ['2024/5/1 中午12:30', { date: '2024-05-01', time: '12:30:00' }, ['date.format']],
    ['2024-05-01 3:20 PM', { date: '2024-05-01', time: '15:20:00' }, ['date.format']],
    ['2024年5月1日 09:15', { date: '2024-05-01', time: '09:15:00' }, ['date.chinese']],
    ['2024-05-01', { date: '2024-05-01', time: null }, []],
    [45413.604166666664, { date: '2024-05-01', time: '14:30:00' }, ['date.excelSerial']],
    [new Date(Date.UTC(2024, 4, 1, 15, 20, 5)), { date: '2024-05-01', time: '15:20:05' }, []],
    ['2024-05-01T15:20:05+08:00', { date: '2024-05-01', time: '15:20:05' }, ['date.format']],
  ])('%j is %j', (cell, value, rules) => {
    const result = cleanSaleTime(cell, context);
    expect(result.ok && result.value).toEqual(value);
    expect(result.steps.map((s) => s.rule)).toEqual(rules);
  });

  it.each<[ImportCell, string]>([
    ['2027-01-01 10:00', 'date.future'],
    ['2024-05-01 13:20 PM', 'time.invalid'],
    ['2024-05-01 10:61', 'time.invalid'],
    ['1/5/2024 10:00', 'date.ambiguousOrder'],
  ])('%j is refused: %s', (cell, reason) => {
    expect(cleanSaleTime(cell, context)).toMatchObject({ ok: false, reason });
  });
});
