import type { auditContract, AuditFilters, AuditItem, AuditPage } from '../../shared/contract/audit';
import { AppError, validationError } from '../../shared/errors';
import { addDaysTo, startOfLocalDate } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { auditChoiceQueries, auditPage, type AuditListRow, type AuditWhere } from '../../db/queries/core/audit-list';
import { auditRefs } from './audit-refs';
import { requireSelfBranch, timeZone } from './branch';
import type { DomainHandlers } from './handler-types';

// The audit page (docs/privacy.md "The audit trail"): read only. Nothing here, nor anywhere, may
// delete a row or change who, when or what it says: migration 0022's triggers refuse it.

/** The filters in the terms of the SQL: calendar days as instants at the store, an action or its group. */
function resolveWhere(db: DB, f: AuditFilters): AuditWhere {
  const self = requireSelfBranch(db);
  if (f.branchId !== undefined && self.kind !== 'hq') {
    throw new AppError('WRONG_MODE', 'Only HQ reads the audit rows of other branches', { needed: 'hq', kind: self.kind });
  }
  const where: AuditWhere = { staffId: f.staffId, memberId: f.memberId, branchId: f.branchId };
  if (f.action !== undefined) {
    if (f.action.includes('.')) where.action = f.action;
    else where.actionGroup = f.action;
  }
  const zone = timeZone(db);
  if (f.from !== undefined) where.since = startOfLocalDate(f.from, zone);
  if (f.to !== undefined) where.before = startOfLocalDate(addDaysTo(f.to, 1), zone);
  return where;
}

const encodeCursor = (row: AuditListRow): string => JSON.stringify([row.at, row.id]);

function decodeCursor(raw: string): { at: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { at: parsed[0], id: parsed[1] };
    }
  } catch {
    // refused below
  }
  throw validationError([{ field: 'after', rule: 'invalid' }]);
}

function itemOf(row: AuditListRow): AuditItem {
  return {
    id: row.id,
    at: row.at,
    staffId: row.staff_id,
    staffName: row.staff_name,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    member:
      row.member_name !== null && row.entity_id !== null
        ? { id: row.entity_id, name: row.member_name, cardNo: row.member_card_no ?? '' }
        : null,
    before: row.before_json,
    after: row.after_json,
  };
}

/** One page: one row more than asked is read to know whether another page follows. */
function readAudit(db: DB, input: AuditFilters & { after?: string }, limit: number): AuditPage {
  const where = resolveWhere(db, input);
  const rows = auditPage(db, where, input.after !== undefined ? decodeCursor(input.after) : null, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(itemOf),
    next: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
    refs: auditRefs(db, page),
  };
}

export const auditHandlers = {
  'audit.list': (db, _ctx, input) => readAudit(db, input, input.pageSize),
  'audit.export': (db, _ctx, input) => readAudit(db, input, input.limit),
  'audit.choices': (db, _ctx, input) => {
    const self = requireSelfBranch(db);
    const q = auditChoiceQueries(db);
    if (self.kind !== 'hq') return { staff: q.staffOf(self.id), actions: q.actions(), branches: [] };
    const branchId = input.branchId;
    return {
      staff: q.staffOf(branchId ?? self.id),
      actions: branchId !== undefined ? q.branchActions(branchId) : q.actions(),
      branches: q.branches(),
    };
  },
} satisfies DomainHandlers<typeof auditContract>;
