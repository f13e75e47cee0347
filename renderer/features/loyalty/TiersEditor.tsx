import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  FormHelperText,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TIER_BASES, type TierConfig } from '../../../shared/contract/tiers';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../jobs/JobProgress';
import { jobIsOpen } from '../jobs/jobText';
import { announceJob } from '../jobs/jobWatch';
import { useJob } from '../jobs/useJob';
import { FormCheck, formErrors } from './numbers';
import { NumberField } from './parts';
import {
  MAX_TIERS,
  newTierRow,
  renameTiersIssue,
  tierField,
  tiersFormValues,
  tiersInput,
  withBasis,
  type TierBasis,
  type TierRowValues,
  type TiersFormValues,
} from './tiersForm';

interface RowProps {
  row: TierRowValues;
  index: number;
  count: number;
  basis: TierBasis;
  fields: Record<string, string>;
  change: (patch: Partial<TierRowValues>) => void;
  move: (by: -1 | 1) => void;
  remove: () => void;
}

function TierRowEditor({ row, index, count, basis, fields, change, move, remove }: RowProps) {
  const { t } = useTranslation();
  const lowest = index === 0;
  const cell = { verticalAlign: 'top', px: 1 } as const;
  return (
    <TableRow data-testid={`tier-row-${index}`}>
      <TableCell sx={{ ...cell, pt: 2.5 }}>{index + 1}</TableCell>
      <TableCell sx={cell}>
        <TextField
          size="small"
          name="name"
          value={row.name}
          onChange={(e) => change({ name: e.target.value })}
          error={!!fields[tierField(index, 'Name')]}
          helperText={fields[tierField(index, 'Name')]}
          slotProps={{ htmlInput: { 'aria-label': t('loyalty.tiers.name'), maxLength: 20 } }}
          sx={{ width: 130 }}
        />
      </TableCell>
      <TableCell sx={cell}>
        <NumberField
          name="threshold"
          label=""
          ariaLabel={t(`loyalty.tiers.threshold.${basis}`)}
          prefix={basis === 'spend' ? '¥' : undefined}
          suffix={basis === 'points' ? t('loyalty.rules.pointsUnit') : undefined}
          value={lowest ? '0' : row.threshold}
          onChange={(s) => change({ threshold: s })}
          disabled={lowest}
          error={fields[tierField(index, 'Threshold')]}
          helper={lowest ? t('loyalty.tiers.lowestFixed') : undefined}
          width={150}
        />
      </TableCell>
      <TableCell sx={cell}>
        <NumberField
          name="multiplier"
          label=""
          ariaLabel={t('loyalty.tiers.multiplier')}
          prefix="×"
          value={row.multiplier}
          onChange={(s) => change({ multiplier: s })}
          error={fields[tierField(index, 'Multiplier')]}
          width={100}
        />
      </TableCell>
      <TableCell sx={cell}>
        <NumberField
          name="discount"
          label=""
          ariaLabel={t('loyalty.tiers.discount')}
          suffix="%"
          value={row.discount}
          onChange={(s) => change({ discount: s })}
          error={fields[tierField(index, 'Discount')]}
          width={90}
        />
      </TableCell>
      <TableCell sx={cell}>
        <TextField
          size="small"
          name="benefits"
          fullWidth
          value={row.benefits}
          onChange={(e) => change({ benefits: e.target.value })}
          error={!!fields[tierField(index, 'Benefits')]}
          helperText={fields[tierField(index, 'Benefits')]}
          slotProps={{ htmlInput: { 'aria-label': t('loyalty.tiers.benefits'), maxLength: 200 } }}
        />
      </TableCell>
      <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }}>
        <Button
          size="small"
          sx={{ minWidth: 32 }}
          disabled={index === 0}
          onClick={() => move(-1)}
          aria-label={t('loyalty.tiers.moveUp')}
          title={t('loyalty.tiers.moveUp')}
        >
          ↑
        </Button>
        <Button
          size="small"
          sx={{ minWidth: 32 }}
          disabled={index === count - 1}
          onClick={() => move(1)}
          aria-label={t('loyalty.tiers.moveDown')}
          title={t('loyalty.tiers.moveDown')}
        >
          ↓
        </Button>
        <Button size="small" color="error" disabled={count === 1} onClick={remove}>
          {t('loyalty.remove')}
        </Button>
      </TableCell>
    </TableRow>
  );
}

