import { useState } from 'react';
import { Accordion, AccordionDetails, AccordionSummary, Box, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { daysBetween } from '../../../shared/local-date';
import { parsePeriod } from '../../../shared/report-periods';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KpiGrid } from './KpiGrid';
import { DashboardFrames } from './DashboardFrames';
import { foldedKeys, HEADLINE_KPIS, KPI_GROUPS } from './kpis';

const FOLDED_COUNT = KPI_GROUPS.reduce((n, g) => n + foldedKeys(g.keys).length, 0);
import { PeriodPicker } from './PeriodPicker';
import { PeriodRange } from './PeriodRange';
import { TakingsButton } from './TakingsDialog';
import { localToday, periodFromKey, periodLabel } from './periods';
import { useReport } from './useReport';
import { ReportBuilding } from './ReportBuilding';
import { BackupWarning } from '../backup/BackupWarning';

/** 经营概览: the figures a manager checks daily against the period before, the rest a click away, then the same on paper and in files. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = localToday();
  // The period lives in the URL, so going back from a member page returns to the same one.
  const period = periodFromKey(params.get('period'), today);
  // A saved takings figure asks again: the members' share of all sales depends on it.
  const [takingsSaved, setTakingsSaved] = useState(0);
  // The figures past the daily few stay folded until asked for, and open while the manager stays on the page.
  const [moreOpen, setMoreOpen] = useState(false);
  const { data, error, loading, building } = useReport('reports.summary', { period: period.key }, takingsSaved);
  // While the next period loads, the last one stays on screen under a progress bar, with its own labels.
  const shown = data;
  const label = (key: string | undefined) => {
    const p = key ? parsePeriod(key) : null;
    return p ? periodLabel(p, i18n.language) : '';
  };
  const currentLabel = label(shown?.period.key);
  // While the period runs the one before counts only as many days: its columns and files say so.
  const priorLabel = shown?.running
    ? t('reports.dashboard.firstDays', { period: label(shown.previous.key), days: daysBetween(shown.previous.from, shown.previous.to) + 1 })
    : label(shown?.previous.key);

  return (
    <Stack spacing={3}>
      <BackupWarning />
      <Paper sx={{ px: 2, py: 1.5 }}>
        <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 3, rowGap: 1 }}>
          <PeriodPicker period={period} onChange={(p) => setParams({ period: p.key }, { replace: true })} />
          <TakingsButton label={t('takings.button')} onSaved={() => setTakingsSaved((n) => n + 1)} />
          <Box sx={{ flex: 1 }} />
          {shown && (
            <PeriodRange
              period={shown.period}
              previous={shown.previous}
              running={shown.running}
              previousLabel={label(shown.previous.key)}
            />
          )}
        </Stack>
      </Paper>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      <ReportBuilding building={building} />
      {shown && (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mt: -1 }}>
            {t('reports.dashboard.hoverHint')}
          </Typography>
          <Box component="section" aria-labelledby="kpi-headline" data-testid="kpi-headline">
            <Typography variant="subtitle1" component="h2" id="kpi-headline" sx={{ fontWeight: 600, mb: 1 }}>
              {t('reports.dashboard.headline')}
            </Typography>
            <KpiGrid keys={HEADLINE_KPIS} current={shown.current} prior={shown.prior} />
          </Box>
          <Accordion disableGutters variant="outlined" expanded={moreOpen} onChange={(_, open) => setMoreOpen(open)} data-testid="kpi-more">
            <AccordionSummary expandIcon={<span aria-hidden>▾</span>}>
              <Typography sx={{ fontWeight: 600 }}>{t('reports.dashboard.more', { count: FOLDED_COUNT })}</Typography>
            </AccordionSummary>
            <AccordionDetails>
              <Stack spacing={2}>
                {KPI_GROUPS.map((group) => (
                  <Box component="section" key={group.id} aria-labelledby={`kpi-group-${group.id}`} data-testid={`kpi-group-${group.id}`}>
                    <Typography variant="subtitle2" component="h3" id={`kpi-group-${group.id}`} sx={{ mb: 1 }}>
                      {t(`reports.dashboard.groups.${group.id}`)}
                    </Typography>
                    <KpiGrid keys={foldedKeys(group.keys)} current={shown.current} prior={shown.prior} />
                  </Box>
                ))}
              </Stack>
            </AccordionDetails>
          </Accordion>
          <DashboardFrames
            current={shown.current}
            prior={shown.prior}
            currentLabel={currentLabel}
            priorLabel={priorLabel}
            periodKey={shown.period.key}
          />
        </>
      )}
    </Stack>
  );
}
