import { describe, expect, it } from 'vitest';
import { cleanAddress, cleanCardNo, cleanEmail, cleanName, cleanNotes, cleanReceiptNo } from '../../../shared/import/clean-text';
import { cellText, isPlaceholder, type CleanRule, type ImportCell } from '../../../shared/import/cleaning';

const step = (rule: CleanRule, before: string, after: string) => ({ rule, before, after });

describe('cellText: what a reader hands over, as text', () => {
  it.each<[ImportCell, string]>([
    [null, ''],
    [undefined, ''],
    ['王芳', '王芳'],
    [13800138000, '13800138000'],
    [Number.NaN, ''],
    [true, 'TRUE'],
    [new Date(Date.UTC(2024, 4, 1)), '2024-05-01T00:00:00.000Z'],
  ])('%j is %j', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});

describe('placeholders: what people type into a cell with nothing to say', () => {
  it.each([
    '-',
    '--',
    '—',
    '——',
    '－',
    '_',
    '/',
    '?',
    '？',
    '…',
    '.',
    '无',
    '暂无',
    '未知',
    'N/A',
    'n/a',
    'NA',
    'null',
    'NULL',
    'None',
    'nan',
    '0000-00-00',
  ])('%j is one', (text) => {
    expect(isPlaceholder(text)).toBe(true);
  });

  it.each(['0', '-5', '王无忌', 'Nana', '无锡', 'A-'])('%j is not', (text) => {
    expect(isPlaceholder(text)).toBe(false);
  });
});

describe('cleanName', () => {
  it.each<[ImportCell, string, Array<ReturnType<typeof step>>]>([
    ['王芳', '王芳', []],
    ['  王芳  ', '王芳', [step('text.trim', '  王芳  ', '王芳')]],
    // sheets pad a two-character name with an ideographic space to line it up with three
    ['王　芳', '王芳', [step('text.spaces', '王　芳', '王 芳'), step('name.cjkSpaces', '王 芳', '王芳')]],
    ['欧阳  娜娜', '欧阳娜娜', [step('text.spaces', '欧阳  娜娜', '欧阳 娜娜'), step('name.cjkSpaces', '欧阳 娜娜', '欧阳娜娜')]],
    ['Ｌｉ　Ｎａ', 'Li Na', [step('text.spaces', 'Ｌｉ　Ｎａ', 'Ｌｉ Ｎａ'), step('text.fullWidth', 'Ｌｉ Ｎａ', 'Li Na')]],
    ['Li  Na', 'Li Na', [step('text.spaces', 'Li  Na', 'Li Na')]],
    ['王\u200b芳', '王芳', [step('text.invisible', '王\u200b芳', '王芳')]],
    ["'=王芳", '=王芳', [step('text.formulaQuote', "'=王芳", '=王芳')]],
    ['王（小）芳', '王（小）芳', []],
  ])('%j is %j', (cell, name, steps) => {
    expect(cleanName(cell)).toEqual({ ok: true, value: name, steps });
  });

  it('is nothing for a blank or a placeholder, and refuses a name over 40 characters', () => {
    expect(cleanName('   ')).toEqual({ ok: true, value: null, steps: [step('text.trim', '   ', '')] });
    expect(cleanName('无')).toMatchObject({ ok: true, value: null });
    expect(cleanName('王'.repeat(41))).toEqual({ ok: false, reason: 'text.tooLong', limit: 40, steps: [] });
    expect(cleanName('王'.repeat(40))).toMatchObject({ ok: true });
  });
});

describe('cleanNotes and cleanAddress', () => {
  it('keeps a note’s lines and its Chinese punctuation, tidying each line', () => {
    const note = '喜欢红色，不吃辣。\r\n  周末来  ';
    expect(cleanNotes(note)).toEqual({
      ok: true,
      value: '喜欢红色，不吃辣。\n周末来',
      steps: [
        step('text.trim', note, '喜欢红色，不吃辣。\r\n  周末来'),
        step('text.lineBreaks', '喜欢红色，不吃辣。\r\n  周末来', '喜欢红色，不吃辣。\n  周末来'),
        step('text.spaces', '喜欢红色，不吃辣。\n  周末来', '喜欢红色，不吃辣。\n周末来'),
      ],
    });
    expect(cleanNotes('记'.repeat(1001))).toMatchObject({ ok: false, reason: 'text.tooLong', limit: 1000 });
  });

  it('writes an address on one line, full-width digits folded, punctuation kept', () => {
    expect(cleanAddress('上海市徐汇区\n漕溪北路１８号（３楼）')).toEqual({
      ok: true,
      value: '上海市徐汇区 漕溪北路18号（3楼）',
      steps: [
        step('text.spaces', '上海市徐汇区\n漕溪北路１８号（３楼）', '上海市徐汇区 漕溪北路１８号（３楼）'),
        step('text.fullWidth', '上海市徐汇区 漕溪北路１８号（３楼）', '上海市徐汇区 漕溪北路18号（3楼）'),
      ],
    });
    expect(cleanAddress('路'.repeat(201))).toMatchObject({ ok: false, reason: 'text.tooLong', limit: 200 });
  });
});

describe('cleanEmail', () => {
  it('folds a full-width ＠ and refuses what the member form would', () => {
    expect(cleanEmail('wang＠qq.com')).toEqual({
      ok: true,
      value: 'wang@qq.com',
      steps: [step('text.fullWidth', 'wang＠qq.com', 'wang@qq.com')],
    });
    expect(cleanEmail('wang@qq')).toMatchObject({ ok: false, reason: 'email.invalid' });
    expect(cleanEmail('wang qq.com')).toMatchObject({ ok: false, reason: 'email.invalid' });
    expect(cleanEmail('')).toEqual({ ok: true, value: null, steps: [] });
  });
});

describe('cleanCardNo', () => {
  it.each<[ImportCell, string, Array<ReturnType<typeof step>>]>([
    ['SH0100000001', 'SH0100000001', []],
    ['sh0100000001', 'SH0100000001', [step('card.upperCase', 'sh0100000001', 'SH0100000001')]],
    ['SH01 0000 0001', 'SH0100000001', [step('card.spaces', 'SH01 0000 0001', 'SH0100000001')]],
    ['ＳＨ０１０００００００１', 'SH0100000001', [step('text.fullWidth', 'ＳＨ０１０００００００１', 'SH0100000001')]],
    ['VIP-0001', 'VIP-0001', []],
    [100234, '100234', []],
  ])('%j is %j', (cell, card, steps) => {
    expect(cleanCardNo(cell)).toEqual({ ok: true, value: card, steps });
  });

  it.each<[ImportCell, string]>([
    ['1.23457E+11', 'cell.scientific'],
    ['会员001', 'card.invalid'],
    ['A'.repeat(33), 'text.tooLong'],
  ])('%j is refused: %s', (cell, reason) => {
    expect(cleanCardNo(cell)).toMatchObject({ ok: false, reason });
  });
});

describe('cleanReceiptNo', () => {
  it('keeps a receipt number as written, tidied; refuses one Excel turned into a float', () => {
    expect(cleanReceiptNo(' No.2024-0501-0001 ')).toMatchObject({ ok: true, value: 'No.2024-0501-0001' });
    expect(cleanReceiptNo('2.02405E+13')).toMatchObject({ ok: false, reason: 'cell.scientific' });
  });
});
