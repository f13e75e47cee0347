import { useState, type FormEvent } from 'react';
import { Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  name: string;
  /** the idle minutes when the lock came by itself; null when locked by hand */
  minutes: number | null;
  onResumed: (result: OutputOf<'auth.resume'>) => void;
  onSwitch: () => void;
  onLogout: () => void;
}

/**
 * Covers the whole window, opaque: nothing of the page behind is readable, while the page stays
 * mounted (inert) with whatever was typed in it. Only the PIN of who is logged in goes on here;
 * 换人 hands the window to a colleague.
 */
export function LockOverlay({ name, minutes, onResumed, onSwitch, onLogout }: Props) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function resume(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onResumed(await api.call('auth.resume', { pin }));
    } catch (err) {
      setError(err);
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Box
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
      data-testid="lock-overlay"
      sx={{
        position: 'fixed',
        inset: 0,
        zIndex: (theme) => theme.zIndex.modal - 1,
        bgcolor: 'background.default',
        display: 'grid',
        placeItems: 'center',
      }}
    >
      <Paper component="form" onSubmit={resume} noValidate elevation={3} sx={{ p: 4, width: 400, maxWidth: '90vw' }}>
        <Stack spacing={2}>
          <Typography variant="h5" component="h1" id="lock-title">
            {t('sessionLock.title')}
          </Typography>
          <Typography color="text.secondary">
            {minutes === null ? t('sessionLock.bodyByHand', { name }) : t('sessionLock.body', { name, minutes })}
          </Typography>
          <TextField
            label={t('sessionLock.pin')}
            type="password"
            name="resume-pin"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            autoFocus
            autoComplete="off"
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'lock-pin' } }}
          />
          <ErrorAlert error={error} />
          <Button type="submit" variant="contained" size="large" disabled={busy || pin.length < 4} data-testid="lock-resume">
            {t('sessionLock.resume')}
          </Button>
          <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
            <Button onClick={onSwitch} data-testid="lock-switch">
              {t('sessionLock.switchKey')}
            </Button>
            <Button color="inherit" onClick={onLogout}>
              {t('sessionLock.logout')}
            </Button>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}
