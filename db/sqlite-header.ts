import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** What the first 100 bytes of a SQLite file promise (https://sqlite.org/fileformat.html#the_database_header). */
export interface SqliteHeader {
  pageSize: number;
  /** the page count the header states */
  pageCount: number;
  /**
   * SQLite trusts that count only if the change counter (offset 24) equals the
   * version-valid-for number (92); otherwise it goes by the file's length.
   */
  pageCountValid: boolean;
  fileBytes: number;
}

/** The header of the file at `path`, or null when it does not start like a SQLite database. */
export function sqliteHeader(path: string): SqliteHeader | null {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(100);
    const read = readSync(fd, head, 0, 100, 0);
    if (read < 100 || head.subarray(0, 16).toString('latin1') !== 'SQLite format 3\u0000') return null;
    const raw = head.readUInt16BE(16);
    const pageCount = head.readUInt32BE(28);
    return {
      pageSize: raw === 1 ? 65536 : raw,
      pageCount,
      pageCountValid: head.readUInt32BE(24) === head.readUInt32BE(92) && pageCount > 0,
      fileBytes: fstatSync(fd).size,
    };
  } finally {
    closeSync(fd);
  }
}
