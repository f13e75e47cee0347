import { Fragment, useCallback } from 'react';
import { Box, Button, LinearProgress, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  BREAKDOWN_DIMS,
  TREND_GRAINS,
  type BreakdownDim,
  type BreakdownRow,
  type TrendGrain,
  type TrendPoint,
} from '../../../shared/contract/report-trends';
import { parsePeriod } from '../../../shared/report-periods';
import { isCalendarDate } from '../../../shared/text';
import { fieldErrors } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { BreakdownFrame } from './BreakdownFrame';
import { PeriodPicker } from './PeriodPicker';
import { SalesDetailFrame } from './SalesDetailFrame';
import { TrendFrame } from './TrendFrame';
import { localToday } from './periods';
import {
  TREND_PRESETS,
  defaultRange,
  presetOf,
  presetRange,
  rangeProblem,
  trendsSearch,
  trendsViewFrom,
  type SalesFilter,
  type TrendParams,
  type TrendsView,
} from './trendParams';
import { useReport } from './useReport';
import { ReportBuilding } from './ReportBuilding';

/** Grain, dates and presets of the trend; a problem with the range shows on the date it is about. */
function TrendControls({
  value,
  problems,
  onChange,
}: {
  value: TrendParams;
  problems: Record<string, string>;
  onChange: (next: TrendParams) => void;
}) {
  const { t } = useTranslation();
  const today = localToday();
  const preset = presetOf(value.grain, value, today);
  const date = (field: 'from' | 'to') => (
    <DateField
      name={field}
      size="small"
      label={t(`reports.trends.${field}`)}
      value={value[field]}
      onChange={(d) => isCalendarDate(d) && onChange({ ...value, [field]: d })}
      error={problems[field]}
      sx={{ width: 170 }}
    />
  );
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={value.grain}
        onChange={(_, grain: TrendGrain | null) => grain && onChange({ grain, ...defaultRange(grain, today) })}
        aria-label={t('reports.trends.grain')}
      >
        {TREND_GRAINS.map((grain) => (
          <ToggleButton key={grain} value={grain} sx={{ px: 2 }} data-testid={`trend-grain-${grain}`}>
            {t(`reports.trends.grains.${grain}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {date('from')}
      {date('to')}
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', flexWrap: 'wrap', minHeight: 40 }}>
        {TREND_PRESETS[value.grain].map((p) => (
          <Button
            key={p}
            size="small"
            variant={p === preset ? 'contained' : 'text'}
            disableElevation
            onClick={() => onChange({ grain: value.grain, ...presetRange(p, today) })}
          >
            {t(`reports.trends.presets.${p}`)}
          </Button>
        ))}
      </Stack>
    </Stack>
  );
}

/** 趋势与明细: sales and members over time, a period by category, staff and tier, and the sales behind any bar. */
export function TrendsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const today = localToday();
  const view = trendsViewFrom(search, today);
  const go = useCallback((next: TrendsView, push = false) => setSearch(trendsSearch(next, today), { replace: !push }), [setSearch, today]);
  const problem = rangeProblem(view.trend);
  const trend = useReport('reports.trend', problem ? null : view.trend);
  const period = parsePeriod(view.period)!;

  // Said on the field it is about: the service's own rules, checked before asking and after.
  const serverError = problem ? null : trend.error;
  const problems = fieldErrors(t, serverError);
  if (problem)
    problems[problem.rule === 'end_before_start' ? 'to' : 'from'] = t(
      `rules.${problem.rule}`,
      problem.rule === 'too_many_periods' ? { max: problem.max } : {},
    );
  const alertError = Object.keys(problems).length === 0 ? serverError : null;

  // A control that changes what is shown closes the list; opening a list is a step Back undoes.
  const setTrend = (trendParams: TrendParams) => go({ ...view, trend: trendParams, detail: null, page: 0 });
  const openSales = (detail: SalesFilter) => go({ ...view, detail, page: 0 }, true);
  const openPoint = (p: TrendPoint) => openSales({ from: p.from, to: p.to, only: null, name: null });
  const openRow = (dim: BreakdownDim, r: BreakdownRow) =>
    openSales({ from: period.from, to: period.to, only: { dim, key: r.key }, name: r.label });

  const detail = view.detail && (
    <SalesDetailFrame
      key={JSON.stringify(view.detail)}
      filter={view.detail}
      page={view.page}
      onPage={(page) => go({ ...view, page })}
      onClose={() => go({ ...view, detail: null, page: 0 })}
    />
  );
  const detailOf = (dim: BreakdownDim | null) => ((view.detail?.only?.dim ?? null) === dim ? detail : null);

  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 2 }}>
        <TrendControls value={view.trend} problems={problems} onChange={setTrend} />
      </Paper>
      {trend.loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={alertError} />
      <ReportBuilding building={trend.building} />
      {trend.data && !problem && !serverError && (
        <Box>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('reports.trends.openHint')}
          </Typography>
          <TrendFrame grain={trend.data.grain} range={view.trend} points={trend.data.points} onOpen={openPoint} />
        </Box>
      )}
      {detailOf(null)}
      <Paper sx={{ px: 2, py: 1.5 }}>
        <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', columnGap: 3, rowGap: 1 }}>
          <Typography variant="h6" component="h2">
            {t('reports.trends.breakdownTitle')}
          </Typography>
          <PeriodPicker
            period={period}
            onChange={(p) => go(view.detail?.only ? { ...view, period: p.key, detail: null, page: 0 } : { ...view, period: p.key })}
          />
          <Typography variant="body2" color="text.secondary">
            {t('reports.trends.breakdownHint')}
          </Typography>
        </Stack>
      </Paper>
      {BREAKDOWN_DIMS.map((dim) => (
        <Fragment key={dim}>
          <BreakdownFrame dim={dim} period={period} onOpen={openRow} />
          {detailOf(dim)}
        </Fragment>
      ))}
    </Stack>
  );
}
