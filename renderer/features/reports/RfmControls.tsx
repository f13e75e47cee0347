import { useEffect, useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isCalendarDate } from '../../../shared/text';
import { DateField } from '../../components/DateField';
import { parseRfmNumber, type RfmNumberField, type RfmParams } from './rfmParams';

interface Props {
  value: RfmParams;
  /** The numbers this row edits (a constant array): the window on top of the page, margin and years in its folded model settings. */
  fields: readonly RfmNumberField[];
  /** The date the service used when asOf is today (null); the as-of field is shown only when given. */
  shownAsOf?: string;
  onChange: (value: RfmParams) => void;
  testId: string;
}

const FIELDS: Record<RfmNumberField, { label: string; help: string; step: number; width: number }> = {
  windowMonths: { label: 'reports.rfm.windowMonths', help: 'reports.rfm.windowHelp', step: 1, width: 120 },
  marginPct: { label: 'reports.rfm.marginPct', help: 'reports.rfm.marginHelp', step: 1, width: 130 },
  expectedYears: { label: 'reports.rfm.expectedYears', help: 'reports.rfm.yearsHelp', step: 0.5, width: 130 },
};

type Draft = Partial<Record<RfmNumberField, string>>;

const draftOf = (value: RfmParams, fields: readonly RfmNumberField[]): Draft =>
  Object.fromEntries(fields.map((f) => [f, String(value[f])]));

/** Some of window months, as-of date, CLV margin and years. Typed numbers apply after a short pause, and only within the contract's bounds. */
export function RfmControls({ value, fields, shownAsOf, onChange, testId }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(value, fields));
  const shownKey = fields.map((f) => value[f]).join('|');

  // Back/forward changes the URL: show what it holds. Keyed by the values, not the params object
  // (a new one each render), or every render would throw away what is being typed.
  useEffect(() => {
    setDraft(draftOf(value, fields));
  }, [shownKey]);

  useEffect(() => {
    const parsed = fields.map((f) => [f, parseRfmNumber(f, draft[f] ?? null)] as const);
    if (parsed.some(([, n]) => n === null)) return;
    if (parsed.every(([f, n]) => n === value[f])) return;
    const timer = setTimeout(() => onChange({ ...value, ...Object.fromEntries(parsed) }), 500);
    return () => clearTimeout(timer);
  }, [draft, value, fields, onChange]);

  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid={testId}>
      {fields.slice(0, 1).map(numberField)}
      {shownAsOf !== undefined && (
        <DateField
          name="asOf"
          size="small"
          label={t('reports.rfm.asOf')}
          value={value.asOf ?? shownAsOf}
          onChange={(d) => isCalendarDate(d) && onChange({ ...value, asOf: d })}
          sx={{ width: 170 }}
        />
      )}
      {fields.slice(1).map(numberField)}
    </Stack>
  );

  function numberField(field: RfmNumberField) {
    const { label, help, step, width } = FIELDS[field];
    const invalid = parseRfmNumber(field, draft[field] ?? null) === null;
    return (
      <TextField
        key={field}
        name={field}
        type="number"
        size="small"
        label={t(label)}
        value={draft[field] ?? ''}
        onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
        error={invalid}
        helperText={t(help)}
        sx={{ width }}
        slotProps={{ htmlInput: { step, inputMode: 'decimal' } }}
      />
    );
  }
}
