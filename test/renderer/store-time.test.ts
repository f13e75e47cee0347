import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatTime, setStoreZone, storeDate, storeInstant, storeToday } from '../../renderer/components/format';
import { lastDayForPointsEarnedNow, tomorrowMorning } from '../../renderer/features/loyalty/rulesForm';
import { localToday } from '../../renderer/features/reports/periods';

// The screen shows times and days at the store, whatever zone the machine is set to: the
// services count a store's days in its zone, and a page that used the machine's would put a
// morning sale on the day before on a machine set to UTC (an HQ laptop, a test machine).

// 07:30 on the 26th in Shanghai; 18:30 on the 25th in New York; 23:30 on the 25th in UTC.
const LATE_EVENING_UTC = '2026-11-25T23:30:00.000Z';

afterEach(() => setStoreZone(undefined));

describe('times and days at the store', () => {
  it('shows an instant at the store’s wall clock', () => {
    setStoreZone('Asia/Shanghai');
    expect(formatTime(LATE_EVENING_UTC, 'zh-CN')).toBe('2026/11/26 07:30');
    expect(formatDate(LATE_EVENING_UTC, 'zh-CN')).toBe('2026/11/26');
    expect(storeDate(LATE_EVENING_UTC)).toBe('2026-11-26');
    setStoreZone('America/New_York');
    expect(formatTime(LATE_EVENING_UTC, 'zh-CN')).toBe('2026/11/25 18:30');
    expect(storeDate(LATE_EVENING_UTC)).toBe('2026-11-25');
  });

  it('counts today, tomorrow and the report period from the store’s day', () => {
    setStoreZone('Asia/Shanghai');
    const now = new Date(LATE_EVENING_UTC);
    expect(storeToday(now)).toBe('2026-11-26');
    expect(tomorrowMorning(now)).toBe('2026-11-27T00:00');
    setStoreZone('America/New_York');
    expect(storeToday(now)).toBe('2026-11-25');
    expect(tomorrowMorning(now)).toBe('2026-11-26T00:00');
    // The dashboard's "today" is the same function's, with the real clock.
    expect(localToday()).toBe(storeToday());
  });

  it('reads a scheduled time as the store’s wall clock', () => {
    setStoreZone('Asia/Shanghai');
    expect(storeInstant('2026-11-27T00:00')).toBe('2026-11-26T16:00:00.000Z');
    setStoreZone('America/New_York');
    expect(storeInstant('2026-11-27T00:00')).toBe('2026-11-27T05:00:00.000Z');
    expect(storeInstant('')).toBeNull();
    expect(storeInstant('tomorrow')).toBeNull();
  });

  it('shows a plain date (a birthday) as it is, in any zone', () => {
    for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      setStoreZone(zone);
      expect(formatDate('1990-05-01', 'zh-CN')).toBe('1990/05/01');
    }
  });

  it('names the last day points earned now can be spent at the store', () => {
    // 30 days: spendable through the 30th day after the store's day of earning.
    const rule = { kind: 'days', days: 30 } as const;
    setStoreZone('Asia/Shanghai');
    expect(lastDayForPointsEarnedNow(rule, new Date(LATE_EVENING_UTC))).toBe('2026-12-26');
    setStoreZone('America/New_York');
    expect(lastDayForPointsEarnedNow(rule, new Date(LATE_EVENING_UTC))).toBe('2026-12-25');
  });
});
