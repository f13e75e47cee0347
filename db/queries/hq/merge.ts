import type { ExportTable } from '../../../shared/contract/hq';
import type { DB } from '../../connection';
import { perDatabase, preparedText } from '../prepared';

// HQ's merge (services/hq/merge.ts): HQ's record of the files it merged, and the statements that
// merge the file attached as `x` (db/queries/hq/file.ts) into HQ's tables.

/** Primary key of each table as HQ matches rows on it. */
const KEYS: Record<ExportTable, string[]> = {
  branches: ['id'],
  staff: ['id'],
  tiers: ['id'],
  members: ['id'],
  member_tags: ['member_id', 'tag'],
  purchases: ['id'],
  points_ledger: ['id'],
  feedback: ['id'],
  followups: ['id'],
  store_takings: ['branch_id', 'date'],
};
/**
 * Unique columns a row can give up and another row take between two exports: two members swap
 * phones, or a number one member gave up goes to a new one. The branch's final state is unique,
 * but written row by row HQ would meet the old holder half way and refuse the file, and every
 * later file of the branch with it (a full export holds the same rows).
 */
const MOVABLE_UNIQUE: Partial<Record<ExportTable, string[]>> = { members: ['phone'] };
/** HQ-side values for columns a branch keeps home: a branch's staff never log in at HQ. */
const FILLERS: Partial<Record<ExportTable, Record<string, string>>> = { staff: { pin_hash: "'!'" } };

/** A row of hq_merges: one file HQ merged. */
export interface MergeRow {
  export_id: string;
  branch_id: string;
  seq: number;
  mode: 'full' | 'incremental';
  base_seq: number | null;
  file_name: string;
  created_at: string;
  sha256: string;
  merged_at: string;
  merged_by: string | null;
  result_json: string;
  /** the branch's restore epoch the file was made in (0: before any restore) */
  epoch: number;
}

