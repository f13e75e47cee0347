import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../shared/money';
import { formatDate } from '../../components/format';
import type { Loyalty } from './useLoyalty';

/** Which tier, why, and what the next one needs. */
export function TierCard({ loyalty }: { loyalty: Loyalty }) {
  const { t, i18n } = useTranslation();
  const s = loyalty.tier;
  const money = s.basis === 'spend';
  const fmt = (n: number) => (money ? formatYuan(n) : String(n));
  return (
    <Card variant="outlined" data-testid="member-tier">
      <CardContent>
        <Typography variant="subtitle1">{t('tier.title')}</Typography>
        <Typography variant="h5" data-testid="tier-name">
          {s.tier.name}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ my: 1, flexWrap: 'wrap' }}>
          {s.tier.pointsMultiplierPct !== 100 && (
            <Chip size="small" label={t('tier.multiplier', { x: s.tier.pointsMultiplierPct / 100 })} />
          )}
          {s.tier.discountPct > 0 && (
            <Chip
              size="small"
              label={t('tier.discount', {
                value: i18n.language === 'zh-CN' ? String((100 - s.tier.discountPct) / 10) : String(s.tier.discountPct),
              })}
            />
          )}
          {s.tier.benefits && <Chip size="small" variant="outlined" label={s.tier.benefits} />}
        </Stack>
        <Typography variant="body2" data-testid="tier-why">
          {t(money ? 'tier.why_spend' : 'tier.why_points', { value: fmt(s.qualifying), months: s.windowMonths })}
        </Typography>
        <Typography variant="body2" data-testid="tier-next">
          {s.next
            ? t(money ? 'tier.next_spend' : 'tier.next_points', { missing: fmt(s.next.missing), tier: s.next.tier.name })
            : t('tier.top')}
        </Typography>
        {s.qualifiesFor.rank < s.tier.rank && (
          <Typography variant="body2" color="warning.main">
            {t('tier.keepUntilReview', { tier: s.qualifiesFor.name })}
          </Typography>
        )}
        {s.reviewAt && (
          <Typography variant="body2" color="text.secondary">
            {t('tier.review', { date: formatDate(s.reviewAt, i18n.language) })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
