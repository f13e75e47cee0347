import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Chip, CircularProgress, Popover, Snackbar, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Job } from '../../../shared/contract/jobs';
import { api } from '../../api/client';
import { CancelJobButton } from './CancelJobButton';
import { jobDetail, jobLabel, jobName, jobPercent } from './jobText';
import { onJobAnnounced } from './jobWatch';

/** How often the app bar looks again while a job runs. */
const WHILE_ACTIVE_MS = 1500;

/**
 * The app bar's chip while any background job runs, hidden otherwise. It does not poll while
 * nothing runs: every call keeps the session alive (services/core/sessions.ts), and a counter
 * left logged in overnight must still end. It looks when there is a reason to: the app opens, a
 * page is opened, the window comes back, or a page has just started a job (jobWatch); then again
 * every 1.5 s until no job is left. A job the hourly chores start is therefore seen on the next
 * of these, not the minute it starts.
 */
export function JobsIndicator({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [active, setActive] = useState<Job[]>([]);
  // A click opens the list with its cancel buttons; hovering shows it too, read only, while the list is closed.
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [hovering, setHovering] = useState(false);
  const [cancelledJob, setCancelledJob] = useState<Job | null>(null);
  const look = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Only the latest look schedules the next, so a look asked for mid-poll never doubles the rate.
    let latest = 0;
    const poll = async () => {
      const mine = ++latest;
      clearTimeout(timer);
      if (document.visibilityState === 'hidden') return;
      let running = false;
      try {
        const { active: open } = await api.call('jobs.list', { limit: 1 });
        if (stopped || mine !== latest) return;
        setActive(open);
        running = open.length > 0;
      } catch {
        // An indicator never complains: the next reason to look tries again.
      }
      if (running && !stopped && mine === latest) timer = setTimeout(() => void poll(), WHILE_ACTIVE_MS);
    };
    look.current = () => void poll();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void poll();
    };
    document.addEventListener('visibilitychange', onVisible);
    const stopListening = onJobAnnounced(() => void poll());
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
      stopListening();
    };
  }, []);
  // Opening a page is a reason to look (and the first render is one).
  useEffect(() => look.current(), [pathname]);
  // The list closes with the last job: a later job's chip starts closed.
  useEffect(() => {
    if (active.length === 0) setAnchor(null);
  }, [active.length]);

  const cancelled = (job: Job) => {
    setCancelledJob(job);
    setActive((open) => open.filter((j) => j.id !== job.id));
    look.current();
  };
  const first = active[0];
  const more = active.length > 1 ? ` +${active.length - 1}` : '';
  const percent = first ? jobPercent(first) : null;
  const notice = (
    <Snackbar open={cancelledJob !== null} autoHideDuration={8000} onClose={() => setCancelledJob(null)}>
      <Alert severity="info" onClose={() => setCancelledJob(null)} data-testid="job-cancelled">
        {cancelledJob && t('jobs.cancel.done', { name: jobName(t, cancelledJob) })}
      </Alert>
    </Snackbar>
  );
  if (!first) return notice;
  return (
    <>
      <Tooltip
        title={<JobList jobs={active} />}
        arrow
        open={hovering && anchor === null}
        onOpen={() => setHovering(true)}
        onClose={() => setHovering(false)}
      >
        <Chip
          size="small"
          icon={<CircularProgress size={14} color="inherit" />}
          // Narrow: the spinner and how far; the tooltip and the list say what runs.
          label={compact ? (percent === null ? '…' : `${percent}%`) + more : jobLabel(t, first) + more}
          aria-label={jobLabel(t, first) + more}
          aria-haspopup="dialog"
          onClick={(e) => setAnchor(e.currentTarget)}
          // Capped: a manager's app bar is already full of tabs; the list has the whole of it.
          sx={{
            color: 'inherit',
            borderColor: 'currentColor',
            maxWidth: 200,
            flexShrink: 0,
            '& .MuiChip-icon': { color: 'inherit', ml: 0.75 },
          }}
          variant="outlined"
          data-testid="jobs-indicator"
        />
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { p: 1.5, maxWidth: 360 } } }}
      >
        <Box data-testid="jobs-list">
          <JobList jobs={active} onCancelled={cancelled} />
        </Box>
      </Popover>
      {notice}
    </>
  );
}

/** The open jobs: what, how far, who started them; with `onCancelled`, a cancel button where the caller may stop one. */
function JobList({ jobs, onCancelled }: { jobs: Job[]; onCancelled?: (job: Job) => void }) {
  const { t } = useTranslation();
  return (
    <Box sx={{ p: 0.5 }}>
      <Typography variant="caption" component="div" sx={{ fontWeight: 600, mb: 0.5 }}>
        {t('jobs.listTitle')}
      </Typography>
      {jobs.map((job) => (
        <Box key={job.id} sx={{ mb: 0.5 }} data-testid="jobs-indicator-item">
          <Typography variant="body2">{jobLabel(t, job)}</Typography>
          <Typography variant="caption" component="div">
            {jobDetail(t, job)}
            {job.startedBy && ` · ${t('jobs.startedBy', { name: job.startedBy.name })}`}
          </Typography>
          {onCancelled && <CancelJobButton job={job} onCancelled={onCancelled} />}
        </Box>
      ))}
    </Box>
  );
}
