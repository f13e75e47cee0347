import { Box, Button, Checkbox, FormControlLabel, FormGroup, FormHelperText, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ExpiryRule } from '../../../shared/points';
import { isCalendarDate } from '../../../shared/text';
import { birthdaySentence, earnSentence, expirySentence, lockSentence, memberDaySentence } from './describe';
import { DateField } from '../../components/DateField';
import { formatDate } from '../../components/format';
import { NumberField, RuleGroup, readHundredths, readWhole } from './parts';
import { EXPIRY_KINDS, WEEKDAYS, lastDayForPointsEarnedNow, rebatePct, type ExpiryKind, type RulesFormValues } from './rulesForm';

export interface RulesFieldsProps {
  v: RulesFormValues;
  set: (patch: Partial<RulesFormValues>) => void;
  fields: Record<string, string>;
}

export function EarnFields({ v, set, fields }: RulesFieldsProps) {
  const { t } = useTranslation();
  const perYuan = readWhole(v.earnPerYuan);
  const points = readWhole(v.earnPoints);
  const minFen = readHundredths(v.minPurchase, 0);
  return (
    <RuleGroup
      title={t('loyalty.rules.earnTitle')}
      testId="rules-earn"
      explain={
        <>{perYuan && points !== null && minFen !== null ? earnSentence(t, { perYuan, points }, minFen) : t('loyalty.rules.earnGeneral')}</>
      }
    >
      <NumberField
        name="earnPerYuan"
        label={t('loyalty.rules.earnPerYuan')}
        prefix="¥"
        value={v.earnPerYuan}
        onChange={(s) => set({ earnPerYuan: s })}
        error={fields.earnPerYuan}
      />
      <NumberField
        name="earnPoints"
        label={t('loyalty.rules.earnPoints')}
        suffix={t('loyalty.rules.pointsUnit')}
        value={v.earnPoints}
        onChange={(s) => set({ earnPoints: s })}
        error={fields.earnPoints}
      />
      <NumberField
        name="minPurchase"
        label={t('loyalty.rules.minPurchase')}
        prefix="¥"
        value={v.minPurchase}
        onChange={(s) => set({ minPurchase: s })}
        error={fields.minPurchase}
        helper={t('loyalty.rules.minPurchaseHelp')}
      />
    </RuleGroup>
  );
}

export function RedeemFields({ v, set, fields }: RulesFieldsProps) {
  const { t } = useTranslation();
  const perYuan = readWhole(v.redeemPointsPerYuan);
  const min = readWhole(v.redeemMinPoints);
  const earnPoints = readWhole(v.earnPoints);
  const earnPerYuan = readWhole(v.earnPerYuan);
  const rebate = perYuan && earnPoints !== null && earnPerYuan ? rebatePct(earnPoints, earnPerYuan, perYuan) : null;
  return (
    <RuleGroup
      title={t('loyalty.rules.redeemTitle')}
      testId="rules-redeem"
      explain={
        <>
          {perYuan && min !== null ? t('loyalty.rules.redeemExplain', { points: perYuan, min }) : t('loyalty.rules.redeemGeneral')}
          {rebate !== null && <> {t('loyalty.rules.rebate', { pct: rebate })}</>}
        </>
      }
    >
      <NumberField
        name="redeemPointsPerYuan"
        label={t('loyalty.rules.redeemPointsPerYuan')}
        suffix={t('loyalty.rules.pointsUnit')}
        value={v.redeemPointsPerYuan}
        onChange={(s) => set({ redeemPointsPerYuan: s })}
        error={fields.redeemPointsPerYuan}
        width={190}
      />
      <NumberField
        name="redeemMinPoints"
        label={t('loyalty.rules.redeemMinPoints')}
        suffix={t('loyalty.rules.pointsUnit')}
        value={v.redeemMinPoints}
        onChange={(s) => set({ redeemMinPoints: s })}
        error={fields.redeemMinPoints}
        width={190}
      />
    </RuleGroup>
  );
}

const AMOUNT_FIELD = { days: 'expiryDays', endOfMonth: 'expiryMonths', endOfYear: 'expiryYears' } as const;

