import { describe, expect, it } from 'vitest';
import { displayPhone, maskPhone, normalisePhone, phoneLookupKey, phoneTailKey } from '../../shared/phone';

describe('normalisePhone', () => {
  it.each([
    ['13812345678', 'bare mobile'],
    ['+8613812345678', 'E.164'],
    ['+86 138 1234 5678', '+86 with spaces'],
    ['0086 138 1234 5678', '0086 prefix'],
    ['008613812345678', '0086 prefix without spaces'],
    ['8613812345678', '86 prefix'],
    ['86 138 1234 5678', '86 prefix with spaces'],
    ['138-1234-5678', 'dashes'],
    ['138 1234 5678', 'spaces'],
    ['(138) 1234-5678', 'brackets'],
    ['+86 (138) 1234–5678', 'brackets and an en dash'],
    ['１３８ １２３４ ５６７８', 'full-width digits'],
    ['１３８　１２３４　５６７８', 'full-width digits and ideographic spaces'],
    ['＋８６１３８１２３４５６７８', 'full-width plus'],
    ['  13812345678  ', 'surrounding blanks'],
  ])('%s (%s) becomes +8613812345678', (raw) => {
    expect(normalisePhone(raw)).toBe('+8613812345678');
  });

  it('normalises mainland landlines with their area code', () => {
    expect(normalisePhone('021-62345678')).toBe('+862162345678');
    expect(normalisePhone('(021) 6234 5678')).toBe('+862162345678');
    expect(normalisePhone('010-62345678')).toBe('+861062345678');
    expect(normalisePhone('0755-12345678')).toBe('+8675512345678');
  });

  it('keeps numbers from outside the mainland in their own country code', () => {
    expect(normalisePhone('+852 6123 4567')).toBe('+85261234567');
    expect(normalisePhone('00852 9123 4567')).toBe('+85291234567');
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
  });

  it.each([
    ['12345', 'too short'],
    ['1381234567', 'one digit short'],
    ['138123456789', 'one digit too many'],
    ['10012345678', 'no such mobile prefix'],
    ['abc', 'letters'],
    ['138abcd5678', 'letters among digits'],
    ['138 1234 567８x', 'trailing letter'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['+86', 'country code only'],
    ['+', 'plus only'],
    ['1'.repeat(25), 'far too long'],
  ])('%j (%s) is not a phone number', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('maskPhone', () => {
  it('shows the first three and last four digits of a mainland mobile', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskPhone('+8619900001111')).toBe('199****1111');
  });

  it('never shows the middle digits of a landline', () => {
    expect(maskPhone('+862162345678')).toBe('216****5678');
    expect(maskPhone('+862162345678')).not.toContain('2345');
  });

  it('masks numbers from outside the mainland too', () => {
    const masked = maskPhone('+85261234567');
    expect(masked).toBe('+85****4567');
    expect(masked).not.toContain('6123');
  });
});

describe('displayPhone', () => {
  it('groups a mainland mobile 3-4-4 without the country code', () => {
    expect(displayPhone('+8613812345678')).toBe('138 1234 5678');
  });

  it('shows a mainland landline the way it is dialled, with its trunk 0', () => {
    expect(displayPhone('+862162345678')).toBe('021 6234 5678');
    expect(displayPhone('+861062345678')).toBe('010 6234 5678');
    // Eleven national digits, but a Shenzhen landline, not a mobile.
    expect(displayPhone('+8675512345678')).toBe('0755 1234 5678');
  });

  it('shows other countries in E.164', () => {
    expect(displayPhone('+85261234567')).toBe('+85261234567');
  });
});

describe('phoneTailKey', () => {
  it('reverses the digits so a tail becomes a prefix', () => {
    expect(phoneTailKey('+8613812345678')).toBe('8765432183168');
    expect(phoneTailKey('5678')).toBe('8765');
    expect(phoneTailKey('+8613812345678').startsWith(phoneTailKey('5678'))).toBe(true);
    expect(phoneTailKey('+8613812345678').startsWith(phoneTailKey('5679'))).toBe(false);
  });

  it('ignores the plus and any separators', () => {
    expect(phoneTailKey('+852 6123-4567')).toBe('76543216258');
  });
});

describe('phoneLookupKey', () => {
  it('gives the stored form of a typed mainland mobile with or without its country code', () => {
    for (const raw of ['13812345678', '+8613812345678', '008613812345678', '8613812345678']) {
      expect(phoneLookupKey(raw), raw).toBe('+8613812345678');
    }
  });

  it('agrees with normalisePhone for everything else', () => {
    expect(phoneLookupKey('02162345678')).toBe('+862162345678');
    expect(phoneLookupKey('+85261234567')).toBe('+85261234567');
    expect(phoneLookupKey('10012345678')).toBeNull();
    expect(phoneLookupKey('12345')).toBeNull();
  });
});
