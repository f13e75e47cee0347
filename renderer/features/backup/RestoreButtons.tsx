import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../shared/contract/backup';
import type { BackupContents } from '../../../shared/contract/restore';
import { api } from '../../api/client';
import { ApiError } from '../../api/apiError';
import { errorMessage } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { useFilePicker } from '../../components/useFilePicker';
import { fileSize } from './fileSize';
import { RESTORED_NOTE } from './restoredNote';

type Source = { backupFile: string } | { upload: string };

/**
 * 恢复… on a backup of the list, or 从文件恢复… (a file from a USB stick, a new PC's first day):
 * what the backup holds first (backup.inspect), then the admin's confirmation, then
 * backup.restore. The store is then the backup's, every session has ended, and the app starts
 * again at the login, which says to when the store went back.
 */
export function RestoreButtons({ backup }: { backup?: Backup }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source | null>(null);
  const [error, setError] = useState<unknown>(null);
  const picker = useFilePicker({
    filters: [
      { name: 'BranchDesk', extensions: ['sqlite', 'db'] },
      { name: '*', extensions: ['*'] },
    ],
    testId: 'restore-file-input',
    onChosen: ([file]) => {
      file
        .upload()
        .then(({ token }) => setSource({ upload: token }))
        .catch(setError);
    },
    onError: setError,
  });

  if (backup?.fileName) {
    const fileName = backup.fileName;
    return (
      <>
        <Button size="small" onClick={() => setSource({ backupFile: fileName })} data-testid="restore-backup">
          {t('restore.fromBackup')}
        </Button>
        {source && <RestoreDialog source={source} onClose={() => setSource(null)} />}
      </>
    );
  }
  return (
    <>
      <Button variant="outlined" onClick={picker.open} data-testid="restore-file">
        {t('restore.fromFile')}
      </Button>
      {picker.input}
      {error !== null && !source && <ErrorAlert error={error} />}
      {source && <RestoreDialog source={source} onClose={() => setSource(null)} />}
    </>
  );
}

/** A backup encrypted under a passphrase that is not the store's: the dialog asks for that backup's own. */
const needsPassphrase = (err: unknown) => err instanceof ApiError && err.code === 'BAD_FILE' && err.details.reason === 'other_passphrase';

function RestoreDialog({ source, onClose }: { source: Source; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [contents, setContents] = useState<BackupContents | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [understood, setUnderstood] = useState(false);
  const [restoring, setRestoring] = useState(false);
  // Typed in the dialog, kept only in its state, sent with the inspect and the restore that follows.
  const [passphrase, setPassphrase] = useState('');
  const [given, setGiven] = useState<string | undefined>(undefined);
  const asked = needsPassphrase(error);

  useEffect(() => {
    setError(null);
    api.call('backup.inspect', { ...source, passphrase: given }).then(setContents, setError);
  }, [source, given]);

  async function restore() {
    setRestoring(true);
    try {
      const result = await api.call('backup.restore', { ...source, passphrase: given, confirm: true });
      // The sessions have ended with the old store: the app starts again at the login, which says so.
      sessionStorage.setItem(RESTORED_NOTE, JSON.stringify({ to: result.restoredTo, preRestoreFile: result.preRestoreFile }));
      api.setSession(null);
      window.location.hash = '#/';
      window.location.reload();
    } catch (err) {
      setError(err);
      setRestoring(false);
    }
  }

  const time = (iso: string | null) => (iso ? formatTime(iso, i18n.language) : t('restore.nothingYet'));
  return (
    <Dialog open onClose={restoring ? undefined : onClose} maxWidth="sm" fullWidth data-testid="restore-dialog">
      <DialogTitle>{t('restore.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          {!contents && !error && <CircularProgress size={28} aria-label={t('restore.reading')} />}
          {asked ? (
            <Stack
              component="form"
              spacing={1}
              onSubmit={(e) => {
                e.preventDefault();
                if (passphrase !== '') setGiven(passphrase);
              }}
            >
              <Alert severity={given === undefined ? 'info' : 'error'}>
                {given === undefined ? errorMessage(t, error) : t('restore.passphraseWrong')}
              </Alert>
              <TextField
                type="password"
                label={t('restore.passphrase')}
                helperText={t('restore.passphraseHelp')}
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                autoFocus
                autoComplete="off"
                slotProps={{ htmlInput: { 'data-testid': 'restore-passphrase' } }}
              />
              <Button type="submit" variant="outlined" disabled={passphrase === ''} data-testid="restore-try-passphrase">
                {t('restore.tryPassphrase')}
              </Button>
            </Stack>
          ) : (
            <ErrorAlert error={error} />
          )}
          {contents && (
            <>
              <Stack spacing={0.5} data-testid="restore-contents">
                <Typography>{t('restore.takenAt', { time: time(contents.takenAt) })}</Typography>
                <Typography>{t('restore.store', { name: contents.branch.name, code: contents.branch.code })}</Typography>
                <Typography>{t('restore.members', { n: contents.members.toLocaleString('en-US') })}</Typography>
                <Typography>{t('restore.lastSale', { time: time(contents.lastSaleAt) })}</Typography>
                <Typography color="text.secondary">{t('restore.size', { size: fileSize(contents.bytes) })}</Typography>
              </Stack>
              {!contents.sameStore && <Alert severity="info">{t('restore.otherStore')}</Alert>}
              <Alert severity="warning">{t('restore.warning', { time: time(contents.takenAt) })}</Alert>
              <FormControlLabel
                control={<Checkbox checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />}
                label={t('restore.understood')}
                data-testid="restore-understood"
              />
            </>
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={restoring}>
          {t('restore.cancel')}
        </Button>
        <Button
          variant="contained"
          color="warning"
          onClick={() => void restore()}
          disabled={!contents || !understood || restoring}
          data-testid="restore-confirm"
        >
          {restoring ? t('restore.restoring') : t('restore.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
