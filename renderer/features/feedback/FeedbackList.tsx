import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  Paper,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_KINDS,
  FEEDBACK_SEVERITIES,
  FEEDBACK_STATUSES,
  type Feedback,
} from '../../../shared/contract/feedback';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { EnumSelect } from '../../components/EnumSelect';
import { FeedbackCreateDialog } from './FeedbackCreateDialog';
import { FeedbackDetailDialog } from './FeedbackDetailDialog';

type StatusTab = 'unfinished' | Feedback['status'] | 'all';
type Filters = { kind: string; category: string; severity: string };

/** How long a complaint has waited (until it was closed): the number a manager chases. */
export function ageOf(t: TFunction, f: Feedback, now = Date.now()): string {
  const end = f.closed ? Date.parse(f.closed.at) : now;
  const minutes = Math.max(0, Math.floor((end - Date.parse(f.created.at)) / 60000));
  if (minutes < 60) return t('feedback.age.minutes', { n: minutes });
  if (minutes < 48 * 60) return t('feedback.age.hours', { n: Math.floor(minutes / 60) });
  return t('feedback.age.days', { n: Math.floor(minutes / 1440) });
}

export function FeedbackList() {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<StatusTab>('unfinished');
  const [filters, setFilters] = useState<Filters>({ kind: '', category: '', severity: '' });
  const [data, setData] = useState<OutputOf<'feedback.list'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<Feedback | null>(null);

  const load = useCallback(async () => {
    try {
      setData(
        await api.call('feedback.list', {
          status: tab === 'all' ? undefined : tab,
          kind: (filters.kind || undefined) as Feedback['kind'] | undefined,
          category: (filters.category || undefined) as Feedback['category'] | undefined,
          severity: (filters.severity || undefined) as Feedback['severity'] | undefined,
        }),
      );
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [tab, filters]);
  useEffect(() => void load(), [load]);

  const counts = data?.counts;
  const unfinished = counts ? counts.open + counts.in_progress + counts.resolved : 0;
  const label = (s: StatusTab) => {
    const n = !counts ? null : s === 'unfinished' ? unfinished : s === 'all' ? unfinished + counts.closed : counts[s];
    return `${s === 'unfinished' || s === 'all' ? t(`feedback.statusTabs.${s}`) : t(`feedback.status.${s}`)}${n === null ? '' : ` (${n})`}`;
  };
  const select = (name: keyof Filters, options: readonly string[], prefix: string) => (
    <EnumSelect
      size="small"
      label={t(`feedback.fields.${name}`)}
      value={filters[name]}
      options={options}
      labels={`feedback.${prefix}`}
      anyLabel={t('feedback.filters.all')}
      onChange={(value) => setFilters({ ...filters, [name]: value })}
      sx={{ minWidth: 120 }}
      data-testid={`feedback-filter-${name}`}
    />
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        {select('kind', FEEDBACK_KINDS, 'kinds')}
        {select('category', FEEDBACK_CATEGORIES, 'categories')}
        {select('severity', FEEDBACK_SEVERITIES, 'severities')}
        <Box sx={{ flex: 1 }} />
        <Button variant="outlined" onClick={() => setCreating(true)} data-testid="record-anonymous">
          {t('feedback.recordAnonymous')}
        </Button>
      </Stack>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="feedback-notice">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      <Paper variant="outlined">
        <Tabs value={tab} onChange={(_, v: StatusTab) => setTab(v)} variant="scrollable">
          {(['unfinished', ...FEEDBACK_STATUSES, 'all'] as const).map((s) => (
            <Tab key={s} value={s} label={label(s)} data-testid={`feedback-tab-${s}`} />
          ))}
        </Tabs>
        {data && data.items.length === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }}>
            {t('feedback.empty')}
          </Typography>
        )}
        {data && data.items.length > 0 && (
          <Table size="small" data-testid="feedback-table">
            <TableHead>
              <TableRow>
                {(['created', 'age', 'member', 'kind', 'category', 'severity', 'description', 'status'] as const).map((c) => (
                  <TableCell key={c}>{t(`feedback.columns.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((f) => (
                <TableRow
                  key={f.id}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => {
                    setNotice(null);
                    setOpen(f);
                  }}
                  data-testid="feedback-row"
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(f.created.at, i18n.language)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }} data-testid="feedback-age">
                    {ageOf(t, f)}
                  </TableCell>
                  <TableCell>{f.memberName ?? t('feedback.anonymous')}</TableCell>
                  <TableCell>{t(`feedback.kinds.${f.kind}`)}</TableCell>
                  <TableCell>{t(`feedback.categories.${f.category}`)}</TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={t(`feedback.severities.${f.severity}`)}
                      color={f.severity === 'high' ? 'error' : f.severity === 'medium' ? 'warning' : 'default'}
                    />
                  </TableCell>
                  <TableCell sx={{ maxWidth: 320, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    {f.description}
                  </TableCell>
                  <TableCell>{t(`feedback.status.${f.status}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
      <FeedbackCreateDialog
        open={creating}
        member={null}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setNotice(t('feedback.created'));
          void load();
        }}
      />
      {open && (
        <FeedbackDetailDialog
          feedback={open}
          onClose={() => setOpen(null)}
          onChanged={(f) => {
            setOpen(f);
            setNotice(t('feedback.moved', { status: t(`feedback.status.${f.status}`) }));
            void load();
          }}
        />
      )}
    </Stack>
  );
}
