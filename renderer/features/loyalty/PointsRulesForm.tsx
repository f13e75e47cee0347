import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Divider, FormControlLabel, Paper, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/contract/index';
import type { PointsRules } from '../../../shared/points';
import { api } from '../../api/client';
import { DateTimeField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { describeRules } from './describe';
import { FormCheck, formErrors } from './numbers';
import { RuleGroup } from './parts';
import { BonusFields, EarnFields, ExpiryFields, RedeemFields } from './RulesFields';
import { renameRulesIssue, rulesFormValues, rulesInput, type RulesFormValues } from './rulesForm';

type RulesVersions = OutputOf<'points.rules'>;
type RulesVersion = RulesVersions['current'];

function useSummary() {
  const { t } = useTranslation();
  return (r: PointsRules) => t('loyalty.rules.summary', { perYuan: r.earn.perYuan, points: r.earn.points, redeem: r.redeem.pointsPerYuan });
}

/** Which version is in force, and what is already scheduled to replace it. */
function Versions({ data }: { data: RulesVersions }) {
  const { t, i18n } = useTranslation();
  const summary = useSummary();
  const time = (iso: string) => formatTime(iso, i18n.language);
  const current: RulesVersion = data.current;
  return (
    <Stack spacing={1} sx={{ mb: 2 }} data-testid="rules-versions">
      <Typography variant="body2">
        {current.effectiveFrom <= current.createdAt
          ? t('loyalty.rules.currentSet', { at: time(current.createdAt) })
          : t('loyalty.rules.currentSince', { from: time(current.effectiveFrom), at: time(current.createdAt) })}{' '}
        {summary(current.rules)}
      </Typography>
      {data.scheduled.map((s) => (
        <Alert key={s.id} severity="info" data-testid="rules-scheduled">
          <strong>{t('loyalty.rules.scheduled', { from: time(s.effectiveFrom) })}</strong> {describeRules(t, s.rules, i18n.language)}
        </Alert>
      ))}
      {data.scheduled.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('loyalty.rules.scheduledNote')}
        </Typography>
      )}
    </Stack>
  );
}

export function PointsRulesForm() {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<RulesVersions | null>(null);
  const [values, setValues] = useState<RulesFormValues | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { error: shownError, fields } = formErrors(t, error, renameRulesIssue);

  const load = useCallback(async () => {
    try {
      const d = await api.call('points.rules', {});
      setData(d);
      setValues(rulesFormValues(d.current.rules));
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  if (!values || !data)
    return error ? <ErrorAlert error={shownError} /> : <Typography color="text.secondary">{t('app.loading')}</Typography>;
  const set = (patch: Partial<RulesFormValues>) => setValues({ ...values, ...patch });

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    setNotice(null);
    const input = rulesInput(values);
    if (input instanceof FormCheck) return setError(input);
    setSaving(true);
    try {
      const saved = await api.call('points.setRules', input);
      setError(null);
      setNotice(
        input.effectiveFrom
          ? t('loyalty.rules.savedScheduled', { at: formatTime(saved.effectiveFrom, i18n.language) })
          : t('loyalty.rules.saved'),
      );
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const props = { v: values, set, fields };
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="rules-title">
      <Typography variant="h6" component="h2" id="rules-title" gutterBottom>
        {t('loyalty.rules.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('loyalty.rules.intro')}
      </Typography>
      <Versions data={data} />
      <form onSubmit={save} noValidate data-testid="rules-form">
        <Stack spacing={2.5} divider={<Divider flexItem />}>
          <EarnFields {...props} />
          <RedeemFields {...props} />
          <ExpiryFields {...props} />
          <BonusFields {...props} />
          <RuleGroup
            title={t('loyalty.rules.whenTitle')}
            explain={values.when === 'now' ? t('loyalty.rules.whenNowExplain') : t('loyalty.rules.whenLaterExplain')}
          >
            <RadioGroup
              row
              value={values.when}
              onChange={(e) => set({ when: e.target.value === 'later' ? 'later' : 'now' })}
              aria-label={t('loyalty.rules.whenTitle')}
            >
              <FormControlLabel value="now" control={<Radio size="small" />} label={t('loyalty.rules.whenNow')} />
              <FormControlLabel value="later" control={<Radio size="small" />} label={t('loyalty.rules.whenLater')} />
            </RadioGroup>
            {values.when === 'later' && (
              <DateTimeField
                size="small"
                name="effectiveFrom"
                label={t('loyalty.rules.effectiveFrom')}
                value={values.effectiveFrom}
                onChange={(effectiveFrom) => set({ effectiveFrom })}
                error={fields.effectiveFrom}
              />
            )}
          </RuleGroup>
        </Stack>
        <Stack spacing={2} sx={{ mt: 3 }}>
          {notice && (
            <Alert severity="success" onClose={() => setNotice(null)} data-testid="rules-saved">
              {notice}
            </Alert>
          )}
          <ErrorAlert error={shownError} />
          <Stack direction="row" spacing={2}>
            <Button type="submit" variant="contained" disabled={saving} data-testid="rules-save">
              {t('loyalty.rules.save')}
            </Button>
            <Button
              onClick={() => {
                setValues(rulesFormValues(data.current.rules));
                setError(null);
              }}
            >
              {t('loyalty.rules.reset')}
            </Button>
          </Stack>
        </Stack>
      </form>
    </Paper>
  );
}
