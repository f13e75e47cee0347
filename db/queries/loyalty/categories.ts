import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface SaleCategoryRow {
  name: string;
  position: number;
  created_at: string;
  created_by: string | null;
}

export const categoryQueries = perDatabase((db: DB) => {
  const all = db.prepare<[], SaleCategoryRow>('SELECT * FROM sale_categories ORDER BY position, name');
  // The table's NOCASE key: 'Shoes' finds 'shoes'.
  const spelling = db.prepare<[string], string>('SELECT name FROM sale_categories WHERE name = ?').pluck();
  const insert = db.prepare(
    'INSERT INTO sale_categories (name, position, created_at, created_by) VALUES (@name, @position, @created_at, @created_by)',
  );
  const clear = db.prepare('DELETE FROM sale_categories');
  return {
    all: () => all.all(),
    names: () => all.all().map((r) => r.name),
    /** The list's own spelling of a name, or null when it is not on the list. */
    spelling: (name: string) => spelling.get(name) ?? null,
    insert: (row: SaleCategoryRow) => insert.run(row),
    clear: () => clear.run(),
  };
});
