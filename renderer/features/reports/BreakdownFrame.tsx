import { useCallback, useMemo, useRef } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useTranslation } from 'react-i18next';
import type { BreakdownDim, BreakdownRow } from '../../../shared/contract/report-trends';
import { formatYuan } from '../../../shared/money';
import type { Period } from '../../../shared/report-periods';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { fileStem } from '../../components/reports/exportFile';
import { CHART_COLORS, YUAN_TICKS } from './chartStyle';
import { periodLabel } from './periods';
import { useReport } from './useReport';

/** Bars beyond these would be too thin to read or click; the table holds every row. */
const CHART_MAX_BARS = 20;

interface Props {
  dim: BreakdownDim;
  period: Period;
  /** A row or bar: its sales in the period. */
  onOpen: (dim: BreakdownDim, row: BreakdownRow) => void;
}

type Row = BreakdownRow & { total?: true };

/** One period's sales by category, staff or tier: net sales as horizontal bars, and the table with a total. */
export function BreakdownFrame({ dim, period, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const { staff, branch } = useSession();
  const { data, error, building } = useReport('reports.breakdown', { period: period.key, dim });
  const open = useRef(onOpen);
  open.current = onOpen;
  const label = useCallback((r: Row) => (r.total ? t('reports.trends.total') : (r.label ?? t(`reports.trends.none.${dim}`))), [t, dim]);
  const title = t(`reports.trends.dims.${dim}`);
  const subtitle = t('reports.trends.breakdownPeriod', {
    label: periodLabel(period, i18n.language),
    from: formatDate(period.from, i18n.language),
    to: formatDate(period.to, i18n.language),
  });

  const columns = useMemo<ReportColumn<Row>[]>(() => {
    const c = (key: string) => t(`reports.trends.columns.${key}`);
    const figure = (
      key: 'orders' | 'salesFen' | 'refundsFen' | 'netSalesFen' | 'share',
      kind: 'number' | 'money' | 'percent',
    ): ReportColumn<Row> => ({
      key,
      header: c(key),
      kind,
      help: t(`reports.trends.definitions.${key}`),
    });
    return [
      { key: 'label', header: t(`reports.trends.dimColumns.${dim}`), help: t(`reports.trends.dimDefinitions.${dim}`), value: label },
      figure('orders', 'number'),
      figure('salesFen', 'money'),
      figure('refundsFen', 'money'),
      figure('netSalesFen', 'money'),
      figure('share', 'percent'),
    ];
  }, [t, dim, label]);

  const rows = useMemo(() => data?.rows ?? [], [data]);
  const charted = useMemo(() => rows.slice(0, CHART_MAX_BARS), [rows]);
  const chart = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: charted.map((r) => label(r)),
        datasets: [
          {
            label: t('reports.trends.columns.netSalesFen'),
            data: charted.map((r) => r.netSalesFen / 100),
            backgroundColor: CHART_COLORS.current,
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        onClick: (_event, elements) => {
          const row = charted[elements[0]?.index ?? -1];
          if (row) open.current(dim, row);
        },
        onHover: (event, elements) => {
          const canvas = event.native?.target;
          if (canvas instanceof HTMLElement) canvas.style.cursor = elements.length > 0 ? 'pointer' : 'default';
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${formatYuan(Math.round((item.parsed.x ?? 0) * 100))}` } },
        },
        scales: { x: { beginAtZero: true, title: { display: true, text: t('reports.trends.netAxis') }, ticks: YUAN_TICKS } },
      },
    }),
    [charted, label, t, dim],
  );

  if (error) return <ErrorAlert error={error} />;
  // No empty table while the figures are prepared: the page's notice above says so, once.
  if (building) return null;
  const total: Row | undefined = data
    ? { key: '', label: null, ...data.total, share: data.total.netSalesFen !== 0 ? 1 : null, total: true }
    : undefined;
  return (
    <ReportFrame
      title={title}
      subtitle={subtitle}
      chart={rows.length > 0 ? chart : null}
      chartHeight={Math.min(60 + 34 * charted.length, 600)}
      columns={columns}
      rows={rows}
      totalRow={total}
      rowKey={(r) => r.key}
      exportName={fileStem(t('reports.trends.breakdownTitle'), title, period.key)}
      printMeta={{ storeName: branch.name, printedBy: staff.name, periodLabel: subtitle }}
      onRowClick={(r) => onOpen(dim, r)}
      footnote={rows.length > CHART_MAX_BARS ? t('reports.trends.chartTop', { count: CHART_MAX_BARS }) : undefined}
    />
  );
}
