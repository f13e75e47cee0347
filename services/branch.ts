import { AppError } from '../shared/errors';
import type { DB } from '../db/connection';
import { branchQueries, type BranchRow } from '../db/queries/branch';

/** The branch this database belongs to; every counter method needs one. */
export function requireSelfBranch(db: DB): BranchRow {
  const branch = branchQueries(db).self();
  if (!branch) throw new AppError('NOT_INITIALIZED', 'BranchDesk is not set up yet');
  return branch;
}
