import type { TFunction } from 'i18next';
import type { OutputOf } from '../../../shared/contract/index';
import { reportCsv } from '../../components/reports/exportFile';
import type { ReportColumn } from '../../components/reports/columns';
import { reasonText } from './importText';

type Rejected = OutputOf<'import.rejected'>;
type RejectedRow = Rejected['rows'][number];

/**
 * The refused rows as a CSV to fix and import again: the file's own columns as they were, then
 * the row's number in the file and why it was refused (each problem with its column). UTF-8 with
 * a BOM, as the reports' files, so Excel on Chinese Windows opens it right; the importer leaves
 * the two added columns out, and takes off the apostrophe the export puts before a "+86…".
 */
export function rejectedCsv(t: TFunction, rejected: Rejected): string {
  const columns: ReportColumn<RejectedRow>[] = [
    ...rejected.headers.map((header, i) => ({ key: `c${i}`, header, value: (r: RejectedRow) => r.cells[i] ?? '' })),
    { key: 'row', header: t('importPage.rejected.row'), value: (r) => String(r.row) },
    {
      key: 'reason',
      header: t('importPage.rejected.reason'),
      value: (r) =>
        r.problems
          .map((p) => (p.column ? t('importPage.rejected.inColumn', { column: p.column, reason: reasonText(t, p) }) : reasonText(t, p)))
          .join(t('importPage.rejected.separator')),
    },
  ];
  return reportCsv({ columns, rows: rejected.rows });
}

/** `会员资料-无效行` for `会员资料.csv`: the file it came from, and what it holds. */
export function rejectedFileName(t: TFunction, fileName: string): string {
  return `${fileName.replace(/\.[^.]+$/, '')}-${t('importPage.rejected.fileSuffix')}`;
}
