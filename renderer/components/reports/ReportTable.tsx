import type { KeyboardEvent } from 'react';
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip } from '@mui/material';
import { columnAlign, displayText, type ReportColumn } from './columns';

export interface ReportTableProps<Row> {
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
  /** Shown last, in bold. */
  totalRow?: Row;
  /** Stable React keys; the row's position when not given. */
  rowKey?: (row: Row, index: number) => string;
  /** Makes rows clickable and reachable with Tab + Enter (e.g. to open a segment's member list). */
  onRowClick?: (row: Row) => void;
  /** Translated text for a report with no rows. */
  emptyText: string;
  /** The table's accessible name (the report title). */
  label: string;
}

export function ReportTable<Row>({ columns, rows, totalRow, rowKey, onRowClick, emptyText, label }: ReportTableProps<Row>) {
  const numeric = (column: ReportColumn<Row>) => (column.kind ?? 'text') !== 'text';
  const cells = (row: Row, bold: boolean) =>
    columns.map((column) => (
      <TableCell
        key={column.key}
        align={columnAlign(column)}
        sx={{
          fontWeight: bold ? 700 : undefined,
          fontVariantNumeric: numeric(column) ? 'tabular-nums' : undefined,
          whiteSpace: column.noWrap ? 'nowrap' : undefined,
        }}
      >
        {displayText(column, row)}
      </TableCell>
    ));
  const openOnEnter = (row: Row) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' && onRowClick) onRowClick(row);
  };

  return (
    <TableContainer>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column.key} align={columnAlign(column)} sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
                {column.help ? (
                  <Tooltip title={column.help} describeChild>
                    <Box component="span" sx={{ borderBottom: '1px dotted', cursor: 'help' }}>
                      {column.header}
                    </Box>
                  </Tooltip>
                ) : (
                  column.header
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length} align="center" sx={{ color: 'text.secondary', py: 3 }}>
                {emptyText}
              </TableCell>
            </TableRow>
          )}
          {rows.map((row, index) => (
            <TableRow
              key={rowKey ? rowKey(row, index) : index}
              hover={onRowClick !== undefined}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              onKeyDown={onRowClick ? openOnEnter(row) : undefined}
              tabIndex={onRowClick ? 0 : undefined}
              sx={onRowClick ? { cursor: 'pointer' } : undefined}
            >
              {cells(row, false)}
            </TableRow>
          ))}
          {totalRow !== undefined && rows.length > 0 && <TableRow>{cells(totalRow, true)}</TableRow>}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
