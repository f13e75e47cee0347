import { describe, expect, it } from 'vitest';
import { GENDERS } from '../../../shared/contract/members';
import { GENDER_WORDS, STATUS_WORDS, TAG_SEPARATOR, YES_NO } from '../../../shared/member-file';
import { cleanGender, cleanStatus, cleanTags, cleanYesNo } from '../../../shared/import/clean-words';
import type { ImportCell } from '../../../shared/import/cleaning';

describe('cleanGender', () => {
  it('reads the member file’s own words back without a step', () => {
    for (const gender of GENDERS) expect(cleanGender(GENDER_WORDS[gender])).toEqual({ ok: true, value: gender, steps: [] });
  });

  it.each<[ImportCell, string, string]>([
    ['M', 'male', '男'],
    ['m', 'male', '男'],
    ['Male', 'male', '男'],
    ['先生', 'male', '男'],
    ['男性', 'male', '男'],
    ['1', 'male', '男'],
    [1, 'male', '男'],
    ['F', 'female', '女'],
    ['female', 'female', '女'],
    ['女士', 'female', '女'],
    ['小姐', 'female', '女'],
    ['2', 'female', '女'],
    ['未知', 'unspecified', '未说明'],
    ['保密', 'unspecified', '未说明'],
    ['0', 'unspecified', '未说明'],
    ['Ｍ', 'male', '男'],
  ])('%j is %s, shown as %s', (cell, gender, word) => {
    const result = cleanGender(cell);
    expect(result.ok && result.value).toBe(gender);
    expect(result.steps[result.steps.length - 1]).toEqual({ rule: 'gender.word', before: String(cell).normalize('NFKC'), after: word });
  });

  it('is nothing for a blank or a placeholder, and refuses a word it does not know', () => {
    expect(cleanGender('')).toEqual({ ok: true, value: null, steps: [] });
    expect(cleanGender('-')).toMatchObject({ ok: true, value: null });
    expect(cleanGender('男女')).toEqual({ ok: false, reason: 'gender.unknown', steps: [] });
    expect(cleanGender('3')).toMatchObject({ ok: false, reason: 'gender.unknown' });
  });
});

describe('cleanYesNo', () => {
  it.each<[ImportCell, boolean]>([
    [YES_NO.yes, true],
    [YES_NO.no, false],
  ])('reads the member file’s %j back without a step', (cell, answer) => {
    expect(cleanYesNo(cell)).toEqual({ ok: true, value: answer, steps: [] });
  });

  it.each<[ImportCell, boolean]>([
    ['Y', true],
    ['yes', true],
    ['YES', true],
    ['1', true],
    [1, true],
    [true, true],
    ['TRUE', true],
    ['同意', true],
    ['√', true],
    ['N', false],
    ['no', false],
    ['0', false],
    [false, false],
    ['不同意', false],
    ['拒绝', false],
    ['×', false],
  ])('%j is %s', (cell, answer) => {
    const result = cleanYesNo(cell);
    expect(result.ok && result.value).toBe(answer);
    expect(result.steps.map((s) => s.rule)).toEqual(['yesNo.word']);
    expect(result.steps[0].after).toBe(answer ? YES_NO.yes : YES_NO.no);
  });

  it('is nothing (so not given) for a blank or 无, and refuses what it cannot read', () => {
    expect(cleanYesNo('')).toEqual({ ok: true, value: null, steps: [] });
    expect(cleanYesNo('无')).toMatchObject({ ok: true, value: null });
    expect(cleanYesNo('maybe')).toEqual({ ok: false, reason: 'yesNo.unknown', steps: [] });
  });
});

describe('cleanStatus', () => {
  it('reads the member file’s own words back', () => {
    for (const status of ['active', 'inactive', 'merged'] as const) {
      expect(cleanStatus(STATUS_WORDS[status])).toEqual({ ok: true, value: status, steps: [] });
    }
  });

  it('reads other systems’ words and refuses unknown ones', () => {
    expect(cleanStatus('正常')).toEqual({ ok: true, value: 'active', steps: [{ rule: 'status.word', before: '正常', after: '在用' }] });
    expect(cleanStatus('冻结')).toMatchObject({ ok: true, value: 'inactive' });
    expect(cleanStatus('Disabled')).toMatchObject({ ok: true, value: 'inactive' });
    expect(cleanStatus('黑名单')).toMatchObject({ ok: false, reason: 'status.unknown' });
  });
});

describe('cleanTags', () => {
  it('reads the member file’s separator back without a step', () => {
    expect(cleanTags(['VIP', '宝妈'].join(TAG_SEPARATOR))).toEqual({ ok: true, value: ['VIP', '宝妈'], steps: [] });
  });

  it.each<[string, string[]]>([
    ['VIP,宝妈', ['VIP', '宝妈']],
    ['VIP，宝妈', ['VIP', '宝妈']],
    ['VIP;宝妈；常客', ['VIP', '宝妈', '常客']],
    ['VIP | 宝妈', ['VIP', '宝妈']],
    ['VIP\n宝妈', ['VIP', '宝妈']],
    ['VIP、、宝妈、', ['VIP', '宝妈']],
  ])('%j splits into %j, shown with 、', (cell, tags) => {
    const result = cleanTags(cell);
    expect(result.ok && result.value).toEqual(tags);
    expect(result.steps.find((s) => s.rule === 'tags.separator')).toEqual({ rule: 'tags.separator', before: cell, after: tags.join('、') });
  });

  it('keeps spaces and slashes inside a tag', () => {
    expect(cleanTags('big spender、宝妈/宝爸')).toMatchObject({ ok: true, value: ['big spender', '宝妈/宝爸'] });
  });

  it('drops a repeated tag, case aside, and shows it', () => {
    expect(cleanTags('VIP、vip、宝妈')).toEqual({
      ok: true,
      value: ['VIP', '宝妈'],
      steps: [{ rule: 'tags.duplicate', before: 'VIP、vip、宝妈', after: 'VIP、宝妈' }],
    });
  });

  it('refuses a tag over 20 characters or more than 20 tags, saying the limit', () => {
    expect(cleanTags(`VIP、${'长'.repeat(21)}`)).toMatchObject({ ok: false, reason: 'tags.tooLong', limit: 20 });
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`).join('、');
    expect(cleanTags(many)).toMatchObject({ ok: false, reason: 'tags.tooMany', limit: 20 });
  });

  it('is nothing for a blank, a placeholder or separators only', () => {
    expect(cleanTags('')).toEqual({ ok: true, value: null, steps: [] });
    expect(cleanTags('无')).toMatchObject({ ok: true, value: null });
    expect(cleanTags('、')).toMatchObject({ ok: true, value: null });
  });
});
