import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { EncryptionStatus } from '../../../shared/contract/encryption';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseField } from './PassphraseField';

/**
 * 在本机记住密码 (Electron, where the OS keychain can keep it): off forgets it (encryption.forget);
 * on asks the passphrase once, which the services check is the store's before main keeps it
 * (encryption.unlock with remember, electron/keychain.ts).
 */
export function RememberOnThisPc({ remembered, onChanged }: { remembered: boolean; onChanged: (status: EncryptionStatus) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<'forgotten' | null>(null);
  const wrong = error instanceof ApiError && error.code === 'WRONG_PASSPHRASE';

  async function run(call: () => Promise<EncryptionStatus>, after: () => void) {
    setError(null);
    try {
      onChanged(await call());
      after();
    } catch (err) {
      setError(err);
    }
  }

  function remember(e: FormEvent) {
    e.preventDefault();
    void run(
      () => api.call('encryption.unlock', { passphrase, remember: true }),
      () => {
        setAsking(false);
        setPassphrase('');
        setNote(null);
      },
    );
  }

  return (
    <Box data-testid="encryption-remember">
      <FormControlLabel
        control={
          <Switch
            checked={remembered || asking}
            onChange={(e) =>
              e.target.checked
                ? setAsking(true)
                : remembered
                  ? void run(
                      () => api.call('encryption.forget', {}),
                      () => setNote('forgotten'),
                    )
                  : setAsking(false)
            }
            name="remember"
          />
        }
        label={t('encryption.card.remember')}
      />
      <Typography variant="body2" color="text.secondary">
        {t('encryption.card.rememberHelp')}
      </Typography>
      {asking && !remembered && (
        <Stack component="form" direction="row" spacing={1} onSubmit={remember} sx={{ mt: 1, alignItems: 'flex-start' }} noValidate>
          <PassphraseField
            name="rememberPassphrase"
            size="small"
            label={t('encryption.fields.current')}
            value={passphrase}
            onChange={setPassphrase}
            error={wrong}
            helperText={wrong ? t('encryption.unlock.wrong') : ' '}
            autoFocus
          />
          <Button type="submit" variant="outlined" disabled={!passphrase}>
            {t('encryption.card.rememberSubmit')}
          </Button>
        </Stack>
      )}
      {!wrong && <ErrorAlert error={error} />}
      {note && <Alert severity="success">{t('encryption.card.forgotten')}</Alert>}
    </Box>
  );
}
