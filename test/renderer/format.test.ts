import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  dateFieldFormat,
  dateTimeFieldFormat,
  formatDate,
  formatMonthDay,
  formatTime,
  formatYearMonth,
  setStoreZone,
} from '../../renderer/components/format';

// One date format on every page: 2026/11/28 and 2026/11/28 14:05 in Chinese, 2026-11-28 and
// 2026-11-28 14:05 in English, whatever the browser's or the machine's locale and zone. Intl's
// own output varies with both (an English UI showed 11/26/2026, 07:30 AM), so the helpers build
// the text from the date's parts; these tests hold them to it.

const ROOT = resolve(import.meta.dirname, '../..');
// 07:30 on the 26th in Shanghai; 23:30 on the 25th in UTC.
const LATE_EVENING_UTC = '2026-11-25T23:30:00.000Z';
// 00:05 on the 26th in Shanghai: midnight is 00, never 24.
const JUST_AFTER_MIDNIGHT = '2026-11-25T16:05:00.000Z';

afterEach(() => {
  setStoreZone(undefined);
  vi.restoreAllMocks();
});

describe('the one date format', () => {
  it('writes Chinese dates and times with slashes, English ones with dashes, both year first', () => {
    setStoreZone('Asia/Shanghai');
    expect(formatDate(LATE_EVENING_UTC, 'zh-CN')).toBe('2026/11/26');
    expect(formatTime(LATE_EVENING_UTC, 'zh-CN')).toBe('2026/11/26 07:30');
    expect(formatDate(LATE_EVENING_UTC, 'en')).toBe('2026-11-26');
    expect(formatTime(LATE_EVENING_UTC, 'en')).toBe('2026-11-26 07:30');
    expect(formatTime(JUST_AFTER_MIDNIGHT, 'zh-CN')).toBe('2026/11/26 00:05');
    expect(formatTime(JUST_AFTER_MIDNIGHT, 'en')).toBe('2026-11-26 00:05');
  });

  it('writes a birthday or a due date as the day it names, in any store zone', () => {
    for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
      setStoreZone(zone);
      expect(formatDate('1990-05-01', 'zh-CN')).toBe('1990/05/01');
      expect(formatDate('1990-05-01', 'en')).toBe('1990-05-01');
    }
  });

  it('shortens a day and a month the same way for axes and ranges', () => {
    expect(formatMonthDay('2026-11-08', 'zh-CN')).toBe('11/08');
    expect(formatMonthDay('2026-11-08', 'en')).toBe('11-08');
    expect(formatYearMonth('2026-11-01', 'zh-CN')).toBe('2026/11');
    expect(formatYearMonth('2026-11-01', 'en')).toBe('2026-11');
  });

  it('says nothing as a dash and shows an unreadable value as it came, never "Invalid Date"', () => {
    expect(formatDate(null, 'zh-CN')).toBe('—');
    expect(formatTime(null, 'en')).toBe('—');
    expect(formatDate('someday', 'zh-CN')).toBe('someday');
    expect(formatTime('someday', 'zh-CN')).toBe('someday');
  });

  it('gives the date fields the same order as the text', () => {
    expect(dateFieldFormat('zh-CN')).toBe('yyyy/MM/dd');
    expect(dateTimeFieldFormat('zh-CN')).toBe('yyyy/MM/dd HH:mm');
    expect(dateFieldFormat('en')).toBe('yyyy-MM-dd');
    expect(dateTimeFieldFormat('en')).toBe('yyyy-MM-dd HH:mm');
  });

  it('does not ask the engine to write the date', () => {
    const refuse = () => {
      throw new Error('a date written by the engine varies with its locale data');
    };
    vi.spyOn(Date.prototype, 'toLocaleString').mockImplementation(refuse);
    vi.spyOn(Date.prototype, 'toLocaleDateString').mockImplementation(refuse);
    setStoreZone('Asia/Shanghai');
    expect(formatTime(LATE_EVENING_UTC, 'zh-CN')).toBe('2026/11/26 07:30');
    expect(formatDate(LATE_EVENING_UTC, 'en')).toBe('2026-11-26');
  });
});

/** What the helpers write in a Node process started with the given locale and zone. */
function writtenUnder(env: { LANG: string; TZ: string }): unknown {
  const probe = `
    const f = await import('./renderer/components/format.ts');
    const machine = [f.formatTime('${LATE_EVENING_UTC}', 'zh-CN'), f.formatDate('1990-05-01', 'zh-CN')];
    f.setStoreZone('Asia/Shanghai');
    const store = ['zh-CN', 'en'].flatMap((l) => [f.formatTime('${LATE_EVENING_UTC}', l), f.formatTime('${JUST_AFTER_MIDNIGHT}', l), f.formatDate('${LATE_EVENING_UTC}', l)]);
    console.log(JSON.stringify({ machine, store }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
    cwd: ROOT,
    env: { ...process.env, LANG: env.LANG, LC_ALL: env.LANG, TZ: env.TZ },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('whatever the machine is set to', () => {
  it('writes the same text under an American, German, Arabic or Chinese locale and any zone', () => {
    const store = ['2026/11/26 07:30', '2026/11/26 00:05', '2026/11/26', '2026-11-26 07:30', '2026-11-26 00:05', '2026-11-26'];
    // Before the store's zone is known the machine's is used: the same instant on its own clock.
    expect(writtenUnder({ LANG: 'en_US.UTF-8', TZ: 'America/Los_Angeles' })).toEqual({
      machine: ['2026/11/25 15:30', '1990/05/01'],
      store,
    });
    expect(writtenUnder({ LANG: 'de_DE.UTF-8', TZ: 'UTC' })).toEqual({ machine: ['2026/11/25 23:30', '1990/05/01'], store });
    expect(writtenUnder({ LANG: 'ar_EG.UTF-8', TZ: 'Asia/Kolkata' })).toEqual({ machine: ['2026/11/26 05:00', '1990/05/01'], store });
    expect(writtenUnder({ LANG: 'zh_CN.UTF-8', TZ: 'Asia/Shanghai' })).toEqual({ machine: ['2026/11/26 07:30', '1990/05/01'], store });
  });
});
