import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BranchInfo, Locale } from '../../../shared/contract/common';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CenteredCard } from '../../components/CenteredCard';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { applyLocale } from '../../i18n/index';

const DEMO_MEMBERS = 300;

export function SetupPage({ onDone }: { onDone: (branch: BranchInfo, adminName: string) => void }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({ branchName: '', branchCode: '', adminName: '', adminPin: '', pinAgain: '', demo: true });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(t, error);
  const mismatch = form.pinAgain !== '' && form.pinAgain !== form.adminPin;
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: key === 'demo' ? e.target.checked : e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.call('setup.init', {
        branchName: form.branchName,
        branchCode: form.branchCode,
        adminName: form.adminName,
        adminPin: form.adminPin,
        demoMembers: form.demo ? DEMO_MEMBERS : 0,
      });
      onDone(result.branch, result.admin.name);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <Box sx={{ mb: 2 }}>
        <LanguageSwitch size="small" value={i18n.language as Locale} onChange={(l) => void applyLocale(l)} />
      </Box>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        <TextField label={t('setup.branchName')} value={form.branchName} onChange={set('branchName')} required autoFocus error={!!fields.branchName} helperText={fields.branchName} name="branchName" />
        <TextField label={t('setup.branchCode')} value={form.branchCode} onChange={set('branchCode')} required error={!!fields.branchCode} helperText={fields.branchCode ?? t('setup.branchCodeHelp')} name="branchCode" />
        <TextField label={t('setup.adminName')} value={form.adminName} onChange={set('adminName')} required error={!!fields.adminName} helperText={fields.adminName} name="adminName" />
        <TextField label={t('setup.adminPin')} type="password" value={form.adminPin} onChange={set('adminPin')} required error={!!fields.adminPin} helperText={fields.adminPin ?? t('setup.adminPinHelp')} name="adminPin" />
        <TextField label={t('setup.adminPinConfirm')} type="password" value={form.pinAgain} onChange={set('pinAgain')} required error={mismatch} helperText={mismatch ? t('setup.pinMismatch') : ' '} name="pinAgain" />
        <FormControlLabel control={<Checkbox checked={form.demo} onChange={set('demo')} name="demo" />} label={t('setup.demo')} />
        <ErrorAlert error={error} />
        <Button type="submit" variant="contained" size="large" disabled={busy || mismatch}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </CenteredCard>
  );
}
