import { useEffect, useState } from 'react';
import type { Job } from '../../../shared/contract/jobs';
import type { InputOf, MethodName, OutputOf } from '../../../shared/contract/index';
import { api, ApiError } from '../../api/client';
import { announceJob } from '../jobs/jobWatch';
import { jobIsOpen, jobPercent } from '../jobs/jobText';
import { useJob } from '../jobs/useJob';

/** The report summaries' build a report waits for (REPORTS_BUILDING): its job as last read, and how far it is. */
export interface ReportBuild {
  jobId: string;
  /** null until the job is first read */
  job: Job | null;
  /** whole percent done; null while the total is not counted yet */
  percent: number | null;
}

export interface ReportState<M extends MethodName> {
  /** The last answer; kept while the next one loads, so the page does not flash empty. */
  data: OutputOf<M> | null;
  error: unknown;
  loading: boolean;
  /** `data` answers the input asked now, not an earlier one (an answer that acts must check this) */
  current: boolean;
  /** The figures are being prepared (ReportBuilding shows it): asked again by itself when the build ends. */
  building: ReportBuild | null;
}

/** The build a REPORTS_BUILDING refusal names, as its details tell it. */
function buildOf(error: unknown): { jobId: string; done: number; total: number | null } | null {
  if (!(error instanceof ApiError) || error.code !== 'REPORTS_BUILDING' || typeof error.details.jobId !== 'string') return null;
  const { jobId, done, total } = error.details;
  return { jobId, done: typeof done === 'number' ? done : 0, total: typeof total === 'number' ? total : null };
}

/**
 * Asks a report method whenever its input changes (compared by value) or `refresh` is a new
 * value, and drops answers that arrive after a newer question. `null` input asks nothing. While
 * the report summaries are being built the answer is no figures at all but the build to wait for,
 * followed until it ends, and then the report is asked again.
 */
export function useReport<M extends MethodName>(method: M, input: InputOf<M> | null, refresh?: unknown): ReportState<M> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{
    data: OutputOf<M> | null;
    error: unknown;
    loading: boolean;
    answers: string | null;
    build: ReturnType<typeof buildOf>;
  }>({ data: null, error: null, loading: key !== null, answers: null, build: null });
  // Asked again each time the build a refusal named has ended.
  const [builds, setBuilds] = useState(0);
  const { job } = useJob(state.build?.jobId ?? null);
  const ended = job !== null && job.id === state.build?.jobId && !jobIsOpen(job);
  useEffect(() => {
    if (ended) setBuilds((n) => n + 1);
  }, [ended]);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.call(method, JSON.parse(key) as InputOf<M>).then(
      (data) => current && setState({ data, error: null, loading: false, answers: key, build: null }),
      (error: unknown) => {
        if (!current) return;
        const build = buildOf(error);
        // The app bar looks at once: asking may just have queued the build.
        if (build) announceJob();
        // Figures from before the build are not shown under it: they may be the ones it corrects.
        setState((s) =>
          build ? { data: null, error: null, loading: false, answers: null, build } : { ...s, error, loading: false, build: null },
        );
      },
    );
    return () => {
      current = false;
    };
  }, [method, key, refresh, builds]);

  const build = state.build;
  const building = build && {
    jobId: build.jobId,
    job: job?.id === build.jobId ? job : null,
    percent: jobPercent(job?.id === build.jobId ? job : { state: 'running', done: build.done, total: build.total }),
  };
  return {
    data: state.data,
    error: state.error,
    loading: state.loading,
    current: key !== null && state.answers === key && !state.loading,
    building,
  };
}
