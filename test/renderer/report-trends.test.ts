import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { BREAKDOWN_DIMS, TREND_GRAINS, TREND_MAX_POINTS } from '../../shared/contract/report-trends';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import {
  TREND_PRESETS,
  collectPages,
  defaultRange,
  mondayOf,
  periodCount,
  presetOf,
  presetRange,
  rangeLabel,
  rangeProblem,
  salesExportName,
  trendAxisLabel,
  trendPeriodLabel,
  trendsSearch,
  trendsViewFrom,
  type TrendsView,
} from '../../renderer/features/reports/trendParams';

// 趋势与明细's pure parts: the ranges it opens with, how it names periods, what it keeps in the
// URL, and how the detail list's file is filled page by page. Today is Wednesday 2026-11-25.

const TODAY = '2026-11-25';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('trend ranges', () => {
  it('opens on the last 30 days by day, 12 whole weeks by week, 12 whole months by month', () => {
    expect(defaultRange('day', TODAY)).toEqual({ from: '2026-10-27', to: TODAY });
    expect(defaultRange('week', TODAY)).toEqual({ from: '2026-09-07', to: TODAY });
    expect(defaultRange('month', TODAY)).toEqual({ from: '2025-12-01', to: TODAY });
    expect(periodCount('day', defaultRange('day', TODAY))).toBe(30);
    expect(periodCount('week', defaultRange('week', TODAY))).toBe(12);
    expect(periodCount('month', defaultRange('month', TODAY))).toBe(12);
  });

  it('finds the Monday of any day, Sunday belonging to the week before it', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-25')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29');
  });

  it('counts presets across a year end, and knows a range that is one', () => {
    expect(presetRange('months12', '2026-01-15')).toEqual({ from: '2025-02-01', to: '2026-01-15' });
    expect(presetRange('months24', '2026-01-15')).toEqual({ from: '2024-02-01', to: '2026-01-15' });
    expect(presetRange('thisMonth', TODAY)).toEqual({ from: '2026-11-01', to: TODAY });
    expect(presetRange('thisYear', TODAY)).toEqual({ from: '2026-01-01', to: TODAY });
    expect(presetRange('days7', TODAY)).toEqual({ from: '2026-11-19', to: TODAY });
    expect(presetOf('day', { from: '2026-11-19', to: TODAY }, TODAY)).toBe('days7');
    expect(presetOf('day', { from: '2026-11-18', to: TODAY }, TODAY)).toBeNull();
    for (const grain of TREND_GRAINS)
      for (const p of TREND_PRESETS[grain]) expect(rangeProblem({ grain, ...presetRange(p, TODAY) }), p).toBeNull();
  });

  it('counts partial weeks and months at the ends as whole ones, as the service does', () => {
    expect(periodCount('week', { from: '2026-11-01', to: '2026-11-15' })).toBe(3); // weeks of 10-26, 11-02, 11-09
    expect(periodCount('month', { from: '2025-12-31', to: '2026-01-01' })).toBe(2);
    expect(periodCount('day', { from: '2026-11-25', to: '2026-11-25' })).toBe(1);
  });

  it("refuses before asking what the service would refuse, with the service's rule", () => {
    expect(rangeProblem({ grain: 'day', from: '2025-11-25', to: TODAY })).toBeNull(); // 366 days
    expect(rangeProblem({ grain: 'day', from: '2025-11-24', to: TODAY })).toEqual({ rule: 'too_many_periods', max: TREND_MAX_POINTS.day });
    expect(rangeProblem({ grain: 'month', from: '2016-12-01', to: TODAY })).toBeNull(); // 120 months
    expect(rangeProblem({ grain: 'month', from: '2016-11-30', to: TODAY })).toEqual({ rule: 'too_many_periods', max: 120 });
    expect(rangeProblem({ grain: 'week', from: TODAY, to: '2026-11-24' })).toEqual({ rule: 'end_before_start' });
  });
});

