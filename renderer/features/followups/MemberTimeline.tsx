import { useCallback, useEffect, useImperativeHandle, useState, type Ref } from 'react';
import { Paper, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TimelineItem } from '../../../shared/contract/timeline';
import { formatYuan } from '../../../shared/money';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';

export interface TimelineHandle {
  reload(): void;
}

function describe(t: TFunction, item: TimelineItem): string {
  switch (item.type) {
    case 'sale':
    case 'refund':
    case 'void': {
      const line = t(`timeline.${item.type}`, { amount: formatYuan(item.amountFen ?? 0) });
      return item.points ? `${line} · ${t('timeline.pointsSuffix', { points: item.points > 0 ? `+${item.points}` : item.points })}` : line;
    }
    case 'points':
      return `${t(`timeline.points.${item.kind ?? 'adjust'}`)} · ${t('timeline.pointsSuffix', { points: (item.points ?? 0) > 0 ? `+${item.points}` : item.points })}`;
    case 'followup':
      return t('timeline.followup', { kind: t(`followups.kinds.${item.kind}`), status: t(`followups.status.${item.status}`) });
    case 'feedback':
      return t('timeline.feedback', { kind: t(`feedback.kinds.${item.kind}`), status: t(`feedback.status.${item.status}`) });
  }
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
            <TableRow key={`${item.type}-${item.id}`} data-testid="timeline-item">
              <TableCell sx={{ whiteSpace: 'nowrap', width: 160 }}>{formatTime(item.at, i18n.language)}</TableCell>
              <TableCell>{describe(t, item)}</TableCell>
              <TableCell sx={{ color: 'text.secondary' }}>{item.text}</TableCell>
              <TableCell sx={{ color: 'text.secondary', whiteSpace: 'nowrap' }}>{item.byName}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