export const mergeQueries = perDatabase((db: DB) => {
  const newest = db.prepare<[string], { epoch: number; seq: number }>(
    'SELECT epoch, seq FROM hq_merges WHERE branch_id = ? ORDER BY epoch DESC, seq DESC LIMIT 1',
  );
  const lastSeqOfEpoch = db
    .prepare<[string, number], number | null>('SELECT MAX(seq) FROM hq_merges WHERE branch_id = ? AND epoch = ?')
    .pluck();
  const mergedCopy = db.prepare<[string, string], number>('SELECT 1 FROM hq_merges WHERE export_id = ? AND sha256 = ?').pluck();
  const codeHolder = db.prepare<[string, string], string>('SELECT id FROM branches WHERE code = ? AND id <> ?').pluck();
  const merged = db.prepare<[string], number>('SELECT 1 FROM hq_merges WHERE export_id = ?').pluck();
  // A member's sales are its own branch's, and only this file's branch has new ones.
  const followTombstones = db.prepare<{ branchId: string }>(
    `UPDATE purchases SET member_id = (SELECT merged_into FROM members WHERE id = purchases.member_id)
     WHERE branch_id = @branchId AND member_id IN (SELECT id FROM members WHERE merged_into IS NOT NULL AND branch_id = @branchId)`,
  );
  const record = db.prepare<[string, string, number, string, number | null, string, string, string, string, string | null, string, number]>(
    `INSERT INTO hq_merges (export_id, branch_id, seq, mode, base_seq, file_name, created_at, sha256, merged_at, merged_by, result_json, epoch)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // On the attached file: prepared on first use, while one is attached.
  const onFile = preparedText(db);
  return {
    /** The newest export of the branch HQ merged, by restore epoch and then number (0, 0: none). */
    newestMerged: (branchId: string) => newest.get(branchId) ?? { epoch: 0, seq: 0 },
    /** The newest number HQ merged of the branch's exports of one restore epoch (0: none). */
    lastMergedSeq: (branchId: string, epoch: number) => lastSeqOfEpoch.get(branchId, epoch) ?? 0,
    /** Whether HQ merged this export, from a file with this checksum. */
    mergedWithChecksum: (exportId: string, sha256: string) => mergedCopy.get(exportId, sha256) !== undefined,
    isMerged: (exportId: string) => merged.get(exportId) !== undefined,
    /** Another branch holding this code at HQ, if any. */
    otherBranchWithCode: (code: string, branchId: string) => codeHolder.get(code, branchId),
    /** Moves the branch's sales of members merged into another to the survivor, one link of a chain; how many moved. */
    moveSalesOfMergedMembers: (branchId: string) => followTombstones.run({ branchId }).changes,
    recordMerge: (r: MergeRow) =>
      record.run(
        r.export_id,
        r.branch_id,
        r.seq,
        r.mode,
        r.base_seq,
        r.file_name,
        r.created_at,
        r.sha256,
        r.merged_at,
        r.merged_by,
        r.result_json,
        r.epoch,
      ),
    /** Members the file brings that HQ does not have yet. */
    newMembersInFile: () => onFile('SELECT id FROM x.members WHERE id NOT IN (SELECT id FROM main.members)').pluck().all() as string[],
    /** The phones HQ's members hold that the file gives them another of. */
    phonesTheFileChanges: () =>
      onFile('SELECT DISTINCT m.phone FROM x.members f JOIN main.members m ON m.id = f.id WHERE m.phone IS NOT f.phone')
        .pluck()
        .all() as string[],
    /** The file's tags HQ already has. */
    tagsAlreadyAtHq: () =>
      onFile('SELECT COUNT(*) FROM x.member_tags f JOIN main.member_tags m ON m.member_id = f.member_id AND m.tag = f.tag')
        .pluck()
        .get() as number,
    /** Takes off the file's members the tags it no longer gives them; how many. */
    dropTagsTheFileLacks: () =>
      onFile(
        `DELETE FROM member_tags WHERE member_id IN (SELECT id FROM x.members)
         AND (member_id, tag) NOT IN (SELECT member_id, tag FROM x.member_tags)`,
      ).run().changes,
    /** Adds the file's tags HQ lacks; how many. */
    addFileTags: () =>
      onFile('INSERT INTO member_tags (member_id, tag) SELECT member_id, tag FROM x.member_tags WHERE true ON CONFLICT DO NOTHING').run()
        .changes,
  };
});

function columns(db: DB, schema: 'main' | 'x', table: string): string[] {
  return preparedText(db)(`SELECT name FROM pragma_table_info('${table}', '${schema}')`).pluck().all() as string[];
}

/**
 * The statements merging one table of the attached file into HQ, over the columns the file and
 * HQ share (a file from an older branch may lack some), read when this is called.
 */
export function tableMergeQueries(db: DB, table: ExportTable) {
  const fileCols = new Set(columns(db, 'x', table));
  const cols = columns(db, 'main', table).filter((c) => fileCols.has(c));
  const fillers = FILLERS[table] ?? {};
  const insertCols = [...cols, ...Object.keys(fillers)];
  const selectCols = [...cols, ...Object.values(fillers)];
  const keys = KEYS[table];
  const insert = `INSERT INTO main.${table} (${insertCols.join(', ')}) SELECT ${selectCols.join(', ')} FROM x.${table} WHERE true`;
  const join = keys.map((k) => `m.${k} = f.${k}`).join(' AND ');
  const values = cols.filter((c) => !keys.includes(c));
  const statement = preparedText(db);
  return {
    /** Adds the file's rows HQ lacks, leaving those it has; how many were added. */
    addNew: () => statement(`${insert} ON CONFLICT (${keys.join(', ')}) DO NOTHING`).run().changes,
    /** The file's rows HQ already has. */
    rowsAtHq: () => statement(`SELECT COUNT(*) FROM x.${table} f JOIN main.${table} m ON ${join}`).pluck().get() as number,
    /**
     * Rows whose unique value moves first let go of it (a placeholder no real value can be);
     * `replaceAll` gives every one of them its value from the file, in the same transaction.
     */
    releaseMovingValues: () => {
      for (const col of MOVABLE_UNIQUE[table] ?? []) {
        statement(
          `UPDATE main.${table} SET ${col} = '~moving~' || id
        WHERE id IN (SELECT f.id FROM x.${table} f JOIN main.${table} m ON m.id = f.id WHERE m.${col} IS NOT f.${col})`,
        ).run();
      }
    },
    /** Adds the file's new rows and replaces those that differ; how many rows changed. */
    replaceAll: () => {
      const upsert =
        values.length === 0
          ? `${insert} ON CONFLICT (${keys.join(', ')}) DO NOTHING`
          : `${insert} ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.map((c) => `${c} = excluded.${c}`).join(', ')}
         WHERE (${values.map((c) => `${table}.${c}`).join(', ')}) IS NOT (${values.map((c) => `excluded.${c}`).join(', ')})`;
      return statement(upsert).run().changes;
    },
  };
}
