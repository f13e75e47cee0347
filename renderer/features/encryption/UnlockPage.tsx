import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, CircularProgress, FormControlLabel, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/contract/common';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CenteredCard } from '../../components/CenteredCard';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { applyLocale } from '../../i18n/index';
import { PassphraseField } from './PassphraseField';

interface Props {
  /** Electron with an OS keychain: the passphrase may be kept on this PC */
  keychain: boolean;
  onUnlocked: () => void;
}

/**
 * Before anything else when the store is encrypted and no passphrase was given: the services
 * answer nothing but this until it is (electron/backend/lockable.ts). Opening takes a moment, the
 * key derivation's, so the button says it is working.
 */
export function UnlockPage({ keychain, onUnlocked }: Props) {
  const { t, i18n } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const wrong = error instanceof ApiError && error.code === 'WRONG_PASSPHRASE';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!passphrase || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('encryption.unlock', { passphrase, ...(keychain && remember ? { remember: true } : {}) });
      setPassphrase('');
      onUnlocked();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <CenteredCard title={t('encryption.unlock.title')} subtitle={t('encryption.unlock.subtitle')}>
      <Box sx={{ mb: 2 }}>
        <LanguageSwitch size="small" value={i18n.language as Locale} onChange={(l) => void applyLocale(l)} />
      </Box>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate data-testid="unlock-form">
        <PassphraseField
          name="passphrase"
          label={t('encryption.unlock.passphrase')}
          value={passphrase}
          onChange={(value) => {
            setPassphrase(value);
            if (wrong) setError(null);
          }}
          autoFocus
          error={wrong}
          helperText={
            wrong ? t(error.details.interruptedChange === true ? 'encryption.unlock.interrupted' : 'encryption.unlock.wrong') : ' '
          }
          slotProps={{ formHelperText: { role: wrong ? 'alert' : undefined } }}
        />
        {keychain && (
          <FormControlLabel
            control={<Checkbox checked={remember} onChange={(e) => setRemember(e.target.checked)} name="remember" />}
            label={t('encryption.unlock.remember')}
          />
        )}
        {!wrong && <ErrorAlert error={error} />}
        <Button
          type="submit"
          variant="contained"
          size="large"
          disabled={busy || !passphrase}
          startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
          data-testid="unlock-submit"
        >
          {t('encryption.unlock.submit')}
        </Button>
      </Stack>
    </CenteredCard>
  );
}
