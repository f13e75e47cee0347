import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { EncryptionStatus } from '../../../shared/contract/encryption';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EnableEncryptionDialog } from './EnableEncryptionDialog';
import { ChangePassphraseDialog } from './ChangePassphraseDialog';
import { RememberOnThisPc } from './RememberOnThisPc';

/** 设置 → 数据加密 (an admin's): whether the store is encrypted, turning it on, changing the passphrase, the keychain. */
export function EncryptionCard() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<EncryptionStatus | null>(null);
  const [dialog, setDialog] = useState<'enable' | 'change' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => api.call('encryption.status', {}).then(setStatus, setError), []);
  useEffect(() => void load(), [load]);

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
      {encrypted && keychain?.available && <RememberOnThisPc remembered={keychain.remembered} onChanged={setStatus} />}
      <ErrorAlert error={error} />
      <EnableEncryptionDialog open={dialog === 'enable'} knownFailureAt={knownFailureAt} onClose={() => setDialog(null)} />
      <ChangePassphraseDialog open={dialog === 'change'} knownFailureAt={knownFailureAt} onClose={() => setDialog(null)} />
    </Stack>
  );
}
