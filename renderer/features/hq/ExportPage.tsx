import { useMemo, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, CardHeader, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ExportRecord } from '../../../shared/contract/hq';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { ReportTable } from '../../components/reports/ReportTable';
import type { ReportColumn } from '../../components/reports/columns';
import { downloadFile } from '../../components/reports/exportFile';
import { useReport } from '../reports/useReport';
import { base64ToBytes } from './base64';
import { ExportPassphraseCard } from './ExportPassphraseCard';
import { JoinChainForm } from './JoinChainForm';
import { exportedBy } from './madeBy';
import { tableName } from './mergeRun';

type Mode = 'incremental' | 'full';

/** 上报总部 (a branch's managers): the chain code, what the next export holds, the export buttons and past exports. */
export function ExportPage() {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const [refresh, setRefresh] = useState(0);
  const allowed = roleAtLeast(staff.role, 'manager');
  const { data: status, error: loadError, loading } = useReport('hq.status', allowed ? {} : null, refresh);
  const [busy, setBusy] = useState<Mode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const columns = useMemo<ReportColumn<ExportRecord>[]>(() => {
    const c = (key: string) => t(`hq.export.columns.${key}`);
    return [
      { key: 'seq', header: c('seq'), kind: 'number' },
      { key: 'mode', header: c('mode'), value: (r) => t(`hq.modes.${r.mode}`) },
      { key: 'createdAt', header: c('time'), value: (r) => formatTime(r.createdAt, i18n.language), noWrap: true },
      { key: 'createdByName', header: c('by'), value: (r) => exportedBy(t, r.createdByName) },
      { key: 'rows', header: c('rows'), kind: 'number' },
      { key: 'sha256', header: c('sha'), value: (r) => r.sha256.slice(0, 12), help: t('hq.export.shaHelp'), noWrap: true },
      { key: 'fileName', header: c('fileName') },
    ];
  }, [t, i18n.language]);

  // A typed-in URL gets a sentence, as the reports do; clerks have no tab.
  if (!allowed) return <Alert severity="info">{t('hq.forbidden')}</Alert>;

  async function exportNow(mode: Mode) {
    setBusy(mode);
    setError(null);
    setDone(null);
    try {
      const file = await api.call('hq.exportBranch', { mode });
      downloadFile(base64ToBytes(file.dataBase64), file.fileName, 'application/octet-stream');
      const rows = Object.values(file.manifest.rows).reduce((a, b) => a + b, 0);
      setDone(
        t('hq.export.exported', { seq: file.manifest.seq, mode: t(`hq.modes.${file.manifest.mode}`), rows, fileName: file.fileName }),
      );
      setRefresh((n) => n + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const pending = status ? Object.entries(status.pending).filter(([, count]) => count > 0) : [];
  const history = status ? [...status.exports].sort((a, b) => b.seq - a.seq) : [];
  const firstExport = status !== null && status.exports.length === 0;

  return (
    <Stack spacing={3}>
      <Typography variant="body1" data-testid="export-what">
        {t('hq.export.what')}
      </Typography>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={loadError} />
      {status && (
        <>
          <Card>
            <CardHeader title={t('hq.export.chainTitle')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
            <CardContent sx={{ pt: 0 }}>
              {status.chainCode ? (
                <Typography data-testid="chain-code">{t('hq.export.chainIs', { code: status.chainCode })}</Typography>
              ) : (
                <JoinChainForm onJoined={() => setRefresh((n) => n + 1)} />
              )}
            </CardContent>
          </Card>
          <ExportPassphraseCard kind="branch" isSet={status.exportPassphraseSet} onChanged={() => setRefresh((n) => n + 1)} />
          <Card>
            <CardHeader title={t('hq.export.pendingTitle')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
            <CardContent sx={{ pt: 0 }}>
              <Box data-testid="export-pending" sx={{ mb: 2 }}>
                {firstExport ? (
                  <Typography color="text.secondary">{t('hq.export.firstFull')}</Typography>
                ) : pending.length === 0 ? (
                  <Typography color="text.secondary">{t('hq.export.pendingNone')}</Typography>
                ) : (
                  <>
                    <Typography>{t('hq.export.pendingIntro')}</Typography>
                    <Box component="ul" sx={{ my: 0.5, pl: 3 }}>
                      {pending.map(([table, count]) => (
                        <li key={table}>{t('hq.export.pendingRow', { table: tableName(t, table), count })}</li>
                      ))}
                    </Box>
                    <Typography variant="body2" color="text.secondary">
                      {t('hq.export.alwaysSent')}
                    </Typography>
                  </>
                )}
              </Box>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                {/* The first export holds everything: 导出全部 is the one to press, and there are no changes yet to export. */}
                <Button
                  variant={firstExport ? 'outlined' : 'contained'}
                  disabled={busy !== null || !status.chainCode || firstExport || pending.length === 0}
                  onClick={() => void exportNow('incremental')}
                  data-testid="export-incremental"
                >
                  {busy === 'incremental' ? t('hq.export.exporting') : t('hq.export.incremental')}
                </Button>
                <Button
                  variant={firstExport ? 'contained' : 'outlined'}
                  disabled={busy !== null || !status.chainCode}
                  onClick={() => void exportNow('full')}
                  data-testid="export-full"
                >
                  {busy === 'full' ? t('hq.export.exporting') : t('hq.export.full')}
                </Button>
              </Stack>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {t('hq.export.modesHelp')}
              </Typography>
              <Box sx={{ mt: 2 }}>
                <ErrorAlert error={error} />
                {done && (
                  <Alert severity="success" data-testid="export-done">
                    {done}
                  </Alert>
                )}
              </Box>
            </CardContent>
          </Card>
          <Card>
            <CardHeader title={t('hq.export.historyTitle')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
            <CardContent sx={{ pt: 0 }} data-testid="export-history">
              <ReportTable
                columns={columns}
                rows={history}
                rowKey={(r) => String(r.seq)}
                emptyText={t('hq.export.historyEmpty')}
                label={t('hq.export.historyTitle')}
              />
            </CardContent>
          </Card>
        </>
      )}
    </Stack>
  );
}
