import type { MethodName } from '../shared/contract/index';
import type { Handler } from './dispatch';
import { setupHandlers } from './setup';
import { authHandlers } from './auth';
import { staffHandlers } from './staff';
import { membersHandlers } from './members';

/** Every method of the contract, implemented once. */
export const handlers: { [M in MethodName]: Handler<M> } = {
  ...setupHandlers,
  ...authHandlers,
  ...staffHandlers,
  ...membersHandlers,
};
