import { useEffect, useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { isCalendarDate } from '../../../shared/text';
import { DateField } from '../../components/DateField';
import { parseRfmNumber, type RfmNumberField, type RfmParams } from './rfmParams';

interface Props {
  value: RfmParams;
  /** The date the service used when asOf is today (null). */
  shownAsOf: string;
  onChange: (value: RfmParams) => void;
}

const FIELDS: { field: RfmNumberField; label: string; help: string; step: number; width: number }[] = [
  { field: 'windowMonths', label: 'reports.rfm.windowMonths', help: 'reports.rfm.windowHelp', step: 1, width: 120 },
  { field: 'marginPct', label: 'reports.rfm.marginPct', help: 'reports.rfm.marginHelp', step: 1, width: 130 },
  { field: 'expectedYears', label: 'reports.rfm.expectedYears', help: 'reports.rfm.yearsHelp', step: 0.5, width: 130 },
];

/** Window months, as-of date, CLV margin and years. Typed numbers apply after a short pause, and only within the contract's bounds. */
export function RfmControls({ value, shownAsOf, onChange }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => ({
    windowMonths: String(value.windowMonths),
    marginPct: String(value.marginPct),
    expectedYears: String(value.expectedYears),
  }));

  // Back/forward changes the URL: show what it holds.
  useEffect(() => {
    setDraft({ windowMonths: String(value.windowMonths), marginPct: String(value.marginPct), expectedYears: String(value.expectedYears) });
  }, [value.windowMonths, value.marginPct, value.expectedYears]);

  useEffect(() => {
    const windowMonths = parseRfmNumber('windowMonths', draft.windowMonths);
    const marginPct = parseRfmNumber('marginPct', draft.marginPct);
    const expectedYears = parseRfmNumber('expectedYears', draft.expectedYears);
    if (windowMonths === null || marginPct === null || expectedYears === null) return;
    if (windowMonths === value.windowMonths && marginPct === value.marginPct && expectedYears === value.expectedYears) return;
    const timer = setTimeout(() => onChange({ ...value, windowMonths, marginPct, expectedYears }), 500);
    return () => clearTimeout(timer);
  }, [draft, value, onChange]);

  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="rfm-controls">
      {FIELDS.slice(0, 1).map((f) => numberField(f))}
      <DateField
        name="asOf"
        size="small"
        label={t('reports.rfm.asOf')}
        value={value.asOf ?? shownAsOf}
        onChange={(d) => isCalendarDate(d) && onChange({ ...value, asOf: d })}
        sx={{ width: 170 }}
      />
      {FIELDS.slice(1).map((f) => numberField(f))}
    </Stack>
  );

  function numberField({ field, label, help, step, width }: (typeof FIELDS)[number]) {
    const invalid = parseRfmNumber(field, draft[field]) === null;
    return (
      <TextField
        key={field}
        name={field}
        type="number"
        size="small"
        label={t(label)}
        value={draft[field]}
        onChange={(e) => setDraft((d) => ({ ...d, [field]: e.target.value }))}
        error={invalid}
        helperText={t(help)}
        sx={{ width }}
        slotProps={{ htmlInput: { step, inputMode: 'decimal' } }}
      />
    );
  }
}
