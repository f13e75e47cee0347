import { Button, IconButton, Stack, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Period, PeriodKind } from '../../../shared/report-periods';
import { PERIOD_KINDS, currentPeriod, localToday, periodLabel, stepPeriod, switchKind } from './periods';

interface Props {
  period: Period;
  onChange: (period: Period) => void;
}

/** Month, quarter or year, and which one: arrows step back and forth, never past the current one. */
export function PeriodPicker({ period, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const today = localToday();
  const latest = currentPeriod(period.kind, today);
  const isLatest = period.key === latest.key;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="period-picker">
      <ToggleButtonGroup
        exclusive
        size="small"
        value={period.kind}
        onChange={(_, kind: PeriodKind | null) => kind && onChange(switchKind(period, kind, today))}
        aria-label={t('reports.period.kind')}
      >
        {PERIOD_KINDS.map((kind) => (
          <ToggleButton key={kind} value={kind} sx={{ px: 2 }} data-testid={`period-kind-${kind}`}>
            {t(`reports.period.kinds.${kind}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Tooltip title={t('reports.period.previous')}>
        <IconButton
          aria-label={t('reports.period.previous')}
          onClick={() => onChange(stepPeriod(period, -1))}
          data-testid="period-previous"
        >
          ‹
        </IconButton>
      </Tooltip>
      <Typography
        component="output"
        variant="h6"
        sx={{ minWidth: 150, textAlign: 'center', whiteSpace: 'nowrap' }}
        data-testid="period-label"
      >
        {periodLabel(period, i18n.language)}
      </Typography>
      <Tooltip title={t('reports.period.next')}>
        {/* A span keeps the tooltip working on a disabled button. */}
        <span>
          <IconButton
            aria-label={t('reports.period.next')}
            disabled={isLatest}
            onClick={() => onChange(stepPeriod(period, 1))}
            data-testid="period-next"
          >
            ›
          </IconButton>
        </span>
      </Tooltip>
      {!isLatest && (
        <Button size="small" onClick={() => onChange(latest)}>
          {t('reports.period.current')}
        </Button>
      )}
    </Stack>
  );
}
