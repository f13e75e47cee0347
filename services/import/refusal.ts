import { AppError } from '../../shared/errors';
import type { ImportFileReason } from '../../shared/import/file-refusals';

// The English of each refusal, for logs and scripts; the screen says it from the reason and its
// details (docs/import.md "Reading the file").
const REASON_TEXT: Record<ImportFileReason, string> = {
  empty: 'The file is empty',
  too_large: 'The file is too large to import',
  other_spreadsheet: 'This spreadsheet format cannot be read: save it as .xlsx or CSV',
  encrypted: 'The workbook is protected by a password: save a copy without one',
  binary: 'This is not a spreadsheet or a CSV file',
  damaged: 'The workbook is damaged or incomplete',
  no_sheet: 'The workbook has no such worksheet',
  header_only: 'The file has a header row and no data under it',
  empty_header: 'A column has no header',
  duplicate_header: 'Two columns have the same header',
  too_many_columns: 'A row has too many columns',
  broken_quotes: 'Quotes are not closed properly',
  row_too_long: 'A row is too long',
  mixed_encodings: 'The file mixes text encodings',
};

/** The whole file is refused, for a reason the screen can say (details name the row or column). */
export function refuseFile(reason: ImportFileReason, details: Record<string, string | number> = {}): AppError {
  const where = details.row !== undefined ? ` (row ${details.row})` : details.column !== undefined ? ` (column ${details.column})` : '';
  return new AppError('IMPORT_BAD_FILE', REASON_TEXT[reason] + where, { reason, ...details });
}
