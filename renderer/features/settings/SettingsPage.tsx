import { useEffect, useState } from 'react';
import { Button, Paper, Stack, Typography } from '@mui/material';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/contract/common';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { applyLocale } from '../../i18n/index';
import { roleName, useSession } from '../../app/session';
import { roleAtLeast } from '../../../shared/roles';
import { CategoriesCard } from './CategoriesCard';
import { BackupWarning } from '../backup/BackupWarning';
import { EncryptionCard } from '../encryption/EncryptionCard';
import { NoticeCard } from '../privacy/NoticeCard';
import { LockSettingsCard } from '../session-lock/LockSettingsCard';
import { DemoDataCard } from '../demo/DemoDataCard';

export function SettingsPage() {
  const { t } = useTranslation();
  const { staff, branch, updateStaff } = useSession();
  const [version, setVersion] = useState('');
  // undefined: not asked (a clerk may not read it); null: this branch has none yet.
  const [chainCode, setChainCode] = useState<string | null | undefined>(undefined);
  const manager = roleAtLeast(staff.role, 'manager');
  const admin = roleAtLeast(staff.role, 'admin');
  const navigate = useNavigate();
  const hq = branch.kind === 'hq';
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('setup.status', {}).then((s) => setVersion(s.appVersion), setError);
    if (manager) api.call('hq.status', {}).then((s) => setChainCode(s.chainCode), setError);
  }, [manager]);

  async function changeLocale(locale: Locale) {
    try {
      const updated = await api.call('auth.setLocale', { locale });
      await applyLocale(locale);
      updateStaff(updated);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('settings.title')}
      </Typography>
      <Stack spacing={3} sx={{ maxWidth: 420 }}>
        <LanguageSwitch value={staff.locale} onChange={(l) => void changeLocale(l)} />
        <ErrorAlert error={error} />
        <Typography>
          {t('settings.line', {
            label: t(hq ? 'settings.hq' : 'settings.branch'),
            value: `${branch.name} · ${t(hq ? 'settings.hqCode' : 'settings.branchCode')} ${branch.code}`,
          })}
        </Typography>
        {/* The line is there from the first paint ('…' until HQ's status answers): appearing later, it
            moved the buttons below it under a pointer already on its way (a click landed beside 数据备份与恢复). */}
        {manager && (
          <Typography data-testid="settings-chain-code">
            {t('settings.line', {
              label: t('settings.chainCode'),
              value: chainCode === undefined ? '…' : (chainCode ?? t('settings.noChainCode')),
            })}
            {hq && chainCode && (
              <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                {t('settings.hqChainHelp')}
              </Typography>
            )}
          </Typography>
        )}
        <Typography>
          {t('settings.line', { label: t('settings.you'), value: `${staff.name} · ${roleName(t, staff.role, branch.kind)}` })}
        </Typography>
        <Typography color="text.secondary">
          {t('settings.version')} {version}
        </Typography>
        {admin && (
          <Stack spacing={1} data-testid="settings-backups">
            <Typography variant="h6" component="h2">
              {t('backupPage.title')}
            </Typography>
            <BackupWarning />
            <div>
              <Button variant="outlined" onClick={() => navigate('/settings/backups')} data-testid="settings-backups-open">
                {t('backupPage.settingsLink')}
              </Button>
            </div>
          </Stack>
        )}
        {admin && <EncryptionCard />}
        {admin && !hq && <NoticeCard />}
        {admin && (
          <Stack spacing={1} data-testid="settings-audit">
            <Typography variant="h6" component="h2">
              {t('audit.title')}
            </Typography>
            <Typography color="text.secondary">{t('audit.intro')}</Typography>
            <div>
              <Button variant="outlined" onClick={() => navigate('/settings/audit')} data-testid="settings-audit-open">
                {t('audit.open')}
              </Button>
            </div>
          </Stack>
        )}
        {admin && <LockSettingsCard />}
        {manager && !hq && <CategoriesCard />}
        {admin && !hq && <DemoDataCard />}
      </Stack>
    </Paper>
  );
}
