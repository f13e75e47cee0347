import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, CardContent, CardHeader, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/contract/encryption';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../app/session';
import { useConfirm } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * The chain's export passphrase (docs/hq.md "Encrypted export files"), on 上报总部 at a branch and
 * on 合并文件 at HQ: whether one is set (never what it is), and for an admin a field to set or
 * change it and a button to remove it, asked first in the app's own dialog.
 */
export function ExportPassphraseCard({ kind, isSet, onChanged }: { kind: 'branch' | 'hq'; isSet: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { staff } = useSession();
  const { confirm, dialog } = useConfirm();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<'set' | 'removed' | null>(null);
  const admin = roleAtLeast(staff.role, 'admin');
  const fields = fieldErrors(t, error);

  async function save(next: string | null) {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await api.call('hq.exportPassphrase', { passphrase: next });
      // Typed once: the field never shows it again, nor does any answer.
      setPassphrase('');
      setSaved(next === null ? 'removed' : 'set');
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(passphrase);
  }

  async function remove() {
    const yes = await confirm({
      title: t('hq.passphrase.removeTitle'),
      message: t(`hq.passphrase.removeMessage_${kind}`),
      confirmLabel: t('hq.passphrase.remove'),
      tone: 'warning',
    });
    if (yes) await save(null);
  }

  return (
    <Card data-testid="export-passphrase">
      <CardHeader title={t('hq.passphrase.title')} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={1.5}>
          <Typography data-testid="export-passphrase-state">{t(`hq.passphrase.${isSet ? 'isSet' : 'notSet'}_${kind}`)}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('hq.passphrase.help')}
          </Typography>
          {admin ? (
            <Stack
              component="form"
              direction="row"
              spacing={1}
              sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
              onSubmit={submit}
              noValidate
            >
              <TextField
                size="small"
                type="password"
                name="passphrase"
                autoComplete="new-password"
                label={t(isSet ? 'hq.passphrase.newLabel' : 'hq.passphrase.label')}
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                error={!!fields.passphrase}
                helperText={fields.passphrase ?? t('hq.passphrase.minLength', { min: MIN_PASSPHRASE_LENGTH })}
                sx={{ width: 320 }}
              />
              <Button type="submit" variant="contained" disabled={busy || passphrase === ''} data-testid="export-passphrase-save">
                {t(isSet ? 'hq.passphrase.change' : 'hq.passphrase.set')}
              </Button>
              {isSet && (
                <Button color="warning" disabled={busy} onClick={() => void remove()} data-testid="export-passphrase-remove">
                  {t('hq.passphrase.remove')}
                </Button>
              )}
            </Stack>
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('hq.passphrase.adminOnly')}
            </Typography>
          )}
          {!fields.passphrase && <ErrorAlert error={error} />}
          {saved && <Alert severity="success">{t(`hq.passphrase.saved_${saved}`)}</Alert>}
        </Stack>
      </CardContent>
      {dialog}
    </Card>
  );
}
