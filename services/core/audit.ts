import { auditQueries } from '../../db/queries/audit';
import type { Ctx } from './context';

export interface AuditEntry {
  action: string;
  entity?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  /** for calls without a logged-in caller (login attempts, first-run setup) */
  staffId?: string | null;
}

/** Every write leaves a row: who, when, what, and before/after for edits. */
export function writeAudit(ctx: Ctx, entry: AuditEntry): void {
  auditQueries(ctx.app.db).insert({
    id: ctx.newId(),
    at: ctx.now,
    staff_id: entry.staffId !== undefined ? entry.staffId : (ctx.caller?.id ?? null),
    action: entry.action,
    entity: entry.entity ?? null,
    entity_id: entry.entityId ?? null,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
}
