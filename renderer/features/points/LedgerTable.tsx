import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../components/format';
import type { Loyalty } from './useLoyalty';

export function LedgerTable({ loyalty }: { loyalty: Loyalty }) {
  const { t, i18n } = useTranslation();
  if (loyalty.ledger.length === 0) return null;
  return (
    <Card variant="outlined" data-testid="points-ledger">
      <CardContent>
        <Typography variant="subtitle1">{t('points.ledger')}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('purchases.time')}</TableCell>
              <TableCell>{t('purchases.kind')}</TableCell>
              <TableCell align="right">{t('purchases.points')}</TableCell>
              <TableCell align="right">{t('points.balanceAfter')}</TableCell>
              <TableCell>{t('points.reason')}</TableCell>
              <TableCell>{t('points.staff')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {loyalty.ledger.map((e) => (
              <TableRow key={e.id} data-testid={`ledger-${e.kind}`}>
                <TableCell>{formatTime(e.createdAt, i18n.language)}</TableCell>
                <TableCell>
                  {e.kind === 'reverse' && e.detail?.void === true ? t('sale.ledgerVoid') : t(`points.kinds.${e.kind}`)}
                </TableCell>
                <TableCell align="right" sx={{ color: e.points < 0 ? 'error.main' : 'success.main' }}>
                  {e.points > 0 ? `+${e.points}` : e.points}
                </TableCell>
                <TableCell align="right">{e.balanceAfter}</TableCell>
                <TableCell>
                  {[e.reason, e.shortfall > 0 ? t('points.shortfall', { points: e.shortfall }) : null].filter(Boolean).join(' · ') || '—'}
                </TableCell>
                <TableCell>{e.createdByName ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
