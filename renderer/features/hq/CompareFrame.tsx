import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/contract/index';
import { useSession } from '../../app/session';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { fileStem } from '../../components/reports/exportFile';
import { CHART_COLORS, YUAN_TICKS } from '../reports/chartStyle';
import { kpiColumns, type CompareGroup } from './compareColumns';

type Compare = OutputOf<'hq.compare'>;
type Row = Compare['branches'][number] | { total: true; kpis: Compare['chain'] };

interface Props {
  data: Compare;
  group: CompareGroup;
  /** net sales by branch as bars (the first table only) */
  withChart: boolean;
  /** "2026年11月" and "2026年10月" */
  currentLabel: string;
  priorLabel: string;
}

const isTotal = (row: Row): row is { total: true; kpis: Compare['chain'] } => 'total' in row;

/** The branches ranked by net sales with a group of the dashboard's figures, the chain's total last; optionally net sales by branch as bars against the period before. */
export function CompareFrame({ data, group, withChart, currentLabel, priorLabel }: Props) {
  const { t } = useTranslation();
  const { staff, branch } = useSession();
  // Only the chart sets the period against the one before; the tables are this period's.
  const subtitle = withChart ? t('reports.dashboard.versus', { current: currentLabel, previous: priorLabel }) : currentLabel;

  const columns = useMemo<ReportColumn<Row>[]>(
    () => [
      {
        key: 'rank',
        header: t('hq.compare.rank'),
        help: t('hq.compare.rankHelp'),
        kind: 'number',
        value: (r) => (isTotal(r) ? null : r.rank),
        format: (v) => (v === null ? '' : String(v)),
      },
      {
        key: 'branch',
        header: t('hq.compare.branch'),
        value: (r) => (isTotal(r) ? t('hq.compare.chainRow') : `${r.branch.name}（${r.branch.code}）`),
        noWrap: true,
      },
      ...kpiColumns<Row>(t, group.keys, (r) => r.kpis),
    ],
    [t, group],
  );

  const chart = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: data.branches.map((b) => b.branch.name),
        datasets: [
          {
            label: currentLabel,
            data: data.branches.map((b) => b.kpis.netSalesFen / 100),
            backgroundColor: CHART_COLORS.current,
            maxBarThickness: 48,
          },
          {
            label: priorLabel,
            data: data.branches.map((b) => b.previous.netSalesFen / 100),
            backgroundColor: CHART_COLORS.previous,
            maxBarThickness: 48,
          },
        ],
      },
      options: {
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, title: { display: true, text: t('hq.compare.chartAxis') }, ticks: YUAN_TICKS } },
      },
    }),
    [data, currentLabel, priorLabel, t],
  );

  return (
    <ReportFrame
      title={t(`hq.compare.tables.${group.id}`)}
      subtitle={subtitle}
      chart={withChart && data.branches.length > 0 ? chart : null}
      columns={columns}
      rows={data.branches}
      totalRow={{ total: true, kpis: data.chain }}
      rowKey={(r) => (isTotal(r) ? 'total' : r.branch.id)}
      exportName={fileStem(t(`hq.compare.tables.${group.id}`), data.period.key)}
      printMeta={{ storeName: branch.name, printedBy: staff.name, periodLabel: subtitle }}
    />
  );
}
