import { useEffect, useRef, useState } from 'react';
import { Alert, AlertTitle, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImportSession } from '../../../shared/contract/import';
import { formatYuan } from '../../../shared/money';
import { api } from '../../api/client';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/useJob';
import { resultLine } from './importText';

/** How often the page reads the import while its job runs: its state changes once, at the end. */
const FOLLOW_MS = 1000;

/**
 * An import under way or ended: the job's bar while it writes, a cancel that undoes what was
 * written (asked in the app's own dialog), then what it did and where to see it.
 */
export function ImportRun({
  session,
  onSession,
  onAnother,
}: {
  session: ImportSession;
  onSession: (session: ImportSession) => void;
  onAnother: () => void;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const importing = session.state === 'importing';
  const { job } = useJob(importing ? session.jobId : null);
  const { confirm, dialog } = useConfirm();
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The page's callback changes with every render; the follow-up timer keeps running regardless.
  const ended = useRef(onSession);
  ended.current = onSession;

  useEffect(() => {
    if (!importing) return;
    let stopped = false;
    const timer = setInterval(() => {
      api.call('import.get', { id: session.id }).then(
        (next) => !stopped && next.state !== 'importing' && ended.current(next),
        () => undefined,
      );
    }, FOLLOW_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [importing, session.id]);

  async function cancel() {
    const yes = await confirm({
      title: t('importPage.run.cancelTitle', { name: session.fileName }),
      message: t('importPage.run.cancelMessage'),
      confirmLabel: t('importPage.run.cancelConfirm'),
      cancelLabel: t('importPage.run.cancelKeep'),
      tone: 'warning',
    });
    if (!yes) return;
    setError(null);
    try {
      onSession(await api.call('import.cancel', { id: session.id }));
      setUndoing(true);
    } catch (err) {
      setError(() => err);
    }
  }

  const result = resultLine(t, session, formatYuan);
  return (
    <Card>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" component="h2">
            {t(`importPage.run.${importing ? 'importing' : 'title'}.${session.kind}`, { name: session.fileName })}
          </Typography>
          {importing && undoing && (
            <Box role="status" data-testid="import-undoing">
              <Typography variant="body2">{t('importPage.run.undoing')}</Typography>
              <LinearProgress sx={{ mt: 0.5 }} aria-label={t('importPage.run.undoing')} />
            </Box>
          )}
          {importing &&
            !undoing &&
            (job ? <JobProgress job={job} /> : <LinearProgress aria-label={t(`jobs.kinds.import.${session.kind}`)} />)}
          {importing && !undoing && (
            <Box>
              <Button color="warning" variant="outlined" onClick={() => void cancel()} data-testid="import-cancel">
                {t('importPage.run.cancel')}
              </Button>
              <Typography variant="caption" component="div" color="text.secondary" sx={{ mt: 0.5 }}>
                {t('importPage.run.cancelHelp')}
              </Typography>
            </Box>
          )}
          {session.state === 'done' && (
            <Alert severity="success" data-testid="import-done">
              <AlertTitle>{t('importPage.run.done')}</AlertTitle>
              {result}
            </Alert>
          )}
          {session.state === 'cancelled' && (
            <Alert severity="info" data-testid="import-cancelled">
              <AlertTitle>{t('importPage.run.cancelled')}</AlertTitle>
              {result}
            </Alert>
          )}
          {session.state === 'failed' && (
            <Alert severity="error" data-testid="import-failed">
              {session.error === 'backup_failed' ? t('backup.importBlocked') : t('importPage.run.failed')}
            </Alert>
          )}
          {session.state === 'done' && session.consent && (
            <Typography variant="body2" color="text.secondary" data-testid="import-consent-record">
              {t('importPage.run.consentRecord', { name: session.consent.byName, at: formatTime(session.consent.at, i18n.language) })}
            </Typography>
          )}
          <ErrorAlert error={error} />
          {!importing && (
            <Stack direction="row" spacing={1.5}>
              {session.state === 'done' && (
                <>
                  <Button variant="contained" onClick={() => navigate('/members')} data-testid="import-to-members">
                    {t('importPage.run.toMembers')}
                  </Button>
                  <Button variant="outlined" onClick={() => navigate('/reports')} data-testid="import-to-reports">
                    {t('importPage.run.toReports')}
                  </Button>
                </>
              )}
              <Button onClick={onAnother} data-testid="import-another">
                {t('importPage.run.another')}
              </Button>
            </Stack>
          )}
        </Stack>
      </CardContent>
      {dialog}
    </Card>
  );
}
