import type { MethodName } from '../../shared/contract/index';
import type { Handler } from './handler-types';
import { setupHandlers } from '../staff/setup';
import { authHandlers } from '../staff/auth';
import { staffHandlers } from '../staff/staff';
import { membersHandlers } from '../members/members';
import { memberListHandlers } from '../members/list';
import { memberDuplicatesHandlers } from '../members/duplicates';
import { purchasesHandlers } from '../loyalty/purchases';
import { pointsHandlers } from '../loyalty/points';
import { tiersHandlers } from '../loyalty/tiers';
import { followupsHandlers } from '../followups/tasks';
import { feedbackHandlers } from '../feedback/feedback';
import { timelineHandlers } from '../members/timeline';
import { reportsHandlers } from '../reports/reports';
import { reportTrendsHandlers } from '../reports/trends';
import { takingsHandlers } from '../reports/takings';
import { segmentActionsHandlers } from '../reports/segment-actions';
import { hqHandlers } from '../hq/hq';
import { categoriesHandlers } from '../loyalty/categories';
import { jobsHandlers } from './jobs/handlers';
import { importHandlers } from '../import/handlers';
import { backupHandlers } from '../backup/handlers';
import { restoreHandlers } from '../backup/restore-handlers';
import { encryptionHandlers } from '../encryption/handlers';
import { consentHandlers } from '../privacy/consent';
import { memberExportHandlers } from '../privacy/member-export';
import { memberErasureHandlers } from '../members/erase';
import { auditHandlers } from './audit-list';
import { sessionLockHandlers } from '../staff/session-lock';
import { demoHandlers } from '../demo/removal';

/** Every method of the contract, implemented once. */
export const handlers: { [M in MethodName]: Handler<M> } = {
  ...setupHandlers,
  ...authHandlers,
  ...staffHandlers,
  ...membersHandlers,
  ...memberListHandlers,
  ...memberDuplicatesHandlers,
  ...purchasesHandlers,
  ...pointsHandlers,
  ...tiersHandlers,
  ...followupsHandlers,
  ...feedbackHandlers,
  ...timelineHandlers,
  ...reportsHandlers,
  ...reportTrendsHandlers,
  ...takingsHandlers,
  ...segmentActionsHandlers,
  ...hqHandlers,
  ...categoriesHandlers,
  ...jobsHandlers,
  ...importHandlers,
  ...backupHandlers,
  ...restoreHandlers,
  ...encryptionHandlers,
  ...consentHandlers,
  ...memberExportHandlers,
  ...memberErasureHandlers,
  ...auditHandlers,
  ...sessionLockHandlers,
  ...demoHandlers,
};
