import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, FormControlLabel, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  FOLLOWUP_CHANNELS,
  FOLLOWUP_KINDS,
  FOLLOWUP_SCRIPT_MAX,
  type FollowupKind,
  type FollowupRules,
  type FollowupSettings,
  generatedByJob,
} from '../../../shared/contract/followups';
import { SCRIPT_FIELDS, fieldsThatMayBeEmpty } from '../../../shared/followup-script';
import { roleAtLeast } from '../../../shared/roles';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EnumSelect } from '../../components/EnumSelect';
import { LongTextField } from '../../components/LongTextField';
import { useSession } from '../../app/session';
import { FormCheck, hundredthsText } from '../loyalty/numbers';
import { JobProgress } from '../jobs/JobProgress';
import { jobIsOpen } from '../jobs/jobText';
import { announceJob } from '../jobs/jobWatch';
import { useJob } from '../jobs/useJob';

type RuleKey = keyof FollowupRules;
/** The form keeps numbers as typed; they become integers only when saved. */
interface Draft {
  rules: { [K in RuleKey]: { enabled: boolean; channel: string; days: string } };
  minAmount: string;
  scripts: FollowupSettings['scripts'];
}

function toDraft(s: FollowupSettings): Draft {
  const days = (r: { days?: number }) => (r.days === undefined ? '' : String(r.days));
  const rules = Object.fromEntries(
    (Object.keys(s.rules) as RuleKey[]).map((k) => [
      k,
      { enabled: s.rules[k].enabled, channel: s.rules[k].channel, days: days(s.rules[k] as { days?: number }) },
    ]),
  ) as Draft['rules'];
  return { rules, minAmount: hundredthsText(s.rules.postPurchase.minAmountFen), scripts: s.scripts };
}

function fromDraft(d: Draft): FollowupSettings {
  const check = new FormCheck();
  const r = d.rules;
  const channel = (k: RuleKey) => r[k].channel as FollowupRules[RuleKey]['channel'];
  const settings: FollowupSettings = {
    rules: {
      postPurchase: {
        enabled: r.postPurchase.enabled,
        channel: channel('postPurchase'),
        days: check.whole('postPurchase.days', r.postPurchase.days),
        minAmountFen: check.hundredths('postPurchase.minAmountFen', d.minAmount, 0),
      },
      birthday: { enabled: r.birthday.enabled, channel: channel('birthday') },
      reactivation: {
        enabled: r.reactivation.enabled,
        channel: channel('reactivation'),
        days: check.whole('reactivation.days', r.reactivation.days),
      },
      complaint: { enabled: r.complaint.enabled, channel: channel('complaint'), days: check.whole('complaint.days', r.complaint.days) },
    },
    scripts: d.scripts,
  };
  if (!check.ok) throw check;
  return settings;
}

