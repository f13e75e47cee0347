import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DEMO_BACKUP_FAILED, type DemoData } from '../../../shared/contract/demo';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConfirm } from '../../components/ConfirmDialog';
import { JobProgress } from '../jobs/JobProgress';
import { useJob } from '../jobs/useJob';
import { jobIsOpen } from '../jobs/jobText';

/**
 * 设置 → 演示数据 (admin, branch): shown while the store holds demo members. 删除演示数据 asks in
 * the app's own dialog, with the counts of what goes and a word on what stays, then follows the
 * background job the call starts (a backup first, then the members a slice at a time).
 */
export function DemoDataCard() {
  const { t } = useTranslation();
  const [data, setData] = useState<DemoData | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { confirm, dialog } = useConfirm();
  const { job } = useJob(jobId);

  const read = useCallback(() => {
    api.call('demo.status', {}).then((d) => {
      setData(d);
      if (d.jobId) setJobId(d.jobId);
    }, setError);
  }, []);
  useEffect(read, [read]);
  // The job over: read again what is left (nothing, or the members a merge kept).
  const ended = job !== null && !jobIsOpen(job);
  useEffect(() => {
    if (ended) read();
  }, [ended, read]);

  async function remove(d: DemoData) {
    const yes = await confirm({
      title: t('demo.confirmTitle'),
      message: (
        <Stack spacing={1} component="span">
          <span data-testid="demo-remove-goes">{t('demo.goes', d)}</span>
          {d.counterSales > 0 && <span data-testid="demo-remove-counter-sales">{t('demo.counterSales', { count: d.counterSales })}</span>}
          {d.kept > 0 && <span>{t('demo.kept', { count: d.kept })}</span>}
          <span>{t('demo.stays')}</span>
          <span>{t('demo.backupFirst')}</span>
        </Stack>
      ),
      confirmLabel: t('demo.confirm'),
      tone: 'error',
    });
    if (!yes) return;
    setError(null);
    try {
      const started = await api.call('demo.remove', { confirm: true });
      setJobId(started.jobId);
    } catch (err) {
      setError(err);
    }
  }

  const running = job !== null && jobIsOpen(job);
  const done = job?.state === 'done';
  const failed = job?.state === 'failed';
  if (!data || (data.members === 0 && !jobId)) return null;
  return (
    <Stack spacing={1} data-testid="settings-demo">
      <Typography variant="h6" component="h2">
        {t('demo.title')}
      </Typography>
      {data.members > 0 && !running && <Typography color="text.secondary">{t('demo.intro', { members: data.members })}</Typography>}
      {data.refusal && <Alert severity="info">{t(`demo.refusals.${data.refusal}`)}</Alert>}
      {data.members > 0 && !data.refusal && !running && (
        <div>
          <Button variant="outlined" color="error" onClick={() => void remove(data)} data-testid="demo-remove">
            {t('demo.remove')}
          </Button>
        </div>
      )}
      {running && <JobProgress job={job} />}
      {done && (
        <Alert severity="success" data-testid="demo-removed">
          {t('demo.done')}
        </Alert>
      )}
      {failed && (
        <Alert severity="error">
          {job.error === DEMO_BACKUP_FAILED ? t('demo.backupFailed') : t('demo.failed', { error: job.error ?? '' })}
        </Alert>
      )}
      <ErrorAlert error={error} />
      {dialog}
    </Stack>
  );
}
