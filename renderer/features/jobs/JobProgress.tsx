import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../shared/contract/jobs';
import { CancelJobButton } from './CancelJobButton';
import { jobDetail, jobLabel, jobPercent } from './jobText';

/**
 * A running job's bar on the page that started it: what, how far, how long still, and a way to
 * stop it where its kind allows and the person may. The page follows the job (useJob) and sees
 * it cancelled at its next read.
 */
export function JobProgress({ job }: { job: Job }) {
  const { t } = useTranslation();
  const percent = jobPercent(job);
  return (
    <Box data-testid="job-progress">
      {/* The button stays out of the live region: only the progress is read out as it moves. */}
      <Box role="status" aria-live="polite">
        <Typography variant="body2">{jobLabel(t, job)}</Typography>
        <LinearProgress
          variant={percent === null ? 'indeterminate' : 'determinate'}
          value={percent ?? undefined}
          aria-label={t(`jobs.kinds.${job.kind}`)}
          sx={{ my: 0.5 }}
        />
        <Typography variant="caption" color="text.secondary" data-testid="job-progress-detail">
          {jobDetail(t, job)}
        </Typography>
      </Box>
      <CancelJobButton job={job} />
    </Box>
  );
}
