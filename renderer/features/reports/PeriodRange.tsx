import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { daysBetween } from '../../../shared/local-date';
import { formatDate } from '../../components/format';

interface Range {
  from: string;
  to: string;
}

/**
 * Beside the period picker: the dates a period covers (up to today while it runs) and what it is
 * set against: the whole period before, or while it runs as many of that period's first days.
 */
export function PeriodRange({
  period,
  previous,
  running,
  previousLabel,
}: {
  period: Range;
  previous: Range;
  running: boolean;
  previousLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const d = (date: string) => formatDate(date, i18n.language);
  const days = daysBetween(previous.from, previous.to) + 1;
  return (
    <Box sx={{ textAlign: 'right' }} data-testid="period-range">
      <Typography variant="body2">
        {running
          ? t('reports.dashboard.upTo', { from: d(period.from) })
          : t('reports.dashboard.range', { from: d(period.from), to: d(period.to) })}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="period-compared">
        {running
          ? t('reports.dashboard.comparedSameDays', { previous: previousLabel, days, from: d(previous.from), to: d(previous.to) })
          : t('reports.dashboard.compared', { previous: previousLabel, from: d(previous.from), to: d(previous.to) })}
      </Typography>
    </Box>
  );
}
