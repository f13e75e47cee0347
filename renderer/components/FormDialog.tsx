import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  open: boolean;
  title: string;
  submitLabel: string;
  onClose: () => void;
  /** throws to keep the dialog open and show the translated error */
  onSubmit: () => Promise<void>;
  /** the fields; `error` lets them show field-level problems */
  children: (error: unknown) => ReactNode;
  testId?: string;
  /** false while the fields cannot be sent as they are (their own fields say why) */
  canSubmit?: boolean;
}

/** A small form in a dialog: Enter submits, the error stays until the next try. */
export function FormDialog({ open, title, submitLabel, onClose, onSubmit, children, testId, canSubmit = true }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Opened again, the dialog starts clean: a refusal belonged to what was typed last time.
  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!canSubmit) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" data-testid={testId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {children(error)}
            <ErrorAlert error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !canSubmit} data-testid="dialog-submit">
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
