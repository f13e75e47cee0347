import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface TakingsRow {
  branch_id: string;
  /** local date `YYYY-MM-DD` in the branch's time zone */
  date: string;
  total_fen: number;
  note: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface TakingsView extends TakingsRow {
  updated_by_name: string | null;
}

const VIEW = `
  SELECT t.*, s.name AS updated_by_name
    FROM store_takings t
    LEFT JOIN staff s ON s.id = t.updated_by`;

export const takingsQueries = perDatabase((db: DB) => {
  const get = db.prepare<[string, string], TakingsView>(`${VIEW} WHERE t.branch_id = ? AND t.date = ?`);
  const between = db.prepare<[string, string, string], TakingsView>(
    `${VIEW} WHERE t.branch_id = ? AND t.date BETWEEN ? AND ? ORDER BY t.date`,
  );
  const sum = db.prepare<[string, string, string], { date: string; total_fen: number }>(
    'SELECT date, total_fen FROM store_takings WHERE branch_id = ? AND date BETWEEN ? AND ? ORDER BY date',
  );
  // An overwrite keeps who first entered the day; the audit log keeps every figure it replaced.
  const upsert = db.prepare(
    `INSERT INTO store_takings (branch_id, date, total_fen, note, created_at, created_by, updated_at, updated_by)
     VALUES (@branch_id, @date, @total_fen, @note, @at, @by, @at, @by)
     ON CONFLICT (branch_id, date) DO UPDATE SET total_fen = excluded.total_fen, note = excluded.note,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  return {
    get: (branchId: string, date: string) => get.get(branchId, date) ?? null,
    between: (branchId: string, from: string, to: string) => between.all(branchId, from, to),
    /** Only the figures, for sums over a period (no join). */
    figures: (branchId: string, from: string, to: string) => sum.all(branchId, from, to),
    upsert: (row: { branch_id: string; date: string; total_fen: number; note: string | null; at: string; by: string }) => upsert.run(row),
  };
});
