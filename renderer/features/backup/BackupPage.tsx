import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Backup, BackupSettings, BackupStatus } from '../../../shared/contract/backup';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { BackupSettingsCard } from './BackupSettingsCard';
import { BackupWarning } from './BackupWarning';
import { RestoreButtons } from './RestoreButtons';
import { fileSize } from './fileSize';

interface Listed {
  items: Backup[];
  settings: BackupSettings;
  status: BackupStatus;
  folder: string;
}

/** While a backup is being copied or checked the list is read again this often, so its row turns good or failed by itself. */
const POLL_MS = 2000;

/** 数据备份 (admins): the backups with their checks, 立即备份, the settings, and restore. */
export function BackupPage() {
  const { t, i18n } = useTranslation();
  const [listed, setListed] = useState<Listed | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [requested, setRequested] = useState(false);

  const load = useCallback(() => api.call('backup.list', {}).then(setListed, setError), []);
  useEffect(() => void load(), [load]);
  const busy = listed?.items.some((b) => b.state === 'requested' || b.state === 'copying' || b.state === 'verifying') ?? false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy, load]);

  async function backupNow() {
    try {
      await api.call('backup.create', {});
      setError(null);
      setRequested(true);
      await load();
    } catch (err) {
      setError(err);
    }
  }

  const time = (iso: string | null) => formatTime(iso, i18n.language);
  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 3 }}>
        <Typography variant="h5" component="h1" gutterBottom>
          {t('backupPage.title')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2, maxWidth: 760 }}>
          {t('backupPage.intro')}
        </Typography>
        <Stack spacing={1.5}>
          {listed && <BackupWarning given={listed.status} linked={false} />}
          <ErrorAlert error={error} />
          {listed && (
            <Stack direction="row" sx={{ columnGap: 4, rowGap: 1, flexWrap: 'wrap' }} data-testid="backup-summary">
              <Typography>
                {t('backupPage.lastOk')}：{listed.status.lastOkAt ? time(listed.status.lastOkAt) : t('backupPage.none')}
              </Typography>
              <Typography>
                {t('backupPage.lastOffsite')}：
                {listed.status.offsiteSet
                  ? listed.status.lastOffsiteAt
                    ? time(listed.status.lastOffsiteAt)
                    : t('backupPage.none')
                  : t('backupPage.noDestination')}
              </Typography>
            </Stack>
          )}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Button variant="contained" onClick={() => void backupNow()} disabled={busy} data-testid="backup-now">
              {t('backupPage.backupNow')}
            </Button>
            {listed?.status.running && (
              <Typography color="text.secondary" data-testid="backup-running">
                {t('backupPage.running', {
                  kind: t(`backup.kinds.${listed.status.running.kind}`),
                  state: t(`backup.states.${listed.status.running.state}`),
                })}
              </Typography>
            )}
            <Box sx={{ flex: 1 }} />
            <RestoreButtons />
          </Stack>
          {requested && busy && (
            <Alert severity="info" onClose={() => setRequested(false)}>
              {t('backupPage.requested')}
            </Alert>
          )}
        </Stack>
      </Paper>

      <Paper sx={{ p: 3 }}>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('backupPage.listTitle')}
        </Typography>
        {listed && listed.items.length === 0 && <Typography color="text.secondary">{t('backupPage.empty')}</Typography>}
        {listed && listed.items.length > 0 && <BackupTable items={listed.items} />}
        {listed && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5, wordBreak: 'break-all' }}>
            {t('backupPage.folder', { folder: listed.folder })}
          </Typography>
        )}
      </Paper>

      {listed && <BackupSettingsCard settings={listed.settings} onSaved={() => void load()} />}
    </Stack>
  );
}

const stateColor = { ok: 'success', failed: 'error' } as const;

function BackupTable({ items }: { items: Backup[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table size="small" data-testid="backup-list">
      <TableHead>
        <TableRow>
          {(['time', 'kind', 'state', 'size', 'check', 'offsite', 'keep'] as const).map((c) => (
            <TableCell key={c}>{t(`backupPage.columns.${c}`)}</TableCell>
          ))}
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((b) => (
          <TableRow key={b.id} data-testid="backup-row">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(b.snapshotAt ?? b.requestedAt, i18n.language)}</TableCell>
            <TableCell>{t(`backup.kinds.${b.kind}`)}</TableCell>
            <TableCell>
              <Chip
                size="small"
                label={t(`backup.states.${b.state}`)}
                color={b.state === 'ok' || b.state === 'failed' ? stateColor[b.state] : 'default'}
              />
            </TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{b.bytes === null ? '—' : fileSize(b.bytes)}</TableCell>
            <TableCell>
              {b.error
                ? t(`backup.errors.${b.error}`)
                : b.check && b.state === 'ok'
                  ? t('backupPage.checkOk', { members: b.check.members.toLocaleString('en-US') })
                  : '—'}
            </TableCell>
            <TableCell>
              {b.offsite.state === 'copied'
                ? t('backupPage.offsiteCopied')
                : b.offsite.state === 'failed'
                  ? `${t('backupPage.offsiteFailed')}：${b.offsite.error ? t(`backup.offsite.${b.offsite.error}`) : ''}`
                  : t('backupPage.offsiteNone')}
            </TableCell>
            <TableCell>{b.keep ? t(`backup.keep.${b.keep}`) : '—'}</TableCell>
            <TableCell>{b.state === 'ok' && b.fileName && <RestoreButtons backup={b} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
