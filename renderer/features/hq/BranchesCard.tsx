import {
  Card,
  CardContent,
  CardHeader,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { useReport } from '../reports/useReport';

/** Each branch that has sent a file: its newest export, how long ago, and a warning when it has gone quiet. */
export function BranchesCard({ refresh }: { refresh: number }) {
  const { t, i18n } = useTranslation();
  const { data, error } = useReport('hq.branches', {}, refresh);
  const c = (key: string) => t(`hq.merge.branchColumns.${key}`);
  const head = ['branch', 'lastSeq', 'lastExportAt', 'daysSince', 'lastMergedAt', 'files', 'status'] as const;
  const numeric = new Set<string>(['lastSeq', 'daysSince', 'files']);

  return (
    <Card>
      <CardHeader title={t('hq.merge.branchesTitle')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        <ErrorAlert error={error} />
        <TableContainer>
          <Table size="small" aria-label={t('hq.merge.branchesTitle')} data-testid="hq-branches">
            <TableHead>
              <TableRow>
                {head.map((key) => (
                  <TableCell key={key} align={numeric.has(key) ? 'right' : 'left'} sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
                    {c(key)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data && data.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={head.length} align="center" sx={{ color: 'text.secondary', py: 3 }}>
                    {t('hq.merge.branchesEmpty')}
                  </TableCell>
                </TableRow>
              )}
              {data?.items.map((b) => (
                <TableRow key={b.branch.id} data-testid="hq-branch">
                  <TableCell>
                    {b.branch.name}（{b.branch.code}）
                  </TableCell>
                  <TableCell align="right">{b.lastSeq}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(b.lastExportAt, i18n.language)}</TableCell>
                  <TableCell align="right">{t('hq.merge.daysAgo', { days: b.daysSinceExport })}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(b.lastMergedAt, i18n.language)}</TableCell>
                  <TableCell align="right">{b.files}</TableCell>
                  <TableCell>
                    {b.quiet ? (
                      <Tooltip title={t('hq.merge.quietHelp', { days: data.quietAfterDays })}>
                        <Chip size="small" color="warning" label={t('hq.merge.quiet')} data-testid="branch-quiet" />
                      </Tooltip>
                    ) : (
                      <Chip size="small" variant="outlined" color="success" label={t('hq.merge.ok')} />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </CardContent>
    </Card>
  );
}
