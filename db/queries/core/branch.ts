import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface BranchRow {
  id: string;
  code: string;
  name: string;
  kind: 'branch' | 'hq';
  created_at: string;
}

export const branchQueries = perDatabase((db: DB) => {
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const setSetting = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const byId = db.prepare<[string], BranchRow>('SELECT * FROM branches WHERE id = ?');
  const insert = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO branches (id, code, name, kind, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const bumpCounter = db.prepare<[string, number], { value: number }>(
    `INSERT INTO counters (name, value) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET value = value + excluded.value RETURNING value`,
  );
  return {
    setting: (key: string): string | null => getSetting.get(key)?.value ?? null,
    setSetting: (key: string, value: string) => setSetting.run(key, value),
    byId: (id: string) => byId.get(id) ?? null,
    insert: (b: BranchRow) => insert.run(b.id, b.code, b.name, b.kind, b.created_at),
    /** The branch this database belongs to, once set up. */
    self(): BranchRow | null {
      const id = getSetting.get('self_branch_id')?.value;
      return id ? (byId.get(id) ?? null) : null;
    },
    /** Reserves `n` numbers and returns the last one. */
    nextNumber: (counter: string, n = 1): number => bumpCounter.get(counter, n)!.value,
  };
});
