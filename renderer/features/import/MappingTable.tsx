import { MenuItem, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import { columnLetter } from '../../../shared/import/file-refusals';
import { fieldName, fieldsOf, isNotImported, sampleValues } from './importText';

/** The select's value for a column left out (a select cannot hold null). */
const LEFT_OUT = '';

/**
 * Each column of the file as Excel names it, its header, two of its values, and the field it is
 * imported as. A field another column already has is marked, not hidden: moving it is one choice.
 */
export function MappingTable({
  session,
  mapping,
  problems,
  disabled,
  onChange,
}: {
  session: ImportSession;
  mapping: (string | null)[];
  problems: Record<number, string>;
  disabled: boolean;
  onChange: (column: number, field: string | null) => void;
}) {
  const { t } = useTranslation();
  const fields = fieldsOf(session.kind);
  const columnOf = (field: string) => mapping.indexOf(field);

  return (
    <TableContainer>
      <Table size="small" aria-label={t('importPage.mapping.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ fontWeight: 700, width: 48 }}>{t('importPage.mapping.column')}</TableCell>
            <TableCell sx={{ fontWeight: 700 }}>{t('importPage.mapping.header')}</TableCell>
            <TableCell sx={{ fontWeight: 700 }}>{t('importPage.mapping.samples')}</TableCell>
            <TableCell sx={{ fontWeight: 700, width: 300 }}>{t('importPage.mapping.field')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {session.file.headers.map((header, column) => {
            const letter = columnLetter(column + 1);
            return (
              <TableRow key={column} data-testid={`mapping-row-${column}`}>
                <TableCell>{letter}</TableCell>
                <TableCell sx={{ fontWeight: 500 }}>{header}</TableCell>
                <TableCell>
                  {sampleValues(session, column).map((value, i) => (
                    <Typography key={i} variant="body2" color="text.secondary" noWrap sx={{ maxWidth: 320 }} title={value}>
                      {value}
                    </Typography>
                  ))}
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    value={mapping[column] ?? LEFT_OUT}
                    onChange={(e) => onChange(column, e.target.value === LEFT_OUT ? null : e.target.value)}
                    disabled={disabled}
                    error={problems[column] !== undefined}
                    helperText={problems[column]}
                    slotProps={{ htmlInput: { 'aria-label': t('importPage.mapping.fieldOf', { header }) } }}
                    data-testid={`mapping-field-${column}`}
                  >
                    <MenuItem value={LEFT_OUT}>
                      <em>{t('importPage.mapping.leaveOut')}</em>
                    </MenuItem>
                    {fields.map((field) => {
                      const elsewhere = columnOf(field);
                      const notes = [
                        isNotImported(session.kind, field) ? t('importPage.mapping.notImported') : null,
                        elsewhere >= 0 && elsewhere !== column
                          ? t('importPage.mapping.usedBy', { column: columnLetter(elsewhere + 1) })
                          : null,
                      ].filter(Boolean);
                      return (
                        <MenuItem key={field} value={field}>
                          {fieldName(t, field)}
                          {notes.length > 0 && (
                            <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                              {notes.join(' · ')}
                            </Typography>
                          )}
                        </MenuItem>
                      );
                    })}
                  </TextField>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
