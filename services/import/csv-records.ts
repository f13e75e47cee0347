import Papa from 'papaparse';
import { refuseFile } from './refusal';

// CSV text as records, streamed (docs/import.md "Reading the file"). papaparse's own Parser does
// the quoting (quotes doubled, delimiters and line breaks inside quotes); this loop feeds it the
// text a chunk at a time and keeps only the unfinished last record between chunks. Left to
// papaparse's streamers, a quote never closed would have every later chunk parsed again from
// that quote, the whole rest of a 200 MB file held and re-read at each chunk.

export type Delimiter = ',' | '\t' | ';';
const DELIMITERS: readonly Delimiter[] = [',', '\t', ';'];

/** One record, numbered as Excel numbers the rows when it opens the file (a quoted line break does not start a row). */
export interface RawRecord {
  row: number;
  cells: string[];
}

/** No cell of a customer or a sale is near this; an unfinished record this long lost a quote or its line breaks. */
export const MAX_RECORD_CHARS = 1 << 20;

interface ParseOutcome {
  data: string[][];
  errors: Array<{ code: string; row: number }>;
  meta: { cursor: number };
}

/**
 * The delimiter is the one of comma, tab and semicolon found most often, outside quotes, in the
 * first line that has anything on it (the header); a file of one column has none and reads as
 * comma-separated. Lines may end in CRLF, LF or (old Macs) CR alone.
 */
function sniffLayout(text: string, final: boolean): { delimiter: Delimiter; newline: '\n' | '\r' } | null {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (!seen) continue; // blank lines above the header
      if (c === '\r' && i + 1 === text.length && !final) return null; // CR or CRLF: the next chunk says
      return { delimiter: mostFound(counts), newline: c === '\r' && text[i + 1] !== '\n' ? '\r' : '\n' };
    } else if (counts.has(c)) counts.set(c, counts.get(c)! + 1);
    if (c.trim() !== '') seen = true;
  }
  return final ? { delimiter: mostFound(counts), newline: '\n' } : null;
}

function mostFound(counts: Map<string, number>): Delimiter {
  return DELIMITERS.reduce((best, d) => (counts.get(d)! > counts.get(best)! ? d : best));
}

/**
 * The records of a CSV text, in order; `layout.delimiter` is set before the first one comes.
 * Refuses the file at the record where a quote breaks (never closed, or closed mid-cell) and at
 * one that grows past MAX_RECORD_CHARS unfinished.
 */
export async function* csvRecords(texts: AsyncIterable<string>, layout: { delimiter?: Delimiter }): AsyncGenerator<RawRecord> {
  let parser: Papa.Parser | null = null;
  let pending = '';
  let row = 0;

  function* parse(final: boolean): Generator<RawRecord> {
    if (!parser) {
      const found = sniffLayout(pending, final);
      if (!found) {
        if (pending.length > MAX_RECORD_CHARS) throw refuseFile('row_too_long', { row: row + 1 });
        return;
      }
      layout.delimiter = found.delimiter;
      parser = new Papa.Parser({ delimiter: found.delimiter, newline: found.newline });
    }
    const outcome = parser.parse(pending, 0, !final) as ParseOutcome;
    // An error in the unfinished last record is looked at again when the rest of it has come.
    const broken = outcome.errors.find(
      (e) => (e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') && (final || e.row < outcome.data.length),
    );
    if (broken) throw refuseFile('broken_quotes', { row: row + broken.row + 1 });
    pending = final ? '' : pending.slice(outcome.meta.cursor);
    for (const cells of outcome.data) {
      // Lines split at LF: a CRLF line's CR stays on its last unquoted cell.
      const last = cells.length - 1;
      if (cells[last].endsWith('\r')) cells[last] = cells[last].slice(0, -1);
      yield { row: ++row, cells };
    }
    if (pending.length > MAX_RECORD_CHARS) {
      throw refuseFile(/[\r\n]/.test(pending) ? 'broken_quotes' : 'row_too_long', { row: row + 1 });
    }
  }

  for await (const text of texts) {
    pending += text;
    yield* parse(false);
  }
  if (pending !== '') yield* parse(true);
}
