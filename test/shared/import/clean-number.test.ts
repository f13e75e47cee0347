import { describe, expect, it } from 'vitest';
import { cleanMoney, cleanPoints } from '../../../shared/import/clean-number';
import type { CleanRule, ImportCell } from '../../../shared/import/cleaning';

const step = (rule: CleanRule, before: string, after: string) => ({ rule, before, after });

describe('cleanPoints', () => {
  it.each<[ImportCell, number, Array<ReturnType<typeof step>>]>([
    ['1234', 1234, []],
    [1234, 1234, []],
    ['0', 0, []],
    ['1,234', 1234, [step('number.thousands', '1,234', '1234')]],
    ['1 234 567', 1234567, [step('number.thousands', '1 234 567', '1234567')]],
    ['１２３４', 1234, [step('text.fullWidth', '１２３４', '1234')]],
    ['１，２３４', 1234, [step('text.fullWidth', '１，２３４', '1,234'), step('number.thousands', '1,234', '1234')]],
    ['1234.00', 1234, [step('number.decimalZeros', '1234.00', '1234')]],
    ['1200分', 1200, [step('number.unit', '1200分', '1200')]],
    ['1200 积分', 1200, [step('number.unit', '1200 积分', '1200')]],
    ['+50', 50, []],
    [1234.0, 1234, []],
  ])('%j is %d points', (cell, points, steps) => {
    expect(cleanPoints(cell)).toEqual({ ok: true, value: points, steps });
  });

  it.each<[ImportCell, string]>([
    ['-5', 'points.negative'],
    ['−5', 'points.negative'],
    ['(5)', 'points.negative'],
    [-3, 'points.negative'],
    ['12.5', 'points.notWhole'],
    [2.5, 'points.notWhole'],
    ['abc', 'points.notNumber'],
    ['1,23', 'points.notNumber'],
    ['12 34', 'points.notNumber'],
    ['100000001', 'points.tooBig'],
    ['#REF!', 'cell.excelError'],
  ])('%j is refused: %s', (cell, reason) => {
    expect(cleanPoints(cell)).toMatchObject({ ok: false, reason });
  });

  it.each(['', '-', '—', 'N/A', '无'])('%j is nothing, not zero', (cell) => {
    expect(cleanPoints(cell)).toMatchObject({ ok: true, value: null });
  });
});

describe('cleanMoney: yuan to integer fen', () => {
  it.each<[ImportCell, number, Array<ReturnType<typeof step>>]>([
    ['12.50', 1250, []],
    ['¥12.50', 1250, [step('money.currency', '¥12.50', '12.50')]],
    ['￥12.5', 1250, [step('text.fullWidth', '￥12.5', '¥12.5'), step('money.currency', '¥12.5', '12.5')]],
    ['12.50元', 1250, [step('money.currency', '12.50元', '12.50')]],
    ['RMB 1,234.5', 123450, [step('money.currency', 'RMB 1,234.5', '1,234.5'), step('number.thousands', '1,234.5', '1234.5')]],
    ['12.500', 1250, [step('number.decimalZeros', '12.500', '12.50')]],
    ['0', 0, []],
    ['0.01', 1, []],
    [12.5, 1250, []],
    // Excel's float for a computed 11.07
    [11.070000000000002, 1107, [step('money.floatRounding', '11.070000000000002', '11.07')]],
  ])('%j is %d fen', (cell, fen, steps) => {
    expect(cleanMoney(cell)).toEqual({ ok: true, value: fen, steps });
  });

  it.each<[ImportCell, string]>([
    ['-¥3', 'money.negative'],
    ['(12.50)', 'money.negative'],
    [-3, 'money.negative'],
    ['12.345', 'money.tooManyDecimals'],
    [12.345, 'money.tooManyDecimals'],
    ['1234567890123', 'money.tooBig'],
    ['abc', 'money.notNumber'],
    ['¥', 'money.notNumber'],
  ])('%j is refused: %s', (cell, reason) => {
    expect(cleanMoney(cell)).toMatchObject({ ok: false, reason });
  });

  it('takes a negative amount only when the caller allows it', () => {
    expect(cleanMoney('-¥3.20', { allowNegative: true })).toMatchObject({ ok: true, value: -320 });
    expect(cleanMoney('(12.50)', { allowNegative: true })).toMatchObject({ ok: true, value: -1250 });
  });
});
