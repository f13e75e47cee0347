import { useState } from 'react';
import { TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Purchase } from '../../../shared/contract/purchases';
import { formatYuan } from '../../../shared/money';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';
import { formatTime } from '../../components/format';

interface Props {
  sale: Purchase | null;
  onClose: () => void;
  onVoided: (message: string) => Promise<void>;
}

/** 作废 (managers): what voiding does to this sale, and why it is voided (kept in the audit log). */
export function VoidSaleDialog({ sale, onClose, onVoided }: Props) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const join = (parts: string[]) => parts.join(i18n.language === 'zh-CN' ? '' : ' ');
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <FormDialog
      open={sale !== null}
      title={t('sale.void.title')}
      submitLabel={t('sale.void.action')}
      testId="void-dialog"
      onClose={close}
      onSubmit={async () => {
        const r = await api.call('purchases.void', { purchaseId: sale!.id, reason });
        const message = [t('sale.void.done', { amount: formatYuan(r.void.amountFen), reversed: r.reversed })];
        if (r.restored > 0) message.push(t('sale.void.restored', { restored: r.restored }));
        if (r.shortfall > 0) message.push(t('sale.void.shortfall', { shortfall: r.shortfall }));
        if (r.tier) message.push(t('sale.void.tierBack', { from: r.tier.from, to: r.tier.to }));
        await onVoided(join(message));
      }}
    >
      {(error) =>
        sale && (
          <>
            <Typography variant="body2" data-testid="void-sale-figures">
              {t('sale.void.sale', {
                bill: formatYuan(sale.amountFen),
                paid: formatYuan(sale.paidFen),
                time: formatTime(sale.occurredAt, i18n.language),
              })}
            </Typography>
            {sale.points > 0 && <Typography variant="body2">{t('sale.void.earned', { points: sale.points })}</Typography>}
            {sale.redeemedPoints > 0 && <Typography variant="body2">{t('sale.void.redeemed', { points: sale.redeemedPoints })}</Typography>}
            <Typography variant="body2" color="warning.main">
              {t('sale.void.effect')}
            </Typography>
            <Typography variant="body2">{t('sale.void.tier')}</Typography>
            <TextField
              autoFocus
              name="voidReason"
              label={t('sale.void.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={!!fieldErrors(t, error).reason}
              helperText={fieldErrors(t, error).reason}
            />
          </>
        )
      }
    </FormDialog>
  );
}
