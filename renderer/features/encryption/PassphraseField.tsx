import { useState } from 'react';
import { Button, InputAdornment, TextField, type TextFieldProps } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MAX_PASSPHRASE_LENGTH } from '../../../shared/contract/encryption';

type Props = Omit<TextFieldProps, 'type' | 'onChange' | 'value'> & { value: string; onChange: (value: string) => void };

/**
 * A passphrase typed as a password, with a button to show it: a long passphrase is easy to
 * mistype unseen, and the one who set it often wants to read it back once. Never trimmed.
 */
export function PassphraseField({ value, onChange, name, slotProps, ...rest }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <TextField
      {...rest}
      name={name}
      type={shown ? 'text' : 'password'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete="off"
      slotProps={{
        ...slotProps,
        htmlInput: { maxLength: MAX_PASSPHRASE_LENGTH, spellCheck: false },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Button
                size="small"
                onClick={() => setShown(!shown)}
                aria-pressed={shown}
                aria-label={t(shown ? 'encryption.unlock.hide' : 'encryption.unlock.show')}
                data-testid={name ? `${name}-toggle` : undefined}
                sx={{ minWidth: 0 }}
              >
                {t(shown ? 'encryption.unlock.hide' : 'encryption.unlock.show')}
              </Button>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
