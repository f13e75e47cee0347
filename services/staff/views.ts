import type { BranchInfo, StaffInfo } from '../../shared/contract/index';
import type { BranchRow } from '../../db/queries/core/branch';
import type { StaffRow } from '../../db/queries/staff/staff';

export function branchInfo(row: BranchRow): BranchInfo {
  return { id: row.id, code: row.code, name: row.name, kind: row.kind };
}

export function staffInfo(row: StaffRow): StaffInfo {
  return { id: row.id, name: row.name, role: row.role, active: row.active === 1, locale: row.locale, createdAt: row.created_at };
}
