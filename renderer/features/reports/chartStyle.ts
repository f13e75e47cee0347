import { formatYuan } from '../../../shared/money';

/**
 * The reports' series colours: this period in the app's blue, the one before in a quiet grey-blue;
 * accent and second for lines drawn over bars (the trend's active and new members).
 */
export const CHART_COLORS = { current: '#0f5c8c', previous: '#a9bccd', accent: '#f2b134', second: '#2e8b57' } as const;

/**
 * A money axis's ticks: whole yuan only. Without `precision`, an axis of all-zero bars (a month
 * with no sales) runs 0 to 1 in tenths, each labelled ¥0.
 */
export const YUAN_TICKS = { callback: yuanTick, precision: 0 } as const;

/** A money axis tick in whole yuan (the axis is in yuan): ¥12,000. */
export function yuanTick(value: number | string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return formatYuan(Math.round(n * 100)).replace(/\.\d\d$/, '');
}
