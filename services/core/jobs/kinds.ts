import { JOB_KINDS, type JobKindName } from '../../../shared/contract/jobs';
import type { JobKind } from './kind';
import { tierReevaluation } from '../../loyalty/tier-job';
import { pointsExpiry } from '../../loyalty/expiry-job';
import { followupGeneration } from '../../followups/generator-job';
import { tierReview } from '../../loyalty/tier-review-job';
import { summaryBuild } from '../../reports/summary-job';
import { memberImport, saleImport } from '../../import/jobs';
import { demoRemoval } from '../../demo/removal-job';

/** Every kind of job and how to run it; docs/jobs.md has the table. */
export const jobKinds: Record<JobKindName, JobKind> = {
  'tiers.reevaluate': tierReevaluation,
  'points.expire': pointsExpiry,
  'followups.generate': followupGeneration,
  'tiers.review': tierReview,
  'reports.summaries': summaryBuild,
  'import.members': memberImport,
  'import.sales': saleImport,
  'demo.remove': demoRemoval,
};

export function isJobKind(name: string): name is JobKindName {
  return (JOB_KINDS as readonly string[]).includes(name);
}

/** How to run a job of the kind its row names (a row from a newer app's kind fails, saying so). */
export function kindOf(name: string): JobKind {
  if (!isJobKind(name)) throw new Error(`No such kind of job: ${name}`);
  return jobKinds[name];
}
