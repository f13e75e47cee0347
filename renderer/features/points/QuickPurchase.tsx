import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Collapse, Link, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatYuan, parseYuan } from '../../../shared/money';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Loyalty } from './useLoyalty';
import { CategoryField } from './CategoryField';
import { PaymentSplit } from './PaymentSplit';
import { DuplicateSaleDialog, earlierSaleOf, type EarlierSale } from './DuplicateSaleDialog';

/** Bills from ¥10,000 up ask for a second Enter. */
const LARGE_BILL_FEN = 10_000_00;

interface Props {
  memberId: string;
  loyalty: Loyalty;
  disabled: boolean;
  onRecorded: (message: string) => Promise<void>;
}

const EMPTY = { amount: '', receiptNo: '', category: '', note: '', redeemPoints: '' };

/** The counter's most frequent act: type the bill, press Enter. Everything else is optional. */
export function QuickPurchase({ memberId, loyalty, disabled, onRecorded }: Props) {
  const { t, i18n } = useTranslation();
  const [v, setV] = useState(EMPTY);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [duplicate, setDuplicate] = useState<EarlierSale | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const fields = fieldErrors(t, error);
  // The bill box takes the keyboard when the member's balance arrives, unless the clerk has
  // already moved on (a dialog opened meanwhile): stealing focus from an open dialog sends it
  // to the dialog's frame, and the complaint being typed would land nowhere.
  useEffect(() => {
    const held = document.activeElement;
    if (!held || held === document.body) amountRef.current?.focus();
  }, []);
  // Editing a field clears the last refusal: it was about what was typed before.
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setV({ ...v, [key]: e.target.value });
    setError(null);
    setConfirming(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    // A slip of the keyboard (an extra zero, a scanned barcode in the amount box) would earn
    // points and lift the tier for a year: a large bill needs a second Enter.
    const typed = parseYuan(v.amount);
    if (typed.ok && typed.fen >= LARGE_BILL_FEN && confirming !== typed.fen) {
      setConfirming(typed.fen);
      return;
    }
    setConfirming(null);
    await record(false);
  }

  /** `confirmDuplicate`: the cashier said this is another purchase, not the last one typed again. */
  async function record(confirmDuplicate: boolean) {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('purchases.record', {
        memberId,
        amount: v.amount,
        receiptNo: v.receiptNo,
        category: v.category,
        note: v.note,
        redeemPoints: v.redeemPoints ? Number(v.redeemPoints) : 0,
        confirmDuplicate,
      });
      setV(EMPTY);
      // The sale is written: the next bill may be typed and submitted while the page reloads
      // the balance (a disabled submit button would swallow that Enter).
      setBusy(false);
      amountRef.current?.focus();
      const p = r.purchase;
      // Part-paid with points: the notice repeats what was collected, for the cashier to check.
      const message = [
        p.redeemedPoints > 0
          ? t('sale.recordedSplit', {
              bill: formatYuan(p.amountFen),
              points: p.redeemedPoints,
              value: formatYuan(p.redeemedFen),
              paid: formatYuan(p.paidFen),
              earned: r.earned,
            })
          : t('purchases.recorded', { amount: formatYuan(p.amountFen), points: r.earned }),
      ];
      if (r.upgraded) message.push(t('purchases.upgraded', { tier: r.tier.tier.name }));
      await onRecorded(message.join(i18n.language === 'zh-CN' ? '' : ' '));
    } catch (err) {
      const earlier = earlierSaleOf(err);
      if (earlier) setDuplicate(earlier);
      else setError(err);
      setBusy(false);
    }
  }

  return (
    <Paper sx={{ p: 2 }} component="form" onSubmit={submit} noValidate data-testid="quick-purchase">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          inputRef={amountRef}
          name="amount"
          label={t('purchases.amount')}
          value={v.amount}
          onChange={set('amount')}
          disabled={disabled}
          error={!!fields.amount}
          helperText={fields.amount ?? t('purchases.amountHelp')}
          slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off', style: { fontSize: 22 } } }}
          sx={{ width: 240 }}
        />
        <Button
          type="submit"
          variant="contained"
          size="large"
          disabled={disabled || busy || !v.amount}
          sx={{ mt: 1 }}
          data-testid="record-purchase"
        >
          {t('purchases.record')}
        </Button>
        <Box sx={{ flex: 1 }} />
        <Link component="button" type="button" onClick={() => setMore(!more)} sx={{ mt: 2 }}>
          {t('purchases.more')}
        </Link>
      </Stack>
      <PaymentSplit amount={v.amount} redeemPoints={v.redeemPoints} rules={loyalty.rules} available={loyalty.balance.available} />
      <Collapse in={more}>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(4, 1fr)' }, gap: 2, mt: 2 }}>
          <TextField
            name="receiptNo"
            label={t('purchases.receiptNo')}
            value={v.receiptNo}
            onChange={set('receiptNo')}
            error={!!fields.receiptNo}
            helperText={fields.receiptNo}
          />
          <CategoryField value={v.category} onChange={(category) => setV({ ...v, category })} />
          <TextField name="note" label={t('purchases.note')} value={v.note} onChange={set('note')} />
          <TextField
            name="redeemPoints"
            label={t('purchases.redeemPoints')}
            value={v.redeemPoints}
            onChange={set('redeemPoints')}
            error={!!fields.redeemPoints || !!fields.points}
            helperText={
              fields.redeemPoints ??
              fields.points ??
              t('purchases.redeemHelp', { available: loyalty.balance.available, rate: loyalty.rules.redeem.pointsPerYuan })
            }
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        </Box>
      </Collapse>
      <Box sx={{ mt: error ? 1 : 0 }}>
        <ErrorAlert error={error} />
        {confirming !== null && (
          <Alert severity="warning" data-testid="confirm-large-bill">
            {t('purchases.confirmLarge', { amount: formatYuan(confirming) })}
          </Alert>
        )}
      </Box>
      <DuplicateSaleDialog
        earlier={duplicate}
        onRecord={() => {
          setDuplicate(null);
          void record(true);
        }}
        onCancel={() => setDuplicate(null)}
      />
      {disabled && (
        <Typography color="text.secondary" variant="body2">
          {t('errors.MEMBER_INACTIVE')}
        </Typography>
      )}
    </Paper>
  );
}
