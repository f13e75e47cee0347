import { useEffect, useState } from 'react';
import { Alert, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LOCK_MINUTES_MAX, LOCK_MINUTES_MIN } from '../../../shared/contract/session-lock';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSessionLock } from './SessionLock';

/** 设置 → 闲置锁屏 (admin): the minutes without use before every window of the store locks. */
export function LockSettingsCard() {
  const { t } = useTranslation();
  const { setIdleMinutes } = useSessionLock();
  const [minutes, setMinutes] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('auth.lockSettings', {}).then((s) => setMinutes(String(s.idleMinutes)), setError);
  }, []);

  async function save() {
    setError(null);
    setSaved(null);
    try {
      // Sent as typed: the service refuses what is not a whole number of minutes in range, with the field named.
      const result = await api.call('auth.saveLockSettings', { idleMinutes: minutes.trim() === '' ? Number.NaN : Number(minutes) });
      setSaved(result.idleMinutes);
      setIdleMinutes(result.idleMinutes);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Stack spacing={1} data-testid="settings-lock">
      <Typography variant="h6" component="h2">
        {t('sessionLock.settingsTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('sessionLock.settingsHelp')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField
          size="small"
          type="number"
          label={t('sessionLock.minutes')}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          slotProps={{ htmlInput: { min: LOCK_MINUTES_MIN, max: LOCK_MINUTES_MAX, 'data-testid': 'lock-minutes' } }}
          sx={{ width: 120 }}
        />
        <Button variant="outlined" onClick={() => void save()} data-testid="lock-minutes-save">
          {t('sessionLock.save')}
        </Button>
      </Stack>
      {saved !== null && <Alert severity="success">{t('sessionLock.saved', { minutes: saved })}</Alert>}
      <ErrorAlert error={error} />
    </Stack>
  );
}
