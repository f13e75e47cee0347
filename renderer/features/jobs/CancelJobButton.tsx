import { useState } from 'react';
import { Button, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../shared/contract/jobs';
import { api, ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useSession } from '../../app/session';
import { useConfirm } from '../../components/ConfirmDialog';
import { jobName, mayCancelJob } from './jobText';

/**
 * 取消任务, asked first in the app's own dialog (what was done stays). `onCancelled` gets the
 * job as it now is; a job that ended while the question was open says so instead.
 */
export function CancelJobButton({ job, onCancelled }: { job: Job; onCancelled?: (job: Job) => void }) {
  const { t } = useTranslation();
  const { staff } = useSession();
  const { confirm, dialog } = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!mayCancelJob(job, staff)) return null;

  const cancel = async () => {
    const name = jobName(t, job);
    const yes = await confirm({
      title: t('jobs.cancel.title', { name }),
      message: t('jobs.cancel.message'),
      confirmLabel: t('jobs.cancel.confirm'),
      tone: 'warning',
    });
    if (!yes) return;
    setBusy(true);
    setError(null);
    try {
      onCancelled?.(await api.call('jobs.cancel', { id: job.id }));
    } catch (err) {
      // The only transition a job refuses here is from its end: done, failed or cancelled by someone else.
      setError(err instanceof ApiError && err.code === 'INVALID_TRANSITION' ? t('jobs.cancel.ended') : errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" color="warning" onClick={() => void cancel()} disabled={busy} data-testid="job-cancel">
        {t('jobs.cancel.button')}
      </Button>
      {error && (
        <Typography variant="caption" component="div" color="error" role="alert" data-testid="job-cancel-error">
          {error}
        </Typography>
      )}
      {dialog}
    </>
  );
}
