import { useState } from 'react';
import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Purchase } from '../../../shared/contract/purchases';
import { formatYuan, parseYuan } from '../../../shared/money';
import { refundShares } from '../../../shared/points';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';
import { storeDate, storeToday } from '../../components/format';
import { useSession } from '../../app/session';
import type { Loyalty } from './useLoyalty';
import { PurchaseRow } from './PurchaseRow';
import { VoidSaleDialog } from './VoidSaleDialog';

interface Props {
  loyalty: Loyalty;
  onChanged: (message: string) => Promise<void>;
}

export function PurchasesTable({ loyalty, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const [refunding, setRefunding] = useState<Purchase | null>(null);
  const [voiding, setVoiding] = useState<Purchase | null>(null);
  const [form, setForm] = useState({ amount: '', reason: '' });
  const { items, totals } = loyalty.purchases;
  const refundable = refunding ? refunding.amountFen - refunding.refundedFen : 0;
  // What the clerk hands back, before confirming (the same shares the service records).
  const typed = parseYuan(form.amount);
  const preview = refunding && typed.ok && typed.fen <= refundable ? refundShares(refunding, typed.fen) : null;
  // The service decides (managers, the store's day, nothing refunded); the button only shows where it would agree.
  const today = storeToday();
  const canVoid = (p: Purchase) =>
    roleAtLeast(staff.role, 'manager') && p.kind === 'sale' && !p.voided && p.refundedFen === 0 && storeDate(p.occurredAt) === today;

  return (
    <Card variant="outlined" data-testid="member-purchases">
      <CardContent>
        <Typography variant="subtitle1">{t('purchases.title')}</Typography>
        <Typography variant="body2" color="text.secondary" data-testid="purchase-totals">
          {t('purchases.totals', {
            count: totals.sales,
            sales: formatYuan(totals.salesFen),
            refunds: formatYuan(totals.refundsFen),
            net: formatYuan(totals.netFen),
          })}
        </Typography>
        {items.length === 0 ? (
          <Typography color="text.secondary" sx={{ mt: 1 }}>
            {t('purchases.none')}
          </Typography>
        ) : (
          <Table size="small" data-testid="purchases-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('purchases.time')}</TableCell>
                <TableCell>{t('purchases.kind')}</TableCell>
                <TableCell>{t('purchases.receiptNo')}</TableCell>
                <TableCell>{t('purchases.category')}</TableCell>
                <TableCell align="right">{t('sale.split.bill')}</TableCell>
                <TableCell align="right">{t('purchases.redeemed')}</TableCell>
                <TableCell align="right">{t('purchases.paid')}</TableCell>
                <TableCell align="right">{t('purchases.points')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map((p) => (
                <PurchaseRow
                  key={p.id}
                  p={p}
                  canVoid={canVoid(p)}
                  onVoid={setVoiding}
                  onRefund={(sale) => {
                    setForm({ amount: ((sale.amountFen - sale.refundedFen) / 100).toFixed(2), reason: '' });
                    setRefunding(sale);
                  }}
                />
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      <FormDialog
        open={refunding !== null}
        title={t('purchases.refundTitle', { receipt: refunding?.receiptNo ?? (refunding ? formatYuan(refunding.amountFen) : '') })}
        submitLabel={t('purchases.refundAction')}
        testId="refund-dialog"
        onClose={() => setRefunding(null)}
        onSubmit={async () => {
          const r = await api.call('purchases.refund', { purchaseId: refunding!.id, amount: form.amount, reason: form.reason });
          const message = [
            t('purchases.refundDone', { amount: formatYuan(r.refund.amountFen), cash: formatYuan(r.refund.paidFen), reversed: r.reversed }),
          ];
          if (r.restored > 0) message.push(t('purchases.refundRestored', { restored: r.restored }));
          if (r.shortfall > 0) message.push(t('purchases.refundShortfall', { shortfall: r.shortfall }));
          await onChanged(message.join(i18n.language === 'zh-CN' ? '' : ' '));
        }}
      >
        {(error) => (
          <>
            <Typography variant="body2">{t('purchases.refundable', { amount: formatYuan(refundable) })}</Typography>
            {preview && (
              <Typography variant="body2" color="primary" data-testid="refund-preview">
                {t('purchases.refundPreview', { cash: formatYuan(preview.cashFen), points: preview.restoredPoints })}
              </Typography>
            )}
            <TextField
              autoFocus
              name="refundAmount"
              label={t('purchases.refundAmount')}
              value={form.amount}
              onChange={(e) => setForm({ ...form, amount: e.target.value })}
              error={!!fieldErrors(t, error).amount}
              helperText={fieldErrors(t, error).amount}
            />
            <TextField
              name="reason"
              label={t('purchases.refundReason')}
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
            />
          </>
        )}
      </FormDialog>
      <VoidSaleDialog sale={voiding} onClose={() => setVoiding(null)} onVoided={onChanged} />
    </Card>
  );
}
