import type { DB } from '../../db/connection';
import { auditQueries } from '../../db/queries/core/audit';
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
  ctx.auditRows += 1;
}

/** Rows each connection has written through refreshDerived, which ask no audit row. */
const derivedRows = new WeakMap<DB, number>();

/**
 * Runs `refresh`, whose rows are only derived from others: the report summaries, which a report
 * brings up to date before it reads them, also inside a write call (a segment's follow-ups score
 * RFM first). They are no one's doing, so the dispatcher asks no audit row for them.
 */
export function refreshDerived<T>(db: DB, refresh: () => T): T {
  const q = auditQueries(db);
  const before = q.changesSoFar();
  try {
    return refresh();
  } finally {
    derivedRows.set(db, (derivedRows.get(db) ?? 0) + q.changesSoFar() - before);
  }
}

/** Rows this connection has inserted, updated or deleted since it opened that someone did: all but the derived ones. */
export function auditableChanges(db: DB): number {
  return auditQueries(db).changesSoFar() - (derivedRows.get(db) ?? 0);
}