describe('period names', () => {
  it('names a day with its weekday, a week by its ends, a month by name, dates as the screen writes them', () => {
    expect(trendPeriodLabel('day', { from: TODAY, to: TODAY }, 'zh-CN')).toBe('2026/11/25 周三');
    expect(trendPeriodLabel('day', { from: TODAY, to: TODAY }, 'en')).toBe('2026-11-25 Wed');
    expect(trendPeriodLabel('week', { from: '2026-11-23', to: '2026-11-29' }, 'zh-CN')).toBe('2026/11/23 至 11/29');
    expect(trendPeriodLabel('week', { from: '2026-12-28', to: '2027-01-03' }, 'en')).toBe('2026-12-28 – 2027-01-03');
    expect(trendPeriodLabel('week', { from: '2026-12-28', to: '2027-01-03' }, 'zh-CN')).toBe('2026/12/28 至 2027/01/03');
    expect(trendPeriodLabel('month', { from: '2026-11-01', to: '2026-11-30' }, 'zh-CN')).toBe('2026年11月');
    expect(trendPeriodLabel('month', { from: '2026-11-01', to: '2026-11-30' }, 'en')).toBe('November 2026');
  });

  it('names a list by its dates: a day, a calendar period, or its two ends', () => {
    expect(rangeLabel({ from: TODAY, to: TODAY }, 'zh-CN')).toBe('2026/11/25');
    expect(rangeLabel({ from: '2026-10-01', to: '2026-12-31' }, 'zh-CN')).toBe('2026年第4季度');
    expect(rangeLabel({ from: '2026-01-01', to: '2026-12-31' }, 'en')).toBe('2026');
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-29' }, 'zh-CN')).toBe('2026/11/01 至 11/29');
    expect(rangeLabel({ from: '2026-11-01', to: '2026-11-29' }, 'en')).toBe('2026-11-01 – 11-29');
  });

  it('keeps axis labels short, with the year only when the bars span two', () => {
    expect(trendAxisLabel('day', { from: TODAY, to: TODAY }, false, 'zh-CN')).toBe('11/25');
    expect(trendAxisLabel('week', { from: '2026-11-23', to: '2026-11-29' }, true, 'zh-CN')).toBe('2026/11/23');
    expect(trendAxisLabel('month', { from: '2026-11-01', to: '2026-11-30' }, true, 'zh-CN')).toBe('2026/11');
    expect(trendAxisLabel('day', { from: TODAY, to: TODAY }, false, 'en')).toBe('11-25');
    expect(trendAxisLabel('month', { from: '2026-11-01', to: '2026-11-30' }, true, 'en')).toBe('2026-11');
  });
});

describe('the URL of the page', () => {
  const search = (view: TrendsView) => new URLSearchParams(trendsSearch(view, TODAY));

  it('is empty for the defaults, and reads back to them', () => {
    const view = trendsViewFrom(new URLSearchParams(), TODAY);
    expect(view).toEqual({ trend: { grain: 'day', from: '2026-10-27', to: TODAY }, period: '2026-11', detail: null, page: 0 });
    expect(trendsSearch(view, TODAY)).toEqual({});
  });

  it('keeps a grain, a range, a period and an open list with its page', () => {
    const view: TrendsView = {
      trend: { grain: 'week', from: '2026-01-05', to: TODAY },
      period: '2026-Q3',
      detail: { from: '2026-07-01', to: '2026-09-30', only: { dim: 'staff', key: 'staff-1' }, name: '小李' },
      page: 2,
    };
    expect(trendsViewFrom(search(view), TODAY)).toEqual(view);
  });

  it('keeps "none recorded" (key "") apart from no filter, and a category is its own name', () => {
    const none: TrendsView = {
      ...trendsViewFrom(new URLSearchParams(), TODAY),
      detail: { from: TODAY, to: TODAY, only: { dim: 'tier', key: '' }, name: null },
    };
    expect(trendsViewFrom(search(none), TODAY).detail).toEqual(none.detail);
    const food: TrendsView = { ...none, detail: { from: TODAY, to: TODAY, only: { dim: 'category', key: '食品' }, name: '食品' } };
    expect(search(food).has('name')).toBe(false);
    expect(trendsViewFrom(search(food), TODAY).detail).toEqual(food.detail);
  });

  it('falls back to the defaults for what is malformed, and never opens a period not begun', () => {
    const view = trendsViewFrom(
      new URLSearchParams({ grain: 'hour', from: '2026-13-40', to: TODAY, period: '2027-01', dfrom: TODAY, dto: '2026-11-01', page: '-3' }),
      TODAY,
    );
    expect(view).toEqual({ trend: { grain: 'day', from: '2026-10-27', to: TODAY }, period: '2026-11', detail: null, page: 0 });
  });
});

