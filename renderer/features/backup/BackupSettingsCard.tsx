import { useState } from 'react';
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BackupSettings } from '../../../shared/contract/backup';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

const ROTATION = ['daily', 'weekly', 'monthly', 'others'] as const;
const rotationLabel = { daily: 'rotationDaily', weekly: 'rotationWeekly', monthly: 'rotationMonthly', others: 'rotationOthers' } as const;

/** The second place, when to warn, and how many backups rotation keeps (backup.saveSettings checks the folder). */
export function BackupSettingsCard({ settings, onSaved }: { settings: BackupSettings; onSaved: (s: BackupSettings) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    destination: settings.destination ?? '',
    warnDays: String(settings.warnDays),
    rotation: Object.fromEntries(ROTATION.map((k) => [k, String(settings.rotation[k])])) as Record<(typeof ROTATION)[number], string>,
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fields = fieldErrors(t, error);

  async function save() {
    try {
      const next = await api.call('backup.saveSettings', {
        destination: draft.destination.trim() === '' ? null : draft.destination,
        warnDays: Number(draft.warnDays),
        rotation: Object.fromEntries(ROTATION.map((k) => [k, Number(draft.rotation[k])])) as BackupSettings['rotation'],
      });
      setError(null);
      setSaved(true);
      onSaved(next);
    } catch (err) {
      setSaved(false);
      setError(err);
    }
  }

  return (
    <Paper sx={{ p: 3 }} data-testid="backup-settings">
      <Typography variant="h6" component="h2" gutterBottom>
        {t('backupPage.settingsTitle')}
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 560 }}>
        <TextField
          name="destination"
          label={t('backupPage.destination')}
          value={draft.destination}
          onChange={(e) => setDraft({ ...draft, destination: e.target.value })}
          helperText={fields.destination ?? t('backupPage.destinationHelp')}
          error={!!fields.destination}
        />
        <TextField
          name="warnDays"
          type="number"
          label={t('backupPage.warnDays')}
          value={draft.warnDays}
          onChange={(e) => setDraft({ ...draft, warnDays: e.target.value })}
          helperText={fields.warnDays}
          error={!!fields.warnDays}
          sx={{ maxWidth: 360 }}
        />
        <Typography>{t('backupPage.rotation')}</Typography>
        <Stack direction="row" sx={{ gap: 2, flexWrap: 'wrap' }}>
          {ROTATION.map((k) => (
            <TextField
              key={k}
              name={`rotation.${k}`}
              type="number"
              label={t(`backupPage.${rotationLabel[k]}`)}
              value={draft.rotation[k]}
              onChange={(e) => setDraft({ ...draft, rotation: { ...draft.rotation, [k]: e.target.value } })}
              error={!!fields.rotation}
              sx={{ width: k === 'others' ? 260 : 110 }}
            />
          ))}
        </Stack>
        <ErrorAlert error={error} />
        {saved && (
          <Alert severity="success" onClose={() => setSaved(false)} data-testid="backup-settings-saved">
            {t('backupPage.saved')}
          </Alert>
        )}
        <Box>
          <Button variant="outlined" onClick={() => void save()} data-testid="backup-settings-save">
            {t('backupPage.save')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
