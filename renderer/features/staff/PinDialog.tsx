import { useState } from 'react';
import { TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';

export interface NewPin {
  oldPin: string;
  newPin: string;
}

interface Props {
  open: boolean;
  title: string;
  help: string;
  /** a staff member's own change gives the current PIN; an admin's reset does not */
  askOldPin: boolean;
  onClose: () => void;
  /** throws to keep the dialog open with the translated error */
  onSave: (pins: NewPin) => Promise<void>;
  testId: string;
}

const EMPTY = { oldPin: '', newPin: '', again: '' };
type Field = keyof typeof EMPTY;

/** A new PIN typed twice (as at setup), and the current one when it is one's own. */
export function PinDialog({ open, title, help, askOldPin, onClose, onSave, testId }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState(EMPTY);
  const mismatch = form.again !== '' && form.again !== form.newPin;

  function close() {
    // PINs never linger in a closed dialog for the next person at the counter.
    setForm(EMPTY);
    onClose();
  }

  async function save() {
    try {
      await onSave({ oldPin: form.oldPin, newPin: form.newPin });
      setForm(EMPTY);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WRONG_CREDENTIALS') setForm((f) => ({ ...f, oldPin: '' }));
      throw err;
    }
  }

  const pinField = (field: Field, name: string, label: string, extra: { error: boolean; helperText?: string; autoFocus?: boolean }) => (
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete={field === 'oldPin' ? 'current-password' : 'new-password'}
      value={form[field]}
      onChange={(e) => setForm({ ...form, [field]: e.target.value })}
      {...extra}
    />
  );

  return (
    <FormDialog
      open={open}
      title={title}
      submitLabel={t('common.save')}
      onClose={close}
      onSubmit={save}
      canSubmit={!mismatch && form.again !== ''}
      testId={testId}
    >
      {(error) => {
        const fields = fieldErrors(t, error);
        const wrongOld = error instanceof ApiError && error.code === 'WRONG_CREDENTIALS';
        return (
          <>
            <Typography variant="body2" color="text.secondary">
              {help}
            </Typography>
            {askOldPin &&
              pinField('oldPin', 'oldPin', t('pin.oldPin'), {
                error: !!fields.oldPin || wrongOld,
                helperText: fields.oldPin,
                autoFocus: true,
              })}
            {pinField('newPin', 'newPin', t('pin.newPin'), {
              error: !!fields.newPin || !!fields.pin,
              helperText: fields.newPin ?? fields.pin ?? t('pin.newPinHelp'),
              autoFocus: !askOldPin,
            })}
            {pinField('again', 'newPinAgain', t('pin.newPinAgain'), { error: mismatch, helperText: mismatch ? t('pin.mismatch') : ' ' })}
          </>
        );
      }}
    </FormDialog>
  );
}
