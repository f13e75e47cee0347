import { useState } from 'react';
import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FEEDBACK_STATUSES, FEEDBACK_TEXT_MAX, type Feedback } from '../../../shared/contract/feedback';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { LongTextField } from '../../components/LongTextField';

interface Props {
  feedback: Feedback;
  onClose: () => void;
  onChanged: (f: Feedback) => void;
}

/** One complaint: what was said, each step so far (when, by whom), and the next step's button. */
export function FeedbackDetailDialog({ feedback: f, onClose, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = FEEDBACK_STATUSES[FEEDBACK_STATUSES.indexOf(f.status) + 1] as Exclude<Feedback['status'], 'open'> | undefined;
  const fields = fieldErrors(t, error);
  const steps = [
    ['created', f.created],
    ['started', f.started],
    ['resolved', f.resolved],
    ['closed', f.closed],
  ] as const;

  async function move() {
    if (!next) return;
    setBusy(true);
    try {
      const r = await api.call('feedback.transition', { id: f.id, to: next, resolution: next === 'resolved' ? resolution : undefined });
      setError(null);
      onChanged(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="feedback-detail">
      <DialogTitle>
        {t('feedback.detailTitle', { kind: t(`feedback.kinds.${f.kind}`), category: t(`feedback.categories.${f.category}`) })}{' '}
        <Chip size="small" label={t(`feedback.status.${f.status}`)} data-testid="feedback-status" />
      </DialogTitle>
      <DialogContent>
        <Stack spacing={1.5}>
          <Typography variant="body2" color="text.secondary">
            {f.memberName ?? `${t('feedback.anonymous')}${f.contact ? ` · ${f.contact}` : ''}`} · {t(`feedback.severities.${f.severity}`)} ·{' '}
            {t(`feedback.channels.${f.channel}`)}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>{f.description}</Typography>
          {f.resolution && (
            <Alert severity="info" icon={false} sx={{ whiteSpace: 'pre-wrap' }}>
              {t('feedback.fields.resolution')}：{f.resolution}
            </Alert>
          )}
          <Stack spacing={0.25} data-testid="feedback-steps">
            {steps.map(([step, s]) =>
              s ? (
                <Typography key={step} variant="caption" color="text.secondary">
                  {t('feedback.stepLine', { step: t(`feedback.steps.${step}`), at: formatTime(s.at, i18n.language), by: s.byName ?? '—' })}
                </Typography>
              ) : null,
            )}
          </Stack>
          {next === 'resolved' && (
            <LongTextField
              name="resolution"
              autoFocus
              minRows={2}
              label={t('feedback.fields.resolution')}
              value={resolution}
              onChange={setResolution}
              maxLength={FEEDBACK_TEXT_MAX}
              error={fields.resolution}
            />
          )}
          <ErrorAlert error={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        {/* Says what it closes: the window. Closing the complaint is 结案, the step button's. */}
        <Button onClick={onClose} data-testid="feedback-close-window">
          {t('feedback.closeWindow')}
        </Button>
        {next && (
          <Button variant="contained" disabled={busy} onClick={() => void move()} data-testid="feedback-next">
            {t(`feedback.next.${next}`)}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
