import { useState } from 'react';
import { Box, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { parsePeriod } from '../../../shared/report-periods';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KpiCard } from './KpiCard';
import { DashboardFrames } from './DashboardFrames';
import { KPI_GROUPS } from './kpis';
import { PeriodPicker } from './PeriodPicker';
import { PeriodRange } from './PeriodRange';
import { TakingsButton } from './TakingsDialog';
import { localToday, periodFromKey, periodLabel } from './periods';
import { useReport } from './useReport';

/** 经营概览: every figure of a period against the one before, then the same on paper and in files. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = localToday();
  // The period lives in the URL, so going back from a member page returns to the same one.
  const period = periodFromKey(params.get('period'), today);
  // A saved takings figure asks again: the members' share of all sales depends on it.
  const [takingsSaved, setTakingsSaved] = useState(0);
  const { data, error, loading } = useReport('reports.summary', { period: period.key }, takingsSaved);
  // While the next period loads, the last one stays on screen under a progress bar, with its own labels.
  const shown = data;
  const label = (key: string | undefined) => {
    const p = key ? parsePeriod(key) : null;
    return p ? periodLabel(p, i18n.language) : '';
  };
  const currentLabel = label(shown?.period.key);
  const priorLabel = label(shown?.previous.key);

  return (
    <Stack spacing={3}>
      <Paper sx={{ px: 2, py: 1.5 }}>
        <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 3, rowGap: 1 }}>
          <PeriodPicker period={period} onChange={(p) => setParams({ period: p.key }, { replace: true })} />
          <TakingsButton label={t('takings.button')} onSaved={() => setTakingsSaved((n) => n + 1)} />
          <Box sx={{ flex: 1 }} />
          {shown && <PeriodRange period={shown.period} previous={shown.previous} previousLabel={priorLabel} today={today} />}
        </Stack>
      </Paper>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      {shown && (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mt: -1 }}>
            {t('reports.dashboard.hoverHint')}
          </Typography>
          {KPI_GROUPS.map((group) => (
            <Box component="section" key={group.id} aria-labelledby={`kpi-group-${group.id}`} data-testid={`kpi-group-${group.id}`}>
              <Typography variant="subtitle1" component="h2" id={`kpi-group-${group.id}`} sx={{ fontWeight: 600, mb: 1 }}>
                {t(`reports.dashboard.groups.${group.id}`)}
              </Typography>
              <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 1.5 }}>
                {group.keys.map((kpi) => (
                  <KpiCard key={kpi} kpi={kpi} current={shown.current[kpi]} previous={shown.prior[kpi]} />
                ))}
              </Box>
            </Box>
          ))}
          <DashboardFrames current={shown.current} prior={shown.prior} currentLabel={currentLabel} priorLabel={priorLabel} periodKey={shown.period.key} />
        </>
      )}
    </Stack>
  );
}
