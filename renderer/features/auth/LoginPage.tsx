import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BranchInfo, Locale, StaffInfo } from '../../../shared/contract/common';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CenteredCard } from '../../components/CenteredCard';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { applyLocale } from '../../i18n/index';
import { formatTime } from '../../components/format';
import { takeRestoredNote } from '../backup/restoredNote';
import type { LoginNotice } from './loginNotice';

interface Props {
  branch: BranchInfo;
  initialName?: string;
  notice?: LoginNotice;
  /** `chosen`: a language picked on this screen, which wins over the one saved for the person */
  onLoggedIn: (session: string, staff: StaffInfo, branch: BranchInfo, chosen: Locale | null) => Promise<void>;
}

export function LoginPage({ branch, initialName, notice, onLoggedIn }: Props) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(initialName ?? '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<Locale | null>(null);
  // Left by a restore that ended every session (renderer/features/backup/RestoreButtons.tsx): said once.
  const [restored] = useState(takeRestoredNote);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('auth.login', { name, pin });
      await onLoggedIn(result.session, result.staff, result.branch, chosen);
    } catch (err) {
      setError(err);
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard title={`${t('login.title')} · ${branch.name}`} subtitle={t('app.name')}>
      <Box sx={{ mb: 2 }}>
        <LanguageSwitch
          size="small"
          value={i18n.language as Locale}
          onChange={(l) => {
            setChosen(l);
            void applyLocale(l);
          }}
        />
      </Box>
      {notice?.severity === 'success' && (
        <Alert severity="success" sx={{ mb: 2 }} data-testid="login-notice">
          {t(notice.key)}
        </Alert>
      )}
      {notice?.severity === 'error' && (
        <Box sx={{ mb: 2 }} data-testid="login-notice">
          <ErrorAlert error={notice.error} />
        </Box>
      )}
      {initialName && !error && !notice && (
        <Alert severity="success" sx={{ mb: 2 }}>
          {t(branch.kind === 'hq' ? 'setup.hqDoneLogin' : 'setup.done')}
        </Alert>
      )}
      {restored && (
        <Alert severity="success" sx={{ mb: 2 }} data-testid="restored-note">
          {t(restored.preRestoreFile ? 'restore.done' : 'restore.doneNoFile', {
            time: restored.to ? formatTime(restored.to, i18n.language) : '—',
            file: restored.preRestoreFile ?? '',
          })}
        </Alert>
      )}
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        <TextField
          label={t('login.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoFocus={!initialName}
          name="name"
          autoComplete="username"
        />
        <TextField
          label={t('login.pin')}
          type="password"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
          autoFocus={!!initialName}
          name="pin"
          autoComplete="current-password"
        />
        <ErrorAlert error={error} />
        <Button type="submit" variant="contained" size="large" disabled={busy || !name || !pin}>
          {t('login.submit')}
        </Button>
      </Stack>
    </CenteredCard>
  );
}
