import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../shared/phone';
import { cleanPhone } from '../../../shared/import/clean-phone';
import type { CleanRule, ImportCell } from '../../../shared/import/cleaning';

const MOBILE = { e164: '+8613800138000', kind: 'mobile' };

describe('cleanPhone: mainland mobiles', () => {
  it.each<[ImportCell, Array<[CleanRule, string, string]>]>([
    ['13800138000', []],
    [13800138000, []],
    [
      '0086 138 0013 8000',
      [
        ['phone.spaces', '0086 138 0013 8000', '008613800138000'],
        ['phone.countryCode', '008613800138000', '13800138000'],
      ],
    ],
    [
      '+86-138-0013-8000',
      [
        ['phone.dashes', '+86-138-0013-8000', '+8613800138000'],
        ['phone.countryCode', '+8613800138000', '13800138000'],
      ],
    ],
    ['8613800138000', [['phone.countryCode', '8613800138000', '13800138000']]],
    ['１３８００１３８０００', [['text.fullWidth', '１３８００１３８０００', '13800138000']]],
    [
      '＋８６ １３８ ００１３ ８０００',
      [
        ['text.fullWidth', '＋８６ １３８ ００１３ ８０００', '+86 138 0013 8000'],
        ['phone.spaces', '+86 138 0013 8000', '+8613800138000'],
        ['phone.countryCode', '+8613800138000', '13800138000'],
      ],
    ],
    [
      // a no-break space, as a copy from a web page or Word leaves between the groups
      '138\u00a00013\u00a08000',
      [
        ['text.spaces', '138\u00a00013\u00a08000', '138 0013 8000'],
        ['phone.spaces', '138 0013 8000', '13800138000'],
      ],
    ],
    ['138\u200b0013\u200b8000', [['text.invisible', '138\u200b0013\u200b8000', '13800138000']]],
    ['138–0013–8000', [['phone.dashes', '138–0013–8000', '13800138000']]],
    ['138—0013—8000', [['phone.dashes', '138—0013—8000', '13800138000']]],
    ['138‐0013‐8000', [['phone.dashes', '138‐0013‐8000', '13800138000']]],
    [
      // the non-breaking hyphen is a compatibility form of the hyphen: NFKC writes it plainly first
      '138\u20110013\u20118000',
      [
        ['text.fullWidth', '138\u20110013\u20118000', '138‐0013‐8000'],
        ['phone.dashes', '138‐0013‐8000', '13800138000'],
      ],
    ],
    ['138‒0013―8000', [['phone.dashes', '138‒0013―8000', '13800138000']]],
    ['138−0013−8000', [['phone.dashes', '138−0013−8000', '13800138000']]],
    ['138ー0013ー8000', [['phone.dashes', '138ー0013ー8000', '13800138000']]],
    [
      '138－0013－8000',
      [
        ['text.fullWidth', '138－0013－8000', '138-0013-8000'],
        ['phone.dashes', '138-0013-8000', '13800138000'],
      ],
    ],
    [
      '(138) 0013-8000',
      [
        ['phone.spaces', '(138) 0013-8000', '(138)0013-8000'],
        ['phone.dashes', '(138)0013-8000', '(138)00138000'],
        ['phone.brackets', '(138)00138000', '13800138000'],
      ],
    ],
    ['138.0013.8000', [['phone.dots', '138.0013.8000', '13800138000']]],
    ['13800138000.0', [['phone.decimalTail', '13800138000.0', '13800138000']]],
    ['013800138000', [['phone.leadingZero', '013800138000', '13800138000']]],
    ['  13800138000 ', [['text.trim', '  13800138000 ', '13800138000']]],
  ])('%j is the mobile +8613800138000', (cell, steps) => {
    const result = cleanPhone(cell);
    expect(result).toEqual({ ok: true, value: MOBILE, steps: steps.map(([rule, before, after]) => ({ rule, before, after })) });
  });
});

describe('cleanPhone: landlines stay landlines', () => {
  it.each<[string, string, CleanRule[]]>([
    ['021-6234 5678', '+862162345678', ['phone.spaces', 'phone.dashes']],
    ['(0755)8888-1234', '+8675588881234', ['phone.dashes', 'phone.brackets']],
    ['010 12345678', '+861012345678', ['phone.spaces']],
    ['02162345678', '+862162345678', []],
    ['0571-8888 1234', '+8657188881234', ['phone.spaces', 'phone.dashes']],
    ['+86 21 6234 5678', '+862162345678', ['phone.spaces', 'phone.countryCode']],
    ['862162345678', '+862162345678', ['phone.countryCode']],
    ['0755-88881234转801', '+8675588881234', ['phone.extension', 'phone.dashes']],
    ['021-62345678 ext. 12', '+862162345678', ['phone.extension', 'phone.dashes']],
  ])('%j is the landline %s', (cell, e164, rules) => {
    const result = cleanPhone(cell);
    expect(result.ok && result.value).toEqual({ e164, kind: 'landline' });
    expect(result.steps.map((s) => s.rule)).toEqual(rules);
  });

  it('shows a landline from abroad getting its 0 back, as dialled in China', () => {
    expect(cleanPhone('+862162345678').steps).toEqual([{ rule: 'phone.countryCode', before: '+862162345678', after: '02162345678' }]);
  });

  it('is not mistaken for a mobile: an 11-digit Beijing number starts with 010', () => {
    const result = cleanPhone('01013800138');
    expect(result.ok && result.value?.kind).toBe('landline');
  });
});

