import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';

interface Range {
  from: string;
  to: string;
}

/** Beside the period picker: the dates a period covers (up to today while it runs) and the period it is set against. */
export function PeriodRange({ period, previous, previousLabel, today }: { period: Range; previous: Range; previousLabel: string; today: string }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ textAlign: 'right' }} data-testid="period-range">
      <Typography variant="body2">
        {period.to < today ? t('reports.dashboard.range', { from: period.from, to: period.to }) : t('reports.dashboard.upTo', { from: period.from, today })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('reports.dashboard.compared', { previous: previousLabel, from: previous.from, to: previous.to })}
      </Typography>
    </Box>
  );
}