export function ExpiryFields({ v, set, fields }: RulesFieldsProps) {
  const { t, i18n } = useTranslation();
  const kind = v.expiryKind;
  const amountField = kind === 'never' ? null : AMOUNT_FIELD[kind];
  const n = amountField ? readWhole(v[amountField]) : 0;
  const rule: ExpiryRule | null =
    n === null
      ? null
      : kind === 'never'
        ? { kind }
        : kind === 'days'
          ? { kind, days: n }
          : kind === 'endOfMonth'
            ? { kind, months: n }
            : { kind, years: n };
  const lastDay = rule && !(kind === 'days' && n === 0) ? lastDayForPointsEarnedNow(rule) : null;
  const lock = readWhole(v.lockDays);
  return (
    <RuleGroup
      title={t('loyalty.rules.expiryTitle')}
      testId="rules-expiry"
      explain={
        <>
          {rule ? expirySentence(t, rule) : t('loyalty.rules.expiryGeneral')}
          {lastDay && <> {t('loyalty.rules.expiryExample', { date: formatDate(lastDay, i18n.language) })}</>}{' '}
          {lock === null ? t('loyalty.rules.lockGeneral') : lockSentence(t, lock)}
        </>
      }
    >
      <TextField
        select
        size="small"
        label={t('loyalty.rules.expiryKind')}
        value={kind}
        onChange={(e) => set({ expiryKind: e.target.value as ExpiryKind })}
        sx={{ width: 220 }}
      >
        {EXPIRY_KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {t(`loyalty.rules.expiryKinds.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      {amountField && (
        <NumberField
          name={amountField}
          label={t(`loyalty.rules.expiryAmount.${kind}`)}
          value={v[amountField]}
          onChange={(s) => set({ [amountField]: s })}
          error={fields[amountField]}
          helper={kind === 'days' ? undefined : t(`loyalty.rules.expiryAmountHelp.${kind}`)}
        />
      )}
      <NumberField
        name="lockDays"
        label={t('loyalty.rules.lockDays')}
        suffix={t('loyalty.rules.daysUnit')}
        value={v.lockDays}
        onChange={(s) => set({ lockDays: s })}
        error={fields.lockDays}
        helper={t('loyalty.rules.lockDaysHelp')}
      />
    </RuleGroup>
  );
}

export function BonusFields({ v, set, fields }: RulesFieldsProps) {
  const { t, i18n } = useTranslation();
  const memberDayPct = readHundredths(v.memberDayMultiplier);
  const birthdayPct = readHundredths(v.birthdayMultiplier);
  const memberDay = {
    weekdays: v.memberDayWeekdays,
    dateRanges: v.memberDayRanges.filter((r) => isCalendarDate(r.from) && isCalendarDate(r.to)),
    multiplierPct: memberDayPct ?? 100,
  };
  const hasMemberDay = v.memberDayWeekdays.length > 0 || v.memberDayRanges.length > 0;
  const toggleDay = (d: number) =>
    set({ memberDayWeekdays: v.memberDayWeekdays.includes(d) ? v.memberDayWeekdays.filter((x) => x !== d) : [...v.memberDayWeekdays, d] });
  const setRange = (i: number, patch: Partial<{ from: string; to: string }>) =>
    set({ memberDayRanges: v.memberDayRanges.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <RuleGroup
      title={t('loyalty.rules.bonusTitle')}
      testId="rules-bonus"
      explain={
        <>
          {hasMemberDay && memberDayPct === null ? t('loyalty.rules.memberDayGeneral') : memberDaySentence(t, memberDay, i18n.language)}{' '}
          {birthdayPct === null ? t('loyalty.rules.birthdayGeneral') : birthdaySentence(t, birthdayPct)} {t('loyalty.rules.noStacking')}
        </>
      }
    >
      <Box sx={{ width: '100%' }}>
        <Typography variant="body2">{t('loyalty.rules.memberDayWeekdays')}</Typography>
        <FormGroup row aria-label={t('loyalty.rules.memberDayWeekdays')}>
          {WEEKDAYS.map((d) => (
            <FormControlLabel
              key={d}
              control={<Checkbox size="small" checked={v.memberDayWeekdays.includes(d)} onChange={() => toggleDay(d)} />}
              label={t(`loyalty.rules.weekdays.${d}`)}
            />
          ))}
        </FormGroup>
        {fields.memberDayWeekdays && <FormHelperText error>{fields.memberDayWeekdays}</FormHelperText>}
      </Box>
      <Stack spacing={1} sx={{ width: '100%' }}>
        <Typography variant="body2">{t('loyalty.rules.memberDayRanges')}</Typography>
        {v.memberDayRanges.map((r, i) => (
          <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <DateField
              size="small"
              name={`memberDayRanges.${i}.from`}
              label={t('loyalty.rules.rangeFrom')}
              value={r.from}
              onChange={(from) => setRange(i, { from })}
            />
            <Typography>–</Typography>
            <DateField
              size="small"
              name={`memberDayRanges.${i}.to`}
              label={t('loyalty.rules.rangeTo')}
              value={r.to}
              onChange={(to) => setRange(i, { to })}
            />
            <Button size="small" color="inherit" onClick={() => set({ memberDayRanges: v.memberDayRanges.filter((_, j) => j !== i) })}>
              {t('loyalty.remove')}
            </Button>
          </Stack>
        ))}
        {fields.memberDayRanges && <FormHelperText error>{fields.memberDayRanges}</FormHelperText>}
        <Box>
          <Button
            size="small"
            onClick={() => set({ memberDayRanges: [...v.memberDayRanges, { from: '', to: '' }] })}
            disabled={v.memberDayRanges.length >= 20}
          >
            {t('loyalty.rules.addRange')}
          </Button>
        </Box>
      </Stack>
      <NumberField
        name="memberDayMultiplier"
        label={t('loyalty.rules.memberDayMultiplier')}
        prefix="×"
        value={v.memberDayMultiplier}
        onChange={(s) => set({ memberDayMultiplier: s })}
        error={fields.memberDayMultiplier}
        helper={t('loyalty.rules.multiplierHelp')}
        width={220}
      />
      <NumberField
        name="birthdayMultiplier"
        label={t('loyalty.rules.birthdayMultiplier')}
        prefix="×"
        value={v.birthdayMultiplier}
        onChange={(s) => set({ birthdayMultiplier: s })}
        error={fields.birthdayMultiplier}
        helper={t('loyalty.rules.multiplierHelp')}
        width={220}
      />
    </RuleGroup>
  );
}
