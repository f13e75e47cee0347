import { useEffect, useState } from 'react';
import { Alert, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { BackupStatus } from '../../../shared/contract/backup';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { formatTime } from '../../components/format';

/**
 * The dashboard's (and the settings page's) warning that the store's data is not safe enough:
 * no good backup copied off this PC within the warning's days (or, with no second place set, no
 * good backup at all within them), or the last backup failed. Says nothing when all is well.
 */
export function BackupWarning({ given, linked = true }: { given?: BackupStatus; linked?: boolean } = {}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { staff } = useSession();
  const [read, setRead] = useState<BackupStatus | null>(null);
  // The backups page passes the status it reads (again after a save or a backup); elsewhere it is asked once.
  const status = given ?? read;

  useEffect(() => {
    if (given) return;
    // The warning is a reminder: a failure to read it must not put an error on the dashboard.
    api.call('backup.status', {}).then(setRead, () => setRead(null));
  }, [given]);

  if (!status) return null;
  const lines = warningLines(status);
  if (lines.length === 0) return null;
  const admin = roleAtLeast(staff.role, 'admin');
  // Backups kept only on this PC are a reminder; an overdue or failed one is a warning.
  const onlyHere = lines.length === 1 && lines[0][0] === 'onlyHere';
  return (
    <Alert
      severity={onlyHere ? 'info' : 'warning'}
      data-testid="backup-warning"
      action={
        admin && linked ? (
          <Button color="inherit" size="small" onClick={() => navigate('/settings/backups')}>
            {t('backupPage.warning.open')}
          </Button>
        ) : undefined
      }
    >
      {lines.map(([key, params]) => (
        <div key={key}>
          {t(`backupPage.warning.${key}`, {
            ...params,
            time: params.time ? formatTime(params.time, i18n.language) : '',
            reason: params.reason ? t(params.reason) : '',
          })}
        </div>
      ))}
    </Alert>
  );
}

type Line = [key: string, params: { days?: number; time?: string | null; reason?: string }];

/** What the warning says, in order: the overdue copy (or backup), then why the last one failed. */
export function warningLines(status: BackupStatus): Line[] {
  const lines: Line[] = [];
  const days = status.warnDays;
  if (status.offsiteOverdue) {
    if (status.offsiteSet)
      lines.push(status.lastOffsiteAt ? ['overdueOffsite', { days, time: status.lastOffsiteAt }] : ['neverOffsite', {}]);
    else lines.push(status.lastOkAt ? ['overdueLocal', { days, time: status.lastOkAt }] : ['neverLocal', {}]);
  }
  // No second place: every backup is on the PC that may break or be stolen (the warning
  // is about the last copy OFF this machine, which then never happens).
  if (!status.offsiteSet) lines.push(['onlyHere', {}]);
  if (status.offsiteError) lines.push(['offsiteError', { reason: `backup.offsite.${status.offsiteError}` }]);
  if (status.lastFailed?.error) lines.push(['lastFailed', { reason: `backup.errors.${status.lastFailed.error}` }]);
  return lines;
}
