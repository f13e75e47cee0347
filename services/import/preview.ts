import { validationError, type FieldIssue } from '../../shared/errors';
import type { ImportSession } from '../../shared/contract/import';
import type { YearLastOrder } from '../../shared/import/cleaning';
import { passiveCheckpoint, type DB } from '../../db/connection';
import { importQueries, type ImportRecord, type StagedRow } from '../../db/queries/import/imports';
import type { Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { storeToday } from '../core/branch';
import { uploadPath } from '../core/uploads';
import { definitionsOf } from './open';
import { memberPreviewer } from './member-preview';
import { salePreviewer } from './sale-preview';
import { openImportFile } from './read';
import { requireImport, requireState, sessionOf } from './session';
import { finishedTally, newTally } from './staging';

/**
 * Staged rows written per transaction: a few milliseconds of the write lock each, so the counter's
 * sales go on (500 held it 25–40 ms at a million members, and a sale that found it taken slept on
 * in SQLite's busy handler).
 */
const FLUSH_ROWS = 100;
const CHECKPOINT_ROWS = 1000;

/** The mapping must give each column at most one of this kind's fields, each field once, and every required one. */
export function checkMapping(kind: ImportRecord['kind'], headers: readonly string[], mapping: readonly (string | null)[]): void {
  const definitions = definitionsOf(kind);
  const issues: FieldIssue[] = [];
  if (mapping.length !== headers.length) issues.push({ field: 'mapping', rule: 'mapping_columns', params: { columns: headers.length } });
  const seen = new Set<string>();
  mapping.forEach((field, column) => {
    if (field === null) return;
    if (!(field in definitions)) issues.push({ field: `mapping.${column}`, rule: 'field_unknown', params: { field } });
    else if (seen.has(field)) issues.push({ field: `mapping.${column}`, rule: 'field_twice', params: { field } });
    seen.add(field);
  });
  for (const [field, definition] of Object.entries(definitions)) {
    if (definition.required && !seen.has(field)) issues.push({ field: 'mapping', rule: 'field_unmapped', params: { field } });
  }
  if (kind === 'sales' && !seen.has('phone') && !seen.has('cardNo')) {
    issues.push({ field: 'mapping', rule: 'field_unmapped', params: { field: 'phone' } });
  }
  if (issues.length > 0) throw validationError(issues);
}

/**
 * Reads the whole file under the mapping and stages every row, decided (member-preview.ts,
 * sale-preview.ts); the store's records are not touched. Rows are written a few hundred at a
 * time; a cancel between two batches stops it. Run again, it starts over.
 */
export async function previewImport(
  db: DB,
  ctx: Ctx,
  input: { id: string; mapping: (string | null)[]; yearLast: YearLastOrder | null },
): Promise<ImportSession> {
  const start = requireImport(db, input.id);
  requireState(start, ['opened', 'previewing', 'previewed', 'failed']);
  const file = JSON.parse(start.file_json) as { headers: string[]; sheet: string | null };
  checkMapping(start.kind, file.headers, input.mapping);
  const q = importQueries(db);
  const record: ImportRecord = {
    ...start,
    state: 'previewing',
    mapping_json: JSON.stringify(input.mapping),
    year_last: input.yearLast,
    counts_json: null,
    notices_json: null,
    cleaning_json: null,
    error: null,
    updated_at: ctx.now,
  };
  db.transaction(() => {
    q.save(record);
    writeAudit(ctx, {
      action: 'import.preview',
      entity: 'import',
      entityId: input.id,
      after: { mapping: input.mapping, yearLast: input.yearLast },
    });
  }).immediate();
  while (db.transaction(() => q.clearRows(input.id, 5000)).immediate() > 0) await Promise.resolve();

  const tally = newTally();
  const context = { today: storeToday(db, ctx.now), ...(input.yearLast ? { yearLast: input.yearLast } : {}) };
  const decide = (start.kind === 'members' ? memberPreviewer : salePreviewer)(db, input.id, file.headers, input.mapping, context, tally);
  const batch: StagedRow[] = [];
  const stillPreviewing = () => q.byId(input.id)?.state === 'previewing';
  // Written only while the import is still being previewed: a cancel's job may have dropped the
  // staged rows already, and a batch after it would stay behind. Answers whether it was. With
  // each batch the counts so far, for the screen to show the preview's progress (import.get).
  let flushed = 0;
  const flush = () => {
    const going = db
      .transaction(() => {
        const still = stillPreviewing();
        if (still) for (const row of batch) q.insertRow(row);
        batch.length = 0;
        q.progress(input.id, JSON.stringify(tally.counts));
        return still;
      })
      .immediate();
    // Into the file on the preview's own thread, every thousand rows: left in the WAL, the staged
    // rows were copied by the services' host's idle checkpoint, two seconds' worth at once between
    // two counter calls (50–100 ms at a million members). Not every batch: each checkpoint syncs
    // the file, and a sync per hundred rows cost the preview a third of its time.
    if ((flushed += 1) % (CHECKPOINT_ROWS / FLUSH_ROWS) === 0) {
      try {
        passiveCheckpoint(db);
      } catch {
        // The host's own checkpoint takes them instead.
      }
    }
    return going;
  };

  const reader = await openImportFile(uploadPath(db, start.upload ?? ''), file.sheet ? { sheet: file.sheet } : {});
  try {
    for await (const { row, cells } of reader.rows()) {
      // Decided here, written in batches: the decisions of one batch see the rows written before it.
      batch.push(decide(row, cells));
      if (batch.length >= FLUSH_ROWS && !flush()) return sessionOf(db, input.id);
    }
    if (!flush()) return sessionOf(db, input.id);
  } catch (err) {
    batch.length = 0;
    const failed = db
      .transaction(() => {
        if (!stillPreviewing()) return false;
        q.save({ ...record, state: 'failed', error: err instanceof Error ? err.message : String(err) });
        return true;
      })
      .immediate();
    // The rows staged before the fault would show a preview of part of a file: the file is refused whole.
    while (failed && db.transaction(() => q.clearRows(input.id, 5000)).immediate() > 0) await Promise.resolve();
    throw err;
  } finally {
    await reader.close();
  }
  const done = finishedTally(tally);
  db.transaction(() => {
    if (!stillPreviewing()) return;
    q.save({
      ...record,
      state: 'previewed',
      counts_json: JSON.stringify(done.counts),
      notices_json: JSON.stringify(done.notices),
      cleaning_json: JSON.stringify(done.cleaning),
      updated_at: ctx.now,
    });
  }).immediate();
  return sessionOf(db, input.id);
}
