import { useState } from 'react';
import { Box, Button, Chip, Collapse, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/errors';
import { resultLines, tableName, tablesWithRows, type MergeOutcome } from './mergeRun';

const CHIP_COLOR = { waiting: 'default', merging: 'info', merged: 'success', already: 'default', refused: 'error' } as const;

/** A file's size as people read it: 12.3 KB, 4.5 MB. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One chosen file: its name, where it stands, and once merged what it added, or why it was refused. */
export function MergeFileRow({ name, size, outcome }: { name: string; size: number; outcome: MergeOutcome }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const result = outcome.state === 'merged' || outcome.state === 'already' ? outcome.result : null;
  // A file merged before changed nothing: its tables have nothing to tell.
  const tables = result && !result.alreadyMerged ? tablesWithRows(result) : [];
  const c = (key: string) => t(`hq.merge.columns.${key}`);

  return (
    <Box
      component="li"
      sx={{ py: 1.5, borderBottom: 1, borderColor: 'divider', listStyle: 'none' }}
      data-testid="merge-file"
      data-state={outcome.state}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography sx={{ fontWeight: 600, wordBreak: 'break-all' }}>{name}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
          {sizeText(size)}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Chip size="small" color={CHIP_COLOR[outcome.state]} label={t(`hq.merge.states.${outcome.state}`)} data-testid="merge-state" />
      </Stack>
      {outcome.state === 'refused' && (
        <Typography color="error" variant="body2" role="alert" sx={{ mt: 0.5 }} data-testid="merge-refusal">
          {errorMessage(t, outcome.error)}
        </Typography>
      )}
      {result && (
        <Box sx={{ mt: 0.5 }} data-testid="merge-result">
          {resultLines(t, result, i18n.language).map((line) => (
            <Typography key={line} variant="body2">
              {line}
            </Typography>
          ))}
          <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
            {tables.length > 0 && (
              <Button size="small" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
                {open ? t('hq.merge.hideDetails') : t('hq.merge.details')}
              </Button>
            )}
            {tables.length > 0 && result.conflicts > 0 && (
              <Button size="small" onClick={() => navigate('/conflicts')}>
                {t('hq.merge.openConflicts')}
              </Button>
            )}
          </Stack>
          <Collapse in={open} unmountOnExit>
            <Table size="small" sx={{ maxWidth: 560 }} aria-label={t('hq.merge.details')} data-testid="merge-tables">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ fontWeight: 700 }}>{c('table')}</TableCell>
                  {(['added', 'updated', 'unchanged'] as const).map((k) => (
                    <TableCell key={k} align="right" sx={{ fontWeight: 700 }}>
                      {c(k)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {tables.map((row) => (
                  <TableRow key={row.table}>
                    <TableCell>{tableName(t, row.table)}</TableCell>
                    {(['added', 'updated', 'unchanged'] as const).map((k) => (
                      <TableCell key={k} align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {row[k].toLocaleString('en-US')}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Collapse>
        </Box>
      )}
    </Box>
  );
}
