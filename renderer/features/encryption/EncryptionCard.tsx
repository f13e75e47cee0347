import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { EncryptionStatus } from '../../../shared/contract/encryption';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EnableEncryptionDialog } from './EnableEncryptionDialog';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';

/** 设置 → 数据加密 (an admin's): whether the store is encrypted, turning it on, changing the passphrase, the keychain. */
export function EncryptionCard() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<EncryptionStatus | null>(null);
  const [dialog, setDialog] = useState<'enable' | 'change' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [forgotten, setForgotten] = useState(false);

  const load = useCallback(() => api.call('encryption.status', {}).then(setStatus, setError), []);
  useEffect(() => void load(), [load]);

  async function forget() {
    try {
      setStatus(await api.call('encryption.forget', {}));
      setForgotten(true);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }

  if (!status) return <ErrorAlert error={error} />;
  const encrypted = status.state === 'encrypted';
  const knownFailureAt = status.lastFailure?.at ?? null;
  const keychain = status.keychain;

  return (
    <Stack spacing={1} data-testid="settings-encryption">
      <Typography variant="h6" component="h2">
        {t('encryption.card.title')}
      </Typography>
      <Typography data-testid="encryption-state">{t(encrypted ? 'encryption.card.encrypted' : 'encryption.card.plain')}</Typography>
      {status.lastFailure && (
        <Alert severity="error" data-testid="encryption-last-failure">
          {t(`encryption.progress.failed.${status.lastFailure.reason}`)}
        </Alert>
      )}
      <Box>
        {encrypted ? (
          <Button variant="outlined" onClick={() => setDialog('change')} data-testid="encryption-change">
            {t('encryption.card.change')}
          </Button>
        ) : (
          <Button variant="contained" onClick={() => setDialog('enable')} data-testid="encryption-enable">
            {t('encryption.card.enable')}
          </Button>
        )}
      </Box>
      {encrypted && keychain?.available && (
        <Box>
          {/* Turned on only where the passphrase is typed (the unlock screen): this page never holds it. */}
          <FormControlLabel
            control={
              <Switch
                checked={keychain.remembered}
                disabled={!keychain.remembered}
                onChange={(e) => !e.target.checked && void forget()}
                name="remember"
              />
            }
            label={t('encryption.card.remember')}
          />
          <Typography variant="body2" color="text.secondary">
            {t(keychain.remembered ? 'encryption.card.rememberHelp' : 'encryption.card.rememberOnUnlock')}
          </Typography>
        </Box>
      )}
      {forgotten && <Alert severity="success">{t('encryption.card.forgotten')}</Alert>}
      <ErrorAlert error={error} />
      <EnableEncryptionDialog open={dialog === 'enable'} knownFailureAt={knownFailureAt} onClose={() => setDialog(null)} />
      <ChangePassphraseDialog open={dialog === 'change'} knownFailureAt={knownFailureAt} onClose={() => setDialog(null)} />
    </Stack>
  );
}
