import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errors';

/** The translated sentence for a failed call, or nothing. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert severity="error" role="alert" data-testid="error-alert">
      {errorMessage(t, error)}
    </Alert>
  );
}
