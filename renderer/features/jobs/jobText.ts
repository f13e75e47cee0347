import type { TFunction } from 'i18next';
import type { Job } from '../../../shared/contract/jobs';
import type { StaffInfo } from '../../../shared/contract/common';
import { roleAtLeast } from '../../../shared/roles';

// How a job's progress reads, the same in the app bar and on the page that started it.

/** Still to run or running: queued and running jobs are followed, ended ones are not. */
export function jobIsOpen(job: Pick<Job, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/** Whole percent done, never 100 before the job has ended; null while the total is not yet counted. */
export function jobPercent(job: Pick<Job, 'state' | 'done' | 'total'>): number | null {
  if (job.state === 'done') return 100;
  if (job.total === null) return null;
  if (job.total === 0) return 0;
  return Math.min(99, Math.floor((job.done * 100) / job.total));
}

/** The time left as a shop reads it: seconds under a minute, then whole minutes, then hours (rounded up: never promise too soon). */
export function timeLeft(etaSeconds: number | null): { key: 'seconds' | 'minutes' | 'hours' | 'unknown'; n: number } {
  if (etaSeconds === null) return { key: 'unknown', n: 0 };
  if (etaSeconds < 60) return { key: 'seconds', n: Math.max(1, etaSeconds) };
  if (etaSeconds < 3600) return { key: 'minutes', n: Math.ceil(etaSeconds / 60) };
  return { key: 'hours', n: Math.ceil(etaSeconds / 3600) };
}

/** "正在重新评定会员等级 37%" (the label alone while the total is being counted). */
export function jobLabel(t: TFunction, job: Job): string {
  // A step of its own (an import undone) has no percentage: its count is the import's, not the undo's.
  if (job.step !== null && jobIsOpen(job)) return t('jobs.counting', { label: t(`jobs.steps.${job.kind}.${job.step}`) });
  const label = t(`jobs.kinds.${job.kind}`);
  const percent = jobPercent(job);
  return percent === null ? t('jobs.counting', { label }) : t('jobs.percent', { label, percent });
}

/** What the job is, for a question or a notice about it: "到期积分处理". */
export function jobName(t: TFunction, job: Pick<Job, 'kind'>): string {
  return t(`jobs.names.${job.kind}`);
}

/** "已完成 370 / 1,000 · 约剩 5 秒": how far, and how long still; or that it waits for the job before it (one runs at a time). */
export function jobDetail(t: TFunction, job: Job): string {
  if (job.state === 'queued') return t('jobs.waiting');
  if (job.step !== null) return t(`jobs.stepDetail.${job.step}`);
  // Grouped by thousands in both languages, as the reports write counts.
  const count = (n: number) => n.toLocaleString('en-US');
  const done = job.total === null ? t('jobs.countingTotal') : t('jobs.doneOfTotal', { done: count(job.done), total: count(job.total) });
  const left = timeLeft(job.etaSeconds);
  return `${done} · ${t(`jobs.left.${left.key}`, { n: left.n })}`;
}

/**
 * Whether `staff` may stop the job, as jobs.cancel decides (services/core/jobs/handlers.ts): a
 * kind that can stop half-way, by a manager or whoever started it. The cancel button shows only then.
 */
export function mayCancelJob(job: Pick<Job, 'cancellable' | 'startedBy'>, staff: Pick<StaffInfo, 'id' | 'role'>): boolean {
  return job.cancellable && (roleAtLeast(staff.role, 'manager') || job.startedBy?.id === staff.id);
}
