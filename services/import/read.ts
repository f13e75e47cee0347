import { open, stat } from 'node:fs/promises';
import { columnLetter, MAX_IMPORT_COLUMNS, MAX_IMPORT_FILE_BYTES } from '../../shared/import/file-refusals';
import { csvRecords, type Delimiter, type RawRecord } from './csv-records';
import { refuseFile } from './refusal';
import { sniffFile } from './sniff';
import { decodedText, detectEncoding, NOT_IN_ENCODING, type TextEncodingName } from './text-decoding';
import { openXlsxRecords } from './xlsx-records';

// A file to import as a header and rows of text, streamed (docs/import.md "Reading the file"):
// an .xlsx or a CSV/TSV in any of the encodings and delimiters stores use, told apart by its
// bytes, never by its name. Whatever cannot be read as such a table is refused whole, with a
// reason (IMPORT_BAD_FILE), before a row of it is used. The file is read once, a chunk at a time:
// a preview reads its first rows and stops.

export interface ImportRow {
  /** the row number Excel shows for it: the header is usually 1, the first data row 2 */
  row: number;
  /** cells[i] is under headers[i] (empty when the row stops short); a row is longer only when it has values past the last header */
  cells: string[];
}

export interface ImportFileInfo {
  kind: 'csv' | 'xlsx';
  /** a CSV's encoding; an ASCII-only file reads as UTF-8 */
  encoding: TextEncodingName | null;
  /** a CSV's delimiter */
  delimiter: Delimiter | null;
  /** the worksheet read */
  sheet: string | null;
  /** a workbook's tabs a user sees, in order (for choosing another `sheet`) */
  sheets: string[] | null;
  headerRow: number;
  /** trimmed, none empty, no two alike */
  headers: string[];
}

export interface ImportFile extends ImportFileInfo {
  /** The data rows, blank ones skipped (their numbers too), from after row `after`; once per file. Refuses mid-way with IMPORT_BAD_FILE. */
  rows(options?: { after?: number }): AsyncGenerator<ImportRow>;
  /** Stops reading (after the last row it has stopped already). */
  close(): Promise<void>;
}

interface RecordSource {
  info: Pick<ImportFileInfo, 'kind' | 'encoding' | 'sheet' | 'sheets'> & { delimiter(): Delimiter | null };
  records: AsyncGenerator<RawRecord>;
  close(): Promise<void>;
}

/**
 * Opens a stored file (an upload's path, never a caller's) and reads its header and first data
 * row: an empty file, a header without rows and a bad header are refused here. `sheet` names a
 * workbook's worksheet; without it the first tab is read.
 */
export async function openImportFile(path: string, options: { sheet?: string } = {}): Promise<ImportFile> {
  const { size } = await stat(path);
  if (size >= MAX_IMPORT_FILE_BYTES) throw refuseFile('too_large', { bytes: size, maxBytes: MAX_IMPORT_FILE_BYTES });
  if (size === 0) throw refuseFile('empty');
  const handle = await open(path, 'r');
  const sniffed = await sniffFile(handle).finally(() => handle.close());
  return table(sniffed.shape === 'xlsx' ? await xlsxSource(path, options.sheet) : await csvSource(path, sniffed.head));
}

/** The header and the first `count` data rows, for the preview's sample; the file is closed after. */
export async function readImportSample(
  path: string,
  count: number,
  options: { sheet?: string } = {},
): Promise<ImportFileInfo & { rows: ImportRow[] }> {
  const file = await openImportFile(path, options);
  const rows: ImportRow[] = [];
  try {
    if (count > 0) {
      for await (const row of file.rows()) if (rows.push(row) >= count) break;
    }
  } finally {
    await file.close();
  }
  const { kind, encoding, delimiter, sheet, sheets, headerRow, headers } = file;
  return { kind, encoding, delimiter, sheet, sheets, headerRow, headers, rows };
}

async function csvSource(path: string, head: Buffer): Promise<RecordSource> {
  const encoding = await detectEncoding(path, head);
  const layout: { delimiter?: Delimiter } = {};
  const records = csvRecords(decodedText(path, encoding), layout);
  return {
    info: { kind: 'csv', encoding, sheet: null, sheets: null, delimiter: () => layout.delimiter ?? null },
    records,
    close: async () => void (await records.return(undefined)),
  };
}

async function xlsxSource(path: string, sheetName: string | undefined): Promise<RecordSource> {
  const { sheet, sheets, records, close } = await openXlsxRecords(path, sheetName);
  return { info: { kind: 'xlsx', encoding: null, sheet, sheets, delimiter: () => null }, records, close };
}

async function table(source: RecordSource): Promise<ImportFile> {
  const isCsv = source.info.kind === 'csv';
  /** The next row with anything in it, its blank cells at the end dropped and its width checked. */
  const nextFilled = async (): Promise<RawRecord | null> => {
    for (let next = await source.records.next(); !next.done; next = await source.records.next()) {
      const { row, cells } = next.value;
      let width = cells.length;
      while (width > 0 && cells[width - 1].trim() === '') width--;
      if (width === 0) continue;
      if (width > MAX_IMPORT_COLUMNS) throw refuseFile('too_many_columns', { row, columns: width, max: MAX_IMPORT_COLUMNS });
      if (isCsv && cells.some((cell) => cell.includes(NOT_IN_ENCODING))) {
        throw refuseFile('mixed_encodings', { row, encoding: source.info.encoding ?? '' });
      }
      cells.length = width;
      return { row, cells };
    }
    return null;
  };

  let header: RawRecord | null;
  let first: RawRecord | null;
  let headers: string[];
  try {
    header = await nextFilled();
    if (!header) throw refuseFile('empty');
    headers = checkedHeaders(header.cells);
    first = await nextFilled();
    if (!first) throw refuseFile('header_only', { headerRow: header.row });
  } catch (err) {
    await source.close();
    throw err;
  }

  let read = false;
  return {
    ...source.info,
    delimiter: source.info.delimiter(),
    headerRow: header.row,
    headers,
    async *rows({ after = 0 } = {}) {
      if (read) throw new Error('An import file is read once: open it again to read it again.');
      read = true;
      try {
        for (let record: RawRecord | null = first; record; record = await nextFilled()) {
          if (record.row <= after) continue;
          const cells = record.cells;
          while (cells.length < headers.length) cells.push('');
          yield { row: record.row, cells };
        }
      } finally {
        await source.close();
      }
    },
    close: () => source.close(),
  };
}

/**
 * Headers trimmed. A column without a header between named ones is refused (nothing could map
 * it, and its values would be dropped unseen), and so are two alike (which 手机 is the phone?),
 * compared as the mapping will compare them: full-width folded, case ignored.
 */
function checkedHeaders(cells: string[]): string[] {
  const headers = cells.map((cell) => cell.trim());
  const seen = new Map<string, number>();
  headers.forEach((header, i) => {
    if (header === '') throw refuseFile('empty_header', { column: columnLetter(i + 1) });
    const key = header.normalize('NFKC').toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw refuseFile('duplicate_header', { header, column: columnLetter(earlier + 1), otherColumn: columnLetter(i + 1) });
    }
    seen.set(key, i);
  });
  return headers;
}
