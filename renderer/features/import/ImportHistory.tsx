import { useMemo, useState } from 'react';
import { Card, CardContent, CardHeader } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import type { OutputOf } from '../../../shared/contract/index';
import { formatYuan } from '../../../shared/money';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { ReportTable } from '../../components/reports/ReportTable';
import type { ReportColumn } from '../../components/reports/columns';
import { Pager } from '../hq/Pager';
import { useReport } from '../reports/useReport';
import { resultLine } from './importText';

const PAGE_SIZE = 10;

type PastImport = OutputOf<'import.list'>['items'][number];

/** The store's imports, newest first; opening one goes back to where it stands (a preview to finish, a job to follow, a result). */
export function ImportHistory({ refresh, onOpen }: { refresh: number; onOpen: (session: ImportSession) => void }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(0);
  const [openError, setOpenError] = useState<unknown>(null);
  const { data, error, loading } = useReport('import.list', { offset: page * PAGE_SIZE, limit: PAGE_SIZE }, refresh);

  const columns = useMemo<ReportColumn<PastImport>[]>(() => {
    const c = (key: string) => t(`importPage.history.columns.${key}`);
    return [
      { key: 'createdAt', header: c('at'), value: (r) => formatTime(r.createdAt, i18n.language), noWrap: true },
      { key: 'kind', header: c('kind'), value: (r) => t(`importPage.kinds.${r.kind}`), noWrap: true },
      { key: 'fileName', header: c('file') },
      { key: 'state', header: c('state'), value: (r) => t(`importPage.states.${r.state}`), noWrap: true },
      { key: 'result', header: c('result'), value: (r) => resultLine(t, r, formatYuan) },
      { key: 'createdByName', header: c('by'), value: (r) => r.createdByName ?? '', noWrap: true },
    ];
  }, [t, i18n.language]);

  const open = async (row: PastImport) => {
    setOpenError(null);
    try {
      onOpen(await api.call('import.get', { id: row.id }));
    } catch (err) {
      setOpenError(() => err);
    }
  };

  return (
    <Card>
      <CardHeader
        title={t('importPage.history.title')}
        subheader={t('importPage.history.help')}
        slotProps={{ title: { variant: 'h6', component: 'h2' }, subheader: { variant: 'body2' } }}
        action={<Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} loading={loading} onPage={setPage} />}
      />
      <CardContent sx={{ pt: 0 }} data-testid="import-history">
        <ErrorAlert error={error ?? openError} />
        <ReportTable
          columns={columns}
          rows={data?.items ?? []}
          rowKey={(r) => r.id}
          onRowClick={(r) => void open(r)}
          emptyText={t('importPage.history.empty')}
          label={t('importPage.history.title')}
        />
      </CardContent>
    </Card>
  );
}
