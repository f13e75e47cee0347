import { createContext, useContext } from 'react';
import type { TFunction } from 'i18next';
import type { BranchInfo, StaffInfo } from '../../shared/contract/common';
import type { Role } from '../../shared/roles';

export interface SessionState {
  staff: StaffInfo;
  branch: BranchInfo;
  logout(): Promise<void>;
  updateStaff(staff: StaffInfo): void;
  /** Another staff member took over this window (the clerk switch): their session, their name. */
  switchStaff(session: string, staff: StaffInfo): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in shell');
  return session;
}

/** A role's name where the staff work: a store's 店长/店员, HQ's 主管/职员 (the same rights). */
export function roleName(t: TFunction, role: Role, kind: BranchInfo['kind']): string {
  return t(`${kind === 'hq' ? 'hqRoles' : 'roles'}.${role}`);
}
