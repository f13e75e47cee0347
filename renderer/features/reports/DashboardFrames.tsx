import { fileStem } from '../../components/reports/exportFile';
import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useTranslation } from 'react-i18next';
import type { Kpis } from '../../../shared/contract/reports';
import { useSession } from '../../app/session';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { changeText } from './KpiCard';
import { KPI_GROUPS, KPI_SPECS, formatKpi, kpiChange, type KpiKey } from './kpis';
import { CHART_COLORS, YUAN_TICKS } from './chartStyle';

interface Props {
  current: Kpis;
  prior: Kpis;
  /** "2026年11月" and "2026年10月" */
  currentLabel: string;
  priorLabel: string;
  periodKey: string;
}

interface FigureRow {
  kpi: KpiKey;
  group: string;
  current: number | null;
  prior: number | null;
}

const SALES_FIGURES = ['salesFen', 'refundsFen', 'netSalesFen', 'aovFen'] as const satisfies readonly KpiKey[];
/** The average order is a few hundred yuan beside sales in the hundreds of thousands: a bar too small to see, so the table alone shows it. */
const CHARTED_FIGURES = ['salesFen', 'refundsFen', 'netSalesFen'] as const satisfies readonly KpiKey[];

/** A figure in the unit its row names, for the files: yuan for money, percent for rates. */
function inUnit(kpi: KpiKey, value: number | null): number | null {
  if (value === null) return null;
  switch (KPI_SPECS[kpi].unit) {
    case 'money':
      return value / 100;
    case 'rate':
      return Math.round(value * 1000) / 10;
    case 'hours':
    case 'nps':
      return Math.round(value * 10) / 10;
    default:
      return value;
  }
}

/** The dashboard on paper and in files: sales this period against the last, and every figure. */
export function DashboardFrames({ current, prior, currentLabel, priorLabel, periodKey }: Props) {
  const { t } = useTranslation();
  const { staff, branch } = useSession();
  const periodText = t('reports.dashboard.versus', { current: currentLabel, previous: priorLabel });
  const printMeta = { storeName: branch.name, printedBy: staff.name, periodLabel: periodText };

  const salesRows = useMemo<FigureRow[]>(
    () => SALES_FIGURES.map((kpi) => ({ kpi, group: 'sales', current: current[kpi], prior: prior[kpi] })),
    [current, prior],
  );
  const allRows = useMemo<FigureRow[]>(
    () => KPI_GROUPS.flatMap((g) => g.keys.map((kpi: KpiKey) => ({ kpi, group: g.id, current: current[kpi], prior: prior[kpi] }))),
    [current, prior],
  );

  const change = useMemo<ReportColumn<FigureRow>>(
    () => ({
      key: 'change',
      header: t('reports.dashboard.columns.change'),
      align: 'right',
      value: (r) => changeText(t, r.kpi, kpiChange(r.kpi, r.current, r.prior)),
    }),
    [t],
  );
  const salesColumns = useMemo<ReportColumn<FigureRow>[]>(
    () => [
      { key: 'figure', header: t('reports.dashboard.columns.figure'), value: (r) => t(`reports.kpi.names.${r.kpi}`) },
      { key: 'current', header: currentLabel, kind: 'money' },
      { key: 'prior', header: priorLabel, kind: 'money' },
      change,
    ],
    [t, currentLabel, priorLabel, change],
  );
  const allColumns = useMemo<ReportColumn<FigureRow>[]>(() => {
    const hours = t('reports.kpi.units.hours');
    const figure = (key: 'current' | 'prior', header: string): ReportColumn<FigureRow> => ({
      key,
      header,
      kind: 'number',
      value: (r) => inUnit(r.kpi, r[key]),
      format: (_, r) => formatKpi(r.kpi, r[key], hours),
    });
    return [
      { key: 'group', header: t('reports.dashboard.columns.group'), value: (r) => t(`reports.dashboard.groups.${r.group}`) },
      { key: 'figure', header: t('reports.dashboard.columns.figure'), value: (r) => t(`reports.kpi.names.${r.kpi}`) },
      { key: 'unit', header: t('reports.dashboard.columns.unit'), value: (r) => t(`reports.kpi.units.${KPI_SPECS[r.kpi].unit}`) },
      figure('current', currentLabel),
      figure('prior', priorLabel),
      change,
    ];
  }, [t, currentLabel, priorLabel, change]);

  const chart = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: CHARTED_FIGURES.map((kpi) => t(`reports.kpi.names.${kpi}`)),
        datasets: [
          { label: currentLabel, data: CHARTED_FIGURES.map((kpi) => current[kpi] / 100), backgroundColor: CHART_COLORS.current },
          { label: priorLabel, data: CHARTED_FIGURES.map((kpi) => prior[kpi] / 100), backgroundColor: CHART_COLORS.previous },
        ],
      },
      options: {
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, title: { display: true, text: t('reports.dashboard.salesAxis') }, ticks: YUAN_TICKS } },
      },
    }),
    [t, current, prior, currentLabel, priorLabel],
  );

  return (
    <>
      <ReportFrame
        title={t('reports.dashboard.salesTitle')}
        subtitle={periodText}
        chart={chart}
        columns={salesColumns}
        rows={salesRows}
        rowKey={(r) => r.kpi}
        exportName={fileStem(t('reports.tabs.dashboard'), t('reports.dashboard.salesTitle'), periodKey)}
        printMeta={printMeta}
      />
      <ReportFrame
        title={t('reports.dashboard.allTitle')}
        subtitle={periodText}
        chart={null}
        columns={allColumns}
        rows={allRows}
        rowKey={(r) => r.kpi}
        exportName={fileStem(t('reports.tabs.dashboard'), t('reports.dashboard.allTitle'), periodKey)}
        printMeta={printMeta}
      />
    </>
  );
}
