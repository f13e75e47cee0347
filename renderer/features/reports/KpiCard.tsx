import { Box, Paper, Tooltip, Typography } from '@mui/material';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { KPI_SPECS, changeAmount, changeTone, formatKpi, kpiChange, kpiWarning, type KpiChange, type KpiKey } from './kpis';

/** The change without its arrow: "12.3%", "3.2 个百分点", "上期为 0", "持平", "—". */
function changeWords(t: TFunction, key: KpiKey, change: KpiChange): string {
  switch (change.kind) {
    case 'none':
      return '—';
    case 'same':
      return t('reports.dashboard.change.same');
    case 'fromZero':
      return t('reports.dashboard.change.fromZero');
    case 'percent':
      return changeAmount(change);
    case 'points':
      return t(`reports.dashboard.change.${KPI_SPECS[key].unit === 'nps' ? 'npsPoints' : 'ratePoints'}`, { amount: changeAmount(change) });
  }
}

function directionOf(change: KpiChange): 'up' | 'down' | null {
  return change.kind === 'percent' || change.kind === 'points' || change.kind === 'fromZero' ? change.direction : null;
}

/** "▲ 12.3%", "▼ 3.2 个百分点", "持平", "—": the change as the card and the table show it. */
export function changeText(t: TFunction, key: KpiKey, change: KpiChange): string {
  const direction = directionOf(change);
  const words = changeWords(t, key, change);
  return direction ? `${direction === 'up' ? '▲' : '▼'} ${words}` : words;
}

const TONE_COLOR = { good: 'success.main', bad: 'error.main', neutral: 'text.secondary' } as const;

interface Props {
  kpi: KpiKey;
  current: number | null;
  previous: number | null;
}

/** One figure: its value, the previous period's, and the change; hovering or focusing shows its definition. */
export function KpiCard({ kpi, current, previous }: Props) {
  const { t } = useTranslation();
  const hours = t('reports.kpi.units.hours');
  const change = kpiChange(kpi, current, previous);
  const tone = changeTone(kpi, change);
  const direction = directionOf(change);
  const value = formatKpi(kpi, current, hours);
  const warning = kpiWarning(kpi, current);
  return (
    <Tooltip
      describeChild
      title={
        <>
          <Box component="strong" sx={{ display: 'block' }}>
            {t(`reports.kpi.names.${kpi}`)}
          </Box>
          {t(`reports.kpi.definitions.${kpi}`)}
          {warning && (
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              {t(`reports.dashboard.warnings.${warning}`)}
            </Box>
          )}
        </>
      }
      slotProps={{ tooltip: { sx: { fontSize: 13, maxWidth: 320 } } }}
    >
      <Paper
        variant="outlined"
        tabIndex={0}
        sx={{ p: 1.5, minWidth: 0, cursor: 'help', '&:focus-visible': { outline: 2, outlineColor: 'primary.main' } }}
        data-testid={`kpi-${kpi}`}
      >
        <Typography variant="body2" color="text.secondary" noWrap sx={{ textDecoration: 'underline dotted', textUnderlineOffset: 3 }}>
          {t(`reports.kpi.names.${kpi}`)}
        </Typography>
        <Typography
          variant="h5"
          component="p"
          // A year's sales of a busy store (¥12,345,678.90) still fits the card on one line.
          sx={{
            fontVariantNumeric: 'tabular-nums',
            fontWeight: 500,
            my: 0.5,
            whiteSpace: 'nowrap',
            fontSize: value.length > 11 ? '1.2rem' : undefined,
            color: warning ? 'warning.dark' : undefined,
          }}
          data-testid="kpi-value"
        >
          {value}
        </Typography>
        {warning && (
          <Typography variant="caption" component="p" sx={{ color: 'warning.dark', mb: 0.5 }} data-testid="kpi-warning">
            {t(`reports.dashboard.warnings.${warning}`)}
          </Typography>
        )}
        <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, flexWrap: 'wrap', fontVariantNumeric: 'tabular-nums' }}>
          <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
            {t('reports.dashboard.previousValue', { value: formatKpi(kpi, previous, hours) })}
          </Typography>
          <Typography
            variant="caption"
            sx={{ color: TONE_COLOR[tone], fontWeight: 600, whiteSpace: 'nowrap' }}
            aria-label={
              direction
                ? `${t(direction === 'up' ? 'reports.dashboard.changeUp' : 'reports.dashboard.changeDown')} ${changeWords(t, kpi, change)}`
                : undefined
            }
            data-testid="kpi-change"
          >
            {changeText(t, kpi, change)}
          </Typography>
        </Box>
      </Paper>
    </Tooltip>
  );
}