export function TiersEditor() {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<TierConfig | null>(null);
  const [values, setValues] = useState<TiersFormValues | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // The members are re-evaluated by a background job: the page shows its bar and stays usable,
  // and its counts once it has ended. A second save follows the newer job (it supersedes this one).
  const [jobId, setJobId] = useState<string | null>(null);
  const { job } = useJob(jobId);
  const { error: shownError, fields } = formErrors(t, error, renameTiersIssue(values?.basis ?? 'spend'));

  const load = useCallback(async () => {
    try {
      const config = await api.call('tiers.list', {});
      setSaved(config);
      setValues(tiersFormValues(config));
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  if (!values || !saved)
    return error ? <ErrorAlert error={shownError} /> : <Typography color="text.secondary">{t('app.loading')}</Typography>;
  const set = (patch: Partial<TiersFormValues>) => setValues({ ...values, ...patch });
  const setTiers = (tiers: TierRowValues[]) => set({ tiers });
  const move = (i: number, by: -1 | 1) => {
    const tiers = [...values.tiers];
    [tiers[i], tiers[i + by]] = [tiers[i + by], tiers[i]];
    setTiers(tiers);
  };
  const removed = saved.tiers.filter((s) => !values.tiers.some((r) => r.id === s.id));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!values) return;
    setJobId(null);
    const input = tiersInput(values);
    if (input instanceof FormCheck) return setError(input);
    setSaving(true);
    try {
      const result = await api.call('tiers.save', input);
      setError(null);
      setSaved(result.config);
      setValues(tiersFormValues(result.config));
      setJobId(result.jobId);
      announceJob();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  const explain = { window: values.windowMonths || '?', review: values.reviewMonths || '?' };
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="tiers-title">
      <Typography variant="h6" component="h2" id="tiers-title" gutterBottom>
        {t('loyalty.tiers.title')}
      </Typography>
      <form onSubmit={save} noValidate data-testid="tiers-form">
        <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, mt: 1, alignItems: 'flex-start' }}>
          <TextField
            select
            size="small"
            label={t('loyalty.tiers.basis')}
            value={values.basis}
            onChange={(e) => setValues(withBasis(values, e.target.value as TierBasis, saved))}
            sx={{ width: 230 }}
          >
            {TIER_BASES.map((b) => (
              <MenuItem key={b} value={b}>
                {t(`loyalty.tiers.bases.${b}`)}
              </MenuItem>
            ))}
          </TextField>
          <NumberField
            name="windowMonths"
            label={t('loyalty.tiers.windowMonths')}
            suffix={t('loyalty.tiers.monthsUnit')}
            value={values.windowMonths}
            onChange={(s) => set({ windowMonths: s })}
            error={fields.windowMonths}
          />
          <NumberField
            name="reviewMonths"
            label={t('loyalty.tiers.reviewMonths')}
            suffix={t('loyalty.tiers.monthsUnit')}
            value={values.reviewMonths}
            onChange={(s) => set({ reviewMonths: s })}
            error={fields.reviewMonths}
          />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t(`loyalty.tiers.explain.${values.basis}`, explain)}
        </Typography>
        {values.basis !== saved.basis && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {t('loyalty.tiers.basisChanged')}
          </Alert>
        )}
        <Table size="small" sx={{ mt: 2 }} data-testid="tiers-table">
          <TableHead>
            <TableRow>
              <TableCell sx={{ px: 1 }}>{t('loyalty.tiers.order')}</TableCell>
              <TableCell sx={{ px: 1 }}>{t('loyalty.tiers.name')}</TableCell>
              <TableCell sx={{ px: 1 }}>{t(`loyalty.tiers.threshold.${values.basis}`)}</TableCell>
              <TableCell sx={{ px: 1 }}>{t('loyalty.tiers.multiplier')}</TableCell>
              <TableCell sx={{ px: 1 }}>{t('loyalty.tiers.discount')}</TableCell>
              <TableCell sx={{ px: 1 }}>{t('loyalty.tiers.benefits')}</TableCell>
              <TableCell sx={{ px: 1 }} />
            </TableRow>
          </TableHead>
          <TableBody>
            {values.tiers.map((row, i) => (
              <TierRowEditor
                key={row.key}
                row={row}
                index={i}
                count={values.tiers.length}
                basis={values.basis}
                fields={fields}
                change={(patch) => setTiers(values.tiers.map((r, j) => (j === i ? { ...r, ...patch } : r)))}
                move={(by) => move(i, by)}
                remove={() => setTiers(values.tiers.filter((_, j) => j !== i))}
              />
            ))}
          </TableBody>
        </Table>
        {fields.tiers && <FormHelperText error>{fields.tiers}</FormHelperText>}
        <Button sx={{ mt: 1 }} onClick={() => setTiers([...values.tiers, newTierRow()])} disabled={values.tiers.length >= MAX_TIERS}>
          {t('loyalty.tiers.add')}
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('loyalty.tiers.columnsExplain')}
        </Typography>
        <Stack spacing={2} sx={{ mt: 3 }}>
          {removed.length > 0 && (
            <Alert severity="info">
              {t('loyalty.tiers.removedPending', { names: removed.map((r) => r.name).join(t('loyalty.tiers.nameSeparator')) })}
            </Alert>
          )}
          {job && jobIsOpen(job) && <JobProgress job={job} />}
          {job?.state === 'done' && (
            <Alert severity="success" onClose={() => setJobId(null)} data-testid="tiers-saved">
              {t('loyalty.tiers.saved', { reevaluated: job.result.reevaluated ?? 0, changed: job.result.changed ?? 0 })}
            </Alert>
          )}
          {job?.state === 'failed' && (
            <Alert severity="error" data-testid="tiers-job-failed">
              {t('loyalty.tiers.jobFailed')}
            </Alert>
          )}
          {job?.state === 'cancelled' && (
            <Alert severity="warning" data-testid="tiers-job-superseded">
              {t(job.supersededBy ? 'loyalty.tiers.jobSuperseded' : 'loyalty.tiers.jobCancelled')}
            </Alert>
          )}
          <ErrorAlert error={shownError} />
          <Stack direction="row" spacing={2}>
            <Button type="submit" variant="contained" disabled={saving} data-testid="tiers-save">
              {t('loyalty.tiers.save')}
            </Button>
            <Button
              onClick={() => {
                setValues(tiersFormValues(saved));
                setError(null);
              }}
            >
              {t('loyalty.tiers.reset')}
            </Button>
          </Stack>
        </Stack>
      </form>
    </Paper>
  );
}
