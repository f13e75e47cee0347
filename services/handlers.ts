import type { MethodName } from '../shared/contract/index';
import type { Handler } from './dispatch';
import { setupHandlers } from './setup';
import { authHandlers } from './auth';
import { staffHandlers } from './staff';
import { membersHandlers } from './members';
import { memberListHandlers } from './member-list';
import { purchasesHandlers } from './purchases';
import { pointsHandlers } from './points';
import { tiersHandlers } from './tiers';
import { followupsHandlers } from './followups';
import { feedbackHandlers } from './feedback';
import { timelineHandlers } from './timeline';
import { reportsHandlers } from './reports';
import { reportTrendsHandlers } from './report-trends';
import { takingsHandlers } from './takings';
import { segmentActionsHandlers } from './segment-actions';
import { hqHandlers } from './hq';
import { categoriesHandlers } from './categories';

/** Every method of the contract, implemented once. */
export const handlers: { [M in MethodName]: Handler<M> } = {
  ...setupHandlers,
  ...authHandlers,
  ...staffHandlers,
  ...membersHandlers,
  ...memberListHandlers,
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
};
