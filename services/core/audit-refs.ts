import type { AuditRefs } from '../../shared/contract/audit';
import { isLookedUp, nestedScope, refKind, type LookedUpKind } from '../../shared/audit-refs';
import type { DB } from '../../db/connection';
import { auditRefQueries } from '../../db/queries/core/audit-refs';

// The names a page of audit rows needs (shared/contract/audit.ts AuditRefs): the ids its rows
// name, gathered from who, the record and the fields before and after, then one lookup per kind
// for the whole page. Looked up here rather than by the page from lists it holds: the page holds
// no list of members, and HQ's branch rows name staff and tiers the page never loads.

export interface RowWithRefs {
  /** who did it, where the rows carry the id (the member's data file carries names) */
  staff_id?: string | null;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

type Wanted = Record<LookedUpKind, Set<string>>;

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return null;
  }
}

/** Every id a value names, by the field holding it and what the record holding that field is. */
function gather(value: unknown, key: string | null, scope: string | null, wanted: Wanted): void {
  if (typeof value === 'string') {
    const kind = key === null ? null : refKind(key, scope);
    if (isLookedUp(kind)) wanted[kind].add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) gather(v, key, scope, wanted);
  } else if (value !== null && typeof value === 'object') {
    const inner = key === null ? scope : nestedScope(key);
    for (const [k, v] of Object.entries(value)) gather(v, k, inner, wanted);
  }
}

export function auditRefs(db: DB, rows: readonly RowWithRefs[]): AuditRefs {
  const wanted: Wanted = { staff: new Set(), member: new Set(), tier: new Set(), sale: new Set(), branch: new Set() };
  for (const row of rows) {
    if (row.staff_id) wanted.staff.add(row.staff_id);
    if (row.entity_id !== null) gather(row.entity_id, 'id', row.entity, wanted);
    gather(parse(row.before_json), null, row.entity, wanted);
    gather(parse(row.after_json), null, row.entity, wanted);
  }
  const q = auditRefQueries(db);
  const ids = (kind: LookedUpKind) => [...wanted[kind]];
  return {
    staff: Object.fromEntries(q.staff(ids('staff')).map((s) => [s.id, s.name])),
    members: Object.fromEntries(q.members(ids('member')).map((m) => [m.id, { name: m.name, cardNo: m.card_no, erased: m.erased === 1 }])),
    tiers: Object.fromEntries(q.tiers(ids('tier')).map((t) => [t.id, t.name])),
    sales: Object.fromEntries(q.sales(ids('sale')).map((s) => [s.id, { kind: s.kind, amountFen: s.amount_fen, at: s.occurred_at }])),
    branches: Object.fromEntries(q.branches(ids('branch')).map((b) => [b.id, { name: b.name, code: b.code }])),
  };
}
