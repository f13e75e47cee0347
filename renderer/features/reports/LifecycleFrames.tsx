import { useMemo } from 'react';
import type { ChartConfiguration } from 'chart.js';
import { useTranslation } from 'react-i18next';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../../shared/contract/reports';
import { useSession } from '../../app/session';
import { formatDate } from '../../components/format';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { fileStem } from '../../components/reports/exportFile';
import { CHART_COLORS } from './chartStyle';

type From = LifecycleStage | 'unregistered';

interface StageRow {
  stage: LifecycleStage | 'total';
  members: number;
  previous: number;
}

interface MoveRow {
  from: From | 'total';
  to: LifecycleStage | null;
  members: number;
  /** members ÷ the from stage's members on the earlier date; none for the newly registered */
  shareOfFrom: number | null;
}

interface Props {
  asOf: string;
  previousAsOf: string;
  stages: { stage: LifecycleStage; members: number; previous: number }[];
  movement: { from: From; to: LifecycleStage; members: number }[];
}

const FROM_ORDER: readonly From[] = ['unregistered', ...LIFECYCLE_STAGES];
const signed = (n: number) => (n > 0 ? `+${n.toLocaleString('en-US')}` : n < 0 ? `−${Math.abs(n).toLocaleString('en-US')}` : '0');

/** The stage distribution on both dates (chart and table), and the movement from one to the other. */
export function LifecycleFrames({ asOf, previousAsOf, stages, movement }: Props) {
  const { t, i18n } = useTranslation();
  const { staff, branch } = useSession();
  // Shown as the screen writes dates; the file names keep asOf and previousAsOf as they are.
  const [on, before] = [formatDate(asOf, i18n.language), formatDate(previousAsOf, i18n.language)];
  const periodLabel = t('reports.lifecycle.versus', { asOf: on, previousAsOf: before });
  const printMeta = { storeName: branch.name, printedBy: staff.name, periodLabel };

  const stageRows = useMemo<StageRow[]>(() => stages.map((s) => ({ ...s })), [stages]);
  const stageTotal: StageRow = {
    stage: 'total',
    members: stages.reduce((n, s) => n + s.members, 0),
    previous: stages.reduce((n, s) => n + s.previous, 0),
  };
  const stageColumns = useMemo<ReportColumn<StageRow>[]>(
    () => [
      {
        key: 'stage',
        header: t('reports.lifecycle.columns.stage'),
        value: (r) => (r.stage === 'total' ? t('reports.lifecycle.total') : t(`reports.lifecycle.stages.${r.stage}`)),
      },
      { key: 'previous', header: t('reports.lifecycle.columns.onDate', { date: before }), kind: 'number' },
      { key: 'members', header: t('reports.lifecycle.columns.onDate', { date: on }), kind: 'number' },
      {
        key: 'change',
        header: t('reports.lifecycle.columns.change'),
        kind: 'number',
        value: (r) => r.members - r.previous,
        format: (v) => signed(Number(v)),
      },
    ],
    [t, on, before],
  );

  const chart = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels: stages.map((s) => t(`reports.lifecycle.stages.${s.stage}`)),
        datasets: [
          { label: before, data: stages.map((s) => s.previous), backgroundColor: CHART_COLORS.previous },
          { label: on, data: stages.map((s) => s.members), backgroundColor: CHART_COLORS.current },
        ],
      },
      options: {
        plugins: { legend: { position: 'bottom' } },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: t('reports.lifecycle.columns.members') }, ticks: { precision: 0 } },
        },
      },
    }),
    [stages, t, on, before],
  );

  const previousOf = useMemo(() => new Map(stages.map((s) => [s.stage, s.previous])), [stages]);
  const moveRows = useMemo<MoveRow[]>(
    () =>
      [...movement]
        .sort(
          (a, b) =>
            FROM_ORDER.indexOf(a.from) - FROM_ORDER.indexOf(b.from) || LIFECYCLE_STAGES.indexOf(a.to) - LIFECYCLE_STAGES.indexOf(b.to),
        )
        .map((m) => {
          const before = m.from === 'unregistered' ? 0 : (previousOf.get(m.from) ?? 0);
          return { ...m, shareOfFrom: before > 0 ? m.members / before : null };
        }),
    [movement, previousOf],
  );
  const moveTotal: MoveRow = { from: 'total', to: null, members: movement.reduce((n, m) => n + m.members, 0), shareOfFrom: null };
  const moveColumns = useMemo<ReportColumn<MoveRow>[]>(() => {
    const stageName = (s: From) => (s === 'unregistered' ? t('reports.lifecycle.unregistered') : t(`reports.lifecycle.stages.${s}`));
    return [
      {
        key: 'from',
        header: t('reports.lifecycle.columns.from', { date: before }),
        value: (r) => (r.from === 'total' ? t('reports.lifecycle.total') : stageName(r.from)),
      },
      { key: 'arrow', header: '→', align: 'center', value: (r) => (r.to ? '→' : ''), format: (v) => String(v ?? '') },
      {
        key: 'to',
        header: t('reports.lifecycle.columns.to', { date: on }),
        value: (r) => (r.to ? stageName(r.to) : ''),
        format: (v) => String(v ?? ''),
      },
      { key: 'members', header: t('reports.lifecycle.columns.members'), kind: 'number' },
      { key: 'shareOfFrom', header: t('reports.lifecycle.columns.shareOfFrom'), kind: 'percent' },
    ];
  }, [t, on, before]);

  return (
    <>
      <ReportFrame
        title={t('reports.lifecycle.distributionTitle')}
        subtitle={periodLabel}
        chart={chart}
        columns={stageColumns}
        rows={stageRows}
        totalRow={stageTotal}
        rowKey={(r) => r.stage}
        exportName={fileStem(t('reports.lifecycle.distributionTitle'), t('reports.lifecycle.versus', { asOf, previousAsOf }))}
        printMeta={printMeta}
      />
      <ReportFrame
        title={t('reports.lifecycle.movementTitle')}
        subtitle={periodLabel}
        chart={null}
        columns={moveColumns}
        rows={moveRows}
        totalRow={moveTotal}
        rowKey={(r) => `${r.from}>${r.to ?? ''}`}
        exportName={fileStem(t('reports.lifecycle.movementTitle'), t('reports.lifecycle.versus', { asOf, previousAsOf }))}
        printMeta={printMeta}
      />
    </>
  );
}
