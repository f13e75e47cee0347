import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  FormHelperText,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BranchInfo, Locale } from '../../../shared/contract/common';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CenteredCard } from '../../components/CenteredCard';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { applyLocale } from '../../i18n/index';
import { ChainCodeCard } from './ChainCodeCard';
import { NewPassphraseFields } from '../encryption/NewPassphraseFields';
import { EMPTY_PASSPHRASE, newPassphraseReady } from '../encryption/newPassphrase';

const DEMO_MEMBERS = 300;

type Kind = BranchInfo['kind'];

/** Encryption chosen at setup: turned on once the admin is logged in (renderer/app/App.tsx), with the PIN just typed. */
export interface SetupEncryption {
  adminPin: string;
  passphrase: string;
}

export function SetupPage({ onDone }: { onDone: (branch: BranchInfo, adminName: string, encryption: SetupEncryption | null) => void }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<Kind>('branch');
  const [form, setForm] = useState({
    branchName: '',
    branchCode: '',
    adminName: '',
    adminPin: '',
    pinAgain: '',
    chainCode: '',
    // Unticked: a store setting up for real must not get made-up members without asking for them.
    demo: false,
  });
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState(EMPTY_PASSPHRASE);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // An HQ shows its new chain code before the login: the one moment someone is sure to read it.
  const [created, setCreated] = useState<{ branch: BranchInfo; adminName: string; chainCode: string } | null>(null);
  const fields = fieldErrors(t, error);
  const mismatch = form.pinAgain !== '' && form.pinAgain !== form.adminPin;
  const passphraseMissing = encrypt && !newPassphraseReady(passphrase);
  const encryption = encrypt ? { adminPin: form.adminPin, passphrase: passphrase.passphrase } : null;
  const hq = kind === 'hq';
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: key === 'demo' ? e.target.checked : e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (mismatch || passphraseMissing) return;
    setBusy(true);
    setError(null);
    try {
      const chainCode = form.chainCode.trim();
      const result = await api.call('setup.init', {
        kind,
        branchName: form.branchName,
        branchCode: form.branchCode,
        adminName: form.adminName,
        adminPin: form.adminPin,
        // HQ's members arrive in the branches' files: never demo data there.
        demoMembers: !hq && form.demo ? DEMO_MEMBERS : 0,
        ...(!hq && chainCode ? { chainCode } : {}),
      });
      if (hq && result.chainCode) setCreated({ branch: result.branch, adminName: result.admin.name, chainCode: result.chainCode });
      else onDone(result.branch, result.admin.name, encryption);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (created)
    return <ChainCodeCard chainCode={created.chainCode} onContinue={() => onDone(created.branch, created.adminName, encryption)} />;

  return (
    <CenteredCard title={t('setup.title')} subtitle={t(hq ? 'setup.hqSubtitle' : 'setup.subtitle')}>
      <Box sx={{ mb: 2 }}>
        <LanguageSwitch size="small" value={i18n.language as Locale} onChange={(l) => void applyLocale(l)} />
      </Box>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        <Box>
          <Typography variant="body2" color="text.secondary" id="setup-kind" sx={{ mb: 0.5 }}>
            {t('setup.kind')}
          </Typography>
          <ToggleButtonGroup
            exclusive
            fullWidth
            color="primary"
            value={kind}
            onChange={(_, k: Kind | null) => k && setKind(k)}
            aria-labelledby="setup-kind"
          >
            {(['branch', 'hq'] as const).map((k) => (
              <ToggleButton key={k} value={k} data-testid={`setup-kind-${k}`}>
                {t(`setup.kinds.${k}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {t(`setup.kindHelp.${kind}`)}
          </Typography>
        </Box>
        <TextField
          label={t(hq ? 'setup.hqName' : 'setup.branchName')}
          value={form.branchName}
          onChange={set('branchName')}
          required
          autoFocus
          error={!!fields.branchName}
          helperText={fields.branchName}
          name="branchName"
        />
        <TextField
          label={t(hq ? 'setup.hqCode' : 'setup.branchCode')}
          value={form.branchCode}
          onChange={set('branchCode')}
          required
          error={!!fields.branchCode}
          helperText={fields.branchCode ?? t(hq ? 'setup.hqCodeHelp' : 'setup.branchCodeHelp')}
          name="branchCode"
        />
        <TextField
          label={t('setup.adminName')}
          value={form.adminName}
          onChange={set('adminName')}
          required
          error={!!fields.adminName}
          helperText={fields.adminName}
          name="adminName"
        />
        <TextField
          label={t('setup.adminPin')}
          type="password"
          value={form.adminPin}
          onChange={set('adminPin')}
          required
          error={!!fields.adminPin}
          helperText={fields.adminPin ?? t('setup.adminPinHelp')}
          name="adminPin"
        />
        <TextField
          label={t('setup.adminPinConfirm')}
          type="password"
          value={form.pinAgain}
          onChange={set('pinAgain')}
          required
          error={mismatch}
          // The line is there before a mismatch is (the form does not jump), saying what the field is for.
          helperText={mismatch ? t('setup.pinMismatch') : t('setup.adminPinConfirmHelp')}
          name="pinAgain"
        />
        {!hq && (
          <>
            <TextField
              label={t('setup.chainCode')}
              value={form.chainCode}
              onChange={set('chainCode')}
              placeholder="BD-XXXX-XXXX"
              error={!!fields.chainCode}
              helperText={fields.chainCode ?? t('setup.chainCodeHelp')}
              name="chainCode"
            />
            <Box>
              {/* In line with the encryption box below it (the Stack takes the label's own -11 px off its direct children only). */}
              <FormControlLabel
                control={<Checkbox checked={form.demo} onChange={set('demo')} name="demo" />}
                label={t('demo.setupOption')}
                sx={{ ml: 0 }}
              />
              {/* Under the label's text, past the 42 px checkbox. */}
              <FormHelperText sx={{ mt: 0, ml: '42px' }} data-testid="setup-demo-help">
                {t('demo.setupHelp')}
              </FormHelperText>
            </Box>
          </>
        )}
        <FormControlLabel
          control={<Checkbox checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} name="encrypt" />}
          label={t('encryption.setup.option')}
        />
        {encrypt && (
          <>
            <Alert severity="warning">{t('encryption.enable.warning')}</Alert>
            <NewPassphraseFields labels="first" value={passphrase} onChange={setPassphrase} />
          </>
        )}
        <ErrorAlert error={error} />
        <Button type="submit" variant="contained" size="large" disabled={busy || mismatch || passphraseMissing}>
          {t(hq ? 'setup.hqSubmit' : 'setup.submit')}
        </Button>
      </Stack>
    </CenteredCard>
  );
}
