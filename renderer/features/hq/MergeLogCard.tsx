import { useMemo, useState } from 'react';
import { Card, CardContent, CardHeader } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { MergeResult } from '../../../shared/contract/hq';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { ReportTable } from '../../components/reports/ReportTable';
import type { ReportColumn } from '../../components/reports/columns';
import { useReport } from '../reports/useReport';
import { mergedBy } from './madeBy';
import { mergeTotals } from './mergeRun';
import { Pager } from './Pager';

const PAGE_SIZE = 20;

type LogRow = MergeResult & { mergedAt: string; mergedByName: string | null };

/** The files HQ merged, newest first, a page at a time. */
export function MergeLogCard({ refresh }: { refresh: number }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(0);
  const { data, error, loading } = useReport('hq.mergeLog', { offset: page * PAGE_SIZE, limit: PAGE_SIZE }, refresh);

  const columns = useMemo<ReportColumn<LogRow>[]>(() => {
    const c = (key: string) => t(`hq.merge.logColumns.${key}`);
    return [
      { key: 'mergedAt', header: c('mergedAt'), value: (r) => formatTime(r.mergedAt, i18n.language), noWrap: true },
      { key: 'mergedByName', header: c('by'), value: (r) => mergedBy(t, r.mergedByName), noWrap: true },
      { key: 'fileName', header: c('file') },
      { key: 'branch', header: c('branch'), value: (r) => `${r.branch.name}（${r.branch.code}）` },
      { key: 'seq', header: c('seq'), kind: 'number' },
      { key: 'mode', header: c('mode'), value: (r) => t(`hq.modes.${r.mode}`), noWrap: true },
      {
        key: 'result',
        header: c('result'),
        value: (r) => (r.alreadyMerged ? t('hq.merge.states.already') : t('hq.merge.totals', mergeTotals(r))),
        noWrap: true,
      },
    ];
  }, [t, i18n.language]);

  return (
    <Card>
      <CardHeader
        title={t('hq.merge.logTitle')}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={<Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} loading={loading} onPage={setPage} />}
      />
      <CardContent sx={{ pt: 0 }} data-testid="merge-log">
        <ErrorAlert error={error} />
        <ReportTable
          columns={columns}
          rows={data?.items ?? []}
          rowKey={(r) => `${r.exportId}-${r.mergedAt}`}
          emptyText={t('hq.merge.logEmpty')}
          label={t('hq.merge.logTitle')}
        />
      </CardContent>
    </Card>
  );
}
