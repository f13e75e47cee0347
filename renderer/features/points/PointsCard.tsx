import { useState } from 'react';
import { Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../shared/money';
import { pointsValueFen } from '../../../shared/points';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';
import { formatLastDay } from '../../components/format';
import { useSession } from '../../app/session';
import type { Loyalty } from './useLoyalty';

interface Props {
  memberId: string;
  loyalty: Loyalty;
  active: boolean;
  onChanged: (message: string) => Promise<void>;
}

export function PointsCard({ memberId, loyalty, active, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const [dialog, setDialog] = useState<'redeem' | 'adjust' | null>(null);
  const [form, setForm] = useState({ points: '', reason: '' });
  const b = loyalty.balance;
  const open = (which: 'redeem' | 'adjust') => {
    setForm({ points: '', reason: '' });
    setDialog(which);
  };
  const redeemValue = /^\d+$/.test(form.points) ? pointsValueFen(loyalty.rules, Number(form.points)) : 0;

  return (
    <Card variant="outlined" data-testid="member-points">
      <CardContent>
        <Typography variant="subtitle1">{t('points.title')}</Typography>
        <Typography variant="h4" data-testid="points-balance">
          {b.balance}
        </Typography>
        <Typography variant="body2">{t('points.available', { points: b.available, value: formatYuan(b.availableValueFen) })}</Typography>
        {b.locked > 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('points.locked', { points: b.locked })}
          </Typography>
        )}
        <Box sx={{ mt: 1 }}>
          {b.expiring.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('points.noExpiry')}
            </Typography>
          ) : (
            b.expiring.map((e) => (
              <Typography key={e.expiresAt} variant="body2" color="warning.main">
                {t('points.expiringRow', {
                  points: e.points,
                  date: formatLastDay(e.expiresAt, i18n.language),
                })}
              </Typography>
            ))
          )}
        </Box>
        {b.shortfall > 0 && roleAtLeast(staff.role, 'manager') && (
          <Typography variant="body2" color="error.main">
            {t('points.shortfall', { points: b.shortfall })}
          </Typography>
        )}
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button size="small" variant="outlined" disabled={!active || b.available === 0} onClick={() => open('redeem')}>
            {t('points.redeem')}
          </Button>
          {roleAtLeast(staff.role, 'manager') && (
            <Button size="small" onClick={() => open('adjust')}>
              {t('points.adjust')}
            </Button>
          )}
        </Stack>
      </CardContent>
      <FormDialog
        open={dialog === 'redeem'}
        title={t('points.redeemTitle')}
        submitLabel={t('points.redeem')}
        testId="redeem-dialog"
        onClose={() => setDialog(null)}
        onSubmit={async () => {
          const r = await api.call('points.redeem', { memberId, points: Number(form.points), reason: form.reason || undefined });
          await onChanged(t('points.redeemed', { points: -r.entry.points }));
        }}
      >
        {(error) => (
          <>
            <Typography variant="body2">
              {t('points.available', { points: b.available, value: formatYuan(b.availableValueFen) })}
            </Typography>
            {b.expiring[0] && (
              <Typography variant="body2" color="warning.main">
                {t('points.expiringRow', {
                  points: b.expiring[0].points,
                  date: formatLastDay(b.expiring[0].expiresAt, i18n.language),
                })}
              </Typography>
            )}
            <TextField
              autoFocus
              name="points"
              label={t('points.redeemPoints')}
              value={form.points}
              onChange={(e) => setForm({ ...form, points: e.target.value })}
              error={!!fieldErrors(t, error).points}
              helperText={fieldErrors(t, error).points ?? t('points.redeemValue', { value: formatYuan(redeemValue) })}
            />
            <TextField
              name="reason"
              label={t('points.redeemReason')}
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
            />
          </>
        )}
      </FormDialog>
      <FormDialog
        open={dialog === 'adjust'}
        title={t('points.adjustTitle')}
        submitLabel={t('common.save')}
        testId="adjust-dialog"
        onClose={() => setDialog(null)}
        onSubmit={async () => {
          const r = await api.call('points.adjust', { memberId, points: Number(form.points), reason: form.reason });
          await onChanged(t('points.adjusted', { points: r.entry.points }));
        }}
      >
        {(error) => (
          <>
            <TextField
              autoFocus
              name="points"
              label={t('points.adjustPoints')}
              value={form.points}
              onChange={(e) => setForm({ ...form, points: e.target.value })}
              error={!!fieldErrors(t, error).points}
              helperText={fieldErrors(t, error).points}
            />
            <TextField
              name="reason"
              label={t('points.adjustReason')}
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
              error={!!fieldErrors(t, error).reason}
              helperText={fieldErrors(t, error).reason}
            />
          </>
        )}
      </FormDialog>
    </Card>
  );
}
