import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useTranslation } from 'react-i18next';
import type { RfmSegment, RfmSummary } from '../../../shared/contract/reports';
import { useSession } from '../../app/session';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { fileStem } from '../../components/reports/exportFile';
import { CHART_COLORS } from './chartStyle';
import { segmentLevels } from './rfmExplain';
import { RFM_DEFAULTS } from './rfmParams';

interface SegmentRow {
  segment: RfmSegment | 'total';
  members: number;
  monetaryFen: number;
  share: number;
  avgRecencyDays: number | null;
  avgFrequency: number | null;
  clvFen: number | null;
}

interface Props {
  summary: RfmSummary;
  /** "2025-11-26 至 2026-11-25（12 个月）" */
  windowText: string;
  onOpen: (segment: RfmSegment) => void;
}

/** All scored members together: averages weighted by members, CLV of the average M (CLV is linear in M). */
function totalRow(s: RfmSummary): SegmentRow {
  const members = s.segments.reduce((n, g) => n + g.members, 0);
  const monetaryFen = s.segments.reduce((n, g) => n + g.monetaryFen, 0);
  const weighted = (pick: (g: RfmSummary['segments'][number]) => number | null) =>
    members > 0 ? s.segments.reduce((n, g) => n + (pick(g) ?? 0) * g.members, 0) / members : null;
  const { marginPct, expectedYears } = s.clv;
  return {
    segment: 'total',
    members,
    monetaryFen,
    share: members > 0 ? 1 : 0,
    avgRecencyDays: weighted((g) => g.avgRecencyDays),
    avgFrequency: weighted((g) => g.avgFrequency),
    clvFen: members > 0 ? Math.round((monetaryFen / members) * (12 / s.windowMonths) * (marginPct / 100) * expectedYears) : null,
  };
}

/** The eight segments: how many members, what they paid and its share, what to do with them, how recent and frequent, their CLV. */
export function RfmSegmentsFrame({ summary, windowText, onOpen }: Props) {
  const { t } = useTranslation();
  const { staff, branch } = useSession();
  const rows = summary.segments;

  const columns = useMemo<ReportColumn<SegmentRow>[]>(() => {
    const level = (high: boolean) => t(high ? 'reports.rfm.levels.high' : 'reports.rfm.levels.low');
    return [
      {
        key: 'segment',
        header: t('reports.rfm.columns.segment'),
        value: (r) => (r.segment === 'total' ? t('reports.rfm.total') : t(`reports.rfm.segments.${r.segment}`)),
        noWrap: true,
      },
      { key: 'members', header: t('reports.rfm.columns.members'), kind: 'number' },
      { key: 'monetaryFen', header: t('reports.rfm.columns.sales'), kind: 'money' },
      { key: 'share', header: t('reports.rfm.columns.share'), kind: 'percent' },
      // What to do with them, beside how many they are: what a manager opens this page for.
      {
        key: 'advice',
        header: t('reports.rfm.columns.advice'),
        format: (v) => String(v ?? ''),
        value: (r) => (r.segment === 'total' ? '' : t(`reports.rfm.advice.${r.segment}`)),
      },
      {
        key: 'levels',
        header: t('reports.rfm.columns.levels'),
        align: 'center',
        noWrap: true,
        format: (v) => String(v ?? ''),
        value: (r) => {
          if (r.segment === 'total') return '';
          const l = segmentLevels(r.segment);
          return `${level(l.r)} / ${level(l.f)} / ${level(l.m)}`;
        },
      },
      { key: 'avgRecencyDays', header: t('reports.rfm.columns.avgR'), kind: 'number', decimals: 1 },
      { key: 'avgFrequency', header: t('reports.rfm.columns.avgF'), kind: 'number', decimals: 1 },
      { key: 'clvFen', header: t('reports.rfm.columns.avgClv'), kind: 'money' },
    ];
  }, [t]);

  const chart = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: rows.map((r) => t(`reports.rfm.segments.${r.segment}`)),
        datasets: [
          { label: t('reports.rfm.chartMembers'), data: rows.map((r) => r.members), backgroundColor: CHART_COLORS.current, yAxisID: 'y' },
          {
            label: t('reports.rfm.chartShare'),
            data: rows.map((r) => Math.round(r.share * 1000) / 10),
            backgroundColor: CHART_COLORS.accent,
            yAxisID: 'share',
          },
        ],
      },
      options: {
        plugins: { legend: { position: 'bottom' } },
        scales: {
          y: {
            beginAtZero: true,
            position: 'left',
            title: { display: true, text: t('reports.rfm.chartMembers') },
            ticks: { precision: 0 },
          },
          share: {
            beginAtZero: true,
            position: 'right',
            grid: { drawOnChartArea: false },
            title: { display: true, text: t('reports.rfm.chartShare') },
            ticks: { callback: (v) => `${v}%` },
          },
          x: { ticks: { autoSkip: false, maxRotation: 0 } },
        },
      },
    }),
    [rows, t],
  );

  return (
    <ReportFrame
      title={t('reports.rfm.title')}
      subtitle={windowText}
      chart={chart}
      chartHeight={300}
      columns={columns}
      rows={rows}
      totalRow={totalRow(summary)}
      rowKey={(r) => r.segment}
      exportName={fileStem(
        t('reports.rfm.title'),
        summary.asOf,
        summary.windowMonths !== RFM_DEFAULTS.windowMonths && t('reports.rfm.files.months', { count: summary.windowMonths }),
      )}
      printMeta={{ storeName: branch.name, printedBy: staff.name, periodLabel: windowText }}
      onRowClick={(r) => r.segment !== 'total' && onOpen(r.segment)}
    />
  );
}
