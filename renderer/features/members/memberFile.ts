import type { OutputOf } from '../../../shared/contract/index';
import type { MemberFileRow } from '../../../shared/contract/member-list';
import { MEMBER_FILE_COLUMNS } from '../../../shared/member-file';
import type { ReportColumn } from '../../components/reports/columns';
import type { ReportTableData } from '../../components/reports/exportFile';

/**
 * Excel's export stops here: exceljs builds the whole workbook in memory, 13 s and about 1 GB for
 * 100,000 members on the build machine; CSV writes a million in about ten seconds.
 */
export const XLSX_MAX_MEMBERS = 100_000;
/** Members fetched per call: about 0.5 MB of JSON. */
export const EXPORT_CHUNK = 2000;

/** The member file's columns (shared/member-file.ts) as the report writers take them. */
export function memberFileTable(rows: readonly MemberFileRow[]): ReportTableData<MemberFileRow> {
  const columns: ReportColumn<MemberFileRow>[] = MEMBER_FILE_COLUMNS.map((c, i) => ({
    key: `c${i}`,
    header: c.header,
    kind: c.kind,
    value: c.cell,
  }));
  return { columns, rows };
}

export interface ExportProgress {
  done: number;
  total: number;
}

/**
 * Every member the filters match, in card order, a chunk at a time (`fetchChunk` calls
 * members.export from `after`). `total` comes with the first chunk; `onProgress` answering false
 * stops before the rest is read (Excel's limit, a cancel): null then.
 */
export async function fetchMemberFile(
  fetchChunk: (after: string | undefined) => Promise<OutputOf<'members.export'>>,
  onProgress: (p: ExportProgress) => boolean,
): Promise<MemberFileRow[] | null> {
  const rows: MemberFileRow[] = [];
  let after: string | undefined;
  let total = 0;
  do {
    const chunk = await fetchChunk(after);
    total = chunk.total ?? total;
    rows.push(...chunk.items);
    if (!onProgress({ done: rows.length, total })) return null;
    after = chunk.next ?? undefined;
  } while (after);
  return rows;
}