describe('cleanPhone: numbers abroad keep their country code', () => {
  it.each<[string, string, CleanRule[]]>([
    ['+852 6123 4567', '+85261234567', ['phone.spaces']],
    ['00852 9123 4567', '+85291234567', ['phone.spaces', 'phone.internationalPrefix']],
    // the member file writes a number abroad with an apostrophe so that Excel does not run it
    ["'+85291234567", '+85291234567', ['text.formulaQuote']],
  ])('%j is %s', (cell, e164, rules) => {
    const result = cleanPhone(cell);
    expect(result.ok && result.value).toEqual({ e164, kind: 'foreign' });
    expect(result.steps.map((s) => s.rule)).toEqual(rules);
  });
});

describe('cleanPhone: several numbers in one cell', () => {
  it.each<[string, string]>([
    ['13800138000/13900139000', '13800138000'],
    ['13800138000，13900139000', '13800138000'],
    ['13800138000 13900139000', '13800138000'],
    ['021-62345678、13800138000', '13800138000'],
    ['无/13800138000', '13800138000'],
  ])('%j keeps the first mobile, showing the whole cell', (cell, kept) => {
    const result = cleanPhone(cell);
    expect(result.ok && result.value).toEqual(MOBILE);
    expect(result.steps[result.steps.length - 1]).toMatchObject({ rule: 'phone.several', after: kept });
  });

  it('keeps a landline when the cell has no mobile', () => {
    const result = cleanPhone('021-62345678/021-62345679');
    expect(result.ok && result.value).toEqual({ e164: '+862162345678', kind: 'landline' });
  });
});

describe('cleanPhone: nothing and refusals', () => {
  it.each<[ImportCell]>([[''], [null], [undefined], ['   ']])('%j is nothing', (cell) => {
    const result = cleanPhone(cell);
    expect(result.ok && result.value).toBeNull();
  });

  it.each(['-', '—', '无', 'N/A', '/'])('the placeholder %j is nothing, shown as such', (cell) => {
    expect(cleanPhone(cell)).toEqual({ ok: true, value: null, steps: [{ rule: 'empty.placeholder', before: cell, after: '' }] });
  });

  it.each<[ImportCell, string]>([
    ['400-820-8820', 'phone.serviceNumber'],
    ['800 810 8888', 'phone.serviceNumber'],
    ['+86 400 820 8820', 'phone.serviceNumber'],
    ['95588', 'phone.serviceNumber'],
    ['10086', 'phone.serviceNumber'],
    ['6234 5678', 'phone.noAreaCode'],
    ['1.38001E+10', 'cell.scientific'],
    [1.38001e25, 'cell.scientific'],
    ['#N/A', 'cell.excelError'],
    ['1380013800', 'phone.invalid'],
    ['138001380001', 'phone.invalid'],
    ['10012345678', 'phone.invalid'],
    ['138abcd8000', 'phone.invalid'],
    ['+86', 'phone.invalid'],
    ['12', 'phone.invalid'],
    ['+999 1234 5678', 'phone.invalid'],
  ])('%j is refused: %s', (cell, reason) => {
    expect(cleanPhone(cell)).toMatchObject({ ok: false, reason });
  });

  it('keeps the steps it applied before refusing, so the preview shows them', () => {
    expect(cleanPhone('400-820-8820')).toEqual({
      ok: false,
      reason: 'phone.serviceNumber',
      steps: [{ rule: 'phone.dashes', before: '400-820-8820', after: '4008208820' }],
    });
  });
});

describe('cleanPhone: one check per five-digit prefix of a mobile', () => {
  it('answers as shared/phone.ts does for every prefix, whichever number under it came first', () => {
    // Every one of the 70,000 prefixes 13000–19999, each with numbers that differ in every later
    // digit: were the metadata to tell numbers apart deeper than five digits (a library update),
    // one of them would answer otherwise than the library and this would fail.
    for (let prefix = 13_000; prefix < 20_000; prefix++) {
      for (const tail of ['000000', '999999', String((prefix * 7919) % 1_000_000).padStart(6, '0')]) {
        const national = `${prefix}${tail}`;
        const result = cleanPhone(national);
        expect(result.ok ? result.value?.e164 : null, national).toBe(normalisePhone(national));
      }
    }
  });
});
