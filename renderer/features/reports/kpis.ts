import type { Kpis } from '../../../shared/contract/reports';
import { formatYuan } from '../../../shared/money';

// How each dashboard figure is shown: its unit, which way is better, and the change against the
// period before. The definitions themselves are the hover texts in kpiMessages.ts (docs/reports.md).

export type KpiKey = keyof Kpis;

/** count: people, orders, tasks; money: integer fen; rate: a fraction; nps: −100…100; hours: a duration. */
export type KpiUnit = 'members' | 'orders' | 'money' | 'rate' | 'points' | 'tasks' | 'complaints' | 'hours' | 'nps' | 'answers' | 'days';

/** Which way the figure should move: up is good, down is good, or neither (a volume, not a result). */
export type KpiGood = 'up' | 'down' | 'neither';

export const KPI_SPECS = {
  newMembers: { unit: 'members', good: 'up' },
  activeMembers: { unit: 'members', good: 'up' },
  repurchaseRate: { unit: 'rate', good: 'up' },
  retentionRate: { unit: 'rate', good: 'up' },
  orders: { unit: 'orders', good: 'up' },
  salesFen: { unit: 'money', good: 'up' },
  refundsFen: { unit: 'money', good: 'down' },
  netSalesFen: { unit: 'money', good: 'up' },
  aovFen: { unit: 'money', good: 'up' },
  takingsFen: { unit: 'money', good: 'up' },
  takingsDays: { unit: 'days', good: 'neither' },
  memberShare: { unit: 'rate', good: 'up' },
  pointsIssued: { unit: 'points', good: 'neither' },
  pointsRedeemed: { unit: 'points', good: 'neither' },
  pointsExpired: { unit: 'points', good: 'neither' },
  pointsReversed: { unit: 'points', good: 'neither' },
  pointsOutstanding: { unit: 'points', good: 'neither' },
  liabilityFen: { unit: 'money', good: 'neither' },
  followupsDone: { unit: 'tasks', good: 'up' },
  followupsOverdue: { unit: 'tasks', good: 'down' },
  complaintsOpened: { unit: 'complaints', good: 'down' },
  complaintsResolved: { unit: 'complaints', good: 'up' },
  complaintsOpen: { unit: 'complaints', good: 'down' },
  medianResolveHours: { unit: 'hours', good: 'down' },
  csat: { unit: 'rate', good: 'up' },
  csatResponses: { unit: 'answers', good: 'neither' },
  nps: { unit: 'nps', good: 'up' },
  npsResponses: { unit: 'answers', good: 'neither' },
} as const satisfies Record<KpiKey, { unit: KpiUnit; good: KpiGood }>;

export const KPI_GROUPS = [
  { id: 'members', keys: ['newMembers', 'activeMembers', 'repurchaseRate', 'retentionRate'] },
  { id: 'sales', keys: ['orders', 'salesFen', 'refundsFen', 'netSalesFen', 'aovFen', 'takingsFen', 'memberShare', 'takingsDays'] },
  { id: 'points', keys: ['pointsIssued', 'pointsRedeemed', 'pointsExpired', 'pointsReversed', 'pointsOutstanding', 'liabilityFen'] },
  {
    id: 'service',
    keys: ['followupsDone', 'followupsOverdue', 'complaintsOpened', 'complaintsResolved', 'complaintsOpen', 'medianResolveHours'],
  },
  { id: 'satisfaction', keys: ['csat', 'csatResponses', 'nps', 'npsResponses'] },
] as const satisfies readonly { id: string; keys: readonly KpiKey[] }[];

export type KpiGroupId = (typeof KPI_GROUPS)[number]['id'];

/**
 * What a store manager checks every day, first on the dashboard: the takings side, the customers
 * and what is waiting for the staff. Every other figure is a click away, under its group.
 */
export const HEADLINE_KPIS = [
  'netSalesFen',
  'orders',
  'aovFen',
  'activeMembers',
  'newMembers',
  'followupsOverdue',
  'complaintsOpen',
] as const satisfies readonly KpiKey[];

/** A group's figures that are not among the headline ones (shown once on the page, under the fold). */
export function foldedKeys(keys: readonly KpiKey[]): KpiKey[] {
  return keys.filter((k) => !(HEADLINE_KPIS as readonly KpiKey[]).includes(k));
}

const EMPTY = '—';

/**
 * A figure that cannot be right as it stands, and what to check: members' sales cannot be more
 * than the whole store's takings, so a share above 100% means takings entered short or wrong.
 */
export function kpiWarning(key: KpiKey, value: number | null): 'memberShareOver' | null {
  return key === 'memberShare' && value !== null && value > 1 ? 'memberShareOver' : null;
}

/** One decimal, without a trailing .0 ("5.3", "12"). */
function oneDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The value as the screen shows it; a figure with nothing to count (no orders, no answers) is "—". */
export function formatKpi(key: KpiKey, value: number | null, hoursSuffix: string): string {
  if (value === null) return EMPTY;
  switch (KPI_SPECS[key].unit) {
    case 'money':
      return formatYuan(value);
    case 'rate':
      return `${(value * 100).toFixed(1)}%`;
    case 'hours':
      return `${oneDecimal(value)} ${hoursSuffix}`;
    case 'nps':
      return `${value > 0 ? '+' : ''}${oneDecimal(value)}`;
    default:
      return value.toLocaleString('en-US');
  }
}

/**
 * The change against the previous period. Counts and money change by a percentage of the earlier
 * value; rates and NPS by their difference (a rate from 20% to 25% is +5 points, not +25%).
 */
export type KpiChange =
  | { kind: 'none' }
  | { kind: 'same' }
  | { kind: 'fromZero'; direction: 'up' | 'down' }
  | { kind: 'percent'; direction: 'up' | 'down'; percent: number }
  | { kind: 'points'; direction: 'up' | 'down'; points: number };

export function kpiChange(key: KpiKey, current: number | null, previous: number | null): KpiChange {
  if (current === null || previous === null) return { kind: 'none' };
  if (current === previous) return { kind: 'same' };
  const direction = current > previous ? 'up' : 'down';
  const unit = KPI_SPECS[key].unit;
  if (unit === 'rate') return { kind: 'points', direction, points: Math.abs(current - previous) * 100 };
  if (unit === 'nps') return { kind: 'points', direction, points: Math.abs(current - previous) };
  if (previous === 0) return { kind: 'fromZero', direction };
  return { kind: 'percent', direction, percent: (Math.abs(current - previous) / Math.abs(previous)) * 100 };
}

/** Whether the change is good news, bad news or neither, for its colour. */
export function changeTone(key: KpiKey, change: KpiChange): 'good' | 'bad' | 'neutral' {
  if (change.kind === 'none' || change.kind === 'same') return 'neutral';
  const good = KPI_SPECS[key].good;
  if (good === 'neither') return 'neutral';
  return change.direction === good ? 'good' : 'bad';
}

/** The amount of a change without its arrow: "12.3%", "3.2", or "" for none and no change. */
export function changeAmount(change: KpiChange): string {
  switch (change.kind) {
    case 'percent':
      return `${oneDecimal(change.percent)}%`;
    case 'points':
      return oneDecimal(change.points);
    default:
      return '';
  }
}
