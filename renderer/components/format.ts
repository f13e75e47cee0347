import { TZDate } from '@date-fns/tz';
import { calendarDate } from '../../shared/local-date';

// The screen shows every time and every day in the store's time zone (setup.status tells it at
// start), as the services count days: a sale at 07:30 in Shanghai is on the store's 26th even on a
// machine set to UTC, where it is still the 25th. Until the zone is known, the machine's is used.

let zone: string | undefined;

export function setStoreZone(timeZone: string | undefined): void {
  zone = timeZone;
}

export function storeZone(): string {
  return zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** `now` as a Date whose getters read the store's wall clock. */
export function storeClock(now: Date = new Date()): TZDate {
  return new TZDate(now.getTime(), storeZone());
}

/** Today's date at the store, `YYYY-MM-DD`. */
export function storeToday(now: Date = new Date()): string {
  return calendarDate(storeClock(now));
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on at the store. */
export function storeDate(iso: string): string {
  return calendarDate(storeClock(new Date(iso)));
}

/** The instant a `YYYY-MM-DDTHH:mm` wall-clock time at the store is (a datetime-local field's value); null if unreadable. */
export function storeInstant(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const at = new TZDate(y, mo - 1, d, h, mi, storeZone());
  return Number.isNaN(at.getTime()) ? null : new Date(at.getTime()).toISOString();
}

/** Times are stored in UTC and shown at the store's time, in the UI language. */
export function formatTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: storeZone() });
}

/** A calendar date, for things that happen "on a day" (expiries, birthdays): an instant's day at the store, or a `YYYY-MM-DD` date as it is. */
export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Date(dateOnly ? `${iso}T00:00:00Z` : iso).toLocaleDateString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: dateOnly ? 'UTC' : storeZone() });
}
