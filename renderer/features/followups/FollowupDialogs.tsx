import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_NOTE_MAX, FOLLOWUP_OUTCOME_MAX, type Followup } from '../../../shared/contract/followups';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';
import { DateField } from '../../components/DateField';
import { SatisfactionRating } from './SatisfactionRating';
import { formatDate, storeToday } from '../../components/format';
import { LongTextField } from '../../components/LongTextField';
import { rescheduleStart, shortcutDates } from './reschedule';

export type FollowupDialog = { kind: 'complete' | 'reschedule' | 'script'; task: Followup } | null;

interface Props {
  dialog: FollowupDialog;
  onClose: () => void;
  /** after a change: the message to show */
  onDone: (message: string) => void;
}

/** The dialogs a task opens from the queue or a member page. */
export function FollowupDialogs({ dialog, onClose, onDone }: Props) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'complete':
      return <CompleteDialog task={dialog.task} onClose={onClose} onDone={onDone} />;
    case 'reschedule':
      return <RescheduleDialog task={dialog.task} onClose={onClose} onDone={onDone} />;
    case 'script':
      return <ScriptDialog task={dialog.task} onClose={onClose} />;
  }
}

/** Outcome first (autofocused), scores when the customer was asked; Enter completes. */
function CompleteDialog({ task, onClose, onDone }: { task: Followup; onClose: () => void; onDone: Props['onDone'] }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  const [satisfaction, setSatisfaction] = useState<number | null>(null);
  const [nps, setNps] = useState<number | null>(null);
  return (
    <FormDialog
      open
      title={t('followups.complete.title', { name: task.memberName })}
      submitLabel={t('followups.complete.submit')}
      onClose={onClose}
      testId="complete-dialog"
      onSubmit={async () => {
        await api.call('followups.complete', { id: task.id, outcome, satisfaction, nps });
        onDone(t('followups.complete.done', { name: task.memberName }));
      }}
    >
      {(error) => {
        const fields = fieldErrors(t, error);
        return (
          <>
            <LongTextField
              name="outcome"
              autoFocus
              enterSubmits
              minRows={1}
              maxRows={6}
              label={t('followups.complete.outcome')}
              value={outcome}
              onChange={setOutcome}
              maxLength={FOLLOWUP_OUTCOME_MAX}
              error={fields.outcome}
              helperText={t('followups.complete.outcomeHelp')}
            />
            <Box>
              <Typography variant="body2" color="text.secondary">
                {t('followups.complete.satisfaction')}
              </Typography>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <SatisfactionRating value={satisfaction} onChange={setSatisfaction} />
                {fields.satisfaction && (
                  <Typography color="error" variant="caption">
                    {fields.satisfaction}
                  </Typography>
                )}
              </Stack>
            </Box>
            <Box>
              <Typography variant="body2" color="text.secondary">
                {t('followups.complete.nps')}
              </Typography>
              {/* Enter on a score completes, as everywhere in the dialog (a button would take it as a click and unpick the score) */}
              <ToggleButtonGroup
                exclusive
                size="small"
                color="primary"
                value={nps}
                onChange={(_, v: number | null) => setNps(v)}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  e.preventDefault();
                  e.currentTarget.closest('form')?.requestSubmit();
                }}
                data-testid="nps"
              >
                {Array.from({ length: 11 }, (_, i) => (
                  <ToggleButton key={i} value={i} sx={{ px: 1.2 }}>
                    {i}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
              <Typography variant="caption" color={fields.nps ? 'error' : 'text.secondary'} component="div">
                {fields.nps ?? t('followups.complete.npsHelp')}
              </Typography>
            </Box>
          </>
        );
      }}
    </FormDialog>
  );
}

/** Starts on the store's tomorrow, never on the task's old (usually past) date; 明天 / 后天 / 下周 pick in one click. */
function RescheduleDialog({ task, onClose, onDone }: { task: Followup; onClose: () => void; onDone: Props['onDone'] }) {
  const { t, i18n } = useTranslation();
  const [today] = useState(storeToday);
  const [dueDate, setDueDate] = useState(() => rescheduleStart(today));
  const [note, setNote] = useState('');
  return (
    <FormDialog
      open
      title={t('followups.reschedule.title', { name: task.memberName })}
      submitLabel={t('followups.reschedule.submit')}
      onClose={onClose}
      testId="reschedule-dialog"
      onSubmit={async () => {
        const r = await api.call('followups.reschedule', { id: task.id, dueDate, note });
        onDone(t('followups.reschedule.done', { date: formatDate(r.dueDate, i18n.language) }));
      }}
    >
      {(error) => {
        const fields = fieldErrors(t, error);
        return (
          <>
            <DateField
              name="dueDate"
              autoFocus
              label={t('followups.reschedule.dueDate')}
              value={dueDate}
              onChange={setDueDate}
              minDate={today}
              error={fields.dueDate}
            />
            <Stack direction="row" spacing={1} data-testid="reschedule-shortcuts">
              {shortcutDates(today).map(({ key, date }) => (
                <Button
                  key={key}
                  size="small"
                  variant={date === dueDate ? 'contained' : 'outlined'}
                  title={t(`followups.reschedule.shortcutTitles.${key}`, { date: formatDate(date, i18n.language) })}
                  onClick={() => setDueDate(date)}
                >
                  {t(`followups.reschedule.shortcuts.${key}`)}
                </Button>
              ))}
            </Stack>
            <LongTextField
              name="note"
              enterSubmits
              minRows={1}
              maxRows={6}
              label={t('followups.reschedule.note')}
              value={note}
              onChange={setNote}
              maxLength={FOLLOWUP_NOTE_MAX}
              error={fields.note}
            />
          </>
        );
      }}
    </FormDialog>
  );
}

/** The kind's script with this member's fields filled, ready to read out or paste. */
function ScriptDialog({ task, onClose }: { task: Followup; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void api.call('followups.script', { id: task.id }).then((r) => setText(r.text));
  }, [task.id]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="script-dialog">
      <DialogTitle>{t('followups.script.title', { kind: t(`followups.kinds.${task.kind}`), name: task.memberName })}</DialogTitle>
      <DialogContent>
        <Typography sx={{ whiteSpace: 'pre-wrap', p: 2, bgcolor: 'action.hover', borderRadius: 1 }} data-testid="script-text">
          {text}
        </Typography>
        {copied && (
          <Typography variant="body2" color="success.main" sx={{ mt: 1 }}>
            {t('followups.script.copied')}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button variant="contained" onClick={() => void navigator.clipboard?.writeText(text).then(() => setCopied(true))}>
          {t('followups.script.copy')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
