import { formatYuan } from '../../../shared/money';

/** The reports' two series colours: this period in the app's blue, the one before in a quiet grey-blue. */
export const CHART_COLORS = { current: '#0f5c8c', previous: '#a9bccd', accent: '#f2b134' } as const;

/** A money axis tick in whole yuan (the axis is in yuan): ¥12,000. */
export function yuanTick(value: number | string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return formatYuan(Math.round(n * 100)).replace(/\.\d\d$/, '');
}
