import { useMemo, useState } from 'react';
import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ImportSession } from '../../../shared/contract/import';
import type { OutputOf } from '../../../shared/contract/index';
import type { CleanRule } from '../../../shared/import/cleaning';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReportTable } from '../../components/reports/ReportTable';
import type { ReportColumn } from '../../components/reports/columns';
import { Pager } from '../hq/Pager';
import { useReport } from '../reports/useReport';

const PAGE_SIZE = 20;

type Summary = ImportSession['cleaning'][number];
type CleanStep = OutputOf<'import.steps'>['items'][number];

/** A value as it was or became, its blanks visible: 「张 伟」, or （空） for nothing. */
const shown = (t: TFunction, value: string) => (value === '' ? t('importPage.problems.empty') : `「${value}」`);
const change = (t: TFunction, before: string, after: string) => `${shown(t, before)} → ${shown(t, after)}`;

/**
 * 清洗: each cleaning rule the preview applied, how often and one example; a rule opens every
 * value it changed (before → after), row by row.
 */
export function CleaningPanel({ session }: { session: ImportSession }) {
  const { t } = useTranslation();
  // undefined: the summary; null: every step of every rule; a rule: that rule's.
  const [rule, setRule] = useState<CleanRule | null | undefined>(undefined);

  const columns = useMemo<ReportColumn<Summary>[]>(() => {
    const c = (key: string) => t(`importPage.cleaning.columns.${key}`);
    return [
      { key: 'rule', header: c('rule'), value: (s) => t(`import.rules.${s.rule}`) },
      { key: 'count', header: c('count'), kind: 'number' },
      { key: 'example', header: c('example'), value: (s) => change(t, s.example.before, s.example.after) },
    ];
  }, [t]);

  if (rule !== undefined) return <CleaningSteps session={session} rule={rule} onBack={() => setRule(undefined)} />;
  return (
    <Stack spacing={1.5} data-testid="import-cleaning">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flex: 1 }}>
          {session.cleaning.length === 0 ? t('importPage.cleaning.none') : t('importPage.cleaning.intro')}
        </Typography>
        {session.cleaning.length > 0 && (
          <Button size="small" onClick={() => setRule(null)}>
            {t('importPage.cleaning.all')}
          </Button>
        )}
      </Stack>
      {session.cleaning.length > 0 && (
        <ReportTable
          columns={columns}
          rows={session.cleaning}
          rowKey={(s) => s.rule}
          onRowClick={(s) => setRule(s.rule)}
          emptyText={t('importPage.cleaning.none')}
          label={t('importPage.cleaning.label')}
        />
      )}
    </Stack>
  );
}

/** Every value one rule (or any rule) changed, in row order, a page at a time. */
function CleaningSteps({ session, rule, onBack }: { session: ImportSession; rule: CleanRule | null; onBack: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const { data, error, loading } = useReport('import.steps', {
    id: session.id,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
    ...(rule ? { rule } : {}),
  });

  const columns = useMemo<ReportColumn<CleanStep>[]>(() => {
    const c = (key: string) => t(`importPage.cleaning.columns.${key}`);
    return [
      { key: 'row', header: c('row'), value: (s) => String(s.row), noWrap: true },
      { key: 'column', header: c('column'), noWrap: true },
      ...(rule ? [] : [{ key: 'rule', header: c('rule'), value: (s: CleanStep) => t(`import.rules.${s.rule}`) }]),
      { key: 'change', header: c('change'), value: (s) => change(t, s.before, s.after) },
    ];
  }, [t, rule]);

  return (
    <Stack spacing={1.5} data-testid="import-cleaning-steps">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button size="small" onClick={onBack}>
          {t('importPage.cleaning.back')}
        </Button>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          {rule ? t(`import.rules.${rule}`) : t('importPage.cleaning.all')}
        </Typography>
        <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} loading={loading} onPage={setPage} />
      </Stack>
      <ErrorAlert error={error} />
      <ReportTable
        columns={columns}
        rows={data?.items ?? []}
        rowKey={(s, i) => `${s.row}-${s.column}-${i}`}
        emptyText={t('importPage.cleaning.none')}
        label={t('importPage.cleaning.label')}
      />
    </Stack>
  );
}
