import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Paper,
  Select,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_KINDS, type FollowupKind } from '../../../shared/contract/followups';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { useSession } from '../../app/session';
import { FollowupTable } from './FollowupTable';
import { useFollowupActions } from './useFollowupActions';

type Queue = OutputOf<'followups.today'>;
type Who = 'anyone' | 'mine' | 'unassigned';
const SECTIONS = ['overdue', 'dueToday', 'missed', 'upcoming'] as const;

/** The day's calls: overdue first, then today's, the unreached ones to reschedule, then the week ahead. */
export function TodayQueue() {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const [who, setWho] = useState<Who>('anyone');
  const [kind, setKind] = useState<FollowupKind | ''>('');
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const assigneeId = who === 'anyone' ? undefined : who === 'mine' ? staff.id : null;
      setQueue(await api.call('followups.today', { assigneeId, kind: kind || undefined }));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [who, kind, staff.id]);
  useEffect(() => void load(), [load]);

  const { actions, dialogs } = useFollowupActions((message, err) => {
    setNotice(message);
    setError(err ?? null);
    void load();
  });

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={who}
          onChange={(_, v: Who | null) => v && setWho(v)}
          aria-label={t('followups.filters.assignee')}
        >
          {(['anyone', 'mine', 'unassigned'] as const).map((w) => (
            <ToggleButton key={w} value={w} data-testid={`filter-${w}`}>
              {t(`followups.filters.${w}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <FormControl size="small" sx={{ minWidth: 160 }}>
          <InputLabel id="kind-filter" shrink>
            {t('followups.filters.kind')}
          </InputLabel>
          <Select
            labelId="kind-filter"
            label={t('followups.filters.kind')}
            notched
            displayEmpty
            value={kind}
            onChange={(e) => setKind(e.target.value as FollowupKind | '')}
            data-testid="filter-kind"
          >
            <MenuItem value="">{t('followups.filters.allKinds')}</MenuItem>
            {FOLLOWUP_KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {t(`followups.kinds.${k}`)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Box sx={{ flex: 1 }} />
        {queue && (
          <Typography variant="body2" color="text.secondary" data-testid="queue-summary">
            {t('followups.summary', {
              today: formatDate(queue.today, i18n.language),
              overdue: queue.overdue.total,
              dueToday: queue.dueToday.total,
              missed: queue.missed.total,
              done: queue.doneToday,
            })}
          </Typography>
        )}
      </Stack>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="followup-notice">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {queue &&
        SECTIONS.map((s) => (
          <Paper key={s} variant="outlined" data-testid={`section-${s}`}>
            <Box sx={{ px: 2, pt: 1.5, pb: 0.5 }}>
              <Typography variant="subtitle1" component="h2" color={s === 'overdue' && queue[s].total > 0 ? 'error' : 'text.primary'}>
                {t(`followups.sections.${s}`)} ({queue[s].total})
              </Typography>
            </Box>
            <FollowupTable items={queue[s].items} actions={actions} testId={`table-${s}`} />
            {queue[s].total > queue[s].items.length && (
              <Typography variant="caption" color="text.secondary" sx={{ px: 2, pb: 1, display: 'block' }}>
                {t('followups.more', { count: queue[s].total - queue[s].items.length })}
              </Typography>
            )}
          </Paper>
        ))}
      {dialogs}
    </Stack>
  );
}
