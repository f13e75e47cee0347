import type { DB } from '../../connection';
import { perDatabase, preparedText } from '../prepared';

// The audit page (services/core/audit-list.ts): the trail newest first, keyset-paged on (at, id),
// each filter an index's range (migration 0022), so a deep page of a million rows costs what the
// first does. At HQ the rows a branch sent are read from branch_audit_log instead.

/** The filters in the terms of the SQL: instants, not calendar days. */
export interface AuditWhere {
  staffId?: string;
  memberId?: string;
  action?: string;
  /** every action of a group: `members` matches members.* */
  actionGroup?: string;
  since?: string;
  before?: string;
  /** read branch_audit_log, this branch's rows */
  branchId?: string;
}

export interface AuditListRow {
  id: string;
  at: string;
  staff_id: string | null;
  staff_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  member_name: string | null;
  member_card_no: string | null;
}

/** A group with this many rows is read along the time index (auditPage). */
const GROUP_PROBE = 5_000;

/** How many rows a group of actions has, counted up to GROUP_PROBE from the action index. */
function groupRows(db: DB, table: string, from: string, to: string): number {
  return preparedText(db)(`SELECT COUNT(*) FROM (SELECT 1 FROM ${table} WHERE action >= ? AND action < ? LIMIT ${GROUP_PROBE})`)
    .pluck()
    .get(from, to) as number;
}

/** Rows newest first, after the keyset (at, id) when given, `limit` of them. */
export function auditPage(db: DB, where: AuditWhere, from: { at: string; id: string } | null, limit: number): AuditListRow[] {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const table = where.branchId !== undefined ? 'branch_audit_log' : 'audit_log';
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (where.branchId !== undefined) add('a.branch_id = ?', where.branchId);
  if (where.staffId !== undefined) add('a.staff_id = ?', where.staffId);
  if (where.memberId !== undefined) add("a.entity = 'member' AND a.entity_id = ?", where.memberId);
  if (where.action !== undefined) add('a.action = ?', where.action);
  // A group's actions sort between `members.` and `members/` ('/' follows '.'): one range of the
  // action index, but its rows come in action order, and all of them must be sorted by time. A
  // group with many rows (members.* at a million: 0.6 s) is read along the time index instead,
  // testing each row (`+` keeps SQLite off the action index): newest first, a page is soon full.
  if (where.actionGroup !== undefined) {
    const from = `${where.actionGroup}.`;
    const to = `${where.actionGroup}/`;
    const common = groupRows(db, table, from, to) >= GROUP_PROBE;
    add(common ? '+a.action >= ? AND +a.action < ?' : 'a.action >= ? AND a.action < ?', from, to);
  }
  if (where.since !== undefined) add('a.at >= ?', where.since);
  if (where.before !== undefined) add('a.at < ?', where.before);
  if (from) add('(a.at, a.id) < (?, ?)', from.at, from.id);
  const sql = `SELECT a.id, a.at, a.staff_id, s.name AS staff_name, a.action, a.entity, a.entity_id, a.before_json, a.after_json,
      m.name AS member_name, m.card_no AS member_card_no
    FROM ${table} a
    LEFT JOIN staff s ON s.id = a.staff_id
    LEFT JOIN members m ON a.entity = 'member' AND m.id = a.entity_id
    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY a.at DESC, a.id DESC LIMIT ?`;
  return preparedText(db)(sql).all(...params, limit) as AuditListRow[];
}

export const auditChoiceQueries = perDatabase((db: DB) => {
  // DISTINCT over the (action, at, id) index: a skip along it, not a read of every row.
  const actions = db.prepare<[], string>('SELECT DISTINCT action FROM audit_log ORDER BY action').pluck();
  const branchActions = db
    .prepare<[string], string>('SELECT DISTINCT action FROM branch_audit_log WHERE branch_id = ? ORDER BY action')
    .pluck();
  const staff = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM staff WHERE branch_id = ? ORDER BY name');
  const branches = db.prepare<[], { id: string; code: string; name: string }>(
    "SELECT id, code, name FROM branches WHERE kind = 'branch' ORDER BY code",
  );
  return {
    actions: () => actions.all(),
    branchActions: (branchId: string) => branchActions.all(branchId),
    staffOf: (branchId: string) => staff.all(branchId),
    branches: () => branches.all(),
  };
});
