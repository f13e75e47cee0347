import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import type { CellValue, Row } from 'exceljs';
import { AppError } from '../../shared/errors';
import type { RawRecord } from './csv-records';
import { refuseFile } from './refusal';
import { cellText } from './xlsx-cells';

// An .xlsx's rows, streamed with exceljs's WorkbookReader (docs/import.md "Reading the file").
// The zip is read in order; Excel stores a sheet before its shared strings, so the reader copies
// each sheet to a temporary file and reads it once the strings are in memory: memory holds the
// strings, not the rows. Two things of exceljs 4.4 are set right here:
// - it turns each zip chunk into text on its own, so a Chinese character cut by a chunk's end
//   became two U+FFFD (exceljs issues 2063, 2084; about 3 names in 20,000): each part's bytes
//   are decoded here as one stream instead;
// - a sheet not read to its end keeps its temporary file and its descriptor: `close` reads
//   the rest of the workbook's sheets past without parsing them, which deletes each.

type ExcelModule = typeof import('exceljs');

/** exceljs is large and only an .xlsx needs it: loaded on the first one. */
async function loadExcel(): Promise<ExcelModule> {
  const mod: ExcelModule & { default?: ExcelModule } = await import('exceljs');
  // A CommonJS package: its classes sit on `default` under Node's ESM and some bundlers.
  return mod.default ?? mod;
}

/** What exceljs's streaming reader has that its types leave out. */
interface ReaderInternals {
  model?: { sheets?: Array<{ name: string; state?: string }> };
  properties?: { model?: { date1904?: boolean } };
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

interface SheetReader extends AsyncIterable<Row> {
  name?: string;
}

async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export interface XlsxRecords {
  sheet: string;
  /** the workbook's tabs a user sees, in their order */
  sheets: string[];
  records: AsyncGenerator<RawRecord>;
  close(): Promise<void>;
}

/** Anything exceljs or the zip throws means the workbook cannot be read: damaged, or cut short. */
function damaged(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // The user reads "damaged"; the log keeps what exceljs or the zip said, for the rare file
  // (or the once-seen test run under load) where that is not the whole story.
  console.warn('[import] an .xlsx could not be read:', err instanceof Error ? err.message : String(err));
  return refuseFile('damaged');
}

/** The rows of the worksheet named `sheetName`, or of the first one a user sees (the first tab not hidden). */
export async function openXlsxRecords(path: string, sheetName?: string): Promise<XlsxRecords> {
  const ExcelJS = await loadExcel();
  // A read error ends the zip early (refused as damaged) instead of leaving the reader waiting.
  const file = createReadStream(path);
  const input = new PassThrough();
  file.on('error', () => input.end());
  file.pipe(input);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });

  const internals = reader as unknown as ReaderInternals;
  let sheetInput: unknown = null;
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  const parseWorkbook = internals._parseWorkbook.bind(reader);
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  internals._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding('utf8'));
  internals._parseWorkbook = (entry) => parseWorkbook(entry.setEncoding('utf8'));
  internals._parseWorksheet = (iterator, sheetNo) => {
    sheetInput = iterator;
    return parseWorksheet(utf8Text(iterator), sheetNo);
  };
  // A sheet copied to a temporary file is read from a file stream; one skipped is closed. Its
  // file may be deleted before the stream has opened it: that error says nothing.
  const skipSheet = () => {
    if (sheetInput instanceof Readable) sheetInput.on('error', () => {}).destroy();
  };

  const visibleSheets = () =>
    (internals.model?.sheets ?? []).filter((s) => s.state !== 'hidden' && s.state !== 'veryHidden').map((s) => s.name);
  const sheets = reader[Symbol.asyncIterator]();
  let chosen: SheetReader | null = null;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const sheet = next.value as SheetReader;
      const wanted = sheetName ?? visibleSheets()[0];
      if (wanted === undefined || sheet.name === wanted) {
        chosen = sheet;
        break;
      }
      skipSheet();
    }
  } catch (err) {
    file.destroy();
    throw damaged(err);
  }
  if (!chosen) {
    file.destroy();
    // A zip with no workbook in it (a .docx, an archive) is not a spreadsheet at all.
    if (!internals.model) throw refuseFile('binary', { format: 'zip' });
    throw refuseFile('no_sheet', sheetName === undefined ? {} : { sheet: sheetName });
  }
  const date1904 = internals.properties?.model?.date1904 === true;

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    skipSheet();
    try {
      if (file.readableEnded) {
        for (let next = await sheets.next(); !next.done; next = await sheets.next()) skipSheet();
      } else {
        file.destroy();
        await sheets.return(undefined);
      }
    } catch {
      // the workbook is being put away: what it would have said no longer matters
    }
  };

  async function* records(sheet: SheetReader): AsyncGenerator<RawRecord> {
    try {
      for await (const row of sheet) yield { row: row.number, cells: rowCells(row, date1904) };
    } catch (err) {
      throw damaged(err);
    }
  }

  const sheet = chosen.name ?? '';
  return { sheet, sheets: internals.model ? visibleSheets() : [sheet], records: records(chosen), close };
}

function rowCells(row: Row, date1904: boolean): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = cellText(cell.value as CellValue, cell.numFmt, date1904);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= '';
  return cells;
}
