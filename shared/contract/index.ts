import type { z } from 'zod';
import { joinDomains } from './define';
import { setupContract } from './setup';
import { authContract } from './auth';
import { staffContract } from './staff';
import { membersContract } from './members';
import { memberListContract } from './member-list';
import { memberDuplicatesContract } from './member-duplicates';
import { pointsContract } from './points';
import { purchasesContract } from './purchases';
import { tiersContract } from './tiers';
import { followupsContract } from './followups';
import { feedbackContract } from './feedback';
import { timelineContract } from './timeline';
import { reportsContract } from './reports';
import { reportTrendsContract } from './report-trends';
import { takingsContract } from './takings';
import { segmentActionsContract } from './segment-actions';
import { hqContract } from './hq';
import { categoriesContract } from './categories';
import { jobsContract } from './jobs';
import { importContract } from './import';
import { backupContract } from './backup';
import { restoreContract } from './restore';
import { encryptionContract } from './encryption';
import { consentContract } from './consent';
import { memberExportContract } from './member-export';
import { memberErasureContract } from './member-erasure';
import { auditContract } from './audit';
import { sessionLockContract } from './session-lock';
import { demoContract } from './demo';

export const contract = joinDomains(
  setupContract,
  authContract,
  staffContract,
  membersContract,
  memberListContract,
  memberDuplicatesContract,
  purchasesContract,
  pointsContract,
  tiersContract,
  followupsContract,
  feedbackContract,
  timelineContract,
  reportsContract,
  reportTrendsContract,
  segmentActionsContract,
  takingsContract,
  hqContract,
  categoriesContract,
  jobsContract,
  importContract,
  backupContract,
  restoreContract,
  encryptionContract,
  consentContract,
  memberExportContract,
  memberErasureContract,
  auditContract,
  sessionLockContract,
  demoContract,
);

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
/** What a caller sends (before defaults and normalisation). */
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, normalised). */
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './common';
export * from './members';
export * from './member-list';
export * from './member-duplicates';
export * from './points';
export * from './purchases';
export * from './tiers';
export * from './followups';
export * from './feedback';
export * from './timeline';
export * from './reports';
export * from './report-trends';
export * from './takings';
export * from './segment-actions';
export * from './hq';
export * from './categories';
export * from './jobs';
export * from './import';
export * from './backup';
export * from './restore';
export * from './consent';
export * from './member-export';
export * from './encryption';
export * from './member-erasure';
export * from './audit';
export * from './session-lock';
export * from './demo';
export { DEFAULT_MAX_BODY_BYTES, type Access, type MethodSpec } from './define';