describe('the detail list', () => {
  it('fills its file from the biggest pages, up to 5,000 rows, and stops at the end of the list', async () => {
    const list = (total: number) => {
      const asked: Array<[number, number]> = [];
      const fetchPage = async (limit: number, offset: number) => {
        asked.push([limit, offset]);
        return { total, items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i) };
      };
      return { asked, fetchPage };
    };
    const small = list(1234);
    expect(await collectPages(small.fetchPage)).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(small.asked).toEqual([
      [500, 0],
      [500, 500],
      [500, 1000],
    ]);
    const big = list(12_000);
    expect(await collectPages(big.fetchPage)).toHaveLength(5000);
    expect(big.asked).toHaveLength(10);
    const capped = list(12_000);
    expect(await collectPages(capped.fetchPage, 1200)).toHaveLength(1200);
    expect(capped.asked).toEqual([
      [500, 0],
      [500, 500],
      [200, 1000],
    ]);
    const empty = list(0);
    expect(await collectPages(empty.fetchPage)).toEqual([]);
    expect(empty.asked).toHaveLength(1);
  });

  it("names its file in the reader's language by its dates and the category, staff member or tier it is", async () => {
    const zh = await translator('zh-CN');
    expect(salesExportName(zh, { from: TODAY, to: TODAY, only: null, name: null })).toBe('销售明细-2026-11-25');
    expect(salesExportName(zh, { from: '2026-11-01', to: '2026-11-30', only: { dim: 'category', key: '食品' }, name: '食品' })).toBe(
      '销售明细-2026-11-01至2026-11-30-食品',
    );
    expect(salesExportName(zh, { from: '2026-11-01', to: '2026-11-30', only: { dim: 'category', key: '' }, name: null })).toBe(
      '销售明细-2026-11-01至2026-11-30-未分类',
    );
    const english = await translator('en');
    expect(salesExportName(english, { from: '2026-11-01', to: '2026-11-30', only: { dim: 'staff', key: 's1' }, name: 'Li Na' })).toBe(
      'Sales detail-2026-11-01 to 2026-11-30-Li Na',
    );
  });
});

describe('strings', () => {
  it('names every grain, preset and dimension, and what "none recorded" is in each, in both languages', () => {
    for (const messages of [zhCN, en]) {
      const tr = messages.reports.trends;
      for (const grain of TREND_GRAINS) {
        expect(tr.grains[grain]).toBeTruthy();
        for (const p of TREND_PRESETS[grain]) expect(tr.presets[p], p).toBeTruthy();
      }
      for (const dim of BREAKDOWN_DIMS)
        for (const group of [tr.dims, tr.dimColumns, tr.dimDefinitions, tr.none]) expect(group[dim], dim).toBeTruthy();
    }
  });

  it('says the same of the figures as docs/reports.md', async () => {
    const t = await translator('en');
    expect(t('reports.trends.definitions.netSalesFen')).toBe('Sales − refunds made in the period.');
    expect(t('reports.trends.definitions.activeMembers')).toBe('Members with at least one sale in the period.');
    expect(t('reports.trends.definitions.newMembers')).toBe('Members registered in the period.');
    expect(t('reports.trends.none.tier')).toBe('Tier not recorded (sales before this version)');
    const zh = await translator('zh-CN');
    expect(zh('reports.trends.none.tier')).toBe('未记录等级（v9 之前的消费）');
    expect(zh('rules.too_many_periods', { max: 366 })).toContain('366');
  });
});
