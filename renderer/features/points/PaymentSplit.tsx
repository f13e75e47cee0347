import { Box, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../shared/money';
import type { PointsRules } from '../../../shared/points';
import { paymentSplit } from './paymentSplit';

interface Props {
  /** the bill as typed */
  amount: string;
  /** the points to pay with, as typed */
  redeemPoints: string;
  rules: PointsRules;
  available: number;
}

/**
 * 应收 / 抵扣 / 实付 beside the bill box as soon as points are to pay part of it, so the cashier
 * collects what is left and never the full bill by mistake.
 */
export function PaymentSplit({ amount, redeemPoints, rules, available }: Props) {
  const { t } = useTranslation();
  const split = paymentSplit(rules, amount, redeemPoints);
  if (!split) return null;
  const problem = split.points > available ? t('sale.split.notEnough', { available }) : split.payFen < 0 ? t('sale.split.overBill') : null;
  const figure = (label: string, value: string, testId: string, strong = false) => (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography
        variant={strong ? 'h5' : 'h6'}
        color={strong ? 'primary' : 'text.primary'}
        sx={{ fontWeight: strong ? 700 : 400 }}
        data-testid={testId}
      >
        {value}
      </Typography>
    </Box>
  );
  return (
    <Stack direction="row" spacing={3} sx={{ mt: 1, alignItems: 'flex-end' }} data-testid="payment-split">
      {figure(t('sale.split.bill'), formatYuan(split.billFen), 'split-bill')}
      {figure(t('sale.split.points', { points: split.points }), `−${formatYuan(split.valueFen)}`, 'split-points')}
      {figure(t('sale.split.pay'), formatYuan(Math.max(split.payFen, 0)), 'split-pay', true)}
      {problem && (
        <Typography color="error" variant="body2" data-testid="split-problem">
          {problem}
        </Typography>
      )}
    </Stack>
  );
}
