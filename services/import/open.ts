import { guessMapping, normaliseHeader } from '../../shared/import/header-guess';
import { MEMBER_FIELD_DEFINITIONS, type FieldDefinition } from '../../shared/import/columns';
import { SALE_FIELD_DEFINITIONS } from '../../shared/import/sale-columns';
import type { ImportKind, ImportSession } from '../../shared/contract/import';
import type { DB } from '../../db/connection';
import { importQueries } from '../../db/queries/import/imports';
import type { Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { removeUpload, uploadPath } from '../core/uploads';
import { readImportSample } from './read';
import { sessionOf } from './session';

/** Rows of the file the mapping step shows. */
const SAMPLE_ROWS = 8;

export const definitionsOf = (kind: ImportKind): Record<string, FieldDefinition> =>
  kind === 'members' ? MEMBER_FIELD_DEFINITIONS : SALE_FIELD_DEFINITIONS;

const mappingKey = (kind: ImportKind) => `import.mapping.${kind}`;

/**
 * The last mapping a manager confirmed, by header: a till's daily export or the same member
 * system's file has the same headers every time, and is mapped as it was last time.
 */
export function rememberedMapping(db: DB, kind: ImportKind, headers: readonly string[]): (string | null)[] | null {
  const stored = importQueries(db).setting(mappingKey(kind));
  if (!stored) return null;
  const byHeader = JSON.parse(stored) as Record<string, string | null>;
  const keys = headers.map(normaliseHeader);
  if (!keys.every((key) => key in byHeader)) return null;
  return keys.map((key) => byHeader[key] ?? null);
}

export function rememberMapping(db: DB, kind: ImportKind, headers: readonly string[], mapping: readonly (string | null)[]): void {
  const byHeader = Object.fromEntries(headers.map((header, i) => [normaliseHeader(header), mapping[i] ?? null]));
  importQueries(db).putSetting(mappingKey(kind), JSON.stringify(byHeader));
}

export async function openImport(
  db: DB,
  ctx: Ctx,
  input: { kind: ImportKind; fileName: string; upload: string; sheet?: string },
): Promise<ImportSession> {
  const path = uploadPath(db, input.upload);
  // A file that is not a table is gone with its refusal: a store's customers are not kept in a file nobody imports.
  const sample = await readImportSample(path, SAMPLE_ROWS, { sheet: input.sheet }).catch((err: unknown) => {
    removeUpload(db, input.upload);
    throw err;
  });
  const remembered = rememberedMapping(db, input.kind, sample.headers);
  const mapping: (string | null)[] = remembered ?? guessMapping(sample.headers, definitionsOf(input.kind));
  const id = ctx.newId();
  const { rows, ...file } = sample;
  db.transaction(() => {
    importQueries(db).insert({
      id,
      kind: input.kind,
      state: 'opened',
      file_name: input.fileName,
      upload: input.upload,
      file_json: JSON.stringify(file),
      sample_json: JSON.stringify(rows),
      mapping_json: JSON.stringify(mapping),
      mapping_remembered: remembered ? 1 : 0,
      year_last: null,
      counts_json: null,
      notices_json: null,
      cleaning_json: null,
      options_json: null,
      job_id: null,
      consent_by: null,
      consent_at: null,
      error: null,
      created_at: ctx.now,
      created_by: ctx.caller?.id ?? null,
      updated_at: ctx.now,
    });
    writeAudit(ctx, { action: 'import.open', entity: 'import', entityId: id, after: { kind: input.kind, fileName: input.fileName, file } });
  }).immediate();
  return sessionOf(db, id);
}
