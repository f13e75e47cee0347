import { Button, Chip, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Purchase } from '../../../shared/contract/purchases';
import { formatYuan } from '../../../shared/money';
import { formatTime } from '../../components/format';

interface Props {
  p: Purchase;
  /** a manager, on the sale's own day, a sale neither voided nor refunded */
  canVoid: boolean;
  onRefund: (p: Purchase) => void;
  onVoid: (p: Purchase) => void;
}

const KIND_COLOR = { sale: 'default', refund: 'warning', void: 'error' } as const;

/**
 * One row of the member's purchases. Money moves in the 实付 column: a sale's paid amount, and
 * for a refund the money paid back, the figure the dashboard counts as refunds (退款额); the
 * refund's part of the bill and the points it gave back are labelled detail beside it. A void
 * takes its whole sale back; the sale it voided is struck through.
 */
export function PurchaseRow({ p, canVoid, onRefund, onVoid }: Props) {
  const { t, i18n } = useTranslation();
  const minus = (fen: number) => `-${formatYuan(fen)}`;
  const out = p.kind !== 'sale';
  const struck = p.voided ? { textDecoration: 'line-through', color: 'text.disabled' } : undefined;
  const detail = (text: string) => (
    <Typography variant="caption" color="text.secondary" component="div">
      {text}
    </Typography>
  );
  return (
    <TableRow data-testid={`purchase-${p.kind}`} data-voided={p.voided ? 'true' : undefined}>
      {/* A void is shown when it was made (its row keeps its sale's time for the reports). */}
      <TableCell>{formatTime(p.kind === 'void' ? p.createdAt : p.occurredAt, i18n.language)}</TableCell>
      <TableCell>
        <Stack direction="row" spacing={0.5}>
          <Chip size="small" color={KIND_COLOR[p.kind]} label={p.kind === 'void' ? t('sale.void.kind') : t(`purchases.${p.kind}`)} />
          {p.voided && <Chip size="small" variant="outlined" color="error" label={t('sale.void.voided')} data-testid="voided-chip" />}
        </Stack>
      </TableCell>
      <TableCell>{p.receiptNo ?? '—'}</TableCell>
      <TableCell data-testid="purchase-category">{p.category ?? '—'}</TableCell>
      <TableCell align="right" sx={struck}>
        {p.kind === 'refund'
          ? detail(t('sale.refund.billPart', { amount: formatYuan(p.amountFen) }))
          : out
            ? minus(p.amountFen)
            : formatYuan(p.amountFen)}
      </TableCell>
      <TableCell align="right" sx={struck}>
        {p.redeemedPoints === 0
          ? '—'
          : out
            ? t('sale.refund.pointsBack', { points: p.redeemedPoints })
            : `${p.redeemedPoints} (${formatYuan(p.redeemedFen)})`}
      </TableCell>
      <TableCell align="right" sx={{ ...struck, fontWeight: out ? 700 : undefined }} data-testid="purchase-paid">
        {out ? minus(p.paidFen) : formatYuan(p.paidFen)}
      </TableCell>
      <TableCell align="right" sx={struck}>
        {p.points > 0 ? `+${p.points}` : p.points}
      </TableCell>
      <TableCell align="right">
        {p.kind === 'sale' && !p.voided && p.refundedFen < p.amountFen && (
          <Button size="small" onClick={() => onRefund(p)}>
            {t('purchases.refundAction')}
          </Button>
        )}
        {canVoid && (
          <Button size="small" color="error" onClick={() => onVoid(p)} data-testid="void-sale">
            {t('sale.void.action')}
          </Button>
        )}
        {p.kind === 'sale' && p.refundedFen > 0 && detail(`${t('purchases.refunded')} ${formatYuan(p.refundedPaidFen)}`)}
        {p.kind === 'void' && p.note && detail(p.note)}
      </TableCell>
    </TableRow>
  );
}
