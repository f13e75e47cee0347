import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../shared/contract/jobs';
import { jobDetail, jobLabel, jobPercent } from './jobText';

/** A running job's bar on the page that started it: what, how far, how long still. */
export function JobProgress({ job }: { job: Job }) {
  const { t } = useTranslation();
  const percent = jobPercent(job);
  return (
    <Box data-testid="job-progress" role="status" aria-live="polite">
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
  );
}
