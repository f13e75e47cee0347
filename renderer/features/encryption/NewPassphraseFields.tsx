import { Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/contract/encryption';
import { PassphraseField } from './PassphraseField';
import { newPassphraseProblems, type NewPassphrase } from './newPassphrase';

/** A new passphrase and the same again, each with what is wrong with it under it. */
export function NewPassphraseFields({
  value,
  onChange,
  labels = 'new',
}: {
  value: NewPassphrase;
  onChange: (value: NewPassphrase) => void;
  /** 'first': the first passphrase a store gets (密码); 'new': one replacing another (新密码) */
  labels?: 'first' | 'new';
}) {
  const { t } = useTranslation();
  const problems = newPassphraseProblems(t, value);
  return (
    <Stack spacing={2}>
      <PassphraseField
        name="newPassphrase"
        label={t(labels === 'first' ? 'encryption.fields.passphrase' : 'encryption.fields.next')}
        value={value.passphrase}
        onChange={(passphrase) => onChange({ ...value, passphrase })}
        error={!!problems.passphrase}
        helperText={problems.passphrase ?? t('encryption.fields.help', { min: MIN_PASSPHRASE_LENGTH })}
        required
      />
      <PassphraseField
        name="newPassphraseAgain"
        label={t(labels === 'first' ? 'encryption.fields.again' : 'encryption.fields.nextAgain')}
        value={value.again}
        onChange={(again) => onChange({ ...value, again })}
        error={!!problems.again}
        helperText={problems.again ?? ' '}
        required
      />
    </Stack>
  );
}
