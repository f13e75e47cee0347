import { useCallback, useEffect, useImperativeHandle, useState, type Ref } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Followup } from '../../../shared/contract/followups';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { CreateFollowupDialog } from './CreateFollowupDialog';
import { useFollowupActions } from './useFollowupActions';
import { followupWhy } from './why';

export interface MemberFollowupsHandle {
  /** after something elsewhere on the page may have made a task (a sale makes its callback) */
  reload(): void;
}

/** The member's follow-ups: open ones with their buttons, finished ones with what was said. */
export function MemberFollowups({
  member,
  onChanged,
  ref,
}: {
  member: { id: string; name: string; active: boolean };
  onChanged: () => void;
  ref?: Ref<MemberFollowupsHandle>;
}) {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Followup[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const load = useCallback(async () => {
    try {
      setItems((await api.call('followups.list', { memberId: member.id, limit: 20 })).items);
    } catch (err) {
      setError(err);
    }
  }, [member.id]);
  useEffect(() => void load(), [load]);
  useImperativeHandle(ref, () => ({ reload: () => void load() }), [load]);
  const changed = (message: string | null, err?: unknown) => {
    setNotice(message);
    setError(err ?? null);
    void load();
    onChanged();
  };
  const { actions, dialogs } = useFollowupActions(changed);

  return (
    <Card variant="outlined" data-testid="member-followups">
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1">{t('followups.member.title')}</Typography>
          <Box sx={{ flex: 1 }} />
          <Button size="small" disabled={!member.active} onClick={() => setCreating(true)} data-testid="new-followup">
            {t('followups.create.button')}
          </Button>
        </Stack>
        {notice && (
          <Alert severity="success" onClose={() => setNotice(null)} sx={{ mb: 1 }}>
            {notice}
          </Alert>
        )}
        <ErrorAlert error={error} />
        {items?.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('followups.member.none')}
          </Typography>
        )}
        <Stack spacing={1}>
          {items?.map((f) => (
            <Box key={f.id} data-testid="member-followup" sx={{ borderTop: 1, borderColor: 'divider', pt: 1 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {formatDate(f.dueDate, i18n.language)}
                </Typography>
                <Chip size="small" label={t(`followups.kinds.${f.kind}`)} />
                <Chip
                  size="small"
                  variant="outlined"
                  label={t(`followups.status.${f.status}`)}
                  color={f.status === 'done' ? 'success' : f.status === 'missed' ? 'warning' : 'default'}
                />
              </Stack>
              <Typography variant="body2" color="text.secondary">
                {f.status === 'done' ? t('followups.member.outcome', { outcome: f.outcome ?? '' }) : followupWhy(t, f, i18n.language)}
              </Typography>
              {f.status === 'done' && (f.satisfaction !== null || f.nps !== null) && (
                <Typography variant="caption" color="text.secondary">
                  {t('followups.member.scores', { satisfaction: f.satisfaction ?? '—', nps: f.nps ?? '—' })}
                </Typography>
              )}
              {(f.status === 'planned' || f.status === 'missed') && (
                <Stack direction="row" spacing={0.5}>
                  <Button size="small" variant="contained" onClick={() => actions.complete(f)}>
                    {t('followups.actions.complete')}
                  </Button>
                  <Button size="small" onClick={() => actions.reschedule(f)}>
                    {t('followups.actions.reschedule')}
                  </Button>
                  <Button size="small" onClick={() => actions.script(f)}>
                    {t('followups.actions.script')}
                  </Button>
                </Stack>
              )}
            </Box>
          ))}
        </Stack>
      </CardContent>
      <CreateFollowupDialog open={creating} member={member} onClose={() => setCreating(false)} onCreated={(m) => changed(m)} />
      {dialogs}
    </Card>
  );
}
