import { useEffect, useState } from 'react';
import { Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';
import { NewPassphraseFields } from './NewPassphraseFields';
import { PassphraseField } from './PassphraseField';
import { EMPTY_PASSPHRASE, newPassphraseReady } from './newPassphrase';
import { useRewriteStarted } from './rewriteContext';

/** 更换密码: the current passphrase, the new one twice; the services back up first, then the window shows the rewrite. */
export function ChangePassphraseDialog({
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
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState(EMPTY_PASSPHRASE);
  useEffect(() => {
    if (!open) {
      setCurrent('');
      setNext(EMPTY_PASSPHRASE);
    }
  }, [open]);
  // The services refuse the one in use as the new one (CONFLICT): said here, under the field, first.
  const same = current !== '' && next.passphrase === current;

  return (
    <FormDialog
      open={open}
      title={t('encryption.change.title')}
      submitLabel={t('encryption.change.submit')}
      onClose={onClose}
      canSubmit={current !== '' && newPassphraseReady(next) && !same}
      testId="encryption-change-dialog"
      onSubmit={async () => {
        await api.call('encryption.changePassphrase', { current, next: next.passphrase, confirm: true });
        rewriteStarted({ kind: 'change', knownFailureAt });
      }}
    >
      {(error) => (
        <>
          <Typography variant="body2">{t('encryption.change.intro')}</Typography>
          <PassphraseField
            name="currentPassphrase"
            label={t('encryption.fields.current')}
            value={current}
            onChange={setCurrent}
            error={error instanceof ApiError && error.code === 'WRONG_PASSPHRASE'}
            autoFocus
            required
          />
          <NewPassphraseFields value={next} onChange={setNext} />
          {same && (
            <Typography variant="body2" color="error" role="alert">
              {t('encryption.fields.same')}
            </Typography>
          )}
        </>
      )}
    </FormDialog>
  );
}
