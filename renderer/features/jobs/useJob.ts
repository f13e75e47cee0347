import { useEffect, useState } from 'react';
import type { Job } from '../../../shared/contract/jobs';
import { api } from '../../api/client';
import { jobIsOpen } from './jobText';

/** How often a page follows the job it started: a bar that moves, for one small call. */
const FOLLOW_MS = 500;

/**
 * The job `id` as it goes, read until it ends (null before the first answer, or with no id).
 * A failed read is retried: the job goes on whether or not the page can see it.
 */
export function useJob(id: string | null): { job: Job | null } {
  const [job, setJob] = useState<Job | null>(null);
  useEffect(() => {
    setJob(null);
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      let open = true;
      try {
        const next = await api.call('jobs.get', { id });
        if (stopped) return;
        setJob(next);
        open = jobIsOpen(next);
      } catch {
        // Retried below; the job's own end is what the page waits for.
      }
      if (open && !stopped) timer = setTimeout(() => void read(), FOLLOW_MS);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return { job };
}
