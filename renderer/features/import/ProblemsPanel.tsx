import { useMemo, useState, type ReactNode } from 'react';
import { Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import type { OutputOf } from '../../../shared/contract/index';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReportTable } from '../../components/reports/ReportTable';
import type { ReportColumn } from '../../components/reports/columns';
import { Pager } from '../hq/Pager';
import { useReport } from '../reports/useReport';
import { count, reasonText } from './importText';

/** Refused rows a page shows (import.problems pages by row: a row may have several problems). */
const PAGE_ROWS = 20;

type Problem = OutputOf<'import.problems'>['items'][number];

/** 无效行: every refused value with its row as Excel numbers it, its column, what it was and why. */
export function ProblemsPanel({ session, download }: { session: ImportSession; download: ReactNode }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const { data, error, loading } = useReport('import.problems', { id: session.id, offset: page * PAGE_ROWS, limit: PAGE_ROWS });
  const invalid = session.counts?.invalid ?? 0;

  const columns = useMemo<ReportColumn<Problem>[]>(() => {
    const c = (key: string) => t(`importPage.problems.columns.${key}`);
    return [
      { key: 'row', header: c('row'), value: (p) => String(p.row), noWrap: true },
      { key: 'column', header: c('column'), value: (p) => p.column ?? t('importPage.problems.wholeRow'), noWrap: true },
      { key: 'value', header: c('value'), value: (p) => (p.value === '' ? t('importPage.problems.empty') : p.value) },
      { key: 'reason', header: c('reason'), value: (p) => reasonText(t, p) },
    ];
  }, [t]);

  return (
    <Stack spacing={1.5} data-testid="import-problems">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2" sx={{ flex: 1, minWidth: 240 }}>
          {invalid === 0 ? t('importPage.problems.none') : t('importPage.problems.intro', { count: count(invalid) })}
        </Typography>
        {download}
        <Pager page={page} pageSize={PAGE_ROWS} total={data?.total ?? 0} loading={loading} onPage={setPage} />
      </Stack>
      <ErrorAlert error={error} />
      {invalid > 0 && (
        <ReportTable
          columns={columns}
          rows={data?.items ?? []}
          rowKey={(p, i) => `${p.row}-${i}`}
          emptyText={t('importPage.problems.none')}
          label={t('importPage.problems.label')}
        />
      )}
    </Stack>
  );
}
