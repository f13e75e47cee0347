// Which fields of an audit row's before/after name another record by its id, and what kind of
// record: one list for the server, which looks the names up for a page of rows
// (services/core/audit-refs.ts), and the audit page, which shows them (renderer/features/audit).
// Two lists would soon disagree, and an id the server never looked up shows as a bare id.

/** The kinds the server looks up by id; any other reference shows a neutral label. */
export const LOOKED_UP = ['staff', 'member', 'tier', 'sale', 'branch'] as const;
export type LookedUpKind = (typeof LOOKED_UP)[number];
export type RefKind = LookedUpKind | 'job' | 'backup' | 'export' | 'import' | 'rules' | 'conflict' | 'record';

const BY_KEY: Record<string, RefKind> = {
  staffId: 'staff',
  staff_id: 'staff',
  assigneeId: 'staff',
  assignee_id: 'staff',
  lockedBy: 'staff',
  by: 'staff',
  memberId: 'member',
  member_id: 'member',
  otherId: 'member',
  keepId: 'member',
  mergeId: 'member',
  mergedFrom: 'member',
  merged_into: 'member',
  erasedMembers: 'member',
  tierId: 'tier',
  tier_id: 'tier',
  saleId: 'sale',
  voidId: 'sale',
  purchaseId: 'sale',
  original_id: 'sale',
  branchId: 'branch',
  branch_id: 'branch',
  home_branch_id: 'branch',
  jobId: 'job',
  backupId: 'backup',
  exportId: 'export',
  importId: 'import',
  rulesId: 'rules',
  rules_id: 'rules',
  conflictId: 'conflict',
};

/** The kind of record an entity's own `id` field names, by the audit row's entity (or the nesting field). */
const ID_OF_SCOPE: Record<string, RefKind> = {
  member: 'member',
  staff: 'staff',
  tiers: 'tier',
  branch: 'branch',
  purchase: 'sale',
  job: 'job',
  backup: 'backup',
  export: 'export',
  import: 'import',
  points_rules: 'rules',
};

/**
 * The kind of record a field names by id, or null for a field that holds a value. `scope` is what
 * the record holding the field is (the row's entity, or the field it is nested under): a tier's
 * `id` names a tier. Fields ending in By/_by name a staff member (created_by, erasedBy).
 */
export function refKind(key: string, scope: string | null): RefKind | null {
  if (key === 'id') return scope !== null ? (ID_OF_SCOPE[scope] ?? 'record') : 'record';
  const known = BY_KEY[key];
  if (known) return known;
  if (/(_by|By)$/.test(key)) return 'staff';
  if (/(_id|Id|Ids)$/.test(key)) return 'record';
  return null;
}

export const isLookedUp = (kind: RefKind | null): kind is LookedUpKind => (LOOKED_UP as readonly string[]).includes(kind ?? '');

/** Fields whose records are of another entity's: the two member records of a merge. */
const NESTED_SCOPE: Record<string, string> = { keep: 'member', merged: 'member' };

/** What a record nested under `key` is a record of: the tiers of a tier table, the member records of a merge. */
export function nestedScope(key: string): string {
  return NESTED_SCOPE[key] ?? key;
}
