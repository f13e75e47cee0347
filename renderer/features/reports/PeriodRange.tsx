import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';

interface Range {
  from: string;
  to: string;
}

/** Beside the period picker: the dates a period covers (up to today while it runs) and the period it is set against. */
export function PeriodRange({ period, previous, previousLabel, today }: { period: Range; previous: Range; previousLabel: string; today: string }) {
  const { t, i18n } = useTranslation();
  const day = (date: string) => formatDate(date, i18n.language);
  return (
    <Box sx={{ textAlign: 'right' }} data-testid="period-range">
      <Typography variant="body2">
        {period.to < today ? t('reports.dashboard.range', { from: day(period.from), to: day(period.to) }) : t('reports.dashboard.upTo', { from: day(period.from), today: day(today) })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('reports.dashboard.compared', { previous: previousLabel, from: day(previous.from), to: day(previous.to) })}
      </Typography>
    </Box>
  );
}
