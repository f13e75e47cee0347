import { useEffect, useRef, useState } from 'react';
import { Box, Chip, CircularProgress, Tooltip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { Job } from '../../../shared/contract/jobs';
import { api } from '../../api/client';
import { jobDetail, jobLabel } from './jobText';
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
export function JobsIndicator() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [active, setActive] = useState<Job[]>([]);
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

  if (active.length === 0) return null;
  const list = (
    <Box sx={{ p: 0.5 }}>
      <Typography variant="caption" component="div" sx={{ fontWeight: 600, mb: 0.5 }}>
        {t('jobs.listTitle')}
      </Typography>
      {active.map((job) => (
        <Box key={job.id} sx={{ mb: 0.5 }} data-testid="jobs-indicator-item">
          <Typography variant="body2">{jobLabel(t, job)}</Typography>
          <Typography variant="caption" component="div">
            {jobDetail(t, job)}
            {job.startedBy && ` · ${t('jobs.startedBy', { name: job.startedBy.name })}`}
          </Typography>
        </Box>
      ))}
    </Box>
  );
  return (
    <Tooltip title={list} arrow>
      <Chip
        size="small"
        icon={<CircularProgress size={14} color="inherit" />}
        label={jobLabel(t, active[0]) + (active.length > 1 ? ` +${active.length - 1}` : '')}
        // Capped: a manager's app bar is already full of tabs; the tooltip has the whole of it.
        sx={{ color: 'inherit', borderColor: 'currentColor', maxWidth: 200, '& .MuiChip-icon': { color: 'inherit', ml: 0.75 } }}
        variant="outlined"
        data-testid="jobs-indicator"
        tabIndex={0}
      />
    </Tooltip>
  );
}
