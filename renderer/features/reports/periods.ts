import { addDaysTo } from '../../../shared/local-date';
import { storeToday } from '../../components/format';
import { parsePeriod, periodContaining, previousPeriod, type Period, type PeriodKind } from '../../../shared/report-periods';

// The dashboard's period picker, on top of shared/report-periods.ts (the service's own periods).

export const PERIOD_KINDS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

/** Today at the store, as everywhere else on the screen (the services count days the same way). */
export function localToday(): string {
  return storeToday();
}

export function currentPeriod(kind: PeriodKind, today = localToday()): Period {
  return periodContaining(kind, today);
}

/** The period after `p` (the one whose day before is p's last day). */
export function nextPeriod(p: Period): Period {
  return periodContaining(p.kind, addDaysTo(p.to, 1));
}

export function stepPeriod(p: Period, step: -1 | 1): Period {
  return step < 0 ? previousPeriod(p) : nextPeriod(p);
}

/** Switching kind keeps the time the manager was looking at: the new kind's period holding p's last day (or today, if sooner). */
export function switchKind(p: Period, kind: PeriodKind, today = localToday()): Period {
  return periodContaining(kind, p.to < today ? p.to : today);
}

/** A period from the URL, or this month; never one that has not started. */
export function periodFromKey(key: string | null, today = localToday()): Period {
  const p = key ? parsePeriod(key) : null;
  return p && p.from <= today ? p : currentPeriod('month', today);
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2026年11月 / 2026年第4季度 / 2026年; November 2026 / Q4 2026 / 2026 (named here, not by Intl, whose text varies by engine). */
export function periodLabel(p: Period, language: string): string {
  const year = Number(p.from.slice(0, 4));
  const month = Number(p.from.slice(5, 7));
  const zh = language.startsWith('zh');
  switch (p.kind) {
    case 'month':
      return zh ? `${year}年${month}月` : `${MONTH_NAMES[month - 1]} ${year}`;
    case 'quarter':
      return zh ? `${year}年第${Math.ceil(month / 3)}季度` : `Q${Math.ceil(month / 3)} ${year}`;
    case 'year':
      return zh ? `${year}年` : String(year);
  }
}
