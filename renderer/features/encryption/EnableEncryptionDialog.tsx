import { useEffect, useState } from 'react';
import { Alert, Checkbox, FormControlLabel, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { NewPassphraseFields } from './NewPassphraseFields';
import { EMPTY_PASSPHRASE, newPassphraseReady } from './newPassphrase';
import { useRewriteStarted } from './rewriteContext';

/**
 * 开启加密: the passphrase twice, the warning that nothing opens the data without it, and a box
 * the admin must tick to say it is written down: the one moment a forgotten passphrase can still
 * be prevented. The services take a backup first, then the window shows the rewrite's progress.
 */
export function EnableEncryptionDialog({
  open,
  knownFailureAt,
  onClose,
}: {
  open: boolean;
  knownFailureAt: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rewriteStarted = useRewriteStarted();
  const [value, setValue] = useState(EMPTY_PASSPHRASE);
  const [noted, setNoted] = useState(false);
  // Closed, it forgets what was typed: a passphrase stays in the page no longer than needed.
  useEffect(() => {
    if (!open) {
      setValue(EMPTY_PASSPHRASE);
      setNoted(false);
    }
  }, [open]);

  return (
    <FormDialog
      open={open}
      title={t('encryption.enable.title')}
      submitLabel={t('encryption.enable.submit')}
      onClose={onClose}
      canSubmit={newPassphraseReady(value) && noted}
      testId="encryption-enable-dialog"
      onSubmit={async () => {
        await api.call('encryption.enable', { passphrase: value.passphrase, confirm: true });
        rewriteStarted({ kind: 'enable', knownFailureAt });
      }}
    >
      {() => (
        <>
          <Typography variant="body2">{t('encryption.enable.intro')}</Typography>
          <NewPassphraseFields labels="first" value={value} onChange={setValue} />
          <Alert severity="warning" data-testid="encryption-warning">
            {t('encryption.enable.warning')}
          </Alert>
          <FormControlLabel
            control={<Checkbox checked={noted} onChange={(e) => setNoted(e.target.checked)} name="noted" required />}
            label={t('encryption.enable.noted')}
          />
        </>
      )}
    </FormDialog>
  );
}
