import { useCallback, useEffect, useImperativeHandle, useState, type Ref } from 'react';
import { Box, Chip, Paper, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../../shared/contract/timeline';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { isVoidedSale, timelineLine } from './timelineLine';

export interface TimelineHandle {
  reload(): void;
}

/** Everything that happened to the member, newest first, in one list. */
export function MemberTimeline({ memberId, ref }: { memberId: string; ref?: Ref<TimelineHandle> }) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<TimelineItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setItems((await api.call('members.timeline', { memberId, limit: 50 })).items);
    } catch (err) {
      setError(err);
    }
  }, [memberId]);
  useEffect(() => void load(), [load]);
  useImperativeHandle(ref, () => ({ reload: () => void load() }), [load]);

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="member-timeline">
      <Typography variant="subtitle1">{t('timeline.title')}</Typography>
      <ErrorAlert error={error} />
      {items?.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('timeline.none')}
        </Typography>
      )}
      <Table size="small">
        <TableBody>
          {items?.map((item) => (
            <TableRow key={`${item.type}-${item.id}`} data-testid="timeline-item" data-voided={isVoidedSale(item) ? 'true' : undefined}>
              <TableCell sx={{ whiteSpace: 'nowrap', width: 160 }}>{formatTime(item.at, i18n.language)}</TableCell>
              <TableCell>
                {isVoidedSale(item) ? (
                  <>
                    <Box component="span" sx={{ textDecoration: 'line-through', color: 'text.disabled' }}>
                      {timelineLine(t, item)}
                    </Box>{' '}
                    <Chip size="small" variant="outlined" color="error" label={t('timeline.voided')} data-testid="timeline-voided" />
                  </>
                ) : (
                  timelineLine(t, item)
                )}
              </TableCell>
              <TableCell sx={{ color: 'text.secondary' }}>{item.text}</TableCell>
              <TableCell sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>{item.byName}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
