import { useState } from 'react';
import { Alert, Box, Button, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { daysBetween } from '../../../shared/local-date';
import { previousPeriod } from '../../../shared/report-periods';
import { roleAtLeast } from '../../../shared/roles';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KpiGrid } from '../reports/KpiGrid';
import { PeriodPicker } from '../reports/PeriodPicker';
import { PeriodRange } from '../reports/PeriodRange';
import { localToday, periodFromKey, periodLabel } from '../reports/periods';
import { useReport } from '../reports/useReport';
import { COMPARE_GROUPS, COMPARE_KPIS } from './compareColumns';
import { CompareFrame } from './CompareFrame';
import { MultiBranchFrame } from './MultiBranchFrame';

/** 分店对比 (HQ): a period's chain totals against the one before, the branches ranked, and people who buy at several branches. */
export function ComparePage() {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const [params, setParams] = useSearchParams();
  const today = localToday();
  const period = periodFromKey(params.get('period'), today);
  const allowed = roleAtLeast(staff.role, 'manager');
  const { data, error, loading } = useReport('hq.compare', allowed ? { period: period.key } : null);
  const [showMulti, setShowMulti] = useState(false);

  if (!allowed) return <Alert severity="info">{t('hq.forbidden')}</Alert>;
  const shownPeriod = data ? periodFromKey(data.period.key, today) : period;
  const prior = previousPeriod(shownPeriod);
  // While the period runs, its first days are set against as many of the period before (data.previous).
  const currentLabel = periodLabel(shownPeriod, i18n.language);
  const priorLabel = data?.running
    ? t('reports.dashboard.firstDays', {
        period: periodLabel(prior, i18n.language),
        days: daysBetween(data.previous.from, data.previous.to) + 1,
      })
    : periodLabel(prior, i18n.language);

  return (
    <Stack spacing={3}>
      <Paper sx={{ px: 2, py: 1.5 }}>
        <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 3, rowGap: 1 }}>
          <PeriodPicker
            period={period}
            onChange={(p) => {
              setShowMulti(false);
              setParams({ period: p.key }, { replace: true });
            }}
          />
          <Box sx={{ flex: 1 }} />
          {data && (
            <PeriodRange
              period={data.period}
              previous={data.previous}
              running={data.running}
              previousLabel={periodLabel(prior, i18n.language)}
            />
          )}
        </Stack>
      </Paper>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      {data && (
        <>
          <Box component="section" aria-labelledby="chain-totals" data-testid="chain-totals">
            <Typography variant="subtitle1" component="h2" id="chain-totals" sx={{ fontWeight: 600, mb: 1 }}>
              {t('hq.compare.chainTitle')}
            </Typography>
            <KpiGrid keys={COMPARE_KPIS} current={data.chain} prior={data.chainPrevious} />
            <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
              {t('hq.compare.chainCounts')}
            </Typography>
          </Box>
          {data.branches.length === 0 && <Alert severity="info">{t('hq.compare.noBranches')}</Alert>}
          {COMPARE_GROUPS.map((group, i) => (
            <CompareFrame
              key={group.id}
              data={data}
              group={group}
              withChart={i === 0}
              currentLabel={currentLabel}
              priorLabel={priorLabel}
            />
          ))}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} data-testid="multi-branch">
            <Typography>{t('hq.compare.multiBranch', { count: data.multiBranchPeople })}</Typography>
            {data.multiBranchPeople > 0 && !showMulti && (
              <Button size="small" onClick={() => setShowMulti(true)}>
                {t('hq.compare.showMulti')}
              </Button>
            )}
          </Stack>
          {showMulti && <MultiBranchFrame periodKey={data.period.key} subtitle={currentLabel} onClose={() => setShowMulti(false)} />}
        </>
      )}
    </Stack>
  );
}
