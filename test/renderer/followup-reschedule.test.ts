import { describe, expect, it } from 'vitest';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { RESCHEDULE_SHORTCUTS, rescheduleStart, shortcutDates } from '../../renderer/features/followups/reschedule';

// Rescheduling a call starts on the store's tomorrow, never on the task's old date (a task not
// reached is usually already past due), with 明天 / 后天 / 下周 one click away.

describe('rescheduling a follow-up', () => {
  it('starts on the store’s tomorrow, across a month’s and a year’s end', () => {
    expect(rescheduleStart('2026-11-25')).toBe('2026-11-26');
    expect(rescheduleStart('2026-11-30')).toBe('2026-12-01');
    expect(rescheduleStart('2026-12-31')).toBe('2027-01-01');
  });

  it('offers tomorrow, the day after and the same weekday next week (+7 days)', () => {
    expect(shortcutDates('2026-12-30')).toEqual([
      { key: 'tomorrow', date: '2026-12-31' },
      { key: 'dayAfter', date: '2027-01-01' },
      { key: 'nextWeek', date: '2027-01-06' },
    ]);
  });

  it('names each shortcut and says which day it is in both languages; 下周 says it is 7 days on', () => {
    for (const messages of [zhCN, en]) {
      for (const { key } of RESCHEDULE_SHORTCUTS) {
        expect(messages.followups.reschedule.shortcuts[key]).toBeTruthy();
        expect(messages.followups.reschedule.shortcutTitles[key]).toContain('{{date}}');
      }
      expect(messages.followups.reschedule.shortcutTitles.nextWeek).toContain('7');
    }
    expect(zhCN.followups.reschedule.shortcuts).toEqual({ tomorrow: '明天', dayAfter: '后天', nextWeek: '下周' });
  });
});
