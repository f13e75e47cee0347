import { useMemo, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useTranslation } from 'react-i18next';
import type { TrendGrain, TrendPoint } from '../../../shared/contract/report-trends';
import { formatYuan } from '../../../shared/money';
import { useSession } from '../../app/session';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { fileDates, fileStem } from '../../components/reports/exportFile';
import { CHART_COLORS, YUAN_TICKS } from './chartStyle';
import { rangeLabel, trendAxisLabel, trendPeriodLabel, type DateRange } from './trendParams';

/** A period of the table, or the total (active members: none, they are counted per period). */
type TrendRow = Omit<TrendPoint, 'activeMembers'> & { activeMembers: number | null; total?: true };

interface Props {
  grain: TrendGrain;
  /** the range the manager chose (the first and last bar may cover more: whole weeks and months) */
  range: DateRange;
  points: TrendPoint[];
  onOpen: (point: TrendPoint) => void;
}

const FIGURES = ['orders', 'salesFen', 'refundsFen', 'netSalesFen', 'activeMembers', 'newMembers'] as const;

function totalOf(points: TrendPoint[]): TrendRow {
  const sum = (f: (p: TrendPoint) => number) => points.reduce((n, p) => n + f(p), 0);
  return {
    period: '',
    from: points[0]?.from ?? '',
    to: points[points.length - 1]?.to ?? '',
    orders: sum((p) => p.orders),
    salesFen: sum((p) => p.salesFen),
    refundsFen: sum((p) => p.refundsFen),
    netSalesFen: sum((p) => p.netSalesFen),
    activeMembers: null,
    newMembers: sum((p) => p.newMembers),
    total: true,
  };
}

/** Net sales as bars, active and new members as lines on their own axis; a bar or a row opens its sales. */
export function TrendFrame({ grain, range, points, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const { staff, branch } = useSession();
  const lang = i18n.language;
  // The chart keeps its configuration across renders; a click asks whatever opens sales now.
  const open = useRef(onOpen);
  open.current = onOpen;
  const subtitle = t('reports.trends.trendSubtitle', { range: rangeLabel(range, lang), grain: t(`reports.trends.grainNames.${grain}`) });

  const columns = useMemo<ReportColumn<TrendRow>[]>(() => {
    const c = (key: string) => t(`reports.trends.columns.${key}`);
    return [
      { key: 'period', header: c('period'), value: (r) => (r.total ? t('reports.trends.total') : trendPeriodLabel(grain, r, lang)) },
      ...FIGURES.map((f): ReportColumn<TrendRow> => ({
        key: f,
        header: c(f),
        kind: f.endsWith('Fen') ? 'money' : 'number',
        help: t(`reports.trends.definitions.${f}`),
      })),
    ];
  }, [t, grain, lang]);

  const chart = useMemo<ChartConfiguration<'bar' | 'line', number[], string>>(() => {
    const spansYears = points.length > 0 && points[0].from.slice(0, 4) !== points[points.length - 1].from.slice(0, 4);
    const line = (label: string, data: number[], color: string) => ({
      type: 'line' as const,
      label,
      data,
      yAxisID: 'members',
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      pointRadius: points.length > 60 ? 0 : 3,
      tension: 0.2,
    });
    return {
      type: 'bar',
      data: {
        labels: points.map((p) => trendAxisLabel(grain, p, spansYears, lang)),
        datasets: [
          {
            type: 'bar',
            label: t('reports.trends.columns.netSalesFen'),
            data: points.map((p) => p.netSalesFen / 100),
            backgroundColor: CHART_COLORS.current,
            yAxisID: 'money',
            order: 2,
          },
          {
            ...line(
              t('reports.trends.columns.activeMembers'),
              points.map((p) => p.activeMembers),
              CHART_COLORS.accent,
            ),
            order: 1,
          },
          {
            ...line(
              t('reports.trends.columns.newMembers'),
              points.map((p) => p.newMembers),
              CHART_COLORS.second,
            ),
            order: 0,
          },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        onClick: (_event, elements) => {
          const point = points[elements[0]?.index ?? -1];
          if (point) open.current(point);
        },
        onHover: (event, elements) => {
          const canvas = event.native?.target;
          if (canvas instanceof HTMLElement) canvas.style.cursor = elements.length > 0 ? 'pointer' : 'default';
        },
        plugins: {
          // Lines are drawn over the bars (a lower `order`), but listed in the table's order.
          legend: { position: 'bottom', labels: { sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) } },
          tooltip: {
            itemSort: (a, b) => a.datasetIndex - b.datasetIndex,
            callbacks: {
              title: (items) => (items[0] ? trendPeriodLabel(grain, points[items[0].dataIndex], lang) : ''),
              label: (item) =>
                `${item.dataset.label ?? ''}: ${item.dataset.yAxisID === 'money' ? formatYuan(Math.round((item.parsed.y ?? 0) * 100)) : (item.parsed.y ?? 0)}`,
            },
          },
        },
        scales: {
          money: { beginAtZero: true, position: 'left', title: { display: true, text: t('reports.trends.moneyAxis') }, ticks: YUAN_TICKS },
          members: {
            beginAtZero: true,
            position: 'right',
            grid: { drawOnChartArea: false },
            title: { display: true, text: t('reports.trends.membersAxis') },
            ticks: { precision: 0 },
          },
          x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        },
      },
    };
  }, [points, grain, lang, t]);

  const rows = useMemo<TrendRow[]>(() => points.map((p) => ({ ...p })), [points]);
  return (
    <ReportFrame
      title={t('reports.trends.trendTitle')}
      subtitle={subtitle}
      chart={chart as ChartConfiguration}
      chartHeight={300}
      columns={columns}
      rows={rows}
      totalRow={totalOf(points)}
      rowKey={(r) => r.period}
      exportName={fileStem(t('reports.trends.trendTitle'), t(`reports.trends.grainNames.${grain}`), fileDates(t, range.from, range.to))}
      printMeta={{ storeName: branch.name, printedBy: staff.name, periodLabel: subtitle }}
      onRowClick={(r) => {
        const point = points.find((p) => p.period === r.period);
        if (point) onOpen(point);
      }}
      footnote={
        <>
          <p style={{ margin: 0 }}>{t('reports.trends.membersNote')}</p>
          {grain !== 'day' && <p style={{ margin: 0 }}>{t('reports.trends.wholePeriodsNote')}</p>}
        </>
      }
    />
  );
}