/** Manager: which follow-ups are made automatically, and what the caller says. */
export function FollowupSettingsForm() {
  const { t } = useTranslation();
  // The editor says which fields a member may lack: their sentences are left out of the call.
  const mayBeEmptyText = (script: string, kind: FollowupKind) => {
    const fields = fieldsThatMayBeEmpty(script, kind);
    return fields.length === 0
      ? undefined
      : t('followups.settings.mayBeEmpty', {
          fields: fields.map((f) => `{{${f}}} ${t(`followups.settings.fields.${f}`)}`).join(t('followups.settings.fieldSeparator')),
        });
  };
  const { staff } = useSession();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // A run over the whole window is a background job: its bar shows here, and its counts once it
  // has ended. A rule saved meanwhile starts another in its place, which the page then follows.
  const [jobId, setJobId] = useState<string | null>(null);
  const { job } = useJob(jobId);
  useEffect(() => {
    void api.call('followups.settings', {}).then((s) => setDraft(toDraft(s)), setError);
  }, []);
  useEffect(() => {
    if (job?.state === 'cancelled' && job.supersededBy) setJobId(job.supersededBy);
  }, [job]);
  if (!roleAtLeast(staff.role, 'manager')) return <Alert severity="warning">{t('followups.settings.forbidden')}</Alert>;
  if (!draft) return <ErrorAlert error={error} />;

  // Problems by the rule's path (`postPurchase.days`), from the form's own check or the service.
  const problems: Record<string, string> = {};
  if (error instanceof FormCheck) for (const [f, p] of Object.entries(error.problems)) problems[f] = t(`loyalty.problems.${p}`);
  if (error instanceof ApiError)
    for (const i of error.issues)
      problems[i.field.replace(/^rules\./, '')] ??= t(`rules.${i.rule}`, { ...i.params, defaultValue: t('rules.invalid') });

  const setRule = (k: RuleKey, patch: Partial<Draft['rules'][RuleKey]>) =>
    setDraft({ ...draft, rules: { ...draft.rules, [k]: { ...draft.rules[k], ...patch } } });
  const rule = (k: RuleKey, explain: string, extra?: React.ReactNode) => (
    <Box key={k} sx={{ py: 1.5, borderTop: 1, borderColor: 'divider' }} data-testid={`rule-${k}`}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <FormControlLabel
          control={
            <Switch checked={draft.rules[k].enabled} onChange={(e) => setRule(k, { enabled: e.target.checked })} name={`${k}.enabled`} />
          }
          label={t(`followups.settings.${k}`)}
          sx={{ minWidth: 160 }}
        />
        {k !== 'birthday' && (
          <TextField
            size="small"
            name={`${k}.days`}
            label={t('followups.settings.days')}
            value={draft.rules[k].days}
            onChange={(e) => setRule(k, { days: e.target.value })}
            error={!!problems[`${k}.days`]}
            helperText={problems[`${k}.days`]}
            sx={{ width: 110 }}
          />
        )}
        {extra}
        <EnumSelect
          size="small"
          label={t('followups.settings.channel')}
          value={draft.rules[k].channel}
          options={FOLLOWUP_CHANNELS}
          labels="followups.channels"
          onChange={(c) => setRule(k, { channel: c })}
          sx={{ width: 120 }}
        />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {explain}
      </Typography>
    </Box>
  );

  async function save() {
    setNotice(null);
    try {
      setDraft(toDraft(await api.call('followups.saveSettings', fromDraft(draft!))));
      setError(null);
      setNotice(t('followups.settings.saved'));
    } catch (err) {
      setError(err);
    }
  }
  async function generate() {
    setNotice(null);
    setJobId(null);
    try {
      const r = await api.call('followups.generate', {});
      if (r.jobId) {
        setJobId(r.jobId);
        announceJob();
      } else setNotice(t('followups.settings.generated', r));
    } catch (err) {
      setError(err);
    }
  }

  const days = (k: RuleKey) => draft.rules[k].days || '?';
  return (
    <Stack spacing={2}>
      <Paper sx={{ p: 3 }}>
        <Typography variant="h6">{t('followups.settings.rulesTitle')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('followups.settings.rulesIntro')}
        </Typography>
        {rule(
          'postPurchase',
          draft.rules.postPurchase.days.trim() === '0'
            ? t('followups.settings.postPurchaseSameDay')
            : t('followups.settings.postPurchaseExplain', { days: days('postPurchase') }),
          <TextField
            size="small"
            name="postPurchase.minAmount"
            label={t('followups.settings.minAmount')}
            value={draft.minAmount}
            onChange={(e) => setDraft({ ...draft, minAmount: e.target.value })}
            error={!!problems['postPurchase.minAmountFen']}
            helperText={problems['postPurchase.minAmountFen']}
            sx={{ width: 150 }}
          />,
        )}
        {rule('birthday', t('followups.settings.birthdayExplain'))}
        {rule('reactivation', t('followups.settings.reactivationExplain', { days: days('reactivation') }))}
        {rule('complaint', t('followups.settings.complaintExplain', { days: days('complaint') }))}
      </Paper>
      <Paper sx={{ p: 3 }}>
        <Typography variant="h6">{t('followups.settings.scriptsTitle')}</Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('followups.settings.scriptsIntro')}
        </Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mb: 2 }} data-testid="script-fields">
          {SCRIPT_FIELDS.map((f) => (
            <Chip key={f} size="small" variant="outlined" label={`{{${f}}} ${t(`followups.settings.fields.${f}`)}`} />
          ))}
        </Box>
        <Stack spacing={2}>
          {FOLLOWUP_KINDS.map((k) => (
            <LongTextField
              key={k}
              name={`script.${k}`}
              label={t(`followups.kinds.${k}`)}
              minRows={2}
              value={draft.scripts[k]}
              onChange={(text) => setDraft({ ...draft, scripts: { ...draft.scripts, [k]: text } })}
              maxLength={FOLLOWUP_SCRIPT_MAX}
              error={problems[`scripts.${k}`]}
              helperText={mayBeEmptyText(draft.scripts[k], k)}
            />
          ))}
        </Stack>
      </Paper>
      {/* next to the buttons, as on 积分与等级: the page is taller than the window, and the top is out of sight when saving */}
      {job && jobIsOpen(job) && <JobProgress job={job} />}
      {job?.state === 'done' && (
        <Alert severity="success" onClose={() => setJobId(null)} data-testid="generate-done">
          {t('followups.settings.generated', generatedByJob(job.result))}
        </Alert>
      )}
      {job?.state === 'failed' && (
        <Alert severity="error" data-testid="generate-failed">
          {t('followups.settings.generateFailed')}
        </Alert>
      )}
      {job?.state === 'cancelled' && !job.supersededBy && (
        <Alert severity="warning" data-testid="generate-stopped">
          {t('followups.settings.generateStopped')}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} data-testid="settings-notice">
          {notice}
        </Alert>
      )}
      {!(error instanceof FormCheck) && <ErrorAlert error={error} />}
      <Stack direction="row" spacing={2}>
        <Button variant="contained" onClick={() => void save()} data-testid="save-followup-settings">
          {t('followups.settings.save')}
        </Button>
        <Button onClick={() => void generate()} data-testid="generate-followups">
          {t('followups.settings.generate')}
        </Button>
      </Stack>
    </Stack>
  );
}
