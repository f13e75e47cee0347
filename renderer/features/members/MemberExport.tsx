import { useRef, useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { memberFileName } from '../../../shared/member-file';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { storeToday } from '../../components/format';
import { CSV_MIME, downloadFile, reportCsv, reportXlsx, XLSX_MIME } from '../../components/reports/exportFile';
import type { ListFilters } from './listParams';
import { EXPORT_CHUNK, fetchMemberFile, memberFileTable, XLSX_MAX_MEMBERS, type ExportProgress } from './memberFile';

type Format = 'csv' | 'xlsx';

interface Run {
  format: Format;
  progress: ExportProgress | null;
  running: boolean;
  /** the members there were, when more than Excel takes */
  tooMany: number | null;
  empty: boolean;
  saved: { count: number; file: string } | null;
  error: unknown;
}

/** 导出 CSV / 导出 Excel for managers: every member the filters match, in the import's layout. */
export function MemberExport({ filters }: { filters: ListFilters }) {
  const { t } = useTranslation();
  const [run, setRun] = useState<Run | null>(null);
  const stopped = useRef(false);
  const update = (patch: Partial<Run>) => setRun((r) => (r ? { ...r, ...patch } : r));

  async function start(format: Format) {
    stopped.current = false;
    setRun({ format, progress: null, running: true, tooMany: null, empty: false, saved: null, error: null });
    try {
      const chunk = (after: string | undefined) => api.call('members.export', { ...filters, after, limit: EXPORT_CHUNK });
      const rows = await fetchMemberFile(chunk, (progress) => {
        if (stopped.current) return false;
        if (format === 'xlsx' && progress.total > XLSX_MAX_MEMBERS) {
          update({ tooMany: progress.total });
          return false;
        }
        update({ progress });
        return true;
      });
      if (!rows) return;
      if (rows.length === 0) return update({ empty: true });
      const file = memberFileName(storeToday(), format);
      const table = memberFileTable(rows);
      if (format === 'csv') downloadFile(reportCsv(table), file, CSV_MIME);
      else downloadFile(await reportXlsx(table, { title: '会员列表' }), file, XLSX_MIME);
      update({ saved: { count: rows.length, file } });
    } catch (error) {
      update({ error });
    } finally {
      update({ running: false });
    }
  }

  const close = () => {
    stopped.current = true;
    setRun(null);
  };
  const p = run?.progress;
  return (
    <>
      <Stack direction="row" spacing={1}>
        <Button
          variant="outlined"
          size="small"
          onClick={() => void start('xlsx')}
          disabled={run?.running}
          data-testid="members-export-xlsx"
        >
          {t('membersList.export.xlsx')}
        </Button>
        <Button variant="outlined" size="small" onClick={() => void start('csv')} disabled={run?.running} data-testid="members-export-csv">
          {t('membersList.export.csv')}
        </Button>
      </Stack>
      <Dialog open={run !== null} onClose={close} fullWidth maxWidth="sm" data-testid="members-export-dialog">
        <DialogTitle>{t('membersList.export.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {t('membersList.export.layout')}
            </Typography>
            {run?.running && !run.tooMany && (
              <>
                <LinearProgress
                  variant={p && p.total > 0 ? 'determinate' : 'indeterminate'}
                  value={p && p.total > 0 ? (100 * p.done) / p.total : 0}
                />
                {p && (
                  <Typography variant="body2">
                    {t('membersList.export.reading', { done: p.done.toLocaleString('en-US'), total: p.total.toLocaleString('en-US') })}
                  </Typography>
                )}
              </>
            )}
            {run?.tooMany && (
              <Alert severity="warning" data-testid="members-export-too-many">
                {t('membersList.export.tooMany', {
                  max: XLSX_MAX_MEMBERS.toLocaleString('en-US'),
                  total: run.tooMany.toLocaleString('en-US'),
                })}
              </Alert>
            )}
            {run?.empty && <Alert severity="info">{t('membersList.export.none')}</Alert>}
            {run?.saved && (
              <Alert severity="success" data-testid="members-export-done">
                {t('membersList.export.done', { count: run.saved.count, file: run.saved.file })}
              </Alert>
            )}
            <ErrorAlert error={run?.error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{run?.running ? t('common.cancel') : t('common.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
