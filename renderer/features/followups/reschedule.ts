import { addDaysTo } from '../../../shared/local-date';

/** The rescheduling shortcuts: tomorrow, the day after, and the same weekday next week (+7 days). */
export const RESCHEDULE_SHORTCUTS = [
  { key: 'tomorrow', days: 1 },
  { key: 'dayAfter', days: 2 },
  { key: 'nextWeek', days: 7 },
] as const;

export type RescheduleShortcut = (typeof RESCHEDULE_SHORTCUTS)[number]['key'];

/**
 * Where a reschedule starts: the store's tomorrow, whatever day the task was due. A call not
 * reached today is tried again another day, and the task's own date is usually already past.
 */
export function rescheduleStart(storeToday: string): string {
  return addDaysTo(storeToday, 1);
}

/** Each shortcut's date from the store's today. */
export function shortcutDates(storeToday: string): { key: RescheduleShortcut; date: string }[] {
  return RESCHEDULE_SHORTCUTS.map(({ key, days }) => ({ key, date: addDaysTo(storeToday, days) }));
}
