import { useState, type FormEvent } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

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

/** A new PIN typed twice (as at setup), and the current one when it is one's own. */
export function PinDialog({ open, title, help, askOldPin, onClose, onSave, testId }: Props) {
  const { t } = useTranslation();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(t, error);
  const mismatch = form.again !== '' && form.again !== form.newPin;
  const wrongOld = error instanceof ApiError && error.code === 'WRONG_CREDENTIALS';
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  function close() {
    // PINs never linger in a closed dialog for the next person at the counter.
    setForm(EMPTY);
    setError(null);
    onClose();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (mismatch || form.again === '') return;
    setBusy(true);
    setError(null);
    try {
      await onSave({ oldPin: form.oldPin, newPin: form.newPin });
      close();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'WRONG_CREDENTIALS') setForm((f) => ({ ...f, oldPin: '' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs" data-testid={testId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {help}
            </Typography>
            {askOldPin && (
              <TextField
                label={t('pin.oldPin')}
                name="oldPin"
                type="password"
                autoComplete="current-password"
                value={form.oldPin}
                onChange={set('oldPin')}
                autoFocus
                error={!!fields.oldPin || wrongOld}
                helperText={fields.oldPin}
              />
            )}
            <TextField
              label={t('pin.newPin')}
              name="newPin"
              type="password"
              autoComplete="new-password"
              value={form.newPin}
              onChange={set('newPin')}
              autoFocus={!askOldPin}
              error={!!fields.newPin || !!fields.pin}
              helperText={fields.newPin ?? fields.pin ?? t('pin.newPinHelp')}
            />
            <TextField
              label={t('pin.newPinAgain')}
              name="newPinAgain"
              type="password"
              autoComplete="new-password"
              value={form.again}
              onChange={set('again')}
              error={mismatch}
              helperText={mismatch ? t('pin.mismatch') : ' '}
            />
            <ErrorAlert error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || mismatch || form.again === ''} data-testid="pin-submit">
            {t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
