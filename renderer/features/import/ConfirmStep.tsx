import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { announceJob } from '../jobs/jobWatch';
import { count } from './importText';

type Tiers = 'file' | 'computed';

/**
 * The last step before anything is written: a members file needs the manager's word that its
 * customers agreed to their data being kept (recorded with who, when and the file), and says
 * where tiers come from; a sales file whether its sales earn points. Then the valid rows are
 * imported by a background job.
 */
export function ConfirmStep({
  session,
  onStarted,
  onBack,
}: {
  session: ImportSession;
  onStarted: (session: ImportSession) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const members = session.kind === 'members';
  const tierColumn = session.mapping.includes('tier');
  const [consent, setConsent] = useState(false);
  const [tiers, setTiers] = useState<Tiers>(tierColumn ? 'file' : 'computed');
  const [historyPoints, setHistoryPoints] = useState(false);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const c = session.counts;
  const consentError = fieldErrors(t, error).consentDeclared;

  async function start() {
    setStarting(true);
    setError(null);
    try {
      const started = await api.call('import.start', { id: session.id, consentDeclared: consent, tiers, historyPoints });
      // The app bar's job chip looks at once rather than at its next chance.
      announceJob();
      onStarted(started);
    } catch (err) {
      setError(() => err);
    } finally {
      setStarting(false);
    }
  }

  return (
    <Card>
      <CardContent>
        <Stack spacing={2.5}>
          <Typography variant="h6" component="h2">
            {t('importPage.confirm.title', { name: session.fileName })}
          </Typography>
          <Typography data-testid="confirm-summary">
            {members
              ? t('importPage.confirm.membersSummary', {
                  create: count(c?.create),
                  update: count(c?.update),
                  skip: count((c?.skip ?? 0) + (c?.invalid ?? 0)),
                })
              : t('importPage.confirm.salesSummary', { create: count(c?.create), skip: count((c?.skip ?? 0) + (c?.invalid ?? 0)) })}
          </Typography>
          {members && (
            <FormControl error={consentError !== undefined}>
              <FormControlLabel
                control={<Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="import-consent" />}
                label={t('importPage.confirm.consent')}
              />
              <FormHelperText>{consentError ?? t('importPage.confirm.consentHelp')}</FormHelperText>
            </FormControl>
          )}
          {members && (
            <FormControl>
              <FormLabel id="import-tiers">{t('importPage.confirm.tiers')}</FormLabel>
              <RadioGroup aria-labelledby="import-tiers" value={tiers} onChange={(e) => setTiers(e.target.value as Tiers)}>
                <FormControlLabel value="file" control={<Radio />} label={t('importPage.confirm.tiersFile')} disabled={!tierColumn} />
                <FormControlLabel value="computed" control={<Radio />} label={t('importPage.confirm.tiersComputed')} />
              </RadioGroup>
              <FormHelperText>{tierColumn ? t('importPage.confirm.tiersHelp') : t('importPage.confirm.noTierColumn')}</FormHelperText>
            </FormControl>
          )}
          {!members && (
            <FormControl>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={historyPoints}
                    onChange={(e) => setHistoryPoints(e.target.checked)}
                    data-testid="import-history-points"
                  />
                }
                label={t('importPage.confirm.historyPoints')}
              />
              <FormHelperText>{t('importPage.confirm.historyPointsHelp')}</FormHelperText>
            </FormControl>
          )}
          <Alert severity="info">{t('importPage.confirm.background')}</Alert>
          {!consentError && <ErrorAlert error={error} />}
          <Stack direction="row" spacing={1.5}>
            <Button
              variant="contained"
              onClick={() => void start()}
              disabled={starting || (members && !consent)}
              data-testid="import-start"
            >
              {t('importPage.confirm.start')}
            </Button>
            <Button onClick={onBack} disabled={starting}>
              {t('importPage.confirm.back')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}
