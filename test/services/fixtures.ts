import type { DB } from '../../db/connection';
import type { AuditRow } from '../../db/queries/core/audit';
import type { ErrorBody, FieldIssue } from '../../shared/errors';
import type { TestApp } from '../helpers';

/** The error a call answers with; fails the test if the call succeeded. */
export function failure(t: TestApp, name: string, input: unknown, session?: string | null): ErrorBody {
  const envelope = t.raw(name, input, session);
  if (envelope.ok) throw new Error(`${name} unexpectedly succeeded: ${JSON.stringify(envelope.result)}`);
  return envelope.error;
}

/** The field issues of a VALIDATION error. */
export function issuesOf(error: ErrorBody): FieldIssue[] {
  return (error.details?.issues ?? []) as FieldIssue[];
}

export function rowCount(db: DB, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function auditRows(db: DB, action?: string): AuditRow[] {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY at, id').all() as AuditRow[];
  return action === undefined ? rows : rows.filter((r) => r.action === action);
}

/** Every row of every table, for "nothing changed" checks. */
export function snapshot(db: DB): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all();
  return out;
}

/** Input for members.create with only what is required, plus overrides. */
export function memberInput(name: string, phone: string, extra: Record<string, unknown> = {}) {
  return { name, phone, consentData: true, ...extra };
}
