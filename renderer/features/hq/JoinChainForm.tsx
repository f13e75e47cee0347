import { useState, type FormEvent } from 'react';
import { Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A branch types in the chain code its HQ gave it, once, before its first export. */
export function JoinChainForm({ onJoined }: { onJoined: (chainCode: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(t, error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { chainCode } = await api.call('hq.joinChain', { chainCode: code });
      onJoined(chainCode);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack component="form" spacing={1.5} onSubmit={submit} noValidate data-testid="join-chain">
      <Typography variant="body2" color="text.secondary">
        {t('hq.export.joinHelp')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          size="small"
          name="chainCode"
          label={t('hq.export.chainCode')}
          placeholder="BD-XXXX-XXXX"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={!!fields.chainCode}
          helperText={fields.chainCode}
          slotProps={{ htmlInput: { autoCapitalize: 'characters', spellCheck: false } }}
          sx={{ width: 320 }}
        />
        <Button type="submit" variant="contained" disabled={busy || code.trim() === ''}>
          {t('hq.export.join')}
        </Button>
      </Stack>
      {!fields.chainCode && <ErrorAlert error={error} />}
    </Stack>
  );
}
