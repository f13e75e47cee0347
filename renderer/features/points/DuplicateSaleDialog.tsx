import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../../shared/money';
import { ApiError } from '../../api/client';
import { formatTime } from '../../components/format';

/** The earlier sale a POSSIBLE_DUPLICATE answer names. */
export interface EarlierSale {
  amountFen: number;
  occurredAt: string;
  createdByName: string | null;
  receiptNo: string | null;
}

/** The earlier sale, if the service asked whether this is the same sale typed twice. */
export function earlierSaleOf(err: unknown): EarlierSale | null {
  if (!(err instanceof ApiError) || err.code !== 'POSSIBLE_DUPLICATE') return null;
  const e = err.details.existing as Record<string, unknown> | undefined;
  if (!e || typeof e.amountFen !== 'number' || typeof e.occurredAt !== 'string') return null;
  return {
    amountFen: e.amountFen,
    occurredAt: e.occurredAt,
    createdByName: typeof e.createdByName === 'string' ? e.createdByName : null,
    receiptNo: typeof e.receiptNo === 'string' ? e.receiptNo : null,
  };
}

interface Props {
  earlier: EarlierSale | null;
  onRecord: () => void;
  onCancel: () => void;
}

/**
 * 可能重复: the same member and bill were recorded moments ago. A cashier presses Enter out of
 * habit, so Enter (on 不记录, which has the focus) and Esc both go back to the bill box with the
 * amount kept; recording anyway takes a click on 仍然记录 (or Tab to it, then Enter).
 */
export function DuplicateSaleDialog({ earlier, onRecord, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Dialog open={earlier !== null} onClose={onCancel} maxWidth="xs" fullWidth data-testid="duplicate-dialog">
      <DialogTitle>{t('sale.duplicate.title')}</DialogTitle>
      {earlier && (
        <DialogContent>
          <DialogContentText data-testid="duplicate-earlier">
            {[
              t('sale.duplicate.body', { time: formatTime(earlier.occurredAt, i18n.language), amount: formatYuan(earlier.amountFen) }),
              earlier.createdByName ? t('sale.duplicate.by', { name: earlier.createdByName }) : null,
              earlier.receiptNo ? t('sale.duplicate.receipt', { receiptNo: earlier.receiptNo }) : null,
            ]
              .filter(Boolean)
              .join(i18n.language === 'zh-CN' ? '' : ' ')}
          </DialogContentText>
          <DialogContentText sx={{ mt: 1 }}>{t('sale.duplicate.ask')}</DialogContentText>
        </DialogContent>
      )}
      <DialogActions>
        <Button variant="contained" autoFocus onClick={onCancel} data-testid="duplicate-cancel">
          {t('sale.duplicate.cancel')}
        </Button>
        <Button color="warning" onClick={onRecord} data-testid="duplicate-record">
          {t('sale.duplicate.record')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
