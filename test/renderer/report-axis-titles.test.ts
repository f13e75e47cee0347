import { describe, expect, it } from 'vitest';
import type { Chart, ChartConfiguration } from 'chart.js';
import { levelAxisTitles, levelTitlesOf } from '../../renderer/components/reports/axisTitles';

// No title on its side: chart.js turns a vertical axis's title 90°, and Chinese read downwards is
// hard to read. Every report chart passes through levelAxisTitles (ReportChart), which hides it on
// the axis and draws it level above the axis instead.

const STYLE = { fontFamily: 'Noto Sans CJK SC', color: '#555' };

/** The trend chart's shape: money on the left, members on the right, a plain x axis. */
const trend: ChartConfiguration = {
  type: 'bar',
  data: { labels: ['11月'], datasets: [{ label: '净销售额', data: [600], yAxisID: 'money' }] },
  options: {
    plugins: { legend: { position: 'bottom' } },
    scales: {
      money: { beginAtZero: true, position: 'left', title: { display: true, text: '金额（元）' } },
      members: { beginAtZero: true, position: 'right', title: { display: true, text: '会员（人）' } },
      x: { ticks: { maxRotation: 0 } },
    },
  },
};

/** Any title still drawn on a vertical axis: what chart.js would turn on its side. */
const sidewaysTitles = (config: ChartConfiguration) => levelTitlesOf(config).map((t) => t.text);

interface Call {
  op: string;
  args: unknown[];
}

/** A canvas context that records what is drawn, and a chart with two axes placed as chart.js would. */
function fakeChart(calls: Call[]) {
  const record =
    (op: string) =>
    (...args: unknown[]) =>
      void calls.push({ op, args });
  const ctx = {
    save: record('save'),
    restore: record('restore'),
    fillText: record('fillText'),
    rotate: record('rotate'),
    font: '',
    fillStyle: '',
    textAlign: '',
    textBaseline: '',
  };
  return {
    ctx: new Proxy(ctx, {
      set: (target, key, value) => (calls.push({ op: `set ${String(key)}`, args: [value] }), Reflect.set(target, key, value)),
    }),
    chartArea: { top: 40, left: 60, right: 900, bottom: 300 },
    scales: { money: { left: 4, right: 60 }, members: { left: 900, right: 956 } },
  } as unknown as Chart;
}

describe('vertical axis titles, drawn level', () => {
  it('hides every vertical title on its axis and draws it level, left over a left axis and right over a right one', () => {
    expect(sidewaysTitles(trend)).toEqual(['金额（元）', '会员（人）']);
    const level = levelAxisTitles(trend, STYLE);
    expect(sidewaysTitles(level)).toEqual([]);
    const scales = level.options!.scales as Record<string, { title: { display: boolean; text: string }; beginAtZero?: boolean }>;
    expect(scales.money.title).toEqual({ display: false, text: '金额（元）' });
    expect(scales.money.beginAtZero).toBe(true); // the rest of the axis as its author set it
    expect(level.options!.layout!.padding).toEqual({ top: 26 }); // one small line of room above the chart area
    expect(level.options!.plugins).toEqual(trend.options!.plugins);

    const calls: Call[] = [];
    const chart = fakeChart(calls);
    for (const plugin of level.plugins ?? []) plugin.afterDraw?.(chart, {}, {});
    expect(calls.filter((c) => c.op === 'rotate')).toEqual([]);
    const drawn = calls.flatMap((c, i) =>
      c.op === 'fillText'
        ? [{ text: c.args[0], x: c.args[1], y: c.args[2], align: calls.slice(0, i).findLast((p) => p.op === 'set textAlign')?.args[0] }]
        : [],
    );
    expect(drawn).toEqual([
      { text: '金额（元）', x: 4, y: 32, align: 'left' },
      { text: '会员（人）', x: 956, y: 32, align: 'right' },
    ]);
    expect(calls).toContainEqual({ op: 'set font', args: ['12px Noto Sans CJK SC'] });
  });

  it('finds a vertical axis by its id, its axis or its position, and keeps padding the chart already had', () => {
    const config: ChartConfiguration = {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        layout: { padding: 10 },
        scales: { y: { title: { display: true, text: '会员数' } }, share: { axis: 'y', title: { display: true, text: '销售占比（%）' } } },
      },
    };
    expect(sidewaysTitles(config)).toEqual(['会员数', '销售占比（%）']);
    const level = levelAxisTitles(config, STYLE);
    expect(sidewaysTitles(level)).toEqual([]);
    expect(level.options!.layout!.padding).toEqual({ top: 36, right: 10, bottom: 10, left: 10 });
  });

  it('leaves a chart alone when no title would be turned: a level x title (a horizontal bar chart), a hidden one, none', () => {
    const breakdown: ChartConfiguration = {
      type: 'bar',
      data: { labels: ['食品'], datasets: [{ data: [350] }] },
      options: {
        indexAxis: 'y',
        scales: {
          x: { beginAtZero: true, title: { display: true, text: '净销售额（元）' } },
          y: { title: { display: false, text: '品类' } },
        },
      },
    };
    expect(levelAxisTitles(breakdown, STYLE)).toBe(breakdown);
    const plain: ChartConfiguration = { type: 'line', data: { labels: [], datasets: [] } };
    expect(levelAxisTitles(plain, STYLE)).toBe(plain);
  });
});
