import { createContext, useContext } from 'react';
import type { BranchInfo, StaffInfo } from '../../shared/contract/common';

export interface SessionState {
  staff: StaffInfo;
  branch: BranchInfo;
  logout(): Promise<void>;
  updateStaff(staff: StaffInfo): void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in shell');
  return session;
}
