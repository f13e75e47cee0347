import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

// The names of the records a page of audit rows refers to (services/core/audit-refs.ts): one
// statement per kind of record for the whole page, each id a primary-key lookup, whatever the
// number of rows. At HQ the same tables hold every branch's staff, members, tiers and sales.

export interface MemberRef {
  id: string;
  name: string;
  card_no: string;
  erased: 0 | 1;
}

export interface SaleRef {
  id: string;
  kind: string;
  amount_fen: number;
  occurred_at: string;
}

const IDS = 'SELECT value FROM json_each(?)';

export const auditRefQueries = perDatabase((db: DB) => {
  const staff = db.prepare<[string], { id: string; name: string }>(`SELECT id, name FROM staff WHERE id IN (${IDS})`);
  const members = db.prepare<[string], MemberRef>(
    `SELECT id, name, card_no, erased_at IS NOT NULL AS erased FROM members WHERE id IN (${IDS})`,
  );
  const tiers = db.prepare<[string], { id: string; name: string }>(`SELECT id, name FROM tiers WHERE id IN (${IDS})`);
  const sales = db.prepare<[string], SaleRef>(`SELECT id, kind, amount_fen, occurred_at FROM purchases WHERE id IN (${IDS})`);
  const branches = db.prepare<[string], { id: string; name: string; code: string }>(
    `SELECT id, name, code FROM branches WHERE id IN (${IDS})`,
  );
  const json = (ids: string[]) => JSON.stringify(ids);
  return {
    staff: (ids: string[]) => (ids.length ? staff.all(json(ids)) : []),
    members: (ids: string[]) => (ids.length ? members.all(json(ids)) : []),
    tiers: (ids: string[]) => (ids.length ? tiers.all(json(ids)) : []),
    sales: (ids: string[]) => (ids.length ? sales.all(json(ids)) : []),
    branches: (ids: string[]) => (ids.length ? branches.all(json(ids)) : []),
  };
});
