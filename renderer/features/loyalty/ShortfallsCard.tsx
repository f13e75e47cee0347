import { useEffect, useState } from 'react';
import { Chip, Link, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';

const LIMIT = 100;

/** Points refunds could not take back because the member had already spent them. */
export function ShortfallsCard() {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<OutputOf<'points.shortfalls'> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('points.shortfalls', { limit: LIMIT }).then(setData, setError);
  }, []);

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="shortfalls-title">
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography variant="h6" component="h2" id="shortfalls-title" sx={{ flex: 1 }}>
          {t('loyalty.shortfalls.title')}
        </Typography>
        {data && (
          <Chip
            label={t('loyalty.shortfalls.total', { points: data.totalPoints })}
            color={data.totalPoints > 0 ? 'warning' : 'default'}
            data-testid="shortfalls-total"
          />
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('loyalty.shortfalls.explain')}
      </Typography>
      <ErrorAlert error={error} />
      {data && data.items.length === 0 && <Typography color="text.secondary">{t('loyalty.shortfalls.none')}</Typography>}
      {data && data.items.length > 0 && (
        <Table size="small" data-testid="shortfalls-table">
          <TableHead>
            <TableRow>
              <TableCell>{t('loyalty.shortfalls.member')}</TableCell>
              <TableCell align="right">{t('loyalty.shortfalls.points')}</TableCell>
              <TableCell>{t('loyalty.shortfalls.time')}</TableCell>
              <TableCell>{t('loyalty.shortfalls.staff')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.items.map(({ entry, memberId, memberName, cardNo }) => (
              <TableRow key={entry.id}>
                <TableCell>
                  <Link component={RouterLink} to={`/members/${memberId}`}>
                    {memberName}
                  </Link>{' '}
                  <Typography component="span" variant="body2" color="text.secondary">
                    {cardNo}
                  </Typography>
                </TableCell>
                <TableCell align="right">{entry.shortfall}</TableCell>
                <TableCell>{formatTime(entry.createdAt, i18n.language)}</TableCell>
                <TableCell>{entry.createdByName ?? t('common.none')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data && data.items.length >= LIMIT && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('loyalty.shortfalls.limited', { n: LIMIT })}
        </Typography>
      )}
    </Paper>
  );
}
