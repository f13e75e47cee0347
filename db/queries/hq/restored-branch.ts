import type { DB } from '../../connection';
import { preparedText } from '../prepared';

// A branch restored from a backup (services/hq/merge-order.ts, docs/hq.md "After a restore"): the
// staff it lost with the old store may be at HQ, and a colleague added again since under the
// same name is another row with another id. Staff names are unique in a branch, at HQ too (a
// table's own constraint, which HQ's layout cannot drop as it drops an index), so the older of
// the two gives the name up: it keeps it with the end of its id, `王芳 #1a2b`.

const TWIN_NAME = "name || ' #' || substr(id, -4)";

/** Statements on the file attached as `x` (db/queries/hq/file.ts): prepared while one is attached. */
export function staffTwinQueries(db: DB) {
  const statement = preparedText(db);
  return {
    /** A newer file: HQ's staff of the branch the file no longer has, whose name a colleague of the file now holds. */
    renameOlderAtHq: (branchId: string) =>
      statement(
        `UPDATE main.staff AS m SET name = ${TWIN_NAME}
          WHERE m.branch_id = ? AND m.id NOT IN (SELECT id FROM x.staff)
            AND EXISTS (SELECT 1 FROM x.staff f WHERE f.name = m.name COLLATE NOCASE AND f.id <> m.id)`,
      ).run(branchId).changes,
    /** An older file: its staff HQ lacks, whose name a colleague HQ has from a newer file holds. */
    renameOlderInFile: () =>
      statement(
        `UPDATE x.staff AS f SET name = ${TWIN_NAME}
          WHERE f.id NOT IN (SELECT id FROM main.staff)
            AND EXISTS (SELECT 1 FROM main.staff m WHERE m.branch_id = f.branch_id AND m.name = f.name COLLATE NOCASE AND m.id <> f.id)`,
      ).run().changes,
  };
}
