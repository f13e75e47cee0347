import { z } from 'zod';
import type { ImportCounts } from '../../shared/contract/import';
import type { DB } from '../../db/connection';
import { importQueries, type ImportRecord, type StagedRow } from '../../db/queries/import/imports';
import { importUndoQueries } from '../../db/queries/import/undo';
import { consentQueries } from '../../db/queries/privacy/consent';
import type { Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { defineJobKind, type SliceOutcome } from '../core/jobs/kind';
import { queueInstead } from '../core/jobs/queue';
import { removeUpload } from '../core/uploads';
import { rebuildSummaryLater } from '../reports/summary-job';
import { memberImportOptions, restoreMember, writeMemberRow, type MemberBefore, type MemberWritten } from './member-writer';
import { saleWriter } from './sale-writer';
import { backupGate } from '../backup/requests';
import type { RowProblem } from '../../shared/import/rows';

/** What import.start stores beside the import for its job. */
export interface ImportOptions {
  tiers: 'file' | 'computed';
  historyPoints: boolean;
  /** import.cancel asked for what was written to be undone */
  undo?: boolean;
  /** a members import: the privacy notice in force when the manager declared consent (null: none; absent: started before it was kept) */
  noticeVersion?: number | null;
}

const Cursor = z.object({ phase: z.enum(['write', 'undo', 'tidy']), after: z.number().int() });
type Cursor = z.infer<typeof Cursor>;

/**
 * The error of an import job whose backup failed (the import's `error`, translated by the app as
 * 备份失败，导入未开始): nothing was imported, and a cancel closes the import.
 */
export const IMPORT_BACKUP_FAILED = 'backup_failed';

/** Staged rows a tidy slice drops at once. */
const TIDY_ROWS = 5000;

const stagedRows = (record: ImportRecord | null): number | null =>
  record?.counts_json ? (JSON.parse(record.counts_json) as ImportCounts).rows : null;

const optionsOf = (record: ImportRecord): ImportOptions =>
  ({ tiers: 'computed', historyPoints: false, ...(record.options_json ? JSON.parse(record.options_json) : {}) }) as ImportOptions;

/**
 * `import.members` and `import.sales`, queued by import.start: the staged rows in file order, a
 * few hundred per slice, each written as the preview decided and marked with what it wrote. The
 * last slice ends the import (its follow-on jobs queued: tiers, the report summaries) and the
 * next ones drop the staged rows. A cancel (import.cancel, not jobs.cancel: a job stopped half-way
 * would leave half a file) turns the job round: its slices undo what was written, row by row,
 * and the import ends cancelled, as if it had never been started.
 */
function importKind(kind: ImportRecord['kind']) {
  return defineJobKind({
    cancellable: false,
    // Sized for the first slice, which the runner takes at full size with the store's pages still
    // cold: at a million members a member row costs about 0.5 ms and a sale with its points 0.3
    // ms, and 300 members or 1,000 sales held the counter 0.3–0.7 s (npm run bench -- --only
    // import). The runner's pace then settles near 50 members or 80 sales a slice either way.
    sliceRows: kind === 'members' ? 100 : 250,
    params: z.object({ importId: z.string() }),
    cursor: Cursor,
    // The preview's count of the rows it staged: counting the staged rows again read every one
    // of them in the job's first slice, 0.3–0.4 s at a million sales, the counter waiting.
    // Turned round by import.cancel: the app says it is undoing, not importing.
    step: (db, params) => {
      const record = importQueries(db).byId(params.importId);
      if (record?.state !== 'importing') return null;
      if (optionsOf(record).undo) return 'undo';
      // Nothing is written before the store is backed up: the app says it is backing up, not importing at 0%.
      return backupGate(db, 'import', record.id) === 'wait' ? 'backup' : null;
    },
    total: (db, _ctx, params) => stagedRows(importQueries(db).byId(params.importId)) ?? importQueries(db).rowCount(params.importId),
    slice(db, ctx, params, cursor, rows): SliceOutcome<Cursor> {
      const q = importQueries(db);
      const record = q.byId(params.importId);
      if (!record) return { cursor: null, done: 0, finished: true, tally: {} };
      const options = optionsOf(record);
      let at: Cursor = cursor ?? { phase: 'write', after: 0 };
      if (options.undo && at.phase === 'write') at = { phase: 'undo', after: 0 };
      // A preview dropped before it was imported, or an import already ended (a slice run again
      // after its end): only staged rows to drop.
      if (record.state !== 'importing' && at.phase !== 'tidy') at = { phase: 'tidy', after: 0 };
      // Nothing is written before the backup import.start asked for is taken and checked: waited
      // for, and a failed one fails the job (docs/backup.md "Before an import").
      if (at.phase === 'write' && cursor === null) {
        const gate = backupGate(db, 'import', record.id);
        if (gate === 'wait') return { cursor: null, done: 0, finished: false, tally: {}, wait: true };
        if (gate === 'failed') throw new Error(IMPORT_BACKUP_FAILED);
      }
      if (at.phase === 'write') return writeSlice(db, ctx, record, options, at.after, rows);
      if (at.phase === 'undo') return undoSlice(db, ctx, record, at.after, rows);
      const dropped = q.dropDone(record.id, TIDY_ROWS);
      return { cursor: at, done: 0, finished: dropped < TIDY_ROWS, tally: {} };
    },
  });
}

function writeSlice(db: DB, ctx: Ctx, record: ImportRecord, options: ImportOptions, after: number, rows: number): SliceOutcome<Cursor> {
  const q = importQueries(db);
  const staged = q.rowsAfter(record.id, after, rows);
  const writeRow = rowWriter(db, ctx, record, options);
  const tally: Record<string, number> = {};
  const add = (key: string, n = 1) => (tally[key] = (tally[key] ?? 0) + n);
  for (const row of staged) {
    // Written already: by a slice whose cursor did not move on with it.
    if (row.written_id) continue;
    const written = writeRow(row);
    if (written === 'unchanged') add('unchanged');
    else if (written && 'refused' in written) {
      const column = headerOf(record, written.field);
      const problem: RowProblem = { column, value: written.value, reason: written.refused, limit: null };
      q.refuseRow({ import_id: record.id, row: row.row, problems_json: JSON.stringify([problem]) });
      add('refused');
    } else if (written) {
      q.setWritten({
        import_id: record.id,
        row: row.row,
        written_id: written.writtenId,
        before_json: written.before === null ? null : JSON.stringify(written.before),
      });
      add(record.kind === 'sales' ? 'sales' : row.action === 'create' ? 'created' : 'updated');
      const values = JSON.parse(row.values_json ?? '{}') as { amount?: number; points?: number };
      if (record.kind === 'sales') add('salesFen', values.amount ?? 0);
      if (record.kind === 'members' && row.action === 'create' && values.points) add('points', values.points);
    } else if (row.action !== 'invalid') add('skipped');
  }
  const last = staged.length > 0 ? staged[staged.length - 1].row : after;
  if (staged.length === rows) return { cursor: { phase: 'write', after: last }, done: staged.length, finished: false, tally };
  q.save({ ...record, state: 'done', upload: null, updated_at: ctx.now });
  if (record.upload) removeUpload(db, record.upload);
  if (record.kind === 'sales' || options.tiers === 'computed') queueInstead(db, ctx, 'tiers.reevaluate');
  rebuildSummaryLater(db, ctx);
  writeAudit(ctx, {
    action: 'import.done',
    entity: 'import',
    entityId: record.id,
    after: { kind: record.kind, fileName: record.file_name },
  });
  return { cursor: { phase: 'tidy', after: 0 }, done: staged.length, finished: false, tally };
}

/** The header of the column mapped to `field`, or null. */
function headerOf(record: ImportRecord, field: string): string | null {
  const mapping = JSON.parse(record.mapping_json) as (string | null)[];
  const headers = (JSON.parse(record.file_json) as { headers: string[] }).headers;
  const column = mapping.indexOf(field);
  return column < 0 ? null : (headers[column] ?? null);
}

/** What writes one staged row of this import, made once for a slice. */
function rowWriter(db: DB, ctx: Ctx, record: ImportRecord, options: ImportOptions): (row: StagedRow) => MemberWritten {
  if (record.kind === 'sales') {
    const writeSale = saleWriter(db, ctx, { importId: record.id, historyPoints: options.historyPoints });
    return (row) => {
      const id = writeSale(row);
      return id === null ? null : { writtenId: id, before: null };
    };
  }
  const memberOptions = memberImportOptions(db, ctx, {
    importId: record.id,
    fileName: record.file_name,
    consentBy: record.consent_by ?? ctx.caller?.id ?? '',
    consentAt: record.consent_at ?? ctx.now,
    // An import started before the version was kept: the notice in force now.
    noticeVersion: options.noticeVersion !== undefined ? options.noticeVersion : (consentQueries(db).currentNotice()?.version ?? null),
    tiers: options.tiers,
  });
  return (row) => writeMemberRow(db, ctx, memberOptions, row);
}

function undoSlice(db: DB, ctx: Ctx, record: ImportRecord, after: number, rows: number): SliceOutcome<Cursor> {
  const q = importQueries(db);
  const undo = importUndoQueries(db);
  const written = q.writtenAfter(record.id, after, rows);
  const tally: Record<string, number> = {};
  const add = (key: string) => (tally[key] = (tally[key] ?? 0) + 1);
  for (const row of written) {
    const id = row.written_id ?? '';
    if (record.kind === 'sales') {
      if (undo.saleIsOnlyImported(id)) {
        undo.deleteSale(id);
        add('undone');
      } else add('kept');
    } else if (row.before_json) {
      add(restoreMember(db, ctx, id, JSON.parse(row.before_json) as MemberBefore) ? 'undone' : 'kept');
    } else if (undo.memberIsOnlyImported(id)) {
      undo.deleteMember(id);
      add('undone');
    } else add('kept');
    q.setWritten({ import_id: record.id, row: row.row, written_id: null, before_json: null });
  }
  if (written.length === rows)
    return { cursor: { phase: 'undo', after: written[written.length - 1].row }, done: 0, finished: false, tally };
  q.save({ ...record, state: 'cancelled', upload: null, updated_at: ctx.now });
  if (record.upload) removeUpload(db, record.upload);
  if (record.kind === 'sales') queueInstead(db, ctx, 'tiers.reevaluate');
  rebuildSummaryLater(db, ctx);
  writeAudit(ctx, {
    action: 'import.undone',
    entity: 'import',
    entityId: record.id,
    after: { kind: record.kind, fileName: record.file_name },
  });
  return { cursor: { phase: 'tidy', after: 0 }, done: 0, finished: false, tally };
}

export const memberImport = importKind('members');
export const saleImport = importKind('sales');
