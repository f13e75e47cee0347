import { useEffect, useMemo, useState } from 'react';
import { Box, LinearProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LIFECYCLE_STAGES } from '../../../shared/contract/reports';
import { daysBetween } from '../../../shared/local-date';
import { isCalendarDate } from '../../../shared/text';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { LifecycleFrames } from './LifecycleFrames';
import { localToday } from './periods';
import { useReport } from './useReport';
import { ReportBuilding } from './ReportBuilding';

const DEFAULT_COMPARE_DAYS = 30;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function compareDaysFrom(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 366 ? n : null;
}

/** The stages in order, with what puts a member in each (docs/reports.md, Lifecycle). */
function StageRules() {
  const { t } = useTranslation();
  return (
    <Box component="section" aria-labelledby="lifecycle-rules">
      <Typography variant="subtitle2" component="h2" id="lifecycle-rules">
        {t('reports.lifecycle.rulesTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('reports.lifecycle.rulesIntro')}
      </Typography>
      <Box component="ol" sx={{ m: 0, pl: 3, typography: 'body2', color: 'text.secondary' }}>
        {(['prospect', 'new', 'lost', 'declining', 'growing', 'mature'] as const).map((stage) => (
          <li key={stage}>
            {t('reports.lifecycle.ruleLine', {
              stage: t(`reports.lifecycle.stages.${stage}`),
              rule: t(`reports.lifecycle.rules.${stage}`),
            })}
          </li>
        ))}
      </Box>
      <Typography variant="body2" color="text.secondary">
        {t('reports.lifecycle.unregisteredRule')}
      </Typography>
    </Box>
  );
}

/** 生命周期: how many members are in each stage now and some days before, and who moved where. */
export function LifecyclePage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const asOfParam = search.get('asOf');
  const asOf = asOfParam && DATE.test(asOfParam) ? asOfParam : null;
  const compareDays = compareDaysFrom(search.get('days')) ?? DEFAULT_COMPARE_DAYS;
  const [daysDraft, setDaysDraft] = useState(String(compareDays));
  useEffect(() => setDaysDraft(String(compareDays)), [compareDays]);

  const set = (next: { asOf: string | null; days: number }) => {
    const out: Record<string, string> = {};
    if (next.asOf) out.asOf = next.asOf;
    if (next.days !== DEFAULT_COMPARE_DAYS) out.days = String(next.days);
    setSearch(out, { replace: true });
  };
  // Typed days apply after a short pause, so "45" does not ask for 4 first.
  useEffect(() => {
    const days = compareDaysFrom(daysDraft);
    if (days === null || days === compareDays) return;
    const timer = setTimeout(() => set({ asOf, days }), 500);
    return () => clearTimeout(timer);
  });

  const { data, error, loading, building } = useReport('reports.lifecycle', { compareDays, ...(asOf ? { asOf } : {}) });
  // The six stages always in the same order, whatever order the answer has.
  const stages = useMemo(
    () => (data ? LIFECYCLE_STAGES.map((stage) => data.stages.find((s) => s.stage === stage) ?? { stage, members: 0, previous: 0 }) : []),
    [data],
  );

  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <DateField
            name="asOf"
            size="small"
            label={t('reports.lifecycle.asOf')}
            value={asOf ?? data?.asOf ?? localToday()}
            onChange={(d) => isCalendarDate(d) && set({ asOf: d, days: compareDays })}
            sx={{ width: 170 }}
          />
          <TextField
            name="compareDays"
            type="number"
            size="small"
            label={t('reports.lifecycle.compareDays')}
            value={daysDraft}
            onChange={(e) => setDaysDraft(e.target.value)}
            error={compareDaysFrom(daysDraft) === null}
            helperText={t('reports.lifecycle.compareHelp')}
            sx={{ width: 150 }}
            slotProps={{ htmlInput: { min: 1, max: 366, step: 1 } }}
          />
          {data && (
            <Typography variant="body2" sx={{ alignSelf: 'center' }} data-testid="lifecycle-compared">
              {t('reports.lifecycle.compared', {
                asOf: formatDate(data.asOf, i18n.language),
                previousAsOf: formatDate(data.previousAsOf, i18n.language),
                days: daysBetween(data.previousAsOf, data.asOf),
              })}
            </Typography>
          )}
        </Stack>
      </Paper>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      <ReportBuilding building={building} />
      {data && <LifecycleFrames asOf={data.asOf} previousAsOf={data.previousAsOf} stages={stages} movement={data.movement} />}
      <Paper sx={{ p: 2 }}>
        <StageRules />
      </Paper>
    </Stack>
  );
}
