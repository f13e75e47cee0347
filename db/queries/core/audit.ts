import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface AuditRow {
  id: string;
  at: string;
  staff_id: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export const auditQueries = perDatabase((db: DB) => {
  const insert = db.prepare(
    `INSERT INTO audit_log (id, at, staff_id, action, entity, entity_id, before_json, after_json)
     VALUES (@id, @at, @staff_id, @action, @entity, @entity_id, @before_json, @after_json)`,
  );
  const forEntity = db.prepare<[string, string], AuditRow>('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY at, id');
  const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  return {
    insert: (row: AuditRow) => insert.run(row),
    forEntity: (entity: string, id: string) => forEntity.all(entity, id),
    /** Rows this connection has inserted, updated or deleted since it opened, triggers' included. */
    changesSoFar: () => totalChanges.get() ?? 0,
  };
});
